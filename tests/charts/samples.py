"""One of each chart, with long labels, for the tests of what every chart must do."""

from __future__ import annotations

from grogrund.charts import BarItem, Series, bar_chart, line_chart
from grogrund.charts.budget import Stack
from grogrund.charts.budget import stacked_bar_chart as budget_chart
from grogrund.charts.effect_logic import Arrow, Box, effect_logic_diagram
from grogrund.charts.followup import Measured, followup_chart, sparkline
from grogrund.charts.valuation import (
    StackSeries,
    TornadoRow,
    break_even_chart,
    histogram_chart,
    stacked_bar_chart,
    tornado_chart,
)

LONG = "Kostnader (alla betalar), varav kommunen den största delen och regionen resten"
STAKEHOLDERS = [
    "Kommunen",
    "Arbetsförmedlingen",
    "Försäkringskassan",
    "Regionen",
    "Rättsväsendet",
    "Individen",
    "Produktion/samhället",
    "Övriga",
    "Bostadsbolaget",
    "Investeraren",
]
YEARS = [str(y) for y in range(2024, 2036)]


def fmt(v: float) -> str:
    return f"{v:,.0f} kr".replace(",", " ")


def valuation_benefits() -> str:
    series = [
        StackSeries(name, [1000.0 * (k + 1)] * len(YEARS)) for k, name in enumerate(STAKEHOLDERS)
    ]
    series.append(StackSeries(LONG, [-5000.0] * len(YEARS), "#595959", hatched=True))
    return stacked_bar_chart(YEARS, series, title="Nyttor per aktör", format_value=fmt)


def all_charts() -> dict[str, str]:
    return {
        "line": line_chart(
            [
                Series("Norrbacka", [(y, 0.5 + k / 100) for k, y in enumerate(YEARS)], True),
                Series(LONG, [(y, 0.6) for y in YEARS]),
                Series("Riket", [(y, 0.7) for y in YEARS]),
            ],
            title="Förvärvsarbetande över tid",
            format_y=lambda v: f"{v * 100:.0f} %",
            width=340,
        ),
        "bar": bar_chart(
            [BarItem(LONG, 120.0), BarItem("Arbetslösa", -30.0)],
            title="Gap i personer",
            format_value=lambda v: f"{v:+.0f}",
        ),
        "budget": budget_chart(
            YEARS[:5],
            [Stack(name, [100.0] * 5) for name in STAKEHOLDERS[:4]] + [Stack(LONG, [50.0] * 5)],
            title="Budget",
            format_value=fmt,
            total_label="totalt",
            width=880,
        ),
        "benefits": valuation_benefits(),
        "break_even": break_even_chart(
            YEARS,
            [-1000.0 + 300 * k for k in range(len(YEARS))],
            break_even_label="2028",
            marker_text="break-even 2028",
            title="Ackumulerat",
            format_value=fmt,
        ),
        "histogram": histogram_chart(
            [-2000.0, -1000.0, 0.0, 1000.0, 2000.0],
            [1, 3, 5, 1],
            markers=[("P10", -1500.0), ("P50", 200.0), ("P90", 1400.0)],
            title="Fördelning",
            format_value=fmt,
        ),
        "tornado": tornado_chart(
            [TornadoRow(LONG, 10.0, 90.0, LONG), TornadoRow("Dödvikt", 60.0, 40.0)],
            base_value=50.0,
            title="Tornado",
            low_label="indata på sitt låga värde",
            high_label="indata på sitt höga värde",
            format_value=fmt,
        ),
        "followup": followup_chart(
            {2024: 0.55, 2028: 0.66},
            [Measured(2025, 0.58, "on_track"), Measured(2026, 0.57, "behind")],
            title="Mål och uppföljning",
            labels={
                "trajectory": "Målbana",
                "measured": "Uppmätt",
                "target": "Mål",
                "on_track": "I fas",
                "behind": "Efter",
                "at_risk": "I riskzonen",
            },
            format_y=lambda v: f"{v * 100:.0f} %",
        ),
        "sparkline": sparkline(
            {2024: 0.55, 2028: 0.66}, [Measured(2025, 0.58, "on_track")], title="t", desc="d"
        ),
        "effect_logic": effect_logic_diagram(
            ["Behov", "Aktiviteter", "Prestationer", "Kortsiktiga", "Långsiktiga", "Effekt"],
            [
                Box(1, 0, "Låg sysselsättning bland unga vuxna", details=(LONG,)),
                Box(2, 1, "Läxhjälp", problem="Leder inte till något resultat"),
            ],
            [Arrow(1, 2)],
            title="Effektlogik",
            empty_label="saknas",
            notes=[LONG],
            notes_title="Antaganden",
        ),
    }
