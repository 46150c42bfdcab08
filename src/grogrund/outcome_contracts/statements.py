"""A period's statement of a contract, as the reader's role may see it: the outcomes reported
and verified, what each payer owes and has paid, what is left of the caps, and the investor's
figures. One set of figures (`statement`) is written as XLSX (`statement_xlsx`, every text cell
through engine/cells.py) and drawn as PDF (`statement_pdf`, through grogrund/reports/pdf.py)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from grogrund.engine.cells import keep_as_text
from grogrund.outcome_contracts.selectors import ContractLedger, Standing
from grogrund.programmes.history_text import person_name


@dataclass
class OutcomeLine:
    metric: str
    baseline: float
    reported: int | None
    verified: int | None
    status: str
    gain: float | None
    price_sek: float
    raw_sek: float | None
    due_sek: float | None
    limited_by: str
    verified_by: str
    verified_at: datetime | None
    cap_left_sek: float | None


@dataclass
class PayerLine:
    payer: str
    share: float
    due_sek: float
    paid_sek: float
    left_sek: float
    cap_left_sek: float | None


@dataclass
class Statement:
    contract: str
    commissioner: str
    period: int
    periods: int
    start: date
    end: date
    made: datetime
    outcomes: list[OutcomeLine]
    payers: list[PayerLine] = field(default_factory=list)
    shows_payments: bool = False
    due_sek: float = 0.0
    paid_sek: float = 0.0
    total_due_sek: float = 0.0
    total_cap_left_sek: float | None = None
    period_cap_left_sek: float | None = None
    investor: dict[str, float | None] | None = None


def _limited(kinds: tuple[str, ...]) -> str:
    names = {
        "metric": _("the outcome's cap"),
        "period": _("the cap per period"),
        "total": _("the cap in total"),
        "payer": _("a payer's cap"),
    }
    return ", ".join(str(names.get(k, k)) for k in kinds)


def statement(ledger: ContractLedger, st: Standing, period: int) -> Statement:
    row = ledger.period(period)
    if row is None:
        raise ValueError(period)
    contract = ledger.contract
    outcomes = []
    for cell in row.cells:
        r = cell.report
        outcomes.append(
            OutcomeLine(
                metric=cell.metric.name,
                baseline=cell.metric.baseline,
                reported=r.value if r else None,
                verified=r.verified_value if r else None,
                status=str(r.get_status_display()) if r else _("Not reported"),
                gain=cell.gain,
                price_sek=cell.price_sek,
                raw_sek=cell.raw_sek if st.sees_payments else None,
                due_sek=cell.due_sek if st.sees_payments else None,
                limited_by=_limited(cell.limited_by) if st.sees_payments else "",
                verified_by=person_name(r.verified_by) if r and r.verified_by else "",
                verified_at=r.verified_at if r else None,
                cap_left_sek=ledger.metric_left_sek(cell.metric) if st.sees_payments else None,
            )
        )
    out = Statement(
        contract=contract.name,
        commissioner=contract.owner.name,
        period=period,
        periods=contract.periods,
        start=row.start,
        end=row.end,
        made=timezone.localtime(),
        outcomes=outcomes,
        shows_payments=st.sees_payments,
    )
    if st.sees_payments:
        for p in ledger.payers:
            if not (st.sees_all_payments or st.investor or st.sees_payments_of(p.organisation_id)):
                continue
            out.payers.append(
                PayerLine(
                    payer=p.organisation.name,
                    share=float(p.share or 0),
                    due_sek=row.due_by_payer.get(p.organisation_id, 0.0),
                    paid_sek=row.paid_by_payer.get(p.organisation_id, 0.0),
                    left_sek=row.left_for(p.organisation_id),
                    cap_left_sek=ledger.payer_left_sek(p.organisation_id)
                    if st.sees_payments_of(p.organisation_id)
                    else None,
                )
            )
        out.due_sek = sum(line.due_sek for line in out.payers)
        out.paid_sek = sum(line.paid_sek for line in out.payers)
        out.total_due_sek = ledger.total_due_sek
        out.total_cap_left_sek = ledger.total_left_sek
        left = ledger.result.period_left_ore(period)
        out.period_cap_left_sek = None if left is None else left / 100
    if st.sees_investor and ledger.investor is not None:
        inv = ledger.investor
        out.investor = {
            "paid_in_sek": inv.paid_in_sek,
            "received_sek": inv.received_sek,
            "irr_to_date": inv.irr_to_date,
            "multiple_to_date": inv.multiple_to_date,
            "irr_projected": inv.irr_projected,
            "multiple_projected": inv.multiple_projected,
        }
    return out


# --- XLSX -------------------------------------------------------------------------------------

#: Excel's number format codes are written in the invariant form; the reader's spreadsheet
#: shows them with its own separators (1 234,50 kr in Swedish).
MONEY_FORMAT = '#,##0.00 "kr"'


def statement_xlsx(s: Statement) -> bytes:
    """The statement as a workbook: one sheet, texts as text (never formulas)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Statement")[:31]
    bold = Font(bold=True)
    text_cells = []

    def row(*values: Any, heading: bool = False) -> None:
        sheet.append(list(values))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                text_cells.append(cell)
            if heading:
                cell.font = bold

    row(s.contract, heading=True)
    row(_("Commissioner"), s.commissioner)
    row(_("Period"), _("%(n)s of %(total)s") % {"n": s.period, "total": s.periods})
    row(_("From"), s.start)
    row(_("To"), s.end)
    row(_("Made"), s.made.replace(tzinfo=None))
    row()
    row(
        _("Outcome"),
        _("Baseline (people)"),
        _("Reported (people)"),
        _("Verified (people)"),
        _("Status"),
        _("Beyond the baseline (people)"),
        _("Price per person (kr)"),
        _("Before caps (kr)"),
        _("Due (kr)"),
        _("Held by"),
        _("Verified by"),
        _("Left of the outcome's cap (kr)"),
        heading=True,
    )
    for o in s.outcomes:
        row(
            o.metric,
            o.baseline,
            o.reported,
            o.verified,
            o.status,
            o.gain,
            o.price_sek,
            o.raw_sek,
            o.due_sek,
            o.limited_by,
            o.verified_by,
            o.cap_left_sek,
        )
        for cell in sheet[sheet.max_row][6:9] + sheet[sheet.max_row][11:12]:
            cell.number_format = MONEY_FORMAT
    if s.shows_payments:
        row()
        row(
            _("Payer"),
            _("Share"),
            _("Due (kr)"),
            _("Paid (kr)"),
            _("Left to pay (kr)"),
            _("Left of the payer's cap (kr)"),
            heading=True,
        )
        for p in s.payers:
            row(p.payer, p.share, p.due_sek, p.paid_sek, p.left_sek, p.cap_left_sek)
            sheet.cell(sheet.max_row, 2).number_format = "0.00%"
            for col in (3, 4, 5, 6):
                sheet.cell(sheet.max_row, col).number_format = MONEY_FORMAT
        row(_("Total this period"), None, s.due_sek, s.paid_sek, s.due_sek - s.paid_sek)
        row(_("Due in total so far (kr)"), s.total_due_sek)
        row(_("Left of the cap in total (kr)"), s.total_cap_left_sek)
        row(_("Left of the cap for this period (kr)"), s.period_cap_left_sek)
    if s.investor is not None:
        row()
        row(_("The investor"), heading=True)
        row(_("Paid in to date (kr)"), s.investor["paid_in_sek"])
        row(_("Received to date (kr)"), s.investor["received_sek"])
        row(_("IRR to date"), s.investor["irr_to_date"])
        row(_("Money multiple to date"), s.investor["multiple_to_date"])
        row(_("IRR projected to the end of the term"), s.investor["irr_projected"])
        row(_("Money multiple projected to the end of the term"), s.investor["multiple_projected"])
    keep_as_text(text_cells)
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
