import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuza.credentials.csvimport import HEADER_NAMES, MAX_ROWS, CsvTooLong, parse_usernames


def test_a_header_row_blank_lines_and_at_signs_are_handled():
    rows = parse_usernames("username,evidence\n@amina,https://example.org/a\n\n  neema \n")

    assert [(row.line, row.username, row.evidence_url) for row in rows] == [
        (2, "amina", "https://example.org/a"),
        (4, "neema", ""),
    ]


def test_a_username_listed_twice_points_to_its_first_line():
    rows = parse_usernames("amina\nneema\nAmina\n")

    assert [row.duplicate_of for row in rows] == [None, None, 1]


def test_a_byte_order_mark_is_ignored():
    assert [row.username for row in parse_usernames("\ufeffusername\namina\n")] == ["amina"]


def test_more_rows_than_the_limit_are_refused():
    with pytest.raises(CsvTooLong):
        parse_usernames("\n".join(f"user{index}" for index in range(MAX_ROWS + 1)))


usernames = st.text(
    alphabet=st.characters(categories=["L", "N"], include_characters="._-"),
    min_size=1,
    max_size=20,
)


@given(st.lists(usernames, min_size=1, max_size=30))
def test_every_written_username_comes_back_once_in_order(names):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for name in names:
        writer.writerow([name])

    rows = parse_usernames(buffer.getvalue())

    if names[0].lower() in HEADER_NAMES:
        names = names[1:]
    assert [row.username for row in rows] == names
    first_seen: dict[str, int] = {}
    for row in rows:
        assert row.duplicate_of == first_seen.get(row.username.casefold())
        first_seen.setdefault(row.username.casefold(), row.line)
