"""Measurements are recorded by or for an organisation: the programme's owner or a partner.
Measurements recorded before this belong to the programme's owner."""

import django.db.models.deletion
from django.db import migrations, models


def owner_records_existing(apps, schema_editor):
    Measurement = apps.get_model("programmes", "Measurement")
    for m in Measurement.objects.select_related("goal__programme").iterator():
        m.organisation_id = m.goal.programme.owner_id
        m.save(update_fields=["organisation"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("programmes", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="measurement",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.organisation",
                verbose_name="recorded for",
            ),
        ),
        migrations.RunPython(owner_records_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="measurement",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.organisation",
                verbose_name="recorded for",
            ),
        ),
    ]
