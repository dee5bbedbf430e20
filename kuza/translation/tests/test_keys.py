"""Stable unit keys across edits, and outdated translations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuza.translation.keys import (
    UNCONFIRMED_SOURCE_HASH,
    KeyAssignment,
    KeyedUnit,
    Translation,
    UnitKeyError,
    UnitStatus,
    assign_keys,
    is_outdated,
    named_units,
)
from kuza.translation.units import Unit, UnitKind, normalise_source, split_markdown

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzمرحباשלום", min_size=1, max_size=8)
SENTENCE = st.lists(WORD, min_size=6, max_size=14).map(" ".join)
DISTINCT_SENTENCES = st.lists(SENTENCE, min_size=1, max_size=12, unique_by=normalise_source)


def _units(texts: list[str]) -> list[Unit]:
    return [Unit(text, UnitKind.PARAGRAPH) for text in texts]


def _first_save(texts: list[str]) -> KeyAssignment:
    return assign_keys([], _units(texts), last_minted=0)


def _key_of(assignment: KeyAssignment) -> dict[str, str]:
    return {unit.text: unit.key for unit in assignment.units}


def test_a_new_field_gets_keys_counting_from_one():
    assignment = _first_save(["Intro", "Body", "End"])

    assert [unit.key for unit in assignment.units] == ["1", "2", "3"]
    assert assignment.statuses == (UnitStatus.NEW,) * 3
    assert assignment.last_minted == 3
    assert assignment.removed_keys == ()


def test_keys_follow_a_realistic_lesson_through_an_edit_and_an_insertion():
    before = split_markdown(
        "# Citing sources\n\nAlways cite a reliable source.\n\n- Books\n- News\n"
    )
    first = assign_keys([], before.units, last_minted=0)
    after = split_markdown(
        "# Citing sources\n\nAlways cite a reliable, published source.\n\n"
        "Use the cite tool.\n\n- Books\n- News\n"
    )

    second = assign_keys(first.units, after.units, last_minted=first.last_minted)

    assert [unit.key for unit in second.units] == ["1", "2", "5", "3", "4"]
    assert second.statuses == (
        UnitStatus.UNCHANGED,
        UnitStatus.EDITED,
        UnitStatus.NEW,
        UnitStatus.UNCHANGED,
        UnitStatus.UNCHANGED,
    )
    assert second.keys_with_status(UnitStatus.EDITED) == ("2",)
    old_translation = Translation("Daima taja chanzo cha kuaminika.", first.units[1].source_hash)
    assert is_outdated(old_translation.source_hash, second.units[1])


def test_a_whitespace_only_edit_keeps_translations_current():
    first = _first_save(["Be bold when editing."])

    second = assign_keys(first.units, _units(["Be  bold\nwhen editing. "]), last_minted=1)

    assert second.statuses == (UnitStatus.UNCHANGED,)
    assert not is_outdated(first.units[0].source_hash, second.units[0])


def test_a_rewritten_unit_gets_a_fresh_key_and_the_old_one_is_retired():
    first = _first_save(["Welcome to the workshop", "Bring a laptop"])

    second = assign_keys(
        first.units, _units(["Welcome to the workshop", "Lunch is provided"]), last_minted=2
    )

    assert [unit.key for unit in second.units] == ["1", "3"]
    assert second.removed_keys == ("2",)


def test_a_key_deleted_earlier_is_not_minted_again():
    first = _first_save(["one", "two", "three"])
    shortened = assign_keys(first.units, _units(["one", "two"]), last_minted=3)

    regrown = assign_keys(
        shortened.units, _units(["one", "two", "a different third"]), last_minted=3
    )

    assert [unit.key for unit in regrown.units] == ["1", "2", "4"]


def test_identical_units_keep_distinct_keys_and_one_survives_a_deletion():
    first = _first_save(["See above.", "Middle", "See above."])

    second = assign_keys(first.units, _units(["Middle", "See above."]), last_minted=3)

    assert [unit.key for unit in second.units] == ["2", "3"]
    assert second.removed_keys == ("1",)


def test_many_lightly_edited_units_keep_their_keys_on_a_big_document():
    # 30 x 30 leftover units is past the all-pairs limit, so this uses the windowed search.
    texts = [f"Paragraph {n} explains step {n} of the editing workshop." for n in range(30)]
    first = _first_save(texts)
    edited = [text.replace("explains", "describes") for text in texts]

    second = assign_keys(first.units, _units(edited), last_minted=30)

    assert [unit.key for unit in second.units] == [str(n) for n in range(1, 31)]
    assert set(second.statuses) == {UnitStatus.EDITED}


def test_a_wholesale_rewrite_retires_every_key():
    old = [f"Step {n}: open the visual editor and fix a typo." for n in range(25)]
    new = [f"Workshop lunch number {n} is served near the library." for n in range(25)]
    first = _first_save(old)

    second = assign_keys(first.units, _units(new), last_minted=25)

    assert set(second.statuses) == {UnitStatus.NEW}
    assert second.removed_keys == tuple(str(n) for n in range(1, 26))
    assert second.last_minted == 50


def test_an_edit_in_a_long_text_without_spaces_keeps_its_key():
    long_chinese = "维基百科是一个自由的百科全书，任何人都可以编辑。" * 20
    first = _first_save([long_chinese])

    second = assign_keys(first.units, _units([long_chinese + "欢迎！"]), last_minted=1)

    assert second.statuses == (UnitStatus.EDITED,)
    assert second.units[0].key == "1"


def test_previous_units_must_have_unique_keys_within_last_minted():
    unit = KeyedUnit("1", "text", UnitKind.PARAGRAPH)
    other = KeyedUnit("7", "other", UnitKind.PARAGRAPH)

    with pytest.raises(UnitKeyError, match="appears twice"):
        assign_keys([unit, unit], [], last_minted=1)
    with pytest.raises(UnitKeyError, match="above last_minted=3"):
        assign_keys([unit, other], [], last_minted=3)
    with pytest.raises(UnitKeyError, match="0 or more"):
        assign_keys([], [], last_minted=-1)


def test_callers_can_name_the_units_of_structured_content():
    quiz = named_units(
        {"question": "What is a reliable source?", "option:1": "A blog", "feedback:1": " "}
    )

    assert [(unit.key, unit.text, unit.kind) for unit in quiz] == [
        ("question", "What is a reliable source?", UnitKind.PLAIN),
        ("option:1", "A blog", UnitKind.PLAIN),
    ]
    with pytest.raises(UnitKeyError, match="must be 1-64 letters"):
        named_units({"option 1": "A blog"})


def test_a_translation_hash_must_come_from_source_hash():
    assert Translation("draft", UNCONFIRMED_SOURCE_HASH).source_hash == ""
    with pytest.raises(ValueError, match="not one made by source_hash"):
        Translation("text", "sha1:abc")


@settings(max_examples=60, deadline=None)
@given(DISTINCT_SENTENCES, SENTENCE, st.data())
def test_inserting_a_unit_keeps_every_other_key(texts, inserted, data):
    first = _first_save(texts)
    position = data.draw(st.integers(0, len(texts)))
    new_texts = [*texts[:position], inserted, *texts[position:]]

    second = assign_keys(first.units, _units(new_texts), last_minted=first.last_minted)

    kept = [unit.key for index, unit in enumerate(second.units) if index != position]
    assert kept == [unit.key for unit in first.units]
    assert second.units[position].key not in {unit.key for unit in first.units}


@settings(max_examples=60, deadline=None)
@given(DISTINCT_SENTENCES, st.data())
def test_deleting_a_unit_keeps_every_other_key(texts, data):
    first = _first_save(texts)
    position = data.draw(st.integers(0, len(texts) - 1))

    second = assign_keys(
        first.units, _units(texts[:position] + texts[position + 1 :]), last_minted=len(texts)
    )

    assert [unit.key for unit in second.units] == [
        unit.key for index, unit in enumerate(first.units) if index != position
    ]
    assert second.removed_keys == (first.units[position].key,)


@settings(max_examples=60, deadline=None)
@given(DISTINCT_SENTENCES, WORD, st.data())
def test_editing_a_unit_keeps_every_key_and_outdates_only_that_unit(texts, word, data):
    # Six words or more plus one word of at most eight letters stays above the similarity
    # threshold (at worst 22/31), so the edited unit must keep its key.
    first = _first_save(texts)
    position = data.draw(st.integers(0, len(texts) - 1))
    new_texts = list(texts)
    new_texts[position] = f"{texts[position]} {word}"

    second = assign_keys(first.units, _units(new_texts), last_minted=len(texts))

    assert [unit.key for unit in second.units] == [unit.key for unit in first.units]
    assert second.keys_with_status(UnitStatus.EDITED) == (first.units[position].key,)
    outdated = [
        old.key
        for old, new in zip(first.units, second.units, strict=True)
        if is_outdated(old.source_hash, new)
    ]
    assert outdated == [first.units[position].key]


@settings(max_examples=60, deadline=None)
@given(DISTINCT_SENTENCES.flatmap(lambda texts: st.tuples(st.just(texts), st.permutations(texts))))
def test_reordering_keeps_the_key_of_every_unit(texts_and_order):
    texts, reordered = texts_and_order
    first = _first_save(texts)

    second = assign_keys(first.units, _units(reordered), last_minted=len(texts))

    assert _key_of(second) == _key_of(first)
    assert set(second.statuses) == {UnitStatus.UNCHANGED}


EDITS = st.lists(
    st.tuples(st.sampled_from(["insert", "delete", "edit", "move"]), st.integers(0, 99), SENTENCE),
    max_size=12,
)


@settings(max_examples=50, deadline=None)
@given(DISTINCT_SENTENCES, EDITS)
def test_over_a_history_of_edits_a_retired_key_never_returns(texts, edits):
    assignment = _first_save(texts)
    retired: set[str] = set()
    for operation, position, sentence in edits:
        current = [unit.text for unit in assignment.units]
        index = position % (len(current) or 1)
        if operation == "insert" or not current:
            current.insert(index, sentence)
        elif operation == "delete":
            del current[index]
        elif operation == "edit":
            current[index] = sentence
        else:
            current.append(current.pop(index))
        previous_last = assignment.last_minted
        assignment = assign_keys(assignment.units, _units(current), last_minted=previous_last)
        keys = [unit.key for unit in assignment.units]
        assert len(set(keys)) == len(keys)
        assert not retired & set(keys)
        new_keys = assignment.keys_with_status(UnitStatus.NEW)
        assert all(int(key) > previous_last for key in new_keys)
        retired |= set(assignment.removed_keys)
