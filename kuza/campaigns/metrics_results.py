"""What the campaign metrics report, and the plain-English definition of every metric.

The definitions are the contract: the Django layer shows them, translated, next to the
numbers, and the tests in `tests/test_metrics.py` check the code against these sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType

METRIC_DEFINITIONS: Mapping[str, str] = MappingProxyType(
    {
        "counted_revision": (
            "A revision made from the start of the campaign up to, but not including, its "
            "end, either by an enrolled participant or, when the campaign is open, by anyone "
            "whose edit summary carries the hashtag as a whole word (# or ＃, any letter case). "
            "When the campaign requires its hashtag, every counted revision must carry it; "
            "when it has a worklist, the page must be on it; when it excludes bots, bot edits "
            "are never counted. A revision that leaves its page a redirect counts in no figure "
            "(edits, bytes, articles)."
        ),
        "edits": (
            "Counted revisions in the campaign's content namespaces, except those that leave "
            "the page a redirect."
        ),
        "articles_created": (
            "Distinct content pages whose first revision is a counted revision and is not a "
            "redirect. Each is credited to the participant who made that first revision."
        ),
        "articles_improved": (
            "For the campaign, a wiki or a language: distinct content pages edited by a "
            "counted revision that does not leave them a redirect, and that no contributor "
            "created during the campaign (created as a counted article), whoever else began "
            "them. Created and improved count each page once."
        ),
        "articles_improved_by_contributor": (
            "For one contributor (leaderboard): distinct content pages they edited during the "
            "campaign, by a counted revision that does not leave the page a redirect, and did "
            "not create themselves. Two people improving one page both get it, so rows may "
            "add up to more than the campaign's figure."
        ),
        "bytes_added": (
            "Sum of the size increases of counted content edits; edits that shrink a page "
            "add nothing."
        ),
        "net_bytes": "Sum of the size changes of counted content edits, removals included.",
        "files_uploaded": (
            "Distinct files uploaded by counted revisions (new file pages or upload log "
            "entries), in any namespace, counted separately from articles."
        ),
        "active_participants": (
            "Distinct contributors with at least one counted edit: enrolled participants, and "
            "in an open campaign everyone credited through the hashtag."
        ),
        "new_editors": (
            "Active contributors whose account was registered during the campaign; accounts "
            "with no known registration date are not counted as new."
        ),
        "retention": (
            "Of the active contributors, how many made at least one edit on any campaign wiki, "
            "in any namespace and with or without the hashtag, from 30 days after the campaign "
            "ended up to now. Not yet measurable (shown as empty, not zero) until 30 days "
            "after the end."
        ),
        "leaderboard": (
            "One row per contributor with a counted edit or upload. Contributors who chose to "
            "be hidden get no row, but their work still counts in every total."
        ),
        "deleted": (
            "Revisions of pages since deleted, and revisions hidden by an administrator, count "
            "in no figure: each collection reads the wikis' deletion and move logs since the "
            "previous one and stops counting what was removed."
        ),
        "daily": (
            "Edits, articles created and bytes added on each day of the campaign in its time "
            "zone; every day appears, including days with no activity."
        ),
    }
)


@dataclass(frozen=True, slots=True)
class Tally:
    """Metrics for one slice: the whole campaign, one wiki or one language.

    All fields add up across wikis except `active_participants`, since one person may be
    active on several wikis.
    """

    edits: int
    articles_created: int
    articles_improved: int
    bytes_added: int
    net_bytes: int
    files_uploaded: int
    active_participants: int


@dataclass(frozen=True, slots=True)
class WikiTally:
    wiki: str
    language: str
    tally: Tally


@dataclass(frozen=True, slots=True)
class LanguageTally:
    language: str
    wikis: tuple[str, ...]
    tally: Tally


@dataclass(frozen=True, slots=True)
class LeaderboardRow:
    """One participant's contribution; `articles_improved` counts pages they improved, so
    two people improving one page both get it and rows may add up to more than the total."""

    username: str
    edits: int
    articles_created: int
    articles_improved: int
    bytes_added: int
    net_bytes: int
    files_uploaded: int


@dataclass(frozen=True, slots=True)
class DayTally:
    day: date
    edits: int
    articles_created: int
    bytes_added: int


@dataclass(frozen=True, slots=True)
class Retention:
    """`retained` of the `cohort` active participants edited in [period_start, period_end]."""

    period_start: datetime
    period_end: datetime
    cohort: int
    retained: int

    @property
    def rate(self) -> float | None:
        """Share retained; None when nobody was active, because 0 % would claim a failure."""
        return self.retained / self.cohort if self.cohort else None


@dataclass(frozen=True, slots=True)
class CampaignMetrics:
    """Everything a campaign report shows. `per_wiki` lists every wiki seen in the input,
    zeros included, so a quiet wiki is visible rather than missing."""

    totals: Tally
    new_editors: int
    retention: Retention | None  # None: not yet measurable, see `retention_start`
    retention_start: datetime
    per_wiki: tuple[WikiTally, ...]  # by wiki id
    per_language: tuple[LanguageTally, ...]  # by language code
    leaderboard: tuple[LeaderboardRow, ...]  # most edits first
    daily: tuple[DayTally, ...]  # every day of the window, in order
