"""The portfolio review page: for each initiative its cost, the outcome achieved, the cost per
outcome and a suggestion with its reasons — numbers checked by hand."""

from __future__ import annotations

from django.urls import reverse

from initiatives.builders_initiatives import make_initiative, make_outcome, measure


def _text(html: str) -> str:
    import re

    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def test_scale_up_the_cheap_one_on_track_and_stop_the_dear_one_at_risk(world):
    # Jobs: 4 800 000 kr; employment 55 % (2022) → 62 % (2030), 59,5 % in 2025:
    #   +4,5 of +7 points = 64,29 % met; trajectory 57,625 % → pace 4,5/2,625 = 171 %;
    #   4 800 000 / 64,29 = 74 667 kr per percent; 4 800 000 / 4,5 = 1 066 667 kr per point.
    jobs = make_initiative(world.programme, name="Jobbspår", budget=4_800_000)
    measure(make_outcome(jobs, world.employment, goal=world.goal), 2025, 0.595)
    # Safety: 1 000 000 kr; unemployment 17 % → 12 % (2027), 16,5 % in 2025: −0,5 of −5 points
    #   = 10 %; trajectory 14 % → pace 0,5/3 = 17 % (at risk, 3 years followed);
    #   1 000 000 / 10 = 100 000 kr per percent; 1 000 000 / 0,5 = 2 000 000 kr per point.
    other = make_initiative(world.programme, name="Trygghet", budget=1_000_000)
    measure(
        make_outcome(
            other,
            world.unemployment,
            text="Färre arbetslösa",
            baseline=0.17,
            target=0.12,
            target_year=2027,
        ),
        2025,
        0.165,
    )
    c = world.client(world.partner_viewer)
    page = c.get(
        reverse("initiatives:portfolio", kwargs={"pk": world.programme.pk})
    ).content.decode()
    table = page.split('id="portfolio"')[1].split("</table>")[0]
    jobs_part, other_part = (_text(p) for p in table.split('class="initiative-row"')[1:])
    assert "Skala upp" in jobs_part
    assert (
        "4\u00a0800\u00a0000\u00a0kr" in jobs_part
        and "64 %" in jobs_part
        and "171\u00a0%" in jobs_part
    )
    assert "74\u00a0667\u00a0kr" in jobs_part
    assert "1\u00a0066\u00a0667\u00a0kr per procentenhet" in jobs_part
    assert "+4,5\u00a0p.e. av +7,0\u00a0p.e." in jobs_part
    assert "under programmets median (87\u00a0333\u00a0kr)" in jobs_part
    assert "Avsluta" in other_part
    assert (
        "10 %" in other_part and "17\u00a0%" in other_part and "100\u00a0000\u00a0kr" in other_part
    )
    assert "2\u00a0000\u00a0000\u00a0kr per procentenhet" in other_part
    assert "I riskzonen" in other_part and "över programmets median" in other_part
    assert "87\u00a0333\u00a0kr" in _text(page.split('id="portfolio-rules"')[1])


def test_an_initiative_without_measurements_cannot_be_judged_yet(world):
    make_outcome(
        make_initiative(world.programme, name="Ny insats", budget=500_000), world.employment
    )
    c = world.client(world.editor)
    page = _text(
        c.get(reverse("initiatives:portfolio", kwargs={"pk": world.programme.pk})).content.decode()
    )
    assert "Kan inte bedömas än" in page
    assert (
        "Inget utfall har indikator, utgångsläge och mål och en mätning efter utgångsåret." in page
    )
