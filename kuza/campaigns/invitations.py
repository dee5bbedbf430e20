"""Who to invite: the editors who did most for a list of pages over a period (pure).

Each editor's score, out of 100, weighs what they added and how recently:
    50 × bytes added / the most anyone added
  + 30 × edits / the most edits anyone made
  + 20 × recency (1 for an edit today, falling evenly to 0 at the start of the period).
Bytes count only growth (a revert of vandalism adds nothing). Excluded names (bots, blocked
accounts, people who opted out) are left out before scoring, so they change no one's score.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

WEIGHTS = {"bytes": 50, "edits": 30, "recency": 20}


@dataclass(frozen=True, slots=True)
class PageEdit:
    user: str
    title: str
    timestamp: datetime
    bytes_added: int  # the page size change; negative for removals


@dataclass(frozen=True, slots=True)
class Suggestion:
    username: str
    score: int  # 0..100
    edits: int
    bytes_added: int
    pages: int
    last_edit: datetime


def suggest(
    edits: Iterable[PageEdit],
    *,
    now: datetime,
    period: timedelta,
    excluded: Iterable[str] = (),
    limit: int = 50,
) -> list[Suggestion]:
    """The `limit` best-scoring editors of the pages over [now - period, now], best first."""
    if period <= timedelta(0):
        raise ValueError("the period must be positive")
    start = now - period
    skip = set(excluded)
    counts: dict[str, list] = {}  # user -> [edits, bytes, pages, last]
    for edit in edits:
        if edit.user in skip or not start <= edit.timestamp <= now:
            continue
        row = counts.setdefault(edit.user, [0, 0, set(), edit.timestamp])
        row[0] += 1
        row[1] += max(edit.bytes_added, 0)
        row[2].add(edit.title)
        row[3] = max(row[3], edit.timestamp)
    if not counts:
        return []
    most_edits = max(row[0] for row in counts.values())
    most_bytes = max(row[1] for row in counts.values()) or 1
    suggestions = []
    for user, (count, added, pages, last) in counts.items():
        recency = 1 - (now - last) / period
        score = (
            WEIGHTS["bytes"] * added / most_bytes
            + WEIGHTS["edits"] * count / most_edits
            + WEIGHTS["recency"] * recency
        )
        suggestions.append(Suggestion(user, round(score), count, added, len(pages), last))
    suggestions.sort(key=lambda s: (-s.score, -s.bytes_added, s.username))
    return suggestions[:limit]
