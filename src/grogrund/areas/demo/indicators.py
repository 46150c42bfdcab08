"""The demo's indicator catalogue: names, units, kinds and sources as in the real statistics."""

from __future__ import annotations

# code, sv, en, unit, kind, direction, source, base sv, base en
INDICATORS: list[tuple[str, str, str, str, str, str, str, str, str]] = [
    ("employment_20_64", "Förvärvsarbetande 20–64 år", "Employed, aged 20–64", "andel", "share",
     "higher_is_better", "SCB TAB6680 (fiktiva demovärden)", "invånare 20–64 år",
     "residents aged 20–64"),
    ("eligible_upper_secondary", "Behöriga till gymnasiets yrkesprogram, åk 9",
     "Year-9 pupils eligible for upper-secondary vocational programme", "andel", "share",
     "higher_is_better", "Kolada N15428 (fiktiva demovärden)", "elever i åk 9", "year-9 pupils"),
    ("economic_assistance", "Invånare med ekonomiskt bistånd", "Residents receiving economic "
     "assistance", "andel", "share", "lower_is_better", "Kolada N31807 (fiktiva demovärden)",
     "invånare", "residents"),
    ("unemployment_16_64", "Arbetslösa 16–64 år", "Unemployed, aged 16–64", "andel", "share",
     "lower_is_better", "Kolada N03937 (fiktiva demovärden)", "invånare 16–64 år",
     "residents aged 16–64"),
    ("low_economic_standard", "Låg ekonomisk standard", "Low economic standard", "andel",
     "share", "lower_is_better", "SCB TAB6681 (fiktiva demovärden)", "invånare", "residents"),
    ("post_secondary_education", "Eftergymnasial utbildning 25–64 år",
     "Post-secondary education, aged 25–64", "andel", "share", "higher_is_better",
     "SCB TAB6534 (fiktiva demovärden)", "invånare 25–64 år", "residents aged 25–64"),
    ("population", "Folkmängd", "Population", "personer", "count", "higher_is_better",
     "SCB TAB6574 (fiktiva demovärden)", "", ""),
    ("median_income", "Medianinkomst 20+ år", "Median income, aged 20+", "kr", "money",
     "higher_is_better", "SCB TAB6685 (fiktiva demovärden)", "invånare 20+ år",
     "residents aged 20+"),
    ("vacancy_rate", "Vakansgrad", "Vacancy rate", "andel", "share", "lower_is_better",
     "Bostadsbolagets uthyrningssystem (fiktivt)", "lägenheter", "apartments"),
    ("turnover_rate", "Omflyttningsgrad", "Tenant turnover rate", "andel", "share",
     "lower_is_better", "Bostadsbolagets uthyrningssystem (fiktivt)", "lägenheter",
     "apartments"),
    ("vandalism_cost_per_apartment", "Skadegörelse per lägenhet", "Vandalism cost per apartment",
     "kr", "money", "lower_is_better", "Bostadsbolagets ekonomisystem (fiktivt)", "lägenheter",
     "apartments"),
    ("safety_index", "Trygghetsindex (hyresenkät)", "Safety index (tenant survey)", "andel",
     "share", "higher_is_better", "Hyresgästenkät, AktivBo-liknande skala (fiktiv)",
     "svarande", "respondents"),
    ("satisfaction_index", "Trivselindex (hyresenkät)", "Satisfaction index (tenant survey)",
     "andel", "share", "higher_is_better", "Hyresgästenkät, AktivBo-liknande skala (fiktiv)",
     "svarande", "respondents"),
]
