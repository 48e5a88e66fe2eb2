"""Every string a reader sees has a Uyghur translation, its plural forms and placeholders right.

The catalogues are refreshed here exactly as docs/translations.md tells a maintainer to refresh
them, but into a copy of the source, so a string added today without its Uyghur translation fails
this test even before anyone re-runs makemessages in the repository.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "guwah" / "locale"
LANGUAGES = {"ug": 2, "zh_Hans": 1, "tr": 2}
# The options docs/translations.md gives for makemessages.
IGNORED = [".venv", "node_modules", "bench", "tests", "*/tests/*"]


def _translations_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "translations", ROOT / "scripts" / "translations.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


translations = _translations_script()


@pytest.fixture(scope="module")
def refreshed_locale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The catalogues as makemessages leaves them for today's source, in a scratch copy of it."""
    copy = tmp_path_factory.mktemp("source")
    shutil.copytree(
        ROOT / "guwah",
        copy / "guwah",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "tests"),
    )
    from django.conf import settings

    original = settings.LOCALE_PATHS
    settings.LOCALE_PATHS = [copy / "guwah" / "locale"]
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.chdir(copy)
    try:
        call_command(
            "makemessages",
            locale=list(LANGUAGES),
            ignore_patterns=IGNORED,
            no_obsolete=True,
            verbosity=0,
        )
    finally:
        monkeypatch.undo()
        settings.LOCALE_PATHS = original
    yield copy / "guwah" / "locale"


def _catalogue(locale: Path, language: str) -> polib.POFile:
    return polib.pofile(str(locale / language / "LC_MESSAGES" / "django.po"))


def _label(entry: polib.POEntry) -> str:
    where = entry.occurrences[0][0] if entry.occurrences else "?"
    text = entry.msgid if not entry.msgid_plural else f"{entry.msgid} | {entry.msgid_plural}"
    return f"{where}: {text!r}"


def test_every_string_has_a_uyghur_translation(refreshed_locale: Path) -> None:
    catalogue = _catalogue(refreshed_locale, "ug")
    missing = [_label(entry) for entry in translations.untranslated(catalogue)]
    assert not missing, (
        f"{len(missing)} strings have no Uyghur translation "
        "(list them with: python scripts/translations.py missing ug):\n" + "\n".join(missing)
    )


def test_every_fuzzy_uyghur_translation_is_listed_for_a_native_speakers_check(
    refreshed_locale: Path,
) -> None:
    # A fuzzy entry is shown to readers, so it must be one a translator marked and listed in
    # docs/translations.md; msgmerge's guesses from a similar old string are neither.
    listed = translations.REVIEW_LIST.read_text(encoding="utf-8")
    unlisted = [
        _label(entry)
        for entry in _catalogue(refreshed_locale, "ug")
        if "fuzzy" in entry.flags and not translations.listed_for_review(entry, listed)
    ]
    assert not unlisted, (
        "Fuzzy but not in docs/translations.md's review list: translate them, or list them with "
        "python scripts/translations.py review ug:\n" + "\n".join(unlisted)
    )


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_the_catalogue_declares_the_plural_forms_of_its_language(language: str) -> None:
    catalogue = _catalogue(LOCALE, language)
    forms = catalogue.metadata.get("Plural-Forms", "")
    assert f"nplurals={LANGUAGES[language]};" in forms.replace(" ", "")
    for entry in catalogue:
        if entry.msgid_plural and any(entry.msgstr_plural.values()):
            assert len(entry.msgstr_plural) == LANGUAGES[language], _label(entry)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_translation_keeps_the_placeholders_of_the_english(language: str) -> None:
    broken = []
    for entry in _catalogue(LOCALE, language):
        if entry.msgid_plural:
            english = set(translations.placeholders(entry.msgid_plural)) | set(
                translations.placeholders(entry.msgid)
            )
            for form in entry.msgstr_plural.values():
                # A singular form may leave the count out ("one relative"), never add a name.
                if form and not set(translations.placeholders(form)) <= english:
                    broken.append(_label(entry))
            filled = [form for form in entry.msgstr_plural.values() if form]
            if filled and set(translations.placeholders(filled[-1])) != set(
                translations.placeholders(entry.msgid_plural)
            ):
                broken.append(_label(entry))
        elif entry.msgstr and translations.placeholders(entry.msgstr) != translations.placeholders(
            entry.msgid
        ):
            broken.append(_label(entry))
    assert not broken, f"{language}: placeholders lost or added:\n" + "\n".join(broken)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_gettext_compiles_the_catalogue_with_its_format_checks(language: str) -> None:
    # msgfmt's own check of python-format and python-brace-format entries and of the header.
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    checked = subprocess.run(
        ["msgfmt", "--check", "--use-fuzzy", "--output-file=/dev/null", str(path)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def test_a_dropped_placeholder_is_refused_and_the_catalogue_keeps_what_it_had(
    tmp_path: Path,
) -> None:
    catalogue = polib.POFile()
    catalogue.metadata = {"Plural-Forms": "nplurals=2; plural=(n != 1);"}
    catalogue.append(polib.POEntry(msgid="Hello %(name)s", msgstr=""))
    catalogue.append(polib.POEntry(msgid="Save", msgstr="ساقلاش"))
    with pytest.raises(SystemExit, match=re.escape("must keep the placeholders")):
        translations.fill(catalogue, [{"msgid": "Hello %(name)s", "msgstr": "ياخشىمۇسىز"}])
    assert catalogue.find("Hello %(name)s").msgstr == ""
    assert catalogue.find("Save").msgstr == "ساقلاش"


def test_filling_marks_the_uncertain_ones_fuzzy(tmp_path: Path) -> None:
    catalogue = polib.POFile()
    catalogue.metadata = {"Plural-Forms": "nplurals=2; plural=(n != 1);"}
    catalogue.append(polib.POEntry(msgid="Urgent appeal", msgstr=""))
    catalogue.append(
        polib.POEntry(
            msgid="%(n)s relative", msgid_plural="%(n)s relatives", msgstr_plural={0: "", 1: ""}
        )
    )
    rows: list[dict[str, Any]] = [
        {"msgid": "Urgent appeal", "msgstr": "جىددىي مۇراجىئەت", "fuzzy": True},
        {"msgid": "%(n)s relative", "msgstr_plural": ["%(n)s تۇغقان", "%(n)s تۇغقان"]},
    ]
    assert translations.fill(catalogue, rows) == 2
    assert "fuzzy" in catalogue.find("Urgent appeal").flags
    assert list(translations.untranslated(catalogue)) == []
    assert [entry.msgid for entry in translations.untranslated(catalogue, include_fuzzy=True)] == [
        "Urgent appeal"
    ]
