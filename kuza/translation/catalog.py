"""What a translation exchange file (PO, XLIFF) carries, and how an import is checked.

An import never overwrites silently: an entry whose source text differs from the current
source (it changed after the export) is a CONFLICT and is only reported, as is an entry for
a unit Kuza does not know. A file that gives one unit two different entries (two
translations, say, from two translators' files pasted together) is a CONFLICT too: neither
is chosen silently. Fuzzy entries (PO `#, fuzzy`, XLIFF `state="needs-..."`) are
imported as outdated translations, so a translator's draft is kept but still flagged for
review. A blank translation is UNTRANSLATED and deletes nothing.

A file that cannot be read raises CatalogFormatError or CatalogLanguageError, whose problems
are codes with parameters (kuza.core.problems); kuza/translation/problem_messages.py words
them in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from kuza.core.problems import Problem, ProblemError
from kuza.translation.keys import UNCONFIRMED_SOURCE_HASH, Translation
from kuza.translation.units import source_hash

_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class CatalogFormatError(ProblemError):
    """An exchange file cannot be read, or a unit cannot be written to one."""


class CatalogLanguageError(ProblemError):
    """An exchange file is for another language than the one being imported."""


def check_language(language: str) -> str:
    """The language code as given, after checking it looks like one (BCP 47 or gettext)."""
    if not _LANGUAGE.fullmatch(language):
        raise CatalogLanguageError(Problem("language_code_invalid", {"language": language}))
    return language


def check_same_language(found: str | None, expected: str, where: str) -> None:
    """Refuse a file for another language: 'pt-BR' and 'pt_br' are the same, 'pt' is not.

    `where` is the file's format, "po" or "xliff", which the problem names.
    """
    xliff = where == "xliff"
    if not found:
        code = "xliff_language_missing" if xliff else "po_language_missing"
        raise CatalogLanguageError(Problem(code, {"expected": expected}))
    if found.replace("-", "_").lower() != expected.replace("-", "_").lower():
        code = "xliff_language_other" if xliff else "po_language_other"
        raise CatalogLanguageError(Problem(code, {"found": found, "expected": expected}))


@dataclass(frozen=True)
class CatalogUnit:
    """One unit as exported: its current source and any existing translation."""

    context: str
    """A stable id chosen by the caller, unique in the catalog, e.g. 'learning.lesson:42:body:7'."""
    source: str
    title: str = ""
    """Title of the object the unit belongs to, shown to translators as a comment."""
    translation: Translation | None = None
    source_hash: str = field(init=False)

    def __post_init__(self) -> None:
        if not self.context.strip() or _CONTROL_CHARACTERS.search(self.context):
            raise CatalogFormatError(Problem("unit_context_invalid", {"context": self.context}))
        if not self.source.strip():
            raise CatalogFormatError(Problem("unit_without_source", {"context": self.context}))
        object.__setattr__(self, "source_hash", source_hash(self.source))

    @property
    def is_outdated(self) -> bool:
        return self.translation is not None and self.translation.source_hash != self.source_hash

    @property
    def one_line_title(self) -> str:
        # Comments in both formats are single lines; a stray newline would corrupt a PO file.
        return " ".join(self.title.split())


def index_by_context(units: Iterable[CatalogUnit]) -> dict[str, CatalogUnit]:
    indexed: dict[str, CatalogUnit] = {}
    for unit in units:
        if unit.context in indexed:
            raise CatalogFormatError(Problem("unit_context_twice", {"context": unit.context}))
        indexed[unit.context] = unit
    return indexed


@dataclass(frozen=True)
class CatalogEntry:
    """What an imported file says about one unit."""

    context: str
    source: str
    translation: str
    fuzzy: bool


class ImportOutcome(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    UNTRANSLATED = "untranslated"
    CONFLICT = "conflict"
    UNKNOWN_CONTEXT = "unknown_context"


@dataclass(frozen=True)
class ImportResult:
    entry: CatalogEntry
    outcome: ImportOutcome
    translation: Translation | None
    """What to store for NEW and UPDATED; the existing translation for UNCHANGED."""
    current_source: str | None
    """The unit's source now, to show beside the file's for a CONFLICT; None if unknown."""
    file_translations: tuple[str, ...] = ()
    """For a unit the file gives several different entries: each translation it gives."""


@dataclass(frozen=True)
class ImportReport:
    results: tuple[ImportResult, ...]

    def with_outcome(self, *outcomes: ImportOutcome) -> tuple[ImportResult, ...]:
        return tuple(result for result in self.results if result.outcome in outcomes)

    @property
    def to_save(self) -> tuple[ImportResult, ...]:
        return self.with_outcome(ImportOutcome.NEW, ImportOutcome.UPDATED)

    @property
    def conflicts(self) -> tuple[ImportResult, ...]:
        return self.with_outcome(ImportOutcome.CONFLICT)

    @property
    def source_conflicts(self) -> tuple[ImportResult, ...]:
        """Conflicts because the source changed since the export."""
        return tuple(result for result in self.conflicts if not result.file_translations)

    @property
    def duplicates(self) -> tuple[ImportResult, ...]:
        """Conflicts because the file gives one unit several different entries."""
        return tuple(result for result in self.conflicts if result.file_translations)

    @property
    def unknown(self) -> tuple[ImportResult, ...]:
        return self.with_outcome(ImportOutcome.UNKNOWN_CONTEXT)


def reconcile(entries: Iterable[CatalogEntry], current: Iterable[CatalogUnit]) -> ImportReport:
    """Decide what each imported entry means for the current units."""
    units = index_by_context(current)
    by_context: dict[str, list[CatalogEntry]] = {}
    for entry in entries:
        by_context.setdefault(entry.context, []).append(entry)
    results = []
    for context, given in by_context.items():
        unit = units.get(context)
        distinct = list(dict.fromkeys(given))  # the same entry twice is harmless
        if len(distinct) == 1:
            results.append(_reconcile_entry(distinct[0], unit))
        else:
            translations = tuple(dict.fromkeys(entry.translation for entry in distinct))
            results.append(
                ImportResult(
                    distinct[0],
                    ImportOutcome.CONFLICT,
                    None,
                    unit.source if unit else None,
                    file_translations=translations,
                )
            )
    return ImportReport(tuple(results))


def _reconcile_entry(entry: CatalogEntry, unit: CatalogUnit | None) -> ImportResult:
    if unit is None:
        return ImportResult(entry, ImportOutcome.UNKNOWN_CONTEXT, None, None)
    if not entry.translation.strip():
        return ImportResult(entry, ImportOutcome.UNTRANSLATED, None, unit.source)
    # Compared like outdated detection: re-wrapped whitespace in the file is no conflict.
    if source_hash(entry.source) != unit.source_hash:
        return ImportResult(entry, ImportOutcome.CONFLICT, None, unit.source)
    existing = unit.translation
    if not entry.fuzzy:
        # Clearing the fuzzy flag on an unchanged text is how a reviewer confirms it.
        candidate = Translation(entry.translation, unit.source_hash)
    elif existing is not None and existing.text == entry.translation and unit.is_outdated:
        candidate = existing  # still the same draft: keep the hash it really was made from
    else:
        candidate = Translation(entry.translation, UNCONFIRMED_SOURCE_HASH)
    if existing is None:
        outcome = ImportOutcome.NEW
    elif candidate == existing:
        outcome = ImportOutcome.UNCHANGED
    else:
        outcome = ImportOutcome.UPDATED
    return ImportResult(entry, outcome, candidate, unit.source)
