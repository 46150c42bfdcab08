"""Swedish is the default and English is complete: every string has a translation in both."""

import subprocess
from pathlib import Path

import polib
import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "grogrund"
LOCALE = SRC / "locale"
#: The project catalog and the apps' own catalogs (src/grogrund/<app>/locale).
CATALOGS = [LOCALE, *sorted(p for p in SRC.glob("*/locale") if p.is_dir())]


@pytest.mark.parametrize("locale", CATALOGS, ids=lambda p: str(p.relative_to(SRC)))
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_message_is_translated_and_none_is_fuzzy(language: str, locale: Path) -> None:
    catalog = polib.pofile(str(locale / language / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in catalog.untranslated_entries()]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    assert not untranslated, f"untranslated in {language}: {untranslated[:5]}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy[:5]}"


@pytest.mark.parametrize("locale", CATALOGS, ids=lambda p: str(p.relative_to(SRC)))
@pytest.mark.parametrize("language", ["sv", "en"])
def test_compiled_catalog_matches_its_source(language: str, locale: Path) -> None:
    folder = locale / language / "LC_MESSAGES"
    compiled = polib.mofile(str(folder / "django.mo"))
    source = polib.pofile(str(folder / "django.po"))
    assert {e.msgid: e.msgstr for e in compiled} == {
        e.msgid: e.msgstr for e in source.translated_entries() if not e.msgid_plural
    } | {e.msgid: e.msgstr for e in compiled if e.msgid_plural}


def test_every_string_in_the_code_is_in_the_catalog(tmp_path: Path) -> None:
    """Re-extract the strings with xgettext and check none is missing from the catalog."""
    if subprocess.run(["which", "xgettext"], capture_output=True).returncode:
        pytest.skip("GNU gettext (xgettext) is not installed")
    src = LOCALE.parent
    import shutil

    work = tmp_path / "grogrund"
    shutil.copytree(src, work, ignore=shutil.ignore_patterns("locale", "__pycache__", "static"))
    for locale in CATALOGS:  # makemessages puts an app's strings in the app's own catalog
        (work / locale.relative_to(SRC)).mkdir()
    subprocess.run(
        ["django-admin", "makemessages", "-l", "sv", "--no-location"],
        cwd=work,
        check=True,
        capture_output=True,
        env={
            "PATH": str(Path(__import__("sys").executable).parent) + ":/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "",
        },
    )
    fresh: set[str] = set()
    ours: set[str] = set()
    for locale in CATALOGS:
        made = work / locale.relative_to(SRC) / "sv/LC_MESSAGES/django.po"
        if made.exists():
            fresh |= {e.msgid for e in polib.pofile(str(made))}
        ours |= {e.msgid for e in polib.pofile(str(locale / "sv/LC_MESSAGES/django.po"))}
    missing = sorted(fresh - ours)
    assert not missing, f"run `make messages` and translate: {missing[:5]}"
