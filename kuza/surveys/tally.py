"""Counting answers without singling anyone out (pure: no Django).

The same rule as the capacity map (`kuza.people.capacity_rules`): a count from 1 to 2 is
never shown, only "fewer than 3"; an average or a median is shown only over 3 answers or
more; a group (a country, a language, an organisation) with fewer than 3 responses shows
no figures at all, and neither does any group whose figures would let those be worked out
by subtraction from the totals.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kuza.people.capacity_rules import SMALL_COUNT, Shown

__all__ = ["SMALL_COUNT", "Shown", "shown", "Row", "Group", "rows_of", "summary_of", "groups_of"]


def shown(count: int) -> Shown:
    """A count as it may be shown: none (0) is shown as 0, 1 and 2 as "fewer than 3".

    Unlike the map, a survey shows its zeros: "no one chose this option" singles no one out.
    """
    if count < 0:
        raise ValueError("a count cannot be negative")
    return Shown(count if count >= SMALL_COUNT or count == 0 else None)


@dataclass(frozen=True)
class Row:
    """One bar of a result: an option, a scale value, a country..."""

    key: str
    label: str
    count: Shown


@dataclass(frozen=True)
class Summary:
    """Average and median of numbers, only when at least SMALL_COUNT people answered."""

    answered: Shown
    mean: float | None
    median: float | None


@dataclass(frozen=True)
class Group:
    """The result of one question within one group of respondents (e.g. one country)."""

    key: str
    label: str
    responses: Shown
    rows: tuple[Row, ...]  # empty when the group is too small to show anything


def rows_of(
    counts: Mapping[str, int], labels: Sequence[tuple[str, str]], *, keep_zero: bool = True
) -> tuple[Row, ...]:
    """A row per (key, label) in the order given, each count shown under the small rule.

    Keys that have counts but no label are left out (e.g. an option removed since).
    """
    rows = []
    for key, label in labels:
        count = counts.get(key, 0)
        if count or keep_zero:
            rows.append(Row(key, label, shown(count)))
    return tuple(rows)


def summary_of(values: Iterable[int]) -> Summary:
    values = list(values)
    if len(values) < SMALL_COUNT:
        return Summary(shown(len(values)), None, None)
    return Summary(
        shown(len(values)),
        round(statistics.fmean(values), 1),
        float(statistics.median(values)),
    )


def groups_of(
    counts: Mapping[str, Mapping[str, int]],
    group_sizes: Mapping[str, int],
    group_labels: Mapping[str, str],
    labels: Sequence[tuple[str, str]],
) -> tuple[Group, ...]:
    """Per group: its size and its rows; groups below SMALL_COUNT responses show no rows.

    `counts[group][key]` is how many in `group` chose `key`; `group_sizes[group]` is how
    many responses the group has. Groups are sorted by label.

    The overall figures are shown too, so the rows of the hidden groups together are the
    overall rows minus those of the shown groups. When the hidden groups hold only 1 or 2
    responses in all, that subtraction would give away those people's answers: the smallest
    shown groups then lose their rows as well, until the hidden groups hold at least
    SMALL_COUNT responses (or every group is hidden).
    """
    sizes = {key: size for key, size in group_sizes.items() if size > 0}
    hidden = {key for key, size in sizes.items() if size < SMALL_COUNT}
    candidates = sorted(
        (key for key in sizes if key not in hidden), key=lambda key: (sizes[key], key)
    )
    while 0 < sum(sizes[key] for key in hidden) < SMALL_COUNT and candidates:
        hidden.add(candidates.pop(0))
    groups = []
    for key, size in sizes.items():
        rows = () if key in hidden else rows_of(counts.get(key, {}), labels)
        groups.append(Group(key, group_labels.get(key, key), shown(size), rows))
    return tuple(sorted(groups, key=lambda group: group.label.casefold()))
