"""PO export and import of translation units."""

from __future__ import annotations

import codecs
import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
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
from kuza.translation.po import export_po, import_po
from kuza.translation.units import source_hash, split_markdown

LESSON = "# Reliable sources\n\nCite what you add.\n\n- Books\n- Journals, 50% of the time\n"


def _lesson_units(text: str = LESSON, translations: dict[str, Translation] | None = None):
    """The lesson's keyed units, and the same units as catalog entries with stable ids."""
    document = split_markdown(text)
    units = assign_keys([], document.units, last_minted=0).units
    translations = translations or {}
    catalog_units = [
        CatalogUnit(
            context=f"learning.lesson:42:body:{unit.key}",
            source=unit.text,
            title="Reliable sources",
            translation=translations.get(unit.key),
        )
        for unit in units
    ]
    return document, units, catalog_units


def _translate(po: bytes, edits: dict[str, tuple[str, bool]]) -> bytes:
    """What a translator's tool does: set msgstr and the fuzzy flag per msgctxt."""
    catalog = read_po(io.BytesIO(po))
    for message in catalog:
        if message.context in edits:
            message.string, fuzzy = edits[message.context]
            message.flags.discard("fuzzy")
            if fuzzy:
                message.flags.add("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    return buffer.getvalue()


def _messages(po: bytes) -> list[tuple[str | None, str, str, bool, list[str]]]:
    catalog = read_po(io.BytesIO(po))
    return [
        (msg.context, msg.id, msg.string, msg.fuzzy, msg.auto_comments) for msg in catalog if msg.id
    ]


def test_export_has_one_entry_per_unit_with_context_title_and_fuzzy_outdated_ones():
    translations = {
        "1": Translation("Vyanzo vya kuaminika", source_hash("Reliable sources")),
        "2": Translation("Taja unachoongeza.", source_hash("Cite what you added.")),
    }
    _, _, catalog_units = _lesson_units(translations=translations)

    po = export_po(catalog_units, language="sw")

    assert read_po(io.BytesIO(po)).locale_identifier == "sw"
    assert _messages(po) == [
        (
            "learning.lesson:42:body:1",
            "Reliable sources",
            "Vyanzo vya kuaminika",
            False,
            ["Reliable sources"],
        ),
        (
            "learning.lesson:42:body:2",
            "Cite what you add.",
            "Taja unachoongeza.",
            True,
            ["Reliable sources"],
        ),
        ("learning.lesson:42:body:3", "Books", "", False, ["Reliable sources"]),
        (
            "learning.lesson:42:body:4",
            "Journals, 50% of the time",
            "",
            False,
            ["Reliable sources"],
        ),
    ]
    # Babel would guess "50% of" is a %-format; tools would then demand it in translations.
    assert "python-format" not in po.decode()


def test_a_translated_po_file_imports_and_renders_the_lesson():
    document, units, catalog_units = _lesson_units()
    po = _translate(
        export_po(catalog_units, language="sw"),
        {
            "learning.lesson:42:body:1": ("Vyanzo vya kuaminika", False),
            "learning.lesson:42:body:3": ("Vitabu", False),
            "learning.lesson:42:body:4": ("Majarida, nusu ya wakati", True),
        },
    )

    report = import_po(po, catalog_units, language="sw")

    assert [result.outcome for result in report.results] == [
        ImportOutcome.NEW,
        ImportOutcome.UNTRANSLATED,
        ImportOutcome.NEW,
        ImportOutcome.NEW,
    ]
    saved = {
        result.entry.context.rsplit(":", 1)[1]: result.translation for result in report.to_save
    }
    assert saved["4"] == Translation("Majarida, nusu ya wakati", UNCONFIRMED_SOURCE_HASH)
    rendering = render_translation(document, units, saved)
    assert rendering.text == (
        "# Vyanzo vya kuaminika\n\nCite what you add.\n\n- Vitabu\n- Majarida, nusu ya wakati\n"
    )
    assert rendering.outdated_keys == ("4",)
    assert rendering.is_partial


def test_a_source_changed_since_export_is_a_conflict_and_is_not_saved():
    _, _, exported_units = _lesson_units()
    po = _translate(
        export_po(exported_units, language="sw"),
        {
            "learning.lesson:42:body:2": ("Taja unachoongeza.", False),
            "learning.lesson:42:body:3": ("Vitabu", False),
        },
    )
    edited_lesson = LESSON.replace("Cite what you add.", "Cite everything you add.").replace(
        "- Books", "-   Books"
    )
    _, _, current_units = _lesson_units(edited_lesson)

    report = import_po(po, current_units, language="sw")

    [conflict] = report.conflicts
    assert conflict.entry.context == "learning.lesson:42:body:2"
    assert conflict.entry.source == "Cite what you add."
    assert conflict.current_source == "Cite everything you add."
    assert conflict.translation is None
    assert [result.entry.context for result in report.to_save] == ["learning.lesson:42:body:3"]


def test_entries_for_units_kuza_does_not_know_are_reported():
    _, _, catalog_units = _lesson_units()
    stray = Catalog(locale="sw")
    stray.add("Deleted paragraph", "Aya iliyofutwa", context="learning.lesson:42:body:99")
    stray.add("No context at all", "Hakuna muktadha")
    buffer = io.BytesIO()
    write_po(buffer, stray)

    report = import_po(buffer.getvalue(), catalog_units, language="sw")

    assert [(result.entry.context, result.outcome) for result in report.results] == [
        ("learning.lesson:42:body:99", ImportOutcome.UNKNOWN_CONTEXT),
        ("", ImportOutcome.UNKNOWN_CONTEXT),
    ]
    assert [result.entry.source for result in report.unknown] == [
        "Deleted paragraph",
        "No context at all",
    ]
    assert report.to_save == ()


def test_fuzzy_round_trips_keep_drafts_outdated_until_a_reviewer_confirms():
    old_hash = source_hash("Cite what you added.")
    translations = {"2": Translation("Taja unachoongeza.", old_hash)}
    _, _, catalog_units = _lesson_units(translations=translations)
    exported = export_po(catalog_units, language="sw")

    untouched = import_po(exported, catalog_units, language="sw")
    confirmed = import_po(
        _translate(exported, {"learning.lesson:42:body:2": ("Taja unachoongeza.", False)}),
        catalog_units,
        language="sw",
    )
    redrafted = import_po(
        _translate(exported, {"learning.lesson:42:body:2": ("Taja kila kitu.", True)}),
        catalog_units,
        language="sw",
    )

    assert untouched.results[1].outcome == ImportOutcome.UNCHANGED
    assert untouched.results[1].translation == Translation("Taja unachoongeza.", old_hash)
    assert confirmed.results[1].outcome == ImportOutcome.UPDATED
    assert confirmed.results[1].translation == Translation(
        "Taja unachoongeza.", catalog_units[1].source_hash
    )
    assert redrafted.results[1].outcome == ImportOutcome.UPDATED
    assert redrafted.results[1].translation == Translation(
        "Taja kila kitu.", UNCONFIRMED_SOURCE_HASH
    )


def test_right_to_left_translations_round_trip_through_po():
    arabic = "مصادر موثوقة\u200f (ويكيبيديا)"
    hebrew = "צטטו את מה שאתם מוסיפים."
    document, units, catalog_units = _lesson_units()
    po = _translate(
        export_po(catalog_units, language="ar"),
        {
            "learning.lesson:42:body:1": (arabic, False),
            "learning.lesson:42:body:2": (hebrew, False),
        },
    )

    report = import_po(po, catalog_units, language="ar")

    saved = {
        result.entry.context.rsplit(":", 1)[1]: result.translation for result in report.to_save
    }
    assert [translation.text for translation in saved.values()] == [arabic, hebrew]
    rendered = render_translation(document, units, saved).text
    assert rendered.startswith(f"# {arabic}\n\n{hebrew}\n\n- Books")
    export_again = export_po(
        [
            CatalogUnit(
                unit.context, unit.source, unit.title, saved.get(unit.context.rsplit(":", 1)[1])
            )
            for unit in catalog_units
        ],
        language="ar",
    )
    assert [message[2] for message in _messages(export_again)][:2] == [arabic, hebrew]


def test_a_byte_order_mark_from_a_windows_editor_is_ignored():
    _, _, catalog_units = _lesson_units()
    po = _translate(
        export_po(catalog_units, language="sw"), {"learning.lesson:42:body:3": ("Vitabu", False)}
    )

    report = import_po(codecs.BOM_UTF8 + po, catalog_units, language="sw")

    assert [result.translation.text for result in report.to_save] == ["Vitabu"]


def _problem(refused) -> tuple[str, dict]:
    """The one problem a refused file was refused for, as data (words come at display)."""
    (problem,) = refused.value.problems
    return problem.code, dict(problem.params)


def test_a_file_for_another_language_is_refused():
    _, _, catalog_units = _lesson_units()
    po = export_po(catalog_units, language="pt-BR")

    assert import_po(po, catalog_units, language="pt_br").results
    with pytest.raises(CatalogLanguageError) as refused:
        import_po(po, catalog_units, language="pt")
    assert _problem(refused) == ("po_language_other", {"found": "pt_BR", "expected": "pt"})
    with pytest.raises(CatalogLanguageError) as refused:
        import_po(b'msgid "Books"\nmsgstr "Vitabu"\n', catalog_units, language="sw")
    assert _problem(refused) == ("po_language_missing", {"expected": "sw"})
    with pytest.raises(CatalogLanguageError) as refused:
        export_po(catalog_units, language="x-klingon!")
    assert _problem(refused) == ("language_code_invalid", {"language": "x-klingon!"})


def test_unreadable_files_and_unsupported_entries_are_clear_errors():
    _, _, catalog_units = _lesson_units()
    header = 'msgid ""\nmsgstr "Language: sw\\n"\n\n'

    with pytest.raises(CatalogFormatError) as refused:
        missing_msgstr = b'msgid "Books"\nmsgid "Pens"\nmsgstr "Kalamu"\n'
        import_po(header.encode() + missing_msgstr, catalog_units, language="sw")
    assert _problem(refused) == ("po_line_invalid", {"line": 4})
    with pytest.raises(CatalogFormatError) as refused:
        import_po(header.encode() + b"garbage here\n", catalog_units, language="sw")
    assert _problem(refused) == ("po_line_unterminated", {"line": 4, "text": "garbage here"})
    with pytest.raises(CatalogFormatError) as refused:
        import_po(header.encode() + b'msgid "\xff\xfe"\n', catalog_units, language="sw")
    assert _problem(refused) == ("po_not_decodable", {"line": 4, "encoding": "utf-8"})
    unterminated = 'msgctxt "learning.lesson:42:body:3"\nmsgid "Books"\nmsgstr "Vitabu\n'
    with pytest.raises(CatalogFormatError) as refused:
        import_po((header + unterminated).encode(), catalog_units, language="sw")
    assert _problem(refused) == ("po_line_unterminated", {"line": 6, "text": 'msgstr "Vitabu'})
    with pytest.raises(CatalogFormatError) as refused:
        plural = 'msgid "book"\nmsgid_plural "books"\nmsgstr[0] "kitabu"\nmsgstr[1] "vitabu"\n'
        import_po((header + plural).encode(), catalog_units, language="sw")
    assert _problem(refused) == ("po_plural_entry", {"line": 4, "msgid": "book"})
    with pytest.raises(CatalogFormatError) as refused:
        export_po([catalog_units[0], catalog_units[0]], language="sw")
    assert _problem(refused)[0] == "unit_context_twice"


def test_catalog_units_need_a_context_and_source():
    with pytest.raises(CatalogFormatError) as refused:
        CatalogUnit("bad\ncontext", "text")
    assert _problem(refused) == ("unit_context_invalid", {"context": "bad\ncontext"})
    with pytest.raises(CatalogFormatError) as refused:
        CatalogUnit("learning.lesson:1:title:1", "  ")
    assert _problem(refused) == ("unit_without_source", {"context": "learning.lesson:1:title:1"})


UNIT_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=80).filter(
    str.strip
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(UNIT_TEXT, UNIT_TEXT), min_size=1, max_size=5))
def test_any_text_survives_a_po_round_trip(pairs):
    catalog_units = [
        CatalogUnit(f"object:{number}", source, "Title", Translation(text, source_hash(source)))
        for number, (source, text) in enumerate(pairs)
    ]
    without_translations = [
        CatalogUnit(unit.context, unit.source, unit.title) for unit in catalog_units
    ]

    po = export_po(catalog_units, language="he")
    report = import_po(po, without_translations, language="he")

    assert [result.outcome for result in report.results] == [ImportOutcome.NEW] * len(pairs)
    assert [result.entry.source for result in report.results] == [s for s, _ in pairs]
    assert [result.translation for result in report.results] == [
        unit.translation for unit in catalog_units
    ]
