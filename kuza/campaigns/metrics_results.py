"""What the campaign metrics report.

Each figure is declared once, with its label and its plain-English definition, in
`catalogue.py`; that definition is the contract the code here and in `metrics.py` implements,
and the tests check the code against those sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple


class _WomenShare:
    """The women's share, for every result that carries the sex-or-gender figures."""

    __slots__ = ()
    women: int
    men: int
    other_gender: int

    @property
    def women_share(self) -> float | None:
        """Women among biographies whose sex or gender is known; None when there are none."""
        known = self.women + self.men + self.other_gender
        return self.women / known if known else None


@dataclass(frozen=True, slots=True)
class Tally(_WomenShare):
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
    # Of the articles created and improved, those about humans (Wikidata), by sex or gender.
    biographies_created: int = 0
    biographies_improved: int = 0
    women: int = 0
    men: int = 0
    other_gender: int = 0
    unknown_gender: int = 0


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
class LeaderboardRow(_WomenShare):
    """One participant's contribution; `articles_improved` counts pages they improved, so
    two people improving one page both get it and rows may add up to more than the total."""

    username: str
    edits: int
    articles_created: int
    articles_improved: int
    bytes_added: int
    net_bytes: int
    files_uploaded: int
    biographies_created: int = 0
    biographies_improved: int = 0
    women: int = 0
    men: int = 0
    other_gender: int = 0
    unknown_gender: int = 0
    # The same figures wiki by wiki (only wikis they worked on), by wiki id.
    wikis: tuple[ContributorWiki, ...] = field(default=(), compare=False)


class ContributorWiki(NamedTuple):
    """One contributor's figures on one wiki (the leaderboard's fields, for that wiki).

    A named tuple, not a dataclass like its neighbours: a large campaign has one per
    contributor and wiki (55,000 at a million revisions), and a frozen dataclass costs ten
    times more to build and to read back from the cache, which every page view does."""

    wiki: str
    language: str
    edits: int
    articles_created: int
    articles_improved: int
    bytes_added: int
    net_bytes: int
    files_uploaded: int
    biographies_created: int = 0
    biographies_improved: int = 0
    women: int = 0
    men: int = 0
    other_gender: int = 0
    unknown_gender: int = 0

    women_share = _WomenShare.women_share


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
    # What a series adds up across editions without counting twice (series.py): the pages
    # created and improved, as (wiki, page id), and the active contributors' names.
    created_pages: frozenset[tuple[str, int]] = field(default=frozenset(), compare=False)
    improved_pages: frozenset[tuple[str, int]] = field(default=frozenset(), compare=False)
    contributors: frozenset[str] = field(default=frozenset(), compare=False)
