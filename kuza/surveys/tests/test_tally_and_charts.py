"""The pure counting rules and the SVG charts (no database)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kuza.surveys.charts import bars_svg
from kuza.surveys.tally import SMALL_COUNT, groups_of, rows_of, shown, summary_of

counts = st.dictionaries(st.sampled_from("abcdef"), st.integers(min_value=0, max_value=50))


@settings(max_examples=80)
@given(counts)
def test_no_count_from_1_to_2_ever_leaves_rows_of(values):
    labels = [(key, key.upper()) for key in "abcdef"]
    for row in rows_of(values, labels):
        raw = values.get(row.key, 0)
        if 0 < raw < SMALL_COUNT:
            assert row.count.value is None
        else:
            assert row.count.value == raw


@settings(max_examples=80)
@given(st.lists(st.integers(min_value=1, max_value=5), max_size=12))
def test_averages_only_from_3_answers(values):
    summary = summary_of(values)
    if len(values) < SMALL_COUNT:
        assert summary.mean is None and summary.median is None
    else:
        assert min(values) <= summary.mean <= max(values)


@settings(max_examples=60)
@given(
    st.dictionaries(st.sampled_from(["KE", "SN", "GH", ""]), st.integers(min_value=0, max_value=9)),
    st.data(),
)
def test_a_group_below_3_responses_shows_no_rows(sizes, data):
    counts = {
        group: {"x": data.draw(st.integers(min_value=0, max_value=size))}
        for group, size in sizes.items()
    }
    groups = groups_of(counts, sizes, {}, [("x", "X")])
    for group in groups:
        assert group.responses == shown(sizes[group.key])
        if sizes[group.key] < SMALL_COUNT:
            assert group.rows == ()
    # The hidden groups together never hold 1 or 2 responses while others show figures:
    # the totals minus the shown groups would then give those people's answers away.
    hidden = sum(sizes[group.key] for group in groups if group.rows == ())
    some_shown = any(group.rows for group in groups)
    assert not (some_shown and 0 < hidden < SMALL_COUNT)
    # And no group is hidden that did not need to be: only the smallest shown ones go.
    if not 0 < sum(size for size in sizes.values() if 0 < size < SMALL_COUNT) < SMALL_COUNT:
        assert all(group.rows for group in groups if sizes[group.key] >= SMALL_COUNT)


def test_one_hidden_person_cannot_be_worked_out_by_subtracting_the_shown_groups():
    # 4 in Kenya, 3 in Ghana, 1 in Togo: overall minus Kenya and Ghana would give Togo's answer.
    sizes = {"KE": 4, "GH": 3, "TG": 1}
    counts = {"KE": {"x": 4}, "GH": {"x": 3}, "TG": {"y": 1}}
    groups = {g.key: g for g in groups_of(counts, sizes, {}, [("x", "X"), ("y", "Y")])}

    assert groups["TG"].rows == () and groups["GH"].rows == ()  # Ghana, the smallest, goes too
    assert [row.count.value for row in groups["KE"].rows] == [4, 0]


@settings(max_examples=60)
@given(counts)
def test_the_chart_never_writes_a_hidden_count_and_has_no_script(values):
    labels = [(key, f"<{key}> & co") for key in "abcdef"]
    svg = bars_svg(rows_of(values, labels), title="T <b>", fewer_than="fewer than 3")
    written = [int(number) for number in re.findall(r">(\d+)</text>", svg)]
    expected = [values.get(key, 0) for key in "abcdef" if not 0 < values.get(key, 0) < SMALL_COUNT]
    assert written == expected
    assert svg.count("fewer than 3") == sum(1 for raw in values.values() if 0 < raw < SMALL_COUNT)
    assert "<script" not in svg and "<b>" not in svg and "&lt;a&gt;" in svg
