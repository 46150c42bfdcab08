"""The area registry: every installation knows Sweden, its counties, municipalities, RegSO
2020 and DeSO 2018 from the start (grogrund.areas.registry, SCB's lists)."""

from django.db import migrations


def load(apps, schema_editor):
    from grogrund.areas.registry.loader import load_registry

    load_registry(area_model=apps.get_model("areas", "Area"), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0005_statistics_as_published"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
