"""Rendering a document in a target language with fallback, and translation progress."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuza.translation.fallback import (
    Progress,
    UnitMismatchError,
    UnitState,
    progress,
    render_translation,
    translate_unit,
)
from kuza.translation.keys import (
    UNCONFIRMED_SOURCE_HASH,
    Translation,
    assign_keys,
    named_units,
)
from kuza.translation.tests.markdown_documents import markdown_documents
from kuza.translation.units import reassemble, source_hash, split_markdown

LESSON = "# Mentoring\n\nListen first.\n\n- Ask open questions\n- Share resources\n"


def _keyed(text: str):
    document = split_markdown(text)
    return document, assign_keys([], document.units, last_minted=0).units


def test_each_unit_shows_its_translation_or_falls_back_to_the_source():
    document, units = _keyed(LESSON)
    translations = {
        "1": Translation("Ushauri", source_hash("Mentoring")),
        "2": Translation("Sikiliza kwanza.", source_hash("Listen first, always.")),
        "3": Translation("Uliza maswali ya wazi", source_hash("Ask open questions")),
    }

    rendering = render_translation(document, units, translations)

    assert rendering.text == (
        "# Ushauri\n\nSikiliza kwanza.\n\n- Uliza maswali ya wazi\n- Share resources\n"
    )
    assert [unit.state for unit in rendering.units] == [
        UnitState.TRANSLATED,
        UnitState.OUTDATED,
        UnitState.TRANSLATED,
        UnitState.MISSING,
    ]
    assert rendering.outdated_keys == ("2",)
    assert rendering.progress == Progress(translated=2, outdated=1, missing=1)
    assert (rendering.progress.total, rendering.progress.percent) == (4, 50)
    assert rendering.is_partial


def test_a_blank_translation_counts_as_missing():
    document, units = _keyed("Hello\n")

    rendering = render_translation(document, units, {"1": Translation("  ", source_hash("x"))})

    assert rendering.text == "Hello\n"
    assert rendering.units[0].state == UnitState.MISSING


def test_an_unconfirmed_draft_is_shown_as_outdated():
    document, units = _keyed("Hello\n")

    rendering = render_translation(
        document, units, {"1": Translation("Habari", UNCONFIRMED_SOURCE_HASH)}
    )

    assert rendering.text == "Habari\n"
    assert rendering.outdated_keys == ("1",)
    assert not rendering.is_partial


def test_a_right_to_left_translation_keeps_the_markdown_structure():
    document, units = _keyed(LESSON)
    translations = {
        unit.key: Translation(text, unit.source_hash)
        for unit, text in zip(
            units, ["إرشاد", "استمع أولاً.", "اطرح أسئلة مفتوحة", "شارك الموارد"], strict=True
        )
    }

    rendering = render_translation(document, units, translations)

    assert rendering.text == ("# إرشاد\n\nاستمع أولاً.\n\n- اطرح أسئلة مفتوحة\n- شارك الموارد\n")
    assert rendering.progress.is_complete
    assert not rendering.is_partial


def test_units_from_another_version_of_the_source_are_refused():
    _, units = _keyed(LESSON)
    edited = split_markdown(LESSON.replace("Listen first.", "Listen first, always."))

    with pytest.raises(UnitMismatchError, match="assign keys again"):
        render_translation(edited, units, {})


def test_named_units_of_a_quiz_are_translated_one_by_one():
    quiz = named_units({"question": "Which source is reliable?", "option:1": "A blog"})
    translations = {"question": Translation("מהו מקור אמין?", quiz[0].source_hash)}

    shown = [translate_unit(unit, translations.get(unit.key)) for unit in quiz]

    assert [(unit.key, unit.state, unit.text) for unit in shown] == [
        ("question", UnitState.TRANSLATED, "מהו מקור אמין?"),
        ("option:1", UnitState.MISSING, "A blog"),
    ]
    assert progress(quiz, translations).percent == 50


def test_progress_rounds_down_and_ignores_translations_of_removed_units():
    units = named_units({"a": "one", "b": "two", "c": "three"})
    translations = {
        "a": Translation("moja", units[0].source_hash),
        "b": Translation("mbili", units[1].source_hash),
        "gone": Translation("zamani", source_hash("old")),
    }

    result = progress(units, translations)

    assert (result.total, result.translated, result.missing, result.percent) == (3, 2, 1, 66)
    assert not result.is_complete


def test_an_empty_text_is_complete_and_counts_cannot_be_negative():
    assert progress([], {}) == Progress(0, 0, 0)
    assert progress([], {}).percent == 100
    with pytest.raises(ValueError, match="cannot be negative"):
        Progress(translated=-1, outdated=0, missing=0)


@settings(max_examples=60, deadline=None)
@given(markdown_documents(), st.data())
def test_rendering_matches_the_counts_and_untranslated_parts_stay_in_the_source(generated, data):
    document, units = _keyed(generated.text)
    states = data.draw(st.lists(st.sampled_from(list(UnitState)), min_size=len(units)))
    translations = {}
    for unit, state in zip(units, states, strict=False):
        if state is UnitState.TRANSLATED:
            translations[unit.key] = Translation(f"Tafsiri {unit.key}", unit.source_hash)
        elif state is UnitState.OUTDATED:
            translations[unit.key] = Translation(f"Tafsiri {unit.key}", UNCONFIRMED_SOURCE_HASH)

    rendering = render_translation(document, units, translations)

    expected_states = states[: len(units)]
    assert [unit.state for unit in rendering.units] == expected_states
    assert rendering.progress == Progress(
        translated=expected_states.count(UnitState.TRANSLATED),
        outdated=expected_states.count(UnitState.OUTDATED),
        missing=expected_states.count(UnitState.MISSING),
    )
    replacements = {
        index: f"Tafsiri {unit.key}" for index, unit in enumerate(units) if unit.key in translations
    }
    assert rendering.text == reassemble(document, replacements)
    if not translations:
        assert rendering.text == generated.text
