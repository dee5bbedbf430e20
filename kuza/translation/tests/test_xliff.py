"""XLIFF 1.2 export and import of translation units."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuza.translation.catalog import (
    CatalogFormatError,
    CatalogLanguageError,
    CatalogUnit,
    ImportOutcome,
)
from kuza.translation.fallback import render_translation
from kuza.translation.keys import UNCONFIRMED_SOURCE_HASH, Translation, assign_keys
from kuza.translation.units import source_hash, split_markdown
from kuza.translation.xliff import XLIFF_NAMESPACE, export_xliff, import_xliff, parse_xml_safely

LESSON = "## Organising an edit-a-thon\n\n1. Book a room & <wifi>\n2. Invite newcomers\n"
NS = {"x": XLIFF_NAMESPACE}


def _lesson(translations: dict[str, Translation] | None = None):
    document = split_markdown(LESSON)
    units = assign_keys([], document.units, last_minted=0).units
    catalog_units = [
        CatalogUnit(
            f"events.guide:7:body:{unit.key}",
            unit.text,
            "Edit-a-thon guide",
            (translations or {}).get(unit.key),
        )
        for unit in units
    ]
    return document, units, catalog_units


def _translate(xliff: bytes, targets: dict[str, tuple[str, str]]) -> bytes:
    """What a CAT tool does: write <target> text and state per trans-unit id."""
    root = parse_xml_safely(xliff)
    for unit in root.iterfind(".//x:trans-unit", NS):
        if unit.get("id") in targets:
            text, state = targets[unit.get("id")]
            target = unit.find("x:target", NS)
            if target is None:
                target = ET.SubElement(unit, f"{{{XLIFF_NAMESPACE}}}target")
            target.text = text
            target.set("state", state)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def test_export_is_xliff_1_2_with_sources_targets_states_and_notes():
    translations = {"1": Translation("Kuandaa edit-a-thon", source_hash("Old heading"))}
    _, _, catalog_units = _lesson(translations)

    root = parse_xml_safely(export_xliff(catalog_units, language="sw", source_language="en"))

    assert (root.tag, root.get("version")) == (f"{{{XLIFF_NAMESPACE}}}xliff", "1.2")
    file = root.find("x:file", NS)
    assert (file.get("source-language"), file.get("target-language")) == ("en", "sw")
    units = file.findall("x:body/x:trans-unit", NS)
    assert [unit.get("id") for unit in units] == [
        "events.guide:7:body:1",
        "events.guide:7:body:2",
        "events.guide:7:body:3",
    ]
    assert [unit.findtext("x:source", namespaces=NS) for unit in units] == [
        "Organising an edit-a-thon",
        "Book a room & <wifi>",
        "Invite newcomers",
    ]
    target = units[0].find("x:target", NS)
    assert (target.text, target.get("state")) == ("Kuandaa edit-a-thon", "needs-review-translation")
    assert units[1].find("x:target", NS) is None
    assert units[2].findtext("x:note", namespaces=NS) == "Edit-a-thon guide"


def test_a_translated_xliff_file_imports_and_renders():
    document, units, catalog_units = _lesson()
    xliff = _translate(
        export_xliff(catalog_units, language="sw", source_language="en"),
        {
            "events.guide:7:body:1": ("Kuandaa edit-a-thon", "translated"),
            "events.guide:7:body:2": ("Weka chumba & <wifi>", "needs-review-translation"),
        },
    )

    report = import_xliff(xliff, catalog_units, language="sw")

    assert [result.outcome for result in report.results] == [
        ImportOutcome.NEW,
        ImportOutcome.NEW,
        ImportOutcome.UNTRANSLATED,
    ]
    saved = {
        result.entry.context.rsplit(":", 1)[1]: result.translation for result in report.to_save
    }
    assert saved["2"].source_hash == UNCONFIRMED_SOURCE_HASH
    rendering = render_translation(document, units, saved)
    assert rendering.text == (
        "## Kuandaa edit-a-thon\n\n1. Weka chumba & <wifi>\n2. Invite newcomers\n"
    )
    assert rendering.outdated_keys == ("2",)


def test_a_source_changed_since_export_is_a_conflict():
    _, _, exported = _lesson()
    xliff = _translate(
        export_xliff(exported, language="sw", source_language="en"),
        {"events.guide:7:body:3": ("Alika wageni", "translated")},
    )
    current = [*exported[:2], CatalogUnit(exported[2].context, "Invite newcomers and mentors")]

    report = import_xliff(xliff, current, language="sw")

    [conflict] = report.conflicts
    assert (conflict.entry.source, conflict.current_source) == (
        "Invite newcomers",
        "Invite newcomers and mentors",
    )
    assert report.to_save == ()


def test_right_to_left_text_and_carriage_returns_round_trip():
    unit = CatalogUnit(
        "skills.skill:3:name:1",
        "Line one\r\nline two",
        "מיומנות",
        Translation("שורה אחת\r\nسطر اثنان", source_hash("Line one line two")),
    )

    report = import_xliff(
        export_xliff([unit], language="he", source_language="en"),
        [CatalogUnit(unit.context, unit.source)],
        language="he",
    )

    assert report.results[0].entry.source == "Line one\r\nline two"
    assert report.results[0].translation == unit.translation


def test_text_xml_cannot_carry_is_refused_on_export():
    unit = CatalogUnit("skills.skill:3:name:1", "bell \x07 character")

    with pytest.raises(CatalogFormatError) as refused:
        export_xliff([unit], language="he", source_language="en")

    (problem,) = refused.value.problems
    assert (problem.code, dict(problem.params)) == (
        "xml_character_invalid",
        {"context": "skills.skill:3:name:1", "character": "U+0007"},
    )


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">&lol2;</xliff>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">&secret;</xliff>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_dtds_and_entities_are_refused(data):
    with pytest.raises(CatalogFormatError) as refused:
        import_xliff(data, [], language="sw")

    assert [problem.code for problem in refused.value.problems] == ["xml_doctype"]


@pytest.mark.parametrize(
    "body,problem",
    [
        (b"<xliff version='1.2'/>", ("xliff_not_1_2", {})),
        (
            b"<xliff version='2.0' xmlns='urn:oasis:names:tc:xliff:document:2.0'/>",
            ("xliff_not_1_2", {}),
        ),
        (b"<xliff", ("xml_malformed", {"line": 1, "column": 1})),
        (
            b"<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'>"
            b"<file target-language='sw'><body><trans-unit id='a'><source>Hi <g id='1'>there</g>"
            b"</source></trans-unit></body></file></xliff>",
            ("xliff_inline_markup", {"unit": "a", "tag": "g"}),
        ),
        (
            b"<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'>"
            b"<file target-language='sw'><body><trans-unit><source>Hi</source></trans-unit>"
            b"</body></file></xliff>",
            ("xliff_unit_without_id", {}),
        ),
        (
            b"<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'>"
            b"<file target-language='sw'><body><trans-unit id='a'><target>Habari</target>"
            b"</trans-unit></body></file></xliff>",
            ("xliff_unit_without_source", {"unit": "a"}),
        ),
    ],
)
def test_malformed_files_are_clear_errors(body, problem):
    with pytest.raises(CatalogFormatError) as refused:
        import_xliff(body, [], language="sw")

    assert [(found.code, dict(found.params)) for found in refused.value.problems] == [problem]


def test_a_file_for_another_language_is_refused():
    _, _, catalog_units = _lesson()
    xliff = export_xliff(catalog_units, language="zh-Hans", source_language="en")

    assert import_xliff(xliff, catalog_units, language="zh_hans").results
    with pytest.raises(CatalogLanguageError) as refused:
        import_xliff(xliff, catalog_units, language="zh-Hant")

    (problem,) = refused.value.problems
    assert (problem.code, dict(problem.params)) == (
        "xliff_language_other",
        {"found": "zh-Hans", "expected": "zh-Hant"},
    )


XML_TEXT = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\ufffe\uffff").filter(
        lambda char: char >= " " or char in "\t\n\r"
    ),
    min_size=1,
    max_size=80,
).filter(str.strip)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(XML_TEXT, XML_TEXT, st.booleans()), min_size=1, max_size=5))
def test_any_xml_text_survives_an_xliff_round_trip(triples):
    catalog_units = [
        CatalogUnit(
            f"object:{number}",
            source,
            "Title",
            Translation(text, source_hash(source) if current else UNCONFIRMED_SOURCE_HASH),
        )
        for number, (source, text, current) in enumerate(triples)
    ]
    without_translations = [CatalogUnit(unit.context, unit.source) for unit in catalog_units]

    xliff = export_xliff(catalog_units, language="ar", source_language="en")
    report = import_xliff(xliff, without_translations, language="ar")

    assert [result.entry.source for result in report.results] == [s for s, _, _ in triples]
    assert [result.translation for result in report.results] == [
        unit.translation for unit in catalog_units
    ]
