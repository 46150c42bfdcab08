"""The valuation editor's error box lists each error as a link to its field's id, like the
error summary of the other forms: the box takes the focus (data-error-summary, read by
static/grogrund/forms.js), and each field with an error carries aria-invalid and an
aria-describedby that points at its error text (and its help text) on the page."""

from __future__ import annotations

import re

from django.urls import reverse

from grogrund.valuations.services import starter_model
from valuations.builders_valuations import make_valuation
from valuations.form_data import form_data


def _post(world, valuation, changes):
    client = world.client(world.editor)
    url = reverse("valuations:edit", args=[world.programme.pk, valuation.pk])
    data = form_data(client.get(url).content)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content.decode()


def _box(html: str) -> str:
    return html.split('id="model-errors"')[1].split("</div>")[0]


def _tag(html: str, field_id: str) -> str:
    return re.search(rf'<[^>]*\bid="{re.escape(field_id)}"[^>]*>', html).group(0)


def test_a_form_error_is_a_link_to_its_field_which_is_marked_invalid(world):
    model = starter_model("property", start_year=2024, horizon_years=10, name="Hus")
    valuation = make_valuation(world, name="Hus", model=model)
    html = _post(
        world,
        valuation,
        {"property-improved_vacancy_rate": "fem", "settings-horizon_years": "tio"},
    )
    box = _box(html)
    box_tag = _tag(html, "model-errors")
    assert "data-error-summary" in box_tag and 'tabindex="-1"' in box_tag
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', box)
    targets = {target for target, _text in links}
    assert "id_property-improved_vacancy_rate_0" in targets, links
    horizon = next(t for t in targets if "horizon_years" in t)
    for target in ("id_property-improved_vacancy_rate_0", horizon):
        tag = _tag(html, target)  # the link's target exists on the page
        assert 'aria-invalid="true"' in tag
        described = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()
        for ref in described:
            assert f'id="{ref}"' in html, ref
        assert any(ref.endswith("_error") for ref in described)
    # Each line says where: the part of the page and the field's label.
    texts = " ".join(text for _target, text in links)
    assert "Bostadsbolagets" in texts or "housing company" in texts


def test_an_engine_error_in_a_row_is_a_link_to_that_row_s_field(world):
    model = starter_model("socioeconomic", start_year=2024, horizon_years=12, name="Jobb")
    valuation = make_valuation(world, name="Jobb", model=model)
    html = _post(world, valuation, {"effects-0-share": "140"})
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', _box(html))
    target, text = next((t, x) for t, x in links if t.startswith("id_effects-0-share"))
    assert "140" in text
    assert 'aria-invalid="true"' in _tag(html, target)


def test_a_valid_page_has_no_error_box(world):
    model = starter_model("sroi", start_year=2024, horizon_years=10, name="Läxhjälp")
    valuation = make_valuation(world, name="Läxhjälp", model=model)
    client = world.client(world.editor)
    html = client.get(reverse("valuations:edit", args=[world.programme.pk, valuation.pk]))
    assert 'id="model-errors"' not in html.content.decode()
