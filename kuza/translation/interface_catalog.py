"""Kuza's interface catalogs as a translator sees them: one PO file per language.

Pure (no Django, no database): reads the shipped catalogs, writes the file a translator
downloads, and checks the file a translator uploads the way content imports are checked.

- Download: every entry of every app catalog of the language and of Kuza's third-party
  catalog, once each, with its current translation (a stored correction over the shipped
  text). Entries nobody has reviewed yet are `#, fuzzy`; reviewed ones say by whom.
- Upload: an entry without the fuzzy flag is REVIEWED by the uploader, with its text changed
  or not (clearing the flag is how a reviewer confirms a translation, as in content imports);
  a fuzzy entry whose text changed is kept as a DRAFT correction, still unreviewed; a blank
  entry deletes nothing. An entry someone else changed on the site since the file was
  downloaded (the file's X-Kuza-Revision) is a CONFLICT when the file gives another text, and
  so is an entry the file gives twice differently: conflicts are reported, never stored. An
  entry Kuza does not have is UNKNOWN and ignored.
- A broken entry (unreadable line, a placeholder or HTML tag the source does not have, a
  placeholder dropped, wrong number of plural forms, a file for another language) refuses the
  whole file with problems naming each line (codes with parameters, kuza.core.problems,
  worded in the reader's language by kuza/translation/problem_messages.py): nothing is stored.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from kuza.core.problems import Problem, ProblemError
from kuza.translation.catalog import CatalogFormatError, CatalogLanguageError, check_same_language
from kuza.translation.po import read_po_entries

REVISION_HEADER = "X-Kuza-Revision"
_REVISION = re.compile(rb'"X-Kuza-Revision:\s*(\d+)\\n"')
# %(name)s, %s, %d (not %%), {name} and {0} (str.format), as Django and Python use them.
_PLACEHOLDER = re.compile(r"%\([^)\s]+\)[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc]|%[sdifr]|\{\w*\}")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")

Key = tuple[str, str]  # (context, msgid)


def entry_key(context: str, msgid: str) -> str:
    """A short stable digest of an entry's identity, for the database's unique index."""
    return hashlib.sha256(f"{context}\x04{msgid}".encode()).hexdigest()


@dataclass(frozen=True)
class ShippedEntry:
    context: str
    msgid: str
    msgid_plural: str
    strings: tuple[str, ...]
    """The shipped translation: one string, or one per plural form; blank if untranslated."""
    apps: tuple[str, ...]

    @property
    def key(self) -> Key:
        return (self.context, self.msgid)


@dataclass(frozen=True)
class Correction:
    """What a translator stored over the shipped text."""

    strings: tuple[str, ...]
    reviewed: bool
    reviewer: str
    """The reviewer's name as the viewer may see it; blank for a draft."""
    revision: int


def is_translated(strings: Sequence[str]) -> bool:
    return bool(strings) and all(strings)


def read_shipped(catalogs: Iterable[tuple[str, Path]]) -> dict[Key, ShippedEntry]:
    """Every entry of the given (app name, .po path) catalogs, highest priority first.

    The first translation found wins, as gettext's lookup does; the apps list every catalog
    an entry appears in.
    """
    entries: dict[Key, ShippedEntry] = {}
    for app, path in catalogs:
        with path.open("rb") as po_file:
            catalog = read_po(po_file)
        for message in catalog:
            if not message.id:
                continue
            msgid, plural = (
                (message.id[0], message.id[1])
                if isinstance(message.id, tuple | list)
                else (message.id, "")
            )
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                strings = tuple("" for _ in strings)
            key = (message.context or "", msgid)
            known = entries.get(key)
            if known is None:
                entries[key] = ShippedEntry(key[0], msgid, plural, tuple(strings), (app,))
                continue
            better = known.strings if is_translated(known.strings) else tuple(strings)
            entries[key] = ShippedEntry(
                known.context, msgid, known.msgid_plural, better, (*known.apps, app)
            )
    return entries


def export_po(
    shipped: Mapping[Key, ShippedEntry],
    corrections: Mapping[Key, Correction],
    *,
    language: str,
    revision: int,
) -> bytes:
    """The PO file a translator downloads: current translations, drafts marked fuzzy."""
    catalog = Catalog(locale=language, project="Kuza", fuzzy=False, charset="utf-8")
    for key in sorted(shipped, key=lambda key: (shipped[key].apps[0], key[1], key[0])):
        entry = shipped[key]
        correction = corrections.get(key)
        strings = correction.strings if correction else entry.strings
        reviewed = correction is not None and correction.reviewed
        comments = [f"Used in: {', '.join(entry.apps)}"]
        if reviewed:
            comments.append(f"Reviewed by {correction.reviewer or '?'}")
        msgid = (entry.msgid, entry.msgid_plural) if entry.msgid_plural else entry.msgid
        value = tuple(strings) if entry.msgid_plural else strings[0]
        catalog.add(
            msgid,
            value,
            context=entry.context or None,
            auto_comments=comments,
            flags=["fuzzy"] if is_translated(strings) and not reviewed else [],
        )
    buffer = io.BytesIO()
    write_po(buffer, catalog, no_location=True, width=0)
    header = f'"{REVISION_HEADER}: {revision}\\n"\n'.encode()
    return buffer.getvalue().replace(b'"MIME-Version:', header + b'"MIME-Version:', 1)


class UploadOutcome(StrEnum):
    REVIEWED = "reviewed"
    """Confirmed as it is, by the uploader."""
    CORRECTED = "corrected"
    """A new text, reviewed by the uploader."""
    DRAFT = "draft"
    """A new text still marked fuzzy: stored, not reviewed."""
    UNCHANGED = "unchanged"
    UNTRANSLATED = "untranslated"
    CONFLICT = "conflict"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class UploadedEntry:
    line: int
    context: str
    msgid: str
    msgid_plural: str
    strings: tuple[str, ...]
    fuzzy: bool

    @property
    def key(self) -> Key:
        return (self.context, self.msgid)


@dataclass(frozen=True)
class UploadResult:
    entry: UploadedEntry
    outcome: UploadOutcome
    current: tuple[str, ...] = ()
    """For a CONFLICT: the translation on the site now (or each text the file gives)."""


@dataclass(frozen=True)
class UploadReport:
    results: tuple[UploadResult, ...]

    def with_outcome(self, *outcomes: UploadOutcome) -> tuple[UploadResult, ...]:
        return tuple(result for result in self.results if result.outcome in outcomes)

    @property
    def to_save(self) -> tuple[UploadResult, ...]:
        return self.with_outcome(
            UploadOutcome.REVIEWED, UploadOutcome.CORRECTED, UploadOutcome.DRAFT
        )


class UploadError(ProblemError):
    """The file cannot be used; `problems` name each line at fault."""


def read_upload(data: bytes, *, language: str, nplurals: int) -> tuple[list[UploadedEntry], int]:
    """The entries of an uploaded PO file and the revision it was downloaded at."""
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        catalog = read_po_entries(data)
        check_same_language(catalog.locale_identifier, language, "po")
    except (CatalogFormatError, CatalogLanguageError) as error:
        raise UploadError(*error.problems) from error
    if catalog.num_plurals != nplurals:
        raise UploadError(
            Problem("po_plural_forms_other", {"found": catalog.num_plurals, "expected": nplurals})
        )
    revision = _REVISION.search(data)
    entries = []
    for message in catalog.entries:
        plural = isinstance(message.id, tuple | list)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        entries.append(
            UploadedEntry(
                line=message.lineno or 0,  # Babel counts from 1, at the msgid
                context=message.context or "",
                msgid=message.id[0] if plural else message.id,
                msgid_plural=message.id[1] if plural else "",
                strings=tuple(strings),
                fuzzy=message.fuzzy,
            )
        )
    return entries, int(revision.group(1)) if revision else 0


def entry_problems(entry: UploadedEntry, shipped: ShippedEntry) -> list[Problem]:
    """What makes an uploaded translation unusable, each naming the entry's line."""
    if not any(entry.strings):
        return []
    where = {"line": entry.line, "msgid": entry.msgid[:40]}
    if bool(entry.msgid_plural) != bool(shipped.msgid_plural):
        code = "entry_plural_expected" if shipped.msgid_plural else "entry_plural_unexpected"
        return [Problem(code, where)]
    if len(entry.strings) != len(shipped.strings) or not all(entry.strings):
        return [Problem("entry_plural_incomplete", {**where, "last": len(shipped.strings) - 1})]
    problems = []
    source_text = entry.msgid + entry.msgid_plural
    allowed = set(_PLACEHOLDER.findall(source_text))
    tags = {_tag_name(tag) for tag in _TAG.findall(source_text)}
    for index, text in enumerate(entry.strings):
        # In a plural entry the message names the form as the file does: msgstr[index].
        form = {"form": index} if shipped.msgid_plural else {}
        unknown = set(_PLACEHOLDER.findall(text)) - allowed
        if unknown:
            problems.append(
                Problem(
                    "entry_placeholder_unknown_in_form" if form else "entry_placeholder_unknown",
                    {**where, **form, "placeholders": ", ".join(sorted(unknown))},
                )
            )
        new_tags = {_tag_name(tag) for tag in _TAG.findall(text)} - tags
        if new_tags:
            problems.append(
                Problem(
                    "entry_tag_unknown_in_form" if form else "entry_tag_unknown",
                    {**where, **form, "tags": ", ".join(f"<{tag}>" for tag in sorted(new_tags))},
                )
            )
    # A dropped placeholder loses a name or a number; a dropped %s breaks the page. The
    # singular form of a plural entry may leave the count out ("one book").
    last = entry.strings[-1]
    for placeholder in sorted(set(_PLACEHOLDER.findall(entry.msgid))):
        if placeholder not in last and placeholder not in entry.strings[0]:
            problems.append(
                Problem("entry_placeholder_missing", {**where, "placeholder": placeholder})
            )
    positional = [p for p in _PLACEHOLDER.findall(entry.msgid) if not p.startswith("%(")]
    if positional and sorted(positional) != sorted(
        p for p in _PLACEHOLDER.findall(last) if not p.startswith("%(")
    ):
        problems.append(
            Problem("entry_positional_count", {**where, "placeholders": " ".join(positional)})
        )
    return problems


def _tag_name(tag: str) -> str:
    return re.split(r"[\s/>]", tag.lstrip("</"), maxsplit=1)[0].lower()


def reconcile(
    entries: Sequence[UploadedEntry],
    shipped: Mapping[Key, ShippedEntry],
    corrections: Mapping[Key, Correction],
    *,
    base_revision: int,
) -> UploadReport:
    """Decide what each uploaded entry means; UploadError if any entry is broken."""
    problems: list[Problem] = []
    by_key: dict[Key, list[UploadedEntry]] = {}
    for entry in entries:
        by_key.setdefault(entry.key, []).append(entry)
        if entry.key in shipped:
            problems += entry_problems(entry, shipped[entry.key])
    if problems:
        raise UploadError(*problems)
    results = []
    for key, given in by_key.items():
        distinct = {(entry.strings, entry.fuzzy): entry for entry in given}
        texts = {entry.strings for entry in distinct.values()}
        if key in shipped and len(texts) > 1:
            results.append(
                UploadResult(given[0], UploadOutcome.CONFLICT, tuple(t[-1] for t in texts))
            )
            continue
        entry = next(iter(distinct.values()))
        if key in shipped and len(distinct) > 1:  # the same text, fuzzy and not: confirmed
            entry = next(item for item in distinct.values() if not item.fuzzy)
        results.append(
            _reconcile_entry(entry, shipped.get(key), corrections.get(key), base_revision)
        )
    return UploadReport(tuple(results))


def _reconcile_entry(
    entry: UploadedEntry,
    shipped: ShippedEntry | None,
    correction: Correction | None,
    base_revision: int,
) -> UploadResult:
    if shipped is None:
        return UploadResult(entry, UploadOutcome.UNKNOWN)
    if not any(entry.strings):
        return UploadResult(entry, UploadOutcome.UNTRANSLATED)
    current = correction.strings if correction else shipped.strings
    if entry.strings != current and correction and correction.revision > base_revision:
        return UploadResult(entry, UploadOutcome.CONFLICT, current)
    if entry.fuzzy:
        if entry.strings == current:
            return UploadResult(entry, UploadOutcome.UNCHANGED)
        return UploadResult(entry, UploadOutcome.DRAFT)
    if entry.strings == current and correction and correction.reviewed:
        return UploadResult(entry, UploadOutcome.UNCHANGED)
    if entry.strings == current:
        return UploadResult(entry, UploadOutcome.REVIEWED)
    return UploadResult(entry, UploadOutcome.CORRECTED)


def write_mo_catalog(
    path: Path, corrections: Iterable[tuple[str, str, str, Sequence[str]]], *, plural_forms: str
) -> None:
    """Write (context, msgid, msgid_plural, strings) entries as a gettext .mo file, atomically."""
    from babel.messages.mofile import write_mo

    catalog = Catalog(fuzzy=False, charset="utf-8")
    # Setting the header the way reading one does gives the catalog the language's rule.
    catalog.mime_headers = [
        ("Plural-Forms", plural_forms),
        ("Content-Type", "text/plain; charset=utf-8"),
    ]
    for context, msgid, msgid_plural, strings in corrections:
        catalog.add(
            (msgid, msgid_plural) if msgid_plural else msgid,
            tuple(strings) if msgid_plural else strings[0],
            context=context or None,
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.tmp")
    with partial.open("wb") as mo_file:
        write_mo(mo_file, catalog, use_fuzzy=False)
    partial.replace(path)
