"""Reading a CSV list of usernames for manual awards. Pure: no Django, no database.

One person per row: the username in the first column and, optionally, an evidence URL in the
second. A first row whose first cell is "username" is a header and is skipped. Blank lines are
ignored; a username listed twice is reported on its second row rather than awarded twice.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

MAX_ROWS = 2000
HEADER_NAMES = {"username", "user", "utilisateur", "jina la mtumiaji", "اسم المستخدم"}


@dataclass(frozen=True)
class CsvRow:
    line: int
    username: str
    evidence_url: str = ""
    duplicate_of: int | None = None


class CsvTooLong(ValueError):
    pass


def parse_usernames(text: str) -> list[CsvRow]:
    """The rows of `text` that name someone, with the line each ends on (1-based)."""
    text = text.lstrip("\ufeff")
    rows: list[CsvRow] = []
    first_line_of: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text))
    first_record = True
    for raw_cells in reader:
        index = reader.line_num
        cells = [cell.strip() for cell in raw_cells]
        if not cells or not any(cells):
            continue
        if first_record:
            first_record = False
            if cells[0].lower() in HEADER_NAMES:
                continue
        if len(rows) >= MAX_ROWS:
            raise CsvTooLong(MAX_ROWS)
        username = cells[0].removeprefix("@")
        evidence = cells[1] if len(cells) > 1 else ""
        key = username.casefold()
        rows.append(
            CsvRow(
                line=index,
                username=username,
                evidence_url=evidence,
                duplicate_of=first_line_of.get(key),
            )
        )
        first_line_of.setdefault(key, index)
    return rows
