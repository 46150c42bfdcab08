"""The network's first clause templates (grogrund/procurement/clause_templates.yaml), loaded
into an empty table; later changes are the curators' own."""

from pathlib import Path

import yaml
from django.db import migrations

FILE = Path(__file__).resolve().parents[1] / "clause_templates.yaml"


def load(apps, schema_editor):
    ClauseTemplate = apps.get_model("procurement", "ClauseTemplate")
    if ClauseTemplate.objects.exists():
        return
    rows = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    ClauseTemplate.objects.bulk_create(
        ClauseTemplate(
            code=row["code"],
            kind=row["kind"],
            name_sv=row["name_sv"],
            name_en=row["name_en"],
            wording=" ".join(str(row["wording"]).split()),
            measure=row["measure"],
            unit=row["unit"],
            default_target=row.get("target"),
            default_target_group=row.get("target_group") or "",
            default_reporting_period=row["reporting_period"],
            penalty_kind=row.get("penalty", "none"),
            source=" ".join(str(row.get("source", "")).split()),
            position=(i + 1) * 10,
        )
        for i, row in enumerate(rows)
    )


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
