"""Gettext PO export and import of translation units, for offline translation tools.

Each unit is one entry: msgctxt is the caller's stable unit id, msgid the current source,
msgstr the existing translation, `#, fuzzy` marks an outdated one and a `#.` comment names
the object. Import semantics (conflicts, fuzzy, unknown units) are in
kuza.translation.catalog. Plural forms are not used: units are prose, not UI strings.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Sequence

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, write_po

from kuza.core.problems import Problem
from kuza.translation.catalog import (
    CatalogEntry,
    CatalogFormatError,
    CatalogLanguageError,
    CatalogUnit,
    ImportReport,
    check_language,
    check_same_language,
    index_by_context,
    reconcile,
)

# A keyword line or continuation line must hold one whole quoted string. Babel reads an
# unterminated `msgstr "Vitabu` as "Vitab" without complaint; this catches it first. Bytes,
# so the check holds for any ASCII-compatible charset the header may declare.
_PO_STRING_LINE = re.compile(
    rb'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"'
)
# Babel guesses these from the source text ("50% of" looks like a %-format); translation
# tools would then demand the "placeholders" back in the translation.
_GUESSED_FORMAT_FLAGS = ("python-format", "python-brace-format")


def export_po(units: Sequence[CatalogUnit], *, language: str, project: str = "Kuza") -> bytes:
    """A UTF-8 PO file for translating `units` into `language`, in the order given."""
    index_by_context(units)  # refuses duplicate contexts before anything is written
    try:
        catalog = Catalog(
            locale=check_language(language).replace("-", "_"),
            project=project,
            fuzzy=False,
            charset="utf-8",
        )
    except ValueError as error:  # babel's own check of the code, stricter for some forms
        raise CatalogLanguageError(
            Problem("language_code_invalid", {"language": language})
        ) from error
    for unit in units:
        message = catalog.add(
            unit.source,
            unit.translation.text if unit.translation else "",
            context=unit.context,
            auto_comments=[unit.one_line_title] if unit.title.strip() else [],
            flags=["fuzzy"] if unit.is_outdated else [],
        )
        message.flags.difference_update(_GUESSED_FORMAT_FLAGS)
    buffer = io.BytesIO()
    write_po(buffer, catalog, no_location=True)
    return buffer.getvalue()


def import_po(data: bytes, current: Sequence[CatalogUnit], *, language: str) -> ImportReport:
    """Read a PO file for `language` and decide what each entry means for `current` units."""
    check_language(language)
    # Babel would read a BOM as part of the first keyword and turn the header into an entry.
    data = data.removeprefix(codecs.BOM_UTF8)
    catalog = read_po_entries(data)
    check_same_language(catalog.locale_identifier, language, "po")
    return reconcile((_entry(message) for message in catalog.entries), current)


def read_po_entries(data: bytes) -> _EveryEntryCatalog:
    """Parse a PO file (no BOM) keeping every entry; CatalogFormatError naming the line."""
    _check_strings_are_terminated(data)
    catalog = _EveryEntryCatalog()
    try:
        PoFileParser(catalog, abort_invalid=True).parse(io.BytesIO(data))
    except PoFileError as error:
        raise CatalogFormatError(Problem("po_line_invalid", {"line": error.lineno + 1})) from error
    except UnicodeDecodeError as error:
        raise CatalogFormatError(
            Problem(
                "po_not_decodable",
                {"line": _undecodable_line(data, error.encoding), "encoding": error.encoding},
            )
        ) from error
    except ValueError as error:
        raise CatalogFormatError(Problem("po_unreadable")) from error
    return catalog


class _EveryEntryCatalog(Catalog):
    """A catalog that also keeps every entry read, in file order.

    Babel's catalog is a dict keyed by (msgid, msgctxt): of two entries with the same key
    it keeps one without a word, which would hide a unit translated twice differently.
    """

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Message] = []

    def __setitem__(self, id: str, message: Message) -> None:
        if message.id != "":  # the header
            self.entries.append(message)
        super().__setitem__(id, message)


def _check_strings_are_terminated(data: bytes) -> None:
    for number, line in enumerate(data.split(b"\n"), start=1):
        line = line.strip()
        if line and not line.startswith(b"#") and not _PO_STRING_LINE.fullmatch(line):
            raise CatalogFormatError(
                Problem(
                    "po_line_unterminated",
                    {"line": number, "text": line[:60].decode("utf-8", errors="replace")},
                )
            )


def _undecodable_line(data: bytes, encoding: str) -> int:
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            return number
    return 0


def _entry(message: Message) -> CatalogEntry:
    if not isinstance(message.id, str) or not isinstance(message.string, str):
        raise CatalogFormatError(
            Problem("po_plural_entry", {"line": message.lineno or 0, "msgid": message.id[0]})
        )
    return CatalogEntry(
        context=message.context or "",
        source=message.id,
        translation=message.string,
        fuzzy=message.fuzzy,
    )
