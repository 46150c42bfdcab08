"""A data generation per scope of data (grogrund.core.generation): a row each on SQLite, a
sequence each on PostgreSQL. The one generation there was goes on as the accounts scope, and
every new scope starts from its number: a page cached under the one generation (or a database
restored from a backup made before the scopes, see grogrund.core.backup) never meets a number
it has already seen."""

from typing import Any

from django.db import migrations, models

SEQUENCE = "core_data_generation_seq"
# As grogrund.core.generation.SCOPES when this was written; the accounts scope keeps SEQUENCE.
SCOPES = ("accounts", "statistics", "methods", "programmes", "follow_up", "history", "other")


def create_scopes(apps: Any, schema_editor: Any) -> None:
    DataGeneration = apps.get_model("core", "DataGeneration")
    there = DataGeneration.objects.filter(scope="accounts").first()
    start = there.value if there is not None else 0
    for number, scope in enumerate(SCOPES, start=1):  # accounts is the row there was (id 1)
        if not DataGeneration.objects.filter(scope=scope).exists():
            DataGeneration.objects.create(pk=number, scope=scope, value=start)
    if schema_editor.connection.vendor == "postgresql":
        # Rows were written with their ids: the table's own id sequence goes on after them.
        schema_editor.execute(
            "SELECT setval(pg_get_serial_sequence('core_datageneration', 'id'), "
            "(SELECT MAX(id) FROM core_datageneration))"
        )
        for scope in SCOPES:
            name = SEQUENCE if scope == "accounts" else f"{SEQUENCE}_{scope}"
            schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {name}")
            if name != SEQUENCE:
                schema_editor.execute(
                    f"SELECT setval('{name}', last_value, is_called) FROM {SEQUENCE}"
                )


def drop_scopes(apps: Any, schema_editor: Any) -> None:
    apps.get_model("core", "DataGeneration").objects.exclude(scope="accounts").delete()
    if schema_editor.connection.vendor == "postgresql":
        for scope in SCOPES:
            if scope != "accounts":
                schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}_{scope}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_data_generation")]

    operations = [
        # The one row there was (id 1) becomes the accounts scope's.
        migrations.AddField(
            model_name="datageneration",
            name="scope",
            field=models.CharField(default="accounts", max_length=20, unique=True),
            preserve_default=False,
        ),
        migrations.RunPython(create_scopes, drop_scopes),
    ]
