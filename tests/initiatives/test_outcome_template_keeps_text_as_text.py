"""An outcome text written as a formula stays text in the outcome template CSV that another
organisation's editor opens in a spreadsheet (OWASP CSV injection, issue 11)."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grogrund.initiatives.models import OutcomeMeasurement
from initiatives.builders_initiatives import make_initiative, make_outcome


def test_a_formula_like_outcome_text_is_written_behind_an_apostrophe(world):
    initiative = make_initiative(world.programme, name="Jobbspår")
    make_outcome(initiative, world.employment, text='=HYPERLINK("http://x.invalid","Klicka")')
    make_outcome(initiative, world.employment, text="-Fler i arbete")
    url = reverse(
        "initiatives:outcome_import_template",
        kwargs={"pk": world.programme.pk, "initiative": initiative.pk},
    )
    text = world.client(world.editor).get(url).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
    assert sorted(r[0] for r in rows) == sorted(
        ['\'=HYPERLINK("http://x.invalid","Klicka")', "'-Fler i arbete"]
    )

    # Filled in and imported again, the apostrophe is not part of the outcome's text.
    filled = text.replace(";2023;;", ";2023;5;").replace(";2026;;", ";2026;5;")
    upload = SimpleUploadedFile("mall.csv", filled.encode("utf-8-sig"))
    imp = reverse(
        "initiatives:outcome_import", kwargs={"pk": world.programme.pk, "initiative": initiative.pk}
    )
    response = world.client(world.editor).post(imp, {"file": upload, "source": "mall"})
    assert response.status_code == 200, response.content.decode()[:2000]
    assert OutcomeMeasurement.objects.count() == 2
