"""Gettext catalogs: every Kuza app keeps its own `locale/`, so features never edit one shared file.

Compiling uses Babel (pure Python), so running Kuza needs no GNU gettext; extracting and
checking use Django's makemessages, which needs GNU gettext's xgettext/msgmerge.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

KUZA_DIR = Path(__file__).resolve().parent.parent
TRANSLATED_LANGUAGES = ("fr", "ar", "sw")
_SOURCE_SUFFIXES = {".py", ".html", ".txt", ".md"}


@dataclass(frozen=True)
class CatalogProblem:
    catalog: str
    msgid: str
    problem: str  # "untranslated" or "fuzzy"

    def __str__(self) -> str:
        return f"{self.catalog}: {self.problem}: {self.msgid!r}"


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
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        written += 1
    return written


def catalog_problems(po_path: Path, label: str) -> list[CatalogProblem]:
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(CatalogProblem(label, str(message.id), "fuzzy"))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(CatalogProblem(label, str(message.id), "untranslated"))
    return problems


def _makemessages(cwd: Path) -> None:
    # -P keeps the app folder off sys.path: its selectors.py would shadow the standard library's.
    command = [
        sys.executable,
        "-P",
        "-m",
        "django",
        "makemessages",
        "--no-obsolete",
        "--no-wrap",
        "--ignore",
        "tests/*",
    ]
    for language in TRANSLATED_LANGUAGES:
        command += ["-l", language]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kuza.settings"}
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)  # noqa: S603


def update_catalogs() -> None:
    """Extract strings from every app into its own catalogs (for translators)."""
    for app_dir in app_dirs():
        _makemessages(app_dir)


def check_catalogs() -> list[CatalogProblem]:
    """Extract afresh into a scratch copy and report every string missing a translation.

    Working on a copy means the check sees strings added since the catalogs were last updated,
    without touching the working tree.
    """
    problems: list[CatalogProblem] = []
    with tempfile.TemporaryDirectory() as scratch:
        for app_dir in app_dirs():
            copy = Path(scratch) / app_dir.name
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
            _makemessages(copy)
            for language in TRANSLATED_LANGUAGES:
                po_path = copy / "locale" / language / "LC_MESSAGES" / "django.po"
                if po_path.exists():
                    problems += catalog_problems(po_path, f"{app_dir.name}/{language}")
    return problems
