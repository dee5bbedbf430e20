"""Splitting Markdown into translation units and reassembling it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuza.translation.tests.markdown_documents import (
    MARKDOWN_FRAGMENTS,
    GeneratedDocument,
    markdown_documents,
)
from kuza.translation.units import (
    Document,
    EmptyUnitError,
    ReassemblyError,
    Slot,
    Unit,
    UnitKind,
    reassemble,
    single_unit,
    source_hash,
    split_markdown,
)

LESSON = """\
# Welcome to *editing* Wikipedia

Wikipedia is a free encyclopedia
that anyone can edit.

## Before you start ##

1. Create an account.
2. Read the [five pillars](https://en.wikipedia.org/wiki/Wikipedia:Five_pillars):
   - neutral point of view
   - verifiability
     and reliable sources
3) Say hello.

> Be bold, but not reckless.
> — Community proverb
>
> > Nested advice.

```python
# this code stays as it is
print("hello")
```

    indented code stays too

| Term | Meaning |
|------|---------|
| Edit | A change to a page |

Summary
=======

***
[pillars]: https://example.org
"""


def _kinds_and_texts(document: Document) -> list[tuple[UnitKind, str]]:
    return [(unit.kind, unit.text) for unit in document.units]


def test_a_lesson_splits_into_prose_units_leaving_code_and_structure_behind():
    document = split_markdown(LESSON)

    assert _kinds_and_texts(document) == [
        (UnitKind.HEADING, "Welcome to *editing* Wikipedia"),
        (UnitKind.PARAGRAPH, "Wikipedia is a free encyclopedia\nthat anyone can edit."),
        (UnitKind.HEADING, "Before you start"),
        (UnitKind.LIST_ITEM, "Create an account."),
        (
            UnitKind.LIST_ITEM,
            "Read the [five pillars](https://en.wikipedia.org/wiki/Wikipedia:Five_pillars):",
        ),
        (UnitKind.LIST_ITEM, "neutral point of view"),
        (UnitKind.LIST_ITEM, "verifiability\nand reliable sources"),
        (UnitKind.LIST_ITEM, "Say hello."),
        (UnitKind.BLOCKQUOTE, "Be bold, but not reckless.\n— Community proverb"),
        (UnitKind.BLOCKQUOTE, "Nested advice."),
        (UnitKind.TABLE_ROW, "| Term | Meaning |"),
        (UnitKind.TABLE_ROW, "| Edit | A change to a page |"),
        (UnitKind.HEADING, "Summary"),
    ]
    assert reassemble(document) == LESSON


def test_translated_units_go_back_into_the_original_structure():
    document = split_markdown(LESSON)
    translations = {
        0: "Karibu kwenye *kuhariri* Wikipedia",
        1: "Wikipedia ni kamusi elezo huru ambayo mtu yeyote anaweza kuhariri.",
        2: "Kabla ya kuanza",
        6: "mtazamo usioegemea upande wowote\n(kanuni ya kwanza)",
        8: "Kuwa jasiri,\nlakini si mzembe.",
        10: "| Neno | Maana |",
        12: "Muhtasari\nwa somo",
    }

    translated = reassemble(document, translations)

    assert "# Karibu kwenye *kuhariri* Wikipedia\n" in translated
    assert "## Kabla ya kuanza ##\n" in translated
    assert "   - mtazamo usioegemea upande wowote\n     (kanuni ya kwanza)\n" in translated
    assert "> Kuwa jasiri,\n> lakini si mzembe.\n" in translated
    assert "| Neno | Maana |\n|------|---------|\n" in translated
    assert "Muhtasari\nwa somo\n=======\n" in translated
    assert 'print("hello")' in translated
    resplit = split_markdown(translated)
    assert [unit.kind for unit in resplit.units] == [unit.kind for unit in document.units]
    assert resplit.units[6].text == translations[6]


def test_single_line_units_fold_line_breaks_in_their_translation():
    document = split_markdown("## Heading\n\n| a | b |\n|---|---|\n")

    translated = reassemble(document, {0: "Kichwa\ncha habari", 1: "| x |\n y |"})

    assert translated == "## Kichwa cha habari\n\n| x | y |\n|---|---|\n"


def test_a_blank_line_in_a_translation_makes_a_second_paragraph_in_the_same_item():
    document = split_markdown("- first\n- second\n")

    translated = reassemble(document, {0: "kwanza\n\nzaidi"})

    assert translated == "- kwanza\n\n  zaidi\n- second\n"


def test_windows_line_endings_are_kept_even_for_lines_a_translation_adds():
    source = "> quoted\r\n\r\ntext\r\n"
    document = split_markdown(source)

    assert reassemble(document) == source
    assert reassemble(document, {0: "one\ntwo"}) == "> one\r\n> two\r\n\r\ntext\r\n"


def test_right_to_left_text_is_a_unit_like_any_other():
    source = "# مرحبا بكم\n\n- שלום עולם\n- تحرير **ويكيبيديا**\n"
    document = split_markdown(source)

    assert _kinds_and_texts(document) == [
        (UnitKind.HEADING, "مرحبا بكم"),
        (UnitKind.LIST_ITEM, "שלום עולם"),
        (UnitKind.LIST_ITEM, "تحرير **ويكيبيديا**"),
    ]
    assert reassemble(document, {1: "ברוכים הבאים"}) == (
        "# مرحبا بكم\n\n- ברוכים הבאים\n- تحرير **ويكيبيديا**\n"
    )


@pytest.mark.parametrize(
    "source", ["", "\n\n", "```\ncode only\n```\n", "---\n", "#\n", "    code\n"]
)
def test_text_without_prose_has_no_units(source):
    document = split_markdown(source)

    assert document.units == ()
    assert reassemble(document) == source


def test_a_replacement_must_name_an_existing_unit_and_hold_text():
    document = split_markdown("one\n\ntwo\n")

    with pytest.raises(ReassemblyError, match="has 2 units"):
        reassemble(document, {2: "tatu"})
    with pytest.raises(ReassemblyError, match="blank"):
        reassemble(document, {0: "  \n"})


def test_a_document_needs_one_slot_per_unit():
    slot = Slot(0, ("",), ("",), "", "", single_line=False)

    with pytest.raises(ValueError, match="exactly one slot"):
        Document((slot, slot), (Unit("a", UnitKind.PLAIN),), "\n")


def test_a_unit_needs_text():
    with pytest.raises(EmptyUnitError, match="needs text"):
        Unit(" \n", UnitKind.PARAGRAPH)


def test_a_plain_field_is_one_unit_without_its_surrounding_whitespace():
    document = single_unit("  Leadership\r\n  in communities \n")

    assert _kinds_and_texts(document) == [(UnitKind.PLAIN, "Leadership\n  in communities")]
    assert reassemble(document) == "  Leadership\r\n  in communities \n"
    assert reassemble(document, {0: "Uongozi\nkatika jamii"}) == ("  Uongozi\r\nkatika jamii \n")
    assert single_unit("   ").units == ()


def test_the_source_hash_ignores_whitespace_and_unicode_composition_only():
    assert source_hash("Be  bold,\n  edit") == source_hash("Be bold, edit ")
    assert source_hash("caf\u00e9") == source_hash("cafe\u0301")
    assert source_hash("Be bold") != source_hash("Be bolder")
    assert source_hash("a b") != source_hash("ab")


@settings(max_examples=100, deadline=None)
@given(markdown_documents())
def test_generated_documents_split_into_the_expected_units(generated: GeneratedDocument):
    document = split_markdown(generated.text)

    assert _kinds_and_texts(document) == generated.units
    assert reassemble(document) == generated.text


@settings(max_examples=100, deadline=None)
@given(markdown_documents(), st.sampled_from(["Tafsiri", "ترجمة", "תרגום"]))
def test_translations_keep_the_structure_of_generated_documents(
    generated: GeneratedDocument, word: str
):
    document = split_markdown(generated.text)
    slots = [part for part in document.skeleton if isinstance(part, Slot)]
    replacements = {index: f"{word} {index}\n{word}" for index in range(len(document.units))}
    # A translated row keeps its number of cells, or the table would fall apart.
    table_rows = {
        index: f"| {word} {index} |" + f" {word} |" * (unit.text.count("|") - 2)
        for index, unit in enumerate(document.units)
        if unit.kind == UnitKind.TABLE_ROW
    }
    replacements.update(table_rows)

    resplit = split_markdown(reassemble(document, replacements))

    expected = [
        (
            unit.kind,
            replacements[index].replace("\n", " ") if slot.single_line else replacements[index],
        )
        for index, (unit, slot) in enumerate(zip(document.units, slots, strict=True))
    ]
    assert _kinds_and_texts(resplit) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_FRAGMENTS), max_size=40).map("".join))
def test_any_text_reassembles_exactly(text: str):
    assert reassemble(split_markdown(text)) == text
    assert reassemble(single_unit(text)) == text
