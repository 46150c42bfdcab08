from typing import Any

from django.db import migrations, models

SEQUENCE = "core_data_generation_seq"


def create_counter(apps: Any, schema_editor: Any) -> None:
    apps.get_model("core", "DataGeneration").objects.create(pk=1, value=0)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")


def drop_counter(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="DataGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "data generation",
                "verbose_name_plural": "data generations",
            },
        ),
        migrations.RunPython(create_counter, drop_counter),
    ]
