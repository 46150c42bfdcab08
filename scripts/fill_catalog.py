"""Fill a translation catalog after `make messages`.

    .venv/bin/python scripts/fill_catalog.py LOCALE_DIR [SV_JSON]

LOCALE_DIR is a `locale` folder (src/grogrund/locale or src/grogrund/<app>/locale). English
entries get their msgid (the code is written in English); Swedish entries that are empty or
fuzzy take their translation from SV_JSON, a JSON object {msgid: Swedish text}. Prints the
Swedish msgids still missing and exits 1 if there are any. Then run `make messages` again
(it compiles the catalogs).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib


def fill(locale: Path, swedish: dict[str, str]) -> list[str]:
    missing: list[str] = []
    for lang in ("sv", "en"):
        path = locale / lang / "LC_MESSAGES" / "django.po"
        if not path.exists():
            continue
        po = polib.pofile(str(path))
        for e in po:
            fuzzy = "fuzzy" in e.flags
            if fuzzy:
                e.flags.remove("fuzzy")
            if lang == "en":
                if e.msgid_plural:
                    e.msgstr_plural = {0: e.msgid, 1: e.msgid_plural}
                else:
                    e.msgstr = e.msgid
            elif not fuzzy and (e.msgstr or any(e.msgstr_plural.values())):
                continue  # translated already: SV_JSON fills gaps, it never overrides
            elif e.msgid_plural and e.msgid in swedish and e.msgid_plural in swedish:
                e.msgstr_plural = {0: swedish[e.msgid], 1: swedish[e.msgid_plural]}
            elif e.msgid in swedish and not e.msgid_plural:
                e.msgstr = swedish[e.msgid]
            elif fuzzy or not (e.msgstr or any(e.msgstr_plural.values())):
                if fuzzy:
                    # gettext's guess from a similar msgid is not a translation: left empty.
                    e.msgstr = ""
                missing.append(e.msgid)
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        po.metadata["Language"] = lang
        po.save()
    return missing


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    swedish = json.loads(Path(argv[1]).read_text(encoding="utf-8")) if len(argv) > 1 else {}
    missing = fill(Path(argv[0]), swedish)
    for msgid in missing:
        print(f"missing sv: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
