"""Forms that edit an engine model (docs/valuation-model.md) field by field.

The page is made of a settings form, a form for the kind's own block (property, contract) and
formsets for the lists (costs, outcomes, effects, metrics). `build_model` turns them back into
the engine's model dict; the engine then validates it, and `attach_issues` puts each of its
issues (which name a path such as ``outcomes[2].deadweight``) next to the field it concerns.

An uncertain input is a `QuantityField`: a likely value and, optionally, a range (low, high and
a distribution) for the Monte Carlo simulation.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from grogrund.engine.errors import Issue
from grogrund.engine.valuebank import load_value_bank
from grogrund.valuations.forms.inputs import (
    parse_stakeholder_names,
    stakeholder_choices,
    value_bank_choices,
)
from grogrund.valuations.forms.rows import (
    ContractForm,
    CostForm,
    EffectForm,
    MetricForm,
    OverrideForm,
    PropertyForm,
    SettingsForm,
    SocioOutcomeForm,
    SroiOutcomeForm,
)
from grogrund.valuations.issues import issue_message
from grogrund.valuations.models import ValuationKind

# --- adding and removing rows before saving -----------------------------------------------------


def list_keys(kind: str) -> list[str]:
    """The lists (formset prefixes) of a kind's editor, in page order."""
    return [key for key, _form in LIST_FORMS.get(kind, [])] + ["overrides"]


@dataclass(frozen=True)
class RowChange:
    """A row added to or removed from one list by its button ("add" = list, "remove" = the
    row's prefix such as ``costs-2``): the page is shown again with the change, nothing saved."""

    action: str  # "add" or "remove"
    key: str
    index: int | None = None

    @classmethod
    def from_post(cls, data: Any, kind: str) -> RowChange | None:
        keys = list_keys(kind)
        add = data.get("add")
        if add in keys:
            return cls("add", add)
        key, _sep, index = str(data.get("remove") or "").rpartition("-")
        if key in keys and index.isdigit():
            return cls("remove", key, int(index))
        return None

    def apply(self, data: Any) -> Any:
        """The posted data with the change made (a copy)."""
        out = data.copy()
        try:
            total = max(int(out.get(f"{self.key}-TOTAL_FORMS") or 0), 0)
        except ValueError:
            total = 0
        if self.action == "add":
            out[f"{self.key}-TOTAL_FORMS"] = str(min(total + 1, MAX_ROWS))
        elif self.index is not None and self.index < total:
            out[f"{self.key}-{self.index}-DELETE"] = "on"
        return out


#: More rows than any valuation needs; formsets refuse more than 1000 anyway.
MAX_ROWS = 500


@dataclass
class Row:
    form: forms.Form
    number: int
    removed: bool
    new: bool


@dataclass
class Section:
    """One list of the editor as the page shows it: its rows, without the removed ones."""

    key: str
    formset: Any
    title: Any
    add_label: Any
    help: Any
    rows: list[Row]
    change: RowChange | None = None

    @property
    def status(self) -> str:
        if self.change is None or self.change.key != self.key:
            return ""
        if self.change.action == "add":
            return str(_("A row was added. Nothing is saved until you press “Save and calculate”."))
        return str(_("The row was removed. Nothing is saved until you press “Save and calculate”."))

    @property
    def focus_add_button(self) -> bool:
        """After a removal the section's add button has the focus (the row's button is gone)."""
        c = self.change
        return c is not None and c.key == self.key and c.action == "remove"


# --- the whole editor ---------------------------------------------------------------------------

LIST_FORMS: dict[str, list[tuple[str, type[forms.Form]]]] = {
    "sroi": [("outcomes", SroiOutcomeForm), ("costs", CostForm)],
    "socioeconomic": [("outcomes", SocioOutcomeForm), ("effects", EffectForm), ("costs", CostForm)],
    "property": [("costs", CostForm)],
    "outcome_contract": [("metrics", MetricForm), ("costs", CostForm)],
}
BLOCK_FORMS: dict[str, type[forms.Form]] = {
    "property": PropertyForm,
    "outcome_contract": ContractForm,
}

SECTION_TEXTS: dict[str, tuple[Any, Any, Any]] = {
    # key: (heading, the add button, help text)
    "outcomes": (_("Outcomes"), _("Add an outcome"), None),
    "effects": (
        _("Effects per stakeholder"),
        _("Add an effect"),
        _(
            "What one successful person (or one avoided event) is worth per year to each "
            "stakeholder: pick a value from the value bank or give your own amount."
        ),
    ),
    "metrics": (_("Outcome metrics and rate card"), _("Add a metric"), None),
    "costs": (_("Costs of the initiative"), _("Add a cost"), None),
    "overrides": (
        _("Own values replacing the value bank"),
        _("Add an own value"),
        _(
            "Your organisation's own figure for a value-bank entry, used wherever the valuation "
            "refers to that entry. A source is required."
        ),
    ),
}

_FIELD_FROM_KEY = {"id": "row_id"}
_KEY_FROM_FIELD = {"row_id": "id"}


def _row_initial(row: dict[str, Any]) -> dict[str, Any]:
    return {_FIELD_FROM_KEY.get(k, k): v for k, v in row.items()}


def _keep_contract_caps(stored: dict[str, Any], m: dict[str, Any]) -> None:
    """The caps per metric of an outcome contract valued from its ledger, which the form does
    not show: each metric keeps the cap it counts against (`cap_key`, a rate card's later price
    shares its outcome's cap), and a cap whose metrics were all removed goes with them."""
    keys = {str(x.get("id")): x.get("cap_key") for x in stored.get("metrics") or []}
    for row in m["metrics"]:
        if keys.get(str(row.get("id"))):
            row.setdefault("cap_key", keys[str(row["id"])])
    caps = m.get("cap_sek_per_metric")
    if caps:
        named = {row.get("cap_key") or row.get("id") for row in m["metrics"]}
        m["cap_sek_per_metric"] = {k: v for k, v in caps.items() if k in named}
        if not m["cap_sek_per_metric"]:
            del m["cap_sek_per_metric"]


@dataclass
class ModelEditor:
    """The forms of one valuation's editor page, bound to POST data or to the stored model."""

    kind: str
    model: dict[str, Any]
    settings: SettingsForm
    block: forms.Form | None
    lists: dict[str, Any]
    general_errors: list[str] = field(default_factory=list)
    change: RowChange | None = None
    effect_index: dict[tuple[int, int], int] = field(default_factory=dict)
    outcome_index: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        model: dict[str, Any],
        *,
        name: str,
        initiative_id: int | None,
        initiatives: list[tuple[int, str]],
        data: Any = None,
        change: RowChange | None = None,
        question: str = "",
    ) -> ModelEditor:
        kind = str(model.get("kind"))
        if data is not None and change is not None:
            data = change.apply(data)
        custom = dict(model.get("stakeholders") or {})
        if data is not None:
            try:
                custom = parse_stakeholder_names(data.get("settings-stakeholder_names", ""))
            except forms.ValidationError:
                pass
        stakeholders = stakeholder_choices(custom)
        bank = value_bank_choices()
        discounting = model.get("discounting") or {}
        settings = SettingsForm(
            data,
            prefix="settings",
            initiatives=initiatives,
            initial={
                "name": name,
                "initiative": initiative_id,
                "description": model.get("description", ""),
                "question": question,
                "start_year": model.get("start_year"),
                "horizon_years": model.get("horizon_years", 10),
                "price_year": model.get("price_year"),
                "discount_rate": discounting.get("rate", 3.5),
                "first_year_discounted": discounting.get("first_year_discounted", False),
                "stakeholder_names": "\n".join(f"{k}: {v}" for k, v in custom.items()),
            },
        )
        block = None
        if kind == "property":
            p = model.get("property") or {}
            initial = {k: v for k, v in p.items() if k not in ("baseline", "improved")}
            for state in ("baseline", "improved"):
                for k, v in (p.get(state) or {}).items():
                    initial[f"{state}_{k}"] = v
            initial["stakeholder"] = model.get("stakeholder", "housing_company")
            block = PropertyForm(
                data, prefix="property", stakeholders=stakeholders, initial=initial
            )
        elif kind == "outcome_contract":
            block = ContractForm(
                data,
                prefix="contract",
                stakeholders=stakeholders,
                initial={
                    k: model.get(k)
                    for k in (
                        "payer",
                        "investor",
                        "cap_sek_total",
                        "cap_sek_per_period",
                        "investor_capital",
                    )
                },
            )
        outcome_choices = [
            (str(o.get("id")), str(o.get("name") or o.get("id"))) for o in model.get("outcomes", [])
        ]
        if data is not None:
            outcome_choices = _posted_outcomes(data) or outcome_choices
        lists: dict[str, Any] = {}
        effect_rows: list[dict[str, Any]] = []
        effect_index: dict[tuple[int, int], int] = {}
        if kind == "socioeconomic":
            for i, o in enumerate(model.get("outcomes", [])):
                for j, e in enumerate(o.get("effects", [])):
                    effect_index[(i, j)] = len(effect_rows)
                    effect_rows.append({"outcome": o.get("id"), **e})
        overrides = [{"entry": k, **v} for k, v in (model.get("value_overrides") or {}).items()]
        for key, form_class in [*LIST_FORMS.get(kind, []), ("overrides", OverrideForm)]:
            rows = {"effects": effect_rows, "overrides": overrides}.get(key, model.get(key, []))
            formset_class = forms.formset_factory(form_class, extra=0, can_delete=True)
            lists[key] = formset_class(
                data,
                prefix=key,
                initial=[_row_initial(r) for r in rows],
                form_kwargs={
                    "stakeholders": stakeholders,
                    "bank": bank,
                    "outcomes": outcome_choices,
                },
            )
        editor = cls(kind, model, settings, block, lists, change=change, effect_index=effect_index)
        if change is not None and change.action == "add" and change.key in lists:
            editor._blank_last_row(change.key)
        return editor

    def _blank_last_row(self, key: str) -> None:
        """The added row as a blank form with its defaults (a bound form would show them empty
        and its missing fields as errors)."""
        formset = self.lists[key]
        if not formset.forms:
            return
        i = len(formset.forms) - 1
        formset.forms[i] = formset.form(
            auto_id=formset.auto_id,
            prefix=formset.add_prefix(i),
            empty_permitted=True,
            use_required_attribute=False,
            renderer=formset.renderer,
            **formset.get_form_kwargs(i),
        )
        if "name" in formset.forms[i].fields:
            formset.forms[i].fields["name"].widget.attrs["autofocus"] = True

    @property
    def sections(self) -> list[Section]:
        return [self.section(key) for key in self.lists]

    def section(self, key: str) -> Section:
        formset = self.lists[key]
        title, add_label, help_text = SECTION_TEXTS[key]
        rows: list[Row] = []
        new_from = formset.initial_form_count() if formset.is_bound else len(formset.forms)
        number = 0
        for i, form in enumerate(formset.forms):
            removed = bool(form.is_bound and form.data.get(form.add_prefix("DELETE")))
            if not removed:
                number += 1
            rows.append(Row(form, number, removed, new=i >= new_from))
        return Section(key, formset, title, add_label, help_text, rows, self.change)

    # -- reading the forms back -------------------------------------------------------------

    def is_valid(self) -> bool:
        ok = self.settings.is_valid()
        if self.block is not None:
            ok = self.block.is_valid() and ok
        for formset in self.lists.values():
            ok = formset.is_valid() and ok
        return ok

    @property
    def name(self) -> str:
        return str(self.settings.cleaned_data["name"])

    @property
    def initiative_id(self) -> int | None:
        return self.settings.cleaned_data.get("initiative")

    @property
    def question(self) -> str:
        """The valuation's own question for the decision ("" for its kind's usual one): kept
        on the valuation, not in the engine's model."""
        return str(self.settings.cleaned_data.get("question") or "")

    def _rows(self, key: str) -> list[tuple[forms.Form, dict[str, Any]]]:
        formset = self.lists.get(key)
        if formset is None:
            return []
        out = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            out.append((form, data))
        return out

    def build_model(self) -> dict[str, Any]:
        """The engine model from the valid forms: fields the forms do not show (value
        overrides, format) are kept from the stored model."""
        s = self.settings.cleaned_data
        m = deepcopy(self.model)
        m["name"] = s["name"]
        _put(m, "description", s.get("description") or None)
        m["start_year"] = s["start_year"]
        m["horizon_years"] = s["horizon_years"]
        m["price_year"] = s["price_year"]
        m["discounting"] = {
            "rate": s["discount_rate"],
            "first_year_discounted": bool(s.get("first_year_discounted")),
        }
        _put(m, "stakeholders", s.get("stakeholder_names") or None)
        self._forms_by_path: dict[str, forms.Form] = {}
        if "costs" in self.lists:
            used: set[str] = set()
            m["costs"] = [self._cost(i, f, d, used) for i, (f, d) in enumerate(self._rows("costs"))]
        if self.kind == "sroi":
            used = set()
            m["outcomes"] = [
                self._row(f"outcomes[{i}]", f, d, used, "outcome")
                for i, (f, d) in enumerate(self._rows("outcomes"))
            ]
        elif self.kind == "socioeconomic":
            m["outcomes"] = self._socio_outcomes(set())
        elif self.kind == "property" and self.block is not None:
            m.update(self._property())
        elif self.kind == "outcome_contract" and self.block is not None:
            b = self.block.cleaned_data
            for k in ("payer", "investor", "cap_sek_total", "cap_sek_per_period"):
                _put(m, k, b.get(k))
            m["investor_capital"] = b.get("investor_capital") or {}
            self._forms_by_path.update({k: self.block for k in b})
            used = set()
            m["metrics"] = [
                self._row(f"metrics[{i}]", f, d, used, "metric")
                for i, (f, d) in enumerate(self._rows("metrics"))
            ]
            _keep_contract_caps(self.model, m)
        m["value_overrides"] = self._overrides()
        if not m["value_overrides"]:
            del m["value_overrides"]
        return m

    def _overrides(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for form, data in self._rows("overrides"):
            entry = data["entry"]
            if entry in out:
                form.add_error("entry", _("This entry already has an own value above."))
                continue
            spec: dict[str, Any] = {"amount": data["amount"], "price_year": data.get("price_year")}
            spec["source"] = data["source"]
            if data.get("method"):
                spec["method"] = data["method"]
            out[entry] = spec
            self._forms_by_path[f"value_overrides.{entry}"] = form
        return out

    def _row(
        self, path: str, form: forms.Form, data: dict[str, Any], used: set[str], prefix: str
    ) -> dict[str, Any]:
        self._forms_by_path[path] = form
        row: dict[str, Any] = {"id": _row_id(data, used, prefix)}
        for k, v in data.items():
            if k in ("row_id", "DELETE") or v is None or v == "" or v == {}:
                continue
            row[_KEY_FROM_FIELD.get(k, k)] = v
        return row

    def _cost(
        self, i: int, form: forms.Form, data: dict[str, Any], used: set[str]
    ) -> dict[str, Any]:
        row = self._row(f"costs[{i}]", form, data, used, "cost")
        if "by_year" in row:
            # Amounts by year replace a yearly amount with start year and years.
            for k in ("amount_sek", "start_year", "years"):
                row.pop(k, None)
        return row

    def _socio_outcomes(self, used: set[str]) -> list[dict[str, Any]]:
        outcomes = []
        by_id: dict[str, dict[str, Any]] = {}
        for i, (f, d) in enumerate(self._rows("outcomes")):
            row = self._row(f"outcomes[{i}]", f, d, used, "outcome")
            row["effects"] = []
            outcomes.append(row)
            by_id[row["id"]] = row
            self._outcome_paths = getattr(self, "_outcome_paths", {})
            self._outcome_paths[row["id"]] = i
        self.effect_index = {}
        for n, (f, d) in enumerate(self._rows("effects")):
            target = by_id.get(d["outcome"])
            if target is None:
                f.add_error("outcome", _("There is no outcome with this id: save it first."))
                continue
            i = self._outcome_paths[d["outcome"]]
            j = len(target["effects"])
            effect = {
                k: v
                for k, v in d.items()
                if k not in ("outcome", "DELETE") and v is not None and v != ""
            }
            target["effects"].append(effect)
            self._forms_by_path[f"outcomes[{i}].effects[{j}]"] = f
            self.effect_index[(i, j)] = n
        for row in outcomes:
            if not row["effects"]:
                del row["effects"]
        return outcomes

    def _property(self) -> dict[str, Any]:
        assert self.block is not None
        b = self.block.cleaned_data
        prop: dict[str, Any] = {"baseline": {}, "improved": {}}
        for k, v in b.items():
            if v is None or v == "" or k == "stakeholder":
                continue
            state, _sep, rest = k.partition("_")
            if state in ("baseline", "improved"):
                prop[state][rest] = v
                self._forms_by_path[f"property.{state}.{rest}"] = self.block
            else:
                prop[k] = v
                self._forms_by_path[f"property.{k}"] = self.block
        return {"stakeholder": b["stakeholder"], "property": prop}

    # -- engine issues next to their fields -------------------------------------------------

    def error_links(self, *, settings_title: Any, block_title: Any = "") -> list[ErrorLink]:
        """Every error of the page's forms as a line of the error box, each a link to its
        field's id (the row's first field for an error of the row as a whole), in the
        order the page shows them; errors no field holds stay in `general_errors`."""
        parts: list[tuple[str, forms.Form]] = [(str(settings_title), self.settings)]
        if self.block is not None:
            parts.append((str(block_title), self.block))
        links: list[ErrorLink] = []
        for title, form in parts:
            links += _form_error_links(title, form)
        for section in self.sections:
            for error in section.formset.non_form_errors():
                links.append(ErrorLink(f"{section.title}: {error}", f"#rows-{section.key}"))
            for row in section.rows:
                if row.removed:
                    continue
                legend = getattr(row.form, "legend", "") or str(row.number)
                links += _form_error_links(f"{section.title}, {legend}", row.form)
        return links

    def attach_issues(self, issues: list[Issue]) -> None:
        for issue in issues:
            if not self._attach(issue):
                self.general_errors.append(_located(issue))

    def _attach(self, issue: Issue) -> bool:
        path = issue.path
        if issue.code == "price_year_outside_kpi" and not path:
            path = "price_year"  # the engine leaves the path empty for the model's price year
        message = issue_message(issue)
        forms_by_path = getattr(self, "_forms_by_path", {})
        settings_fields = {
            "name": "name",
            "description": "description",
            "start_year": "start_year",
            "horizon_years": "horizon_years",
            "price_year": "price_year",
            "discounting.rate": "discount_rate",
            "discounting.first_year_discounted": "first_year_discounted",
        }
        if path in settings_fields:
            self.settings.add_error(settings_fields[path], message)
            return True
        if path.startswith("stakeholders"):
            self.settings.add_error("stakeholder_names", message)
            return True
        if path.startswith("value_overrides."):
            entry, _sep, rest = path.removeprefix("value_overrides.").partition(".")
            form = forms_by_path.get(f"value_overrides.{entry}")
            if form is None:
                return False
            form.add_error(_field_for(form, rest), message)
            return True
        m = re.match(r"^((?:costs|outcomes|metrics)\[\d+\](?:\.effects\[\d+\])?)(?:\.(.+))?$", path)
        if m:
            form = forms_by_path.get(m.group(1))
            rest = m.group(2) or ""
            if form is None:
                # an effect of the value bank (effects_from[...]) belongs to its outcome
                base = re.match(r"^(outcomes\[\d+\])", path)
                form = forms_by_path.get(base.group(1)) if base else None
                rest = "effects_from" if "effects_from" in path else rest
            if form is None:
                return False
            field_name = _field_for(form, rest)
            form.add_error(field_name, message)
            return True
        if path.startswith("property.") or path == "stakeholder":
            if self.block is None:
                return False
            key = path.removeprefix("property.").replace(".", "_", 1)
            field_name = key if key in self.block.fields else None
            if field_name is None:
                field_name = _field_for(self.block, key)
            self.block.add_error(field_name, message)
            return True
        top = path.split(".", 1)[0]
        if self.block is not None and top in self.block.fields:
            self.block.add_error(top, message)
            return True
        return False


@dataclass(frozen=True)
class ErrorLink:
    """One line of the editor's error box: where and what, and the id of the field."""

    text: str
    href: str


def _field_href(form: forms.Form, name: str | None) -> str:
    if name is None:
        name = next((f.name for f in form.visible_fields() if f.name != "DELETE"), None)
        if name is None:
            return ""
    bound = form[name]
    return f"#{bound.id_for_label or bound.auto_id}"


def _form_error_links(title: str, form: forms.Form) -> list[ErrorLink]:
    if not form.is_bound or not form.errors:
        return []
    links = [ErrorLink(f"{title}: {e}", _field_href(form, None)) for e in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            continue
        label = form.fields[name].label or name
        for error in errors:
            links.append(ErrorLink(f"{title}, {label}: {error}", _field_href(form, name)))
    return links


def _field_for(form: forms.Form, rest: str) -> str | None:
    """The form field a path inside a row names (``deadweight``, ``by_year.2026`` →
    ``by_year``, ``outcomes.2027`` → ``outcomes``), or None for the row as a whole."""
    if not rest:
        return None
    for candidate in (rest, rest.split(".", 1)[0], _FIELD_FROM_KEY.get(rest, "")):
        if candidate in form.fields:
            return candidate
    if rest.startswith("effects_from") and "effects_from" in form.fields:
        return "effects_from"
    return None


def _located(issue: Issue) -> str:
    message = issue_message(issue)
    return f"{issue.path}: {message}" if issue.path else message


def _put(d: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == "" or value == {}:
        d.pop(key, None)
    else:
        d[key] = value


def _row_id(data: dict[str, Any], used: set[str], prefix: str) -> str:
    base = (data.get("row_id") or "").strip() or slugify(data.get("name") or "").replace("-", "_")
    base = base[:40] or prefix
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base}_{n}"
        n += 1
    used.add(candidate)
    return candidate


def _posted_outcomes(data: Any) -> list[tuple[str, str]]:
    """(id, name) of the posted outcome rows (so a new outcome can get effects in the same
    save)."""
    ids = []
    try:
        total = int(data.get("outcomes-TOTAL_FORMS", 0))
    except (TypeError, ValueError):
        return []
    used: set[str] = set()
    for i in range(min(total, 1000)):
        if data.get(f"outcomes-{i}-DELETE"):
            continue
        name = data.get(f"outcomes-{i}-name", "")
        row_id = data.get(f"outcomes-{i}-row_id", "")
        if not (name or row_id):
            continue
        ids.append((_row_id({"row_id": row_id, "name": name}, used, "outcome"), name or row_id))
    return ids


def kind_label(kind: str) -> str:
    return str(dict(ValuationKind.choices).get(kind, kind))


def bank_entry_ids() -> set[str]:
    return set(load_value_bank().entries)
