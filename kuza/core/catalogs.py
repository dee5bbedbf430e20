"""Gettext catalogs: every Kuza app keeps its own `locale/`, so features never edit one shared file.

Compiling uses Babel (pure Python), so running Kuza needs no GNU gettext; extracting and
checking use Django's makemessages, which needs GNU gettext's xgettext/msgmerge.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

KUZA_DIR = Path(__file__).resolve().parent.parent
TRANSLATED_LANGUAGES = ("fr", "ar", "sw", "pt", "ha", "yo", "ig", "am")
# CLDR's plural rules (as Babel gives them, babel.messages.plurals.get_plural; the catalog test
# checks each gives the same form as Babel's for every count). Arabic has six forms (zero, one,
# two, few, many, other); French and Portuguese have a 'many' form for whole millions ("1 000 000
# de traductions"). A catalog without them would pick plurals by the English rule.
PLURAL_FORMS = {
    "fr": "nplurals=3; plural=((n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    "sw": "nplurals=2; plural=(n != 1);",
    "pt": "nplurals=3; plural=((n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);",
    "ha": "nplurals=2; plural=(n != 1);",
    "yo": "nplurals=1; plural=(0);",
    "ig": "nplurals=1; plural=(0);",
    "am": "nplurals=2; plural=(n > 1);",
}
# Languages allauth (or Django) ships no catalog for, under the code Kuza's pages use.
NEEDS_THIRD_PARTY_CATALOG = frozenset({"sw", "pt", "ha", "yo", "ig", "am"})
_SOURCE_SUFFIXES = {".py", ".html", ".txt", ".md"}


@dataclass(frozen=True)
class CatalogProblem:
    catalog: str
    msgid: str
    # "untranslated", "fuzzy", "wrong plural rule", "wrong number of plural forms" or
    # "missing catalog"
    problem: str

    def __str__(self) -> str:
        return f"{self.catalog}: {self.problem}: {self.msgid!r}"


def third_party_po_file(language: str) -> Path:
    """Kuza's translations of the allauth and Django strings it shows, where those lack them.

    First in LOCALE_PATHS, so they win over the packages' own catalogs; Django ships `pt` and
    `ig` (but no django.contrib.auth in Igbo) and no `ha`, `yo` or `am`; allauth ships `pt_PT`
    and `pt_BR` but no `pt`, which is the code Kuza's pages use.
    """
    return KUZA_DIR / "locale" / language / "LC_MESSAGES" / "django.po"


def plural_count(plural_forms: str) -> int:
    """The nplurals of a Plural-Forms header value."""
    match = re.match(r"\s*nplurals\s*=\s*(\d+)", plural_forms)
    if match is None:
        raise ValueError(f"not a Plural-Forms value: {plural_forms!r}")
    return int(match.group(1))


def app_dirs() -> list[Path]:
    """Kuza app folders that own translatable strings (they have a locale/ folder)."""
    return sorted(path.parent for path in KUZA_DIR.glob("*/locale") if path.is_dir())


def po_files() -> list[Path]:
    return sorted(KUZA_DIR.glob("**/locale/*/LC_MESSAGES/django.po"))


def compile_catalogs() -> int:
    """Write every .mo that is missing or older than its .po; return how many were written."""
    written = 0
    for po_path in po_files():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        compile_catalog(po_path, mo_path)
        written += 1
    return written


def compile_catalog(po_path: Path, mo_path: Path) -> None:
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    # makemessages marks the header fuzzy; write_mo would then drop it, and with it the
    # Plural-Forms line, leaving every language on the English plural rule.
    catalog.fuzzy = False
    # Babel writes an untranslated plural entry with the English msgids as its forms, the
    # singular first: in a one-form language (Yoruba, Igbo) every count would then read
    # "3 module". Left out, gettext falls back to English with the right English form.
    for message in list(catalog):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and not all(strings):
            catalog.delete(message.id, context=message.context)
    # Written aside then renamed: parallel test workers may read it while it is written.
    partial = mo_path.with_name(f"{mo_path.name}.{os.getpid()}.tmp")
    with partial.open("wb") as mo_file:
        write_mo(mo_file, catalog, use_fuzzy=False)
    os.replace(partial, mo_path)


def _language_of(po_path: Path) -> str:
    return po_path.parent.parent.name


def normalise_headers(po_path: Path) -> bool:
    """Give a catalog its language and plural rule in the header; True if it changed."""
    language = _language_of(po_path)
    text = po_path.read_text(encoding="utf-8")
    language_line = f'"Language: {language}\\n"'
    plural_line = f'"Plural-Forms: {PLURAL_FORMS[language]}\\n"'
    if '"Language:' in text:
        fixed = re.sub(r'"Language: [^"]*\\n"', lambda _match: language_line, text, count=1)
    else:
        fixed = text.replace('"Content-Type:', language_line + '\n"Content-Type:', 1)
    if '"Plural-Forms:' in fixed:
        fixed = re.sub(r'"Plural-Forms: [^"]*\\n"', lambda _match: plural_line, fixed, count=1)
    else:
        fixed = fixed.replace('"Content-Type:', plural_line + '\n"Content-Type:', 1)
    # The extraction date changes on every update; without it an update that finds nothing new
    # leaves the catalog untouched, and catalogs updated on two branches merge cleanly.
    fixed = re.sub(r'"POT-Creation-Date: [^"]*\\n"\n', "", fixed, count=1)
    if fixed != text:
        po_path.write_text(fixed, encoding="utf-8")
    return fixed != text


def catalog_problems(po_path: Path, label: str) -> list[CatalogProblem]:
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    problems = []
    language = _language_of(po_path)
    if language in PLURAL_FORMS and catalog.plural_forms != PLURAL_FORMS[language]:
        problems.append(CatalogProblem(label, catalog.plural_forms, "wrong plural rule"))
    nplurals = plural_count(catalog.plural_forms)
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(CatalogProblem(label, str(message.id), "fuzzy"))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(CatalogProblem(label, str(message.id), "untranslated"))
        # Babel pads a short entry with blanks (caught above) but keeps extra forms, which
        # gettext never uses: a form missing for some n falls back to English.
        if isinstance(message.id, tuple | list) and len(strings) != nplurals:
            problems.append(CatalogProblem(label, str(message.id), "wrong number of plural forms"))
    return problems


# Runs makemessages in each folder given, in one process: starting Python and Django once
# instead of once per app is most of the time an extraction of all sixteen apps takes.
_MAKEMESSAGES_IN_EACH_FOLDER = """
import os, sys
import django
from django.core.management import call_command

django.setup()
folders, options = sys.argv[1 : sys.argv.index("--")], sys.argv[sys.argv.index("--") + 1 :]
for folder in folders:
    os.chdir(folder)
    call_command("makemessages", *options, verbosity=0)
"""


def _makemessages(folders: list[Path]) -> None:
    # -P keeps the app folder off sys.path: its selectors.py would shadow the standard library's.
    options = [
        "--no-obsolete",
        "--no-wrap",
        # File names without line numbers: moving code does not rewrite every catalog, and
        # changes made side by side merge without conflicts in the catalogs.
        "--add-location=file",
        "--ignore",
        "tests/*",
    ]
    for language in TRANSLATED_LANGUAGES:
        options += ["-l", language]
    command = [sys.executable, "-P", "-c", _MAKEMESSAGES_IN_EACH_FOLDER]
    command += [str(folder) for folder in folders] + ["--", *options]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kuza.settings"}
    # Started in the first folder, as each app's own process was: a KUZA_HOME relative to the
    # current folder (the default, var/) lands there, not wherever the caller happens to be.
    subprocess.run(command, cwd=folders[0], env=env, check=True, capture_output=True)  # noqa: S603


def update_catalogs() -> None:
    """Extract strings from every app into its own catalogs (for translators)."""
    _makemessages(app_dirs())
    for po_path in po_files():
        normalise_headers(po_path)


def check_catalogs() -> list[CatalogProblem]:
    """Extract afresh into a scratch copy and report every string missing a translation.

    Working on a copy means the check sees strings added since the catalogs were last updated,
    without touching the working tree.
    """
    problems: list[CatalogProblem] = []
    with tempfile.TemporaryDirectory() as scratch:
        copies = {app_dir: Path(scratch) / app_dir.name for app_dir in app_dirs()}
        for app_dir, copy in copies.items():
            shutil.copytree(
                app_dir,
                copy,
                ignore=lambda folder, names: [
                    name
                    for name in names
                    if (Path(folder) / name).is_file()
                    and Path(name).suffix not in _SOURCE_SUFFIXES | {".po"}
                ],
            )
        _makemessages(list(copies.values()))
        for app_dir, copy in copies.items():
            for language in TRANSLATED_LANGUAGES:
                po_path = copy / "locale" / language / "LC_MESSAGES" / "django.po"
                if po_path.exists():
                    problems += catalog_problems(po_path, f"{app_dir.name}/{language}")
    for language in TRANSLATED_LANGUAGES:
        po_path = third_party_po_file(language)
        if po_path.exists():
            problems += catalog_problems(po_path, f"kuza/locale/{language}")
        elif language in NEEDS_THIRD_PARTY_CATALOG:
            problems.append(CatalogProblem(f"kuza/locale/{language}", "", "missing catalog"))
    return problems
