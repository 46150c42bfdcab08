"""The handslag budget's figures as XLSX, CSV and JSON (issue 12): each partner's commitment
(money, staff hours valued at its hourly cost, in kind, signed or not), the common budget per
partner and year, and each partner's amounts per year, read by `selectors.partnership` as the
partnership page reads them (partnerships.calculations).

In the workbook the derived figures are formulas over the amounts beside them: staff time's
value = hours × hourly cost, a partner's total = money + staff time's value + in kind, and the
totals are sums of the rows above."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grogrund.core.exports import Cell, Column, Export, Kind, Source, Table, page_download
from grogrund.partnerships import selectors
from grogrund.programmes.exports import visible_programme
from grogrund.programmes.models import Programme

STAFF_VALUE = "={staff_hours}*{hourly_cost}"
TOTAL = "={money}+{staff_value}+{in_kind}"


def _role(row: selectors.PartnerRow) -> str:
    if row.is_owner:
        return _("leads the programme")
    if not row.is_partner:
        return _("no longer a partner")
    return _("partner")


def _partners_table(part: selectors.Partnership) -> Table:
    columns = [
        Column("partner", _("Partner")),
        Column("role", _("Role")),
        Column("money", _("Money"), Kind.MONEY, decimals=0),
        Column("staff_hours", _("Staff hours"), Kind.NUMBER, decimals=0),
        Column("hourly_cost", _("Hourly cost of staff time"), Kind.MONEY, decimals=0),
        Column("staff_value", _("Staff time, value"), Kind.MONEY, decimals=0),
        Column("in_kind", _("In kind"), Kind.MONEY, decimals=0),
        Column("total", _("Total"), Kind.MONEY, decimals=0),
        Column("in_kind_description", _("What is given in kind")),
        Column("signed", _("Signed")),
        Column("signed_by", _("Signed by")),
        Column("signed_at", _("Signed on"), Kind.DATE),
        Column("note", _("Note")),
    ]
    rows = []
    for r in part.rows:
        c, t = r.commitment, r.totals
        if c is None or t is None:
            rows.append(
                [r.organisation.name, _role(r), *[None] * 10, _("No commitment recorded yet.")]
            )
            continue
        rows.append(
            [
                r.organisation.name,
                _role(r),
                t.money_sek,
                t.staff_hours,
                t.hourly_cost_sek,
                Cell(t.staff_value_sek, formula=STAFF_VALUE),
                t.in_kind_sek,
                Cell(t.total_sek, formula=TOTAL),
                c.in_kind_description,
                _("yes") if r.is_signed else _("no"),
                str(c.signed_by) if c.signed_by else "",
                timezone.localtime(c.signed_at).date() if c.signed_at else None,
                "",
            ]
        )
    b = part.budget
    totals = [
        [
            _("Total"),
            None,
            Cell(b.money_sek, formula="=SUM({money[]})"),
            Cell(b.staff_hours, formula="=SUM({staff_hours[]})"),
            None,
            Cell(b.staff_value_sek, formula="=SUM({staff_value[]})"),
            Cell(b.in_kind_sek, formula="=SUM({in_kind[]})"),
            Cell(b.total_sek, formula="=SUM({total[]})"),
            None,
            f"{part.signed_count} / {len(part.rows)}",
            None,
            None,
            None,
        ]
    ]
    return Table("partners", _("Commitments"), columns, rows, totals)


def _years_table(part: selectors.Partnership) -> Table:
    years = part.budget.years
    keys = [f"y{y}" for y in years]
    columns = [
        Column("partner", _("Partner")),
        *(Column(k, str(y), Kind.MONEY, decimals=0) for k, y in zip(keys, years, strict=True)),
        Column("total", _("Total"), Kind.MONEY, decimals=0),
    ]
    row_total = f"=SUM({{{keys[0]}}}:{{{keys[-1]}}})" if keys else None
    rows = [
        [r.organisation.name, *values, Cell(r.totals.total_sek, formula=row_total)]
        for r, values in part.budget_rows
        if r.totals is not None
    ]
    totals = []
    if rows:
        totals.append(
            [
                _("Total"),
                *(
                    Cell(v, formula=f"=SUM({{{k}[]}})")
                    for k, v in zip(keys, part.year_totals, strict=True)
                ),
                Cell(part.budget.total_sek, formula="=SUM({total[]})"),
            ]
        )
    return Table("years", _("Budget per year"), columns, rows, totals, file_part=_("per-year"))


def _partner_years_table(part: selectors.Partnership) -> Table:
    columns = [
        Column("partner", _("Partner")),
        Column("year", _("Year"), Kind.YEAR),
        Column("money", _("Money"), Kind.MONEY, decimals=0),
        Column("staff_hours", _("Staff hours"), Kind.NUMBER, decimals=0),
        Column("hourly_cost", _("Hourly cost of staff time"), Kind.MONEY, decimals=0),
        Column("staff_value", _("Staff time, value"), Kind.MONEY, decimals=0),
        Column("in_kind", _("In kind"), Kind.MONEY, decimals=0),
        Column("total", _("Total"), Kind.MONEY, decimals=0),
    ]
    rows: list[list[Any]] = []
    for r in part.rows:
        if r.commitment is None:
            continue
        for y in selectors.commitment_year_rows(r.commitment):
            rows.append(
                [
                    r.organisation.name,
                    y.year,
                    y.money_sek,
                    y.staff_hours,
                    float(r.commitment.hourly_cost_sek),
                    Cell(y.staff_value_sek, formula=STAFF_VALUE),
                    y.in_kind_sek,
                    Cell(y.total_sek, formula=TOTAL),
                ]
            )
    return Table(
        "partner_years",
        _("Per partner and year"),
        columns,
        rows,
        file_part=_("per-partner-and-year"),
    )


def _sources(part: selectors.Partnership) -> list[Source]:
    """Each partner's own commitment is the source of its figures: when it last changed, and
    whether it is signed."""
    out = []
    for r in part.rows:
        c = r.commitment
        if c is None:
            continue
        signed = (
            _("signed %(date)s") % {"date": timezone.localtime(c.signed_at).date().isoformat()}
            if c.signed_at
            else _("not signed")
        )
        out.append(
            Source(
                _("Commitment of %(partner)s") % {"partner": r.organisation.name},
                timezone.localtime(c.updated_at).date() if c.updated_at else None,
                signed,
            )
        )
    return out


def budget_export(user: Any, programme: Programme, *, page_url: str = "") -> Export:
    """The handslag budget of a programme the caller has found visible."""
    part = selectors.partnership(user, programme)
    return Export(
        kind="budget",
        title=_("Handslag budget: %(programme)s") % {"programme": programme.name},
        file_prefix=_("budget"),
        subject=programme.name,
        tables=[_partners_table(part), _years_table(part), _partner_years_table(part)],
        sources=_sources(part),
        notes=[
            _(
                "Staff hours are valued at each partner's hourly cost; in kind at the value the "
                "partner gives."
            ),
            _(
                "The amounts are what each partner has recorded itself; a commitment is binding "
                "once the partner has signed it."
            ),
            _(
                "In the workbook the value of staff time, each total and the sums are formulas "
                "over the amounts beside them."
            ),
        ],
        page_url=page_url,
    )


def budget_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    programme = visible_programme(request.user, pk)
    url = request.build_absolute_uri(reverse("partnerships:detail", args=[programme.pk]))
    return page_download(request, fmt, lambda: budget_export(request.user, programme, page_url=url))
