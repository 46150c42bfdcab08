"""The history of an effect logic names boxes by their text and tells an outcome's values in
its indicator's unit: "Målvärde: 12,0 % → 10,5 %", not 0,105454; links "Från: <box>", not
ids; the order of boxes on screen (position) is not history."""

from __future__ import annotations

import re

from django.urls import reverse

from grogrund.initiatives import services
from grogrund.initiatives.models import Initiative, Stage


def _history(client, url: str) -> str:
    html = client.get(url).content.decode()
    start = html.index('id="history"')
    text = re.sub(r"</div>|</td>|<br>", " | ", html[start : html.index("</table>", start)])
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text).replace("\u00a0", " "))


def test_outcome_values_in_percent_and_links_by_name(world):
    initiative = Initiative.objects.create(
        programme=world.programme, name="Jobbspår", owner=world.a
    )
    activity = services.create_node(
        user=world.editor,
        initiative=initiative,
        data=services.NodeData(stage=Stage.ACTIVITY, text="Coachning varje vecka"),
    )
    outcome = services.create_node(
        user=world.editor,
        initiative=initiative,
        data=services.NodeData(
            stage=Stage.SHORT_TERM,
            text="Färre arbetslösa",
            indicator=world.unemployment,
            baseline_value=0.15,
            baseline_year=2022,
            target_value=0.12,
            target_year=2030,
            comes_from=(activity,),
        ),
    )
    services.update_node(
        user=world.editor,
        node=outcome,
        data=services.NodeData(
            stage=Stage.SHORT_TERM,
            text="Färre arbetslösa",
            indicator=world.unemployment,
            baseline_value=0.15,
            baseline_year=2022,
            target_value=0.105454,
            target_year=2030,
        ),
    )
    url = reverse("initiatives:detail", args=[world.programme.pk, initiative.pk])
    text = _history(world.client(world.viewer), url)
    assert "Målvärde: 12,0 % → 10,5 %" in text
    assert "Utgångsvärde: 15,0 %" in text and "Målår: 2030" in text
    assert "Indikator: Arbetslösa" in text
    assert "Från: Coachning varje vecka" in text and "Till: Färre arbetslösa" in text
    assert "0,105454" not in text and "0,12" not in text
    assert "osition" not in text  # neither "position" nor "Position"
    assert not re.search(r"(Från|Till): \d", text)
