"""XLIFF 1.2 export and import of translation units, with the same meaning as the PO files.

A trans-unit's id is the caller's stable unit id, <source> the current source, <target>
the existing translation with state "translated" or, when outdated, "needs-review-
translation"; a <note> names the object. On import any "needs-..." state counts as fuzzy.
Sources and targets are plain text (Markdown): inline XLIFF markup is refused.

Files are parsed with expat directly and any DOCTYPE is refused before it is read, so
entity tricks (billion laughs, external entities) never reach the tree, as defusedxml does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from xml.parsers import expat

from kuza.core.problems import Problem
from kuza.translation.catalog import (
    CatalogEntry,
    CatalogFormatError,
    CatalogUnit,
    ImportReport,
    check_language,
    check_same_language,
    index_by_context,
    reconcile,
)

XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _tag(name: str) -> str:
    return f"{{{XLIFF_NAMESPACE}}}{name}"


def export_xliff(
    units: Sequence[CatalogUnit], *, language: str, source_language: str, original: str = "kuza"
) -> bytes:
    """A UTF-8 XLIFF 1.2 file for translating `units` from `source_language` to `language`."""
    index_by_context(units)
    # Elements are built unqualified under an explicit xmlns: ElementTree's default_namespace
    # option refuses the unqualified attributes XLIFF uses, and register_namespace would
    # change a process-wide table.
    root = ET.Element("xliff", {"xmlns": XLIFF_NAMESPACE, "version": "1.2"})
    file = ET.SubElement(
        root,
        "file",
        {
            "original": original,
            "source-language": check_language(source_language),
            "target-language": check_language(language),
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(file, "body")
    for unit in units:
        _check_representable(unit)
        element = ET.SubElement(
            body, "trans-unit", {"id": unit.context, f"{{{_XML_NAMESPACE}}}space": "preserve"}
        )
        ET.SubElement(element, "source").text = unit.source
        if unit.translation is not None:
            state = "needs-review-translation" if unit.is_outdated else "translated"
            target = ET.SubElement(element, "target", state=state)
            target.text = unit.translation.text
        if unit.title.strip():
            ET.SubElement(element, "note").text = unit.one_line_title
    ET.indent(root)
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    # A raw CR in element text would come back as LF (XML end-of-line handling); as a
    # character reference it survives. ElementTree already escapes it in attributes.
    return xml.replace(b"\r", b"&#13;")


def _check_representable(unit: CatalogUnit) -> None:
    texts = [unit.source, unit.title] + ([unit.translation.text] if unit.translation else [])
    for text in texts:
        if match := _NOT_IN_XML.search(text):
            raise CatalogFormatError(
                Problem(
                    "xml_character_invalid",
                    {"context": unit.context, "character": f"U+{ord(match.group()):04X}"},
                )
            )


def import_xliff(data: bytes, current: Sequence[CatalogUnit], *, language: str) -> ImportReport:
    """Read an XLIFF 1.2 file for `language` and decide what each trans-unit means."""
    check_language(language)
    root = parse_xml_safely(data)
    if root.tag != _tag("xliff") or root.get("version") != "1.2":
        raise CatalogFormatError(Problem("xliff_not_1_2"))
    return reconcile(_entries(root, language), current)


def _entries(root: ET.Element, language: str) -> Iterator[CatalogEntry]:
    for file in root.iter(_tag("file")):
        check_same_language(file.get("target-language"), language, "xliff")
        for unit in file.iter(_tag("trans-unit")):
            context = unit.get("id")
            if not context:
                raise CatalogFormatError(Problem("xliff_unit_without_id"))
            source = unit.find(_tag("source"))
            if source is None:
                raise CatalogFormatError(Problem("xliff_unit_without_source", {"unit": context}))
            # One entry per <target>: a unit given two targets is then reported as a
            # conflict by reconcile() instead of one of them being taken silently.
            for target in unit.findall(_tag("target")) or [None]:
                state = target.get("state", "") if target is not None else ""
                yield CatalogEntry(
                    context=context,
                    source=_plain_text(source, context),
                    translation=_plain_text(target, context) if target is not None else "",
                    fuzzy=state.startswith("needs-"),
                )


def _plain_text(element: ET.Element, context: str) -> str:
    if len(element):
        tag = str(element[0].tag).rpartition("}")[2]
        raise CatalogFormatError(Problem("xliff_inline_markup", {"unit": context, "tag": tag}))
    return element.text or ""


def _refuse_doctype(*_declaration: object) -> None:
    raise CatalogFormatError(Problem("xml_doctype"))


def _clark(expat_name: str) -> str:
    # expat gives "namespace name" (separator " "); ElementTree wants "{namespace}name".
    namespace, _, local = expat_name.rpartition(" ")
    return f"{{{namespace}}}{local}" if namespace else local


def parse_xml_safely(data: bytes) -> ET.Element:
    """Parse XML into an ElementTree element, refusing DTDs and entity declarations."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.StartElementHandler = lambda name, attributes: builder.start(
        _clark(name), {_clark(key): value for key, value in attributes.items()}
    )
    parser.EndElementHandler = lambda name: builder.end(_clark(name))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise CatalogFormatError(
            Problem("xml_malformed", {"line": error.lineno, "column": error.offset + 1})
        ) from error
    return builder.close()
