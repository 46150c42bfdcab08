"""A tenant survey's answer counts become the top-box index and the mean on 0–100.

Worked example, checked by hand: "Jag känner mig trygg i mitt bostadsområde", four-point scale,
12 / 30 / 41 / 17 answers on steps 1–4 and 5 "Vet ej":
- valid answers = 12 + 30 + 41 + 17 = 100 ("vet ej" is not a valid answer);
- index (top two steps, AktivBo style) = (41 + 17) / 100 = 58 %;
- mean on 0–100 = (12 × 0 + 30 × 33.33 + 41 × 66.67 + 17 × 100) / 100 = 54.33
  (step s of an n-point scale scores (s − 1) / (n − 1) × 100, as SCB's betygsindex does).
"""

import pytest
import yaml

from grogrund.sources.survey import SurveyDefinition, SurveyReader

from .survey_helpers import FIXTURES, definition, figures, wide_csv


def test_the_top_two_share_is_58_percent_and_the_mean_54_33(tmp_path):
    path = wide_csv(tmp_path, ["1480C1010;Q3;12;30;41;17;5"])
    survey = definition(indices=[{"questions": ["Q3"], "share": "trygg", "mean": "trygg_medel"}])
    result = figures(path, survey)
    share = result[("1480C1010", "trygg")]
    assert (share.numerator, share.denominator, share.value) == (58, 100, 0.58)
    mean = result[("1480C1010", "trygg_medel")]
    assert mean.denominator == 100
    assert mean.numerator == pytest.approx(30 * 100 / 3 + 41 * 200 / 3 + 17 * 100)
    assert mean.value == pytest.approx(54.33, abs=0.005)
    assert share.period == "2024" and share.source == "enkat.csv"


def _fixture(name):
    survey = SurveyDefinition.from_dict(
        yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))
    )
    reader = SurveyReader(FIXTURES / f"{name}.csv", survey)
    return {(r.area_code, r.indicator_code): r for r in reader.records()}, reader


def test_the_wide_fixture_gives_three_hand_checked_figures():
    result, _reader = _fixture("hyresgastenkat_wide")
    # Q3 of 1480C1010 is the worked example above.
    assert result[("1480C1010", "trygg_i_omradet")].value == 0.58
    # Serviceindex of 1480C1020 (Q12: 1/1/4/4): (4 + 4) / 10 = 80 %.
    assert result[("1480C1020", "serviceindex")].value == 0.8
    # Response rate of 1480C1010: 105 respondents (12+30+41+17+5) of 200 invited = 52.5 %.
    rate = result[("1480C1010", "enkat_svarsfrekvens")]
    assert (rate.numerator, rate.denominator, rate.value) == (105, 200, 0.525)
    assert rate.source == "Hyresgästenkät 2024 (fiktiv)"


def test_the_long_fixture_with_labelled_five_point_steps_gives_hand_checked_figures():
    result, _reader = _fixture("hyresgastenkat_long")
    # 3/7/20/40/30 on "1 Mycket missnöjd" … "5 Mycket nöjd", 2 "Ej svar".
    share = result[("1480C1010", "nojd_boende")]
    assert (share.numerator, share.denominator) == (70, 100)
    # (7 × 25 + 20 × 50 + 40 × 75 + 30 × 100) / 100 = 71.75
    assert result[("1480C1010", "nojd_boende_medel")].value == pytest.approx(71.75)
    # Respondents include "Ej svar": 100 + 2; "-" is SCB's "nothing to report", 0.
    assert result[("1480C1010", "enkat_svarande_5")].value == 102
    assert result[("1480C1020", "enkat_svarande_5")].value == 10
