"""Finding areas by name or code, as people type them.

With every DeSO, RegSO and municipality of Sweden in the registry (about 9,700 areas), an area
is found by typing, never by scrolling. A search:

- matches every word typed: each must be in the name or begin the code
  ("0114 väsby", "väsby upplands" and "Upplands Väsby" all find 0114);
- ignores case and accents both ways: "malmo" and "MALMÖ" find Malmö, "Goteborg" finds
  Göteborg, and "Malmö" also finds a name spelt "Malmo". Swedish sorts å, ä and ö as letters
  of their own, but a keyboard without them, or a file that lost them, should not hide an
  area;
- also matches the other names of the registry (grogrund.areas.registry.ALIASES):
  "Region Stockholm" finds 01 Stockholms län, "Riket" finds 00 Sverige.

Folding happens in a regular expression built from the words (both SQLite, through Django's
REGEXP function, and PostgreSQL run it), so no extension or extra column is needed.
"""

from __future__ import annotations

import re

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from grogrund.areas.models import Area, AreaLevel
from grogrund.areas.registry import ALIASES
from grogrund.sources.regions import strip_accents

# The letters a base letter may stand for, accented or not.
VARIANTS = {
    "a": "aåäáàâãæ",
    "o": "oöóòôõø",
    "e": "eéèêë",
    "u": "uüúùû",
    "i": "iíìîï",
    "y": "yýÿ",
    "c": "cç",
    "n": "nñ",
}
# Official levels from the largest, then the user's own areas.
LEVEL_ORDER = [
    AreaLevel.COUNTRY,
    AreaLevel.COUNTY,
    AreaLevel.MUNICIPALITY,
    AreaLevel.REGSO,
    AreaLevel.DESO,
    AreaLevel.CUSTOM,
]
_BASE = {v: base for base, variants in VARIANTS.items() for v in variants}


def fold(text: str) -> str:
    """Lower case without accents: "Malmö" → "malmo", "Ångermanland" → "angermanland";
    letters that decompose to no base letter ("æ", "ø") are mapped too."""
    return "".join(_BASE.get(ch, ch) for ch in strip_accents(text.casefold()))


def word_pattern(word: str) -> str:
    """A regular expression matching `word` in any case, with or without accents."""
    parts = []
    for ch in fold(word):
        if ch in VARIANTS:
            letters = VARIANTS[ch]
            parts.append("[" + letters + letters.upper() + "]")
        elif ch.isalpha():
            parts.append("[" + ch + ch.upper() + "]")
        elif ch.isalnum():
            parts.append(ch)
        else:
            parts.append("\\" + ch)  # a literal in Python's and PostgreSQL's expressions
    return "".join(parts)


def _alias_codes(text: str) -> list[str]:
    wanted = fold(" ".join(text.split()))
    return sorted(code for code, names in ALIASES.items() if any(wanted in fold(n) for n in names))


def text_q(text: str, prefix: str = "") -> Q:
    """A filter for areas whose name or code matches every word of `text`."""
    words = [w for w in re.split(r"[\s,]+", text) if w.strip("()")]
    q = Q()
    for word in words:
        word = word.strip("()")
        q &= Q(**{f"{prefix}name__regex": word_pattern(word)}) | Q(
            **{f"{prefix}code__istartswith": word}
        )
    aliases = _alias_codes(text)
    if aliases:
        q |= Q(**{f"{prefix}code__in": aliases})
    return q


def best_first(areas: QuerySet[Area], text: str) -> QuerySet[Area]:
    """The areas matching `text` (all of them for an empty text), best matches first."""
    if text.strip():
        areas = areas.filter(text_q(text))
    return areas.annotate(rank=ranking(text)).order_by("rank", "name", "code")


def ranking(text: str) -> Case:
    """Best matches first: the exact code, then by level from the country down."""
    whens = [When(code__iexact=text.strip(), then=Value(0))]
    whens += [When(level=level, then=Value(i + 1)) for i, level in enumerate(LEVEL_ORDER)]
    return Case(*whens, default=Value(len(LEVEL_ORDER) + 1), output_field=IntegerField())


def within_municipality_q(code: str) -> Q:
    """The municipality `code` and the official areas in it (RegSO, DeSO of both editions)."""
    return Q(code=code) | Q(parent__code=code) | Q(parent__parent__code=code)
