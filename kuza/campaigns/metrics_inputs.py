"""What the campaign metrics are computed from: revision facts, participants and the window.

These are plain frozen dataclasses so the Django layer can adapt stored revisions to them and
the metrics stay testable without a database. Each validates itself on construction, so a bad
adapter fails loudly at the boundary instead of skewing a campaign report.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kuza.campaigns.hashtags import normalize_hashtag

# Retention looks for edits from this long after the campaign ends: an edit in the weeks just
# after a drive is usually follow-up on campaign work, not evidence the editor stayed.
RETENTION_DELAY = timedelta(days=30)

_ZERO = timedelta(0)


def _collapse(text: str) -> str:
    """NFC, underscores as spaces, single spaces: MediaWiki's own equivalences for names."""
    return " ".join(unicodedata.normalize("NFC", text).replace("_", " ").split())


def normalize_username(name: str) -> str:
    """Canonical MediaWiki spelling of a user name, so `jane_doe` and `Jane doe` are one person.

    MediaWiki always upper-cases the first letter of a user name. A first letter whose upper
    case is several letters (German ß) is left alone, as MediaWiki does.
    """
    if not isinstance(name, str):
        raise ValueError(f"user name must be a string, got {type(name).__name__}")
    text = _collapse(name)
    if not text:
        raise ValueError("user name is empty")
    first = text[0].upper()
    return (first if len(first) == 1 else text[0]) + text[1:]


def normalize_title(title: str) -> str:
    """Page title with MediaWiki's underscore/space equivalence applied.

    Case is left alone: whether the first letter is case-sensitive depends on the wiki
    (Wiktionary is, Wikipedia is not), so worklists must use each wiki's canonical spelling.
    """
    if not isinstance(title, str):
        raise ValueError(f"title must be a string, got {type(title).__name__}")
    text = _collapse(title)
    if not text:
        raise ValueError("title is empty")
    return text


def require_aware(name: str, value: object) -> datetime:
    if not isinstance(value, datetime):
        raise ValueError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be time-zone aware, got naive {value.isoformat()}")
    return value


def _require_text(name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string, got {value!r}")


_INT_FIELDS = ("revid", "parentid", "page_id", "namespace", "size", "sizediff")
_BOOL_FIELDS = ("is_page_creation", "is_redirect", "is_upload", "is_bot")


@dataclass(frozen=True, slots=True)
class RevisionFact:
    """One revision (or upload) on one wiki, as MediaWiki reported it.

    `sizediff` is the page size change in bytes and may be negative. `is_redirect` says
    whether the page is a redirect after this revision. `is_upload` marks a new file page
    or an upload log entry. `is_bot` marks an edit flagged as a bot edit, or made by an
    account in the bot group. `user` is stored as reported; metrics normalise it.
    """

    wiki: str  # database name such as "frwikiquote"; pages are unique per wiki
    language: str  # content language such as "fr"; several wikis may share one
    revid: int
    parentid: int  # 0 for the first revision of a page
    page_id: int
    namespace: int
    title: str
    user: str
    timestamp: datetime  # aware, UTC
    comment: str
    size: int
    sizediff: int
    is_page_creation: bool
    is_redirect: bool = False
    is_upload: bool = False
    is_bot: bool = False

    def __post_init__(self) -> None:
        _require_text("wiki", self.wiki)
        _require_text("language", self.language)
        _require_text("user", self.user)
        if not isinstance(self.title, str) or not isinstance(self.comment, str):
            raise ValueError(f"revision {self.revid!r}: title and comment must be strings")
        for name in _INT_FIELDS:
            if type(getattr(self, name)) is not int:
                raise ValueError(f"revision {self.revid!r}: {name} must be an int")
        for name in _BOOL_FIELDS:
            if type(getattr(self, name)) is not bool:
                raise ValueError(f"revision {self.revid!r}: {name} must be a bool")
        if self.revid <= 0 or self.page_id <= 0:
            raise ValueError(f"revision {self.revid}: revid and page_id must be positive")
        if self.parentid < 0 or self.namespace < 0 or self.size < 0:
            raise ValueError(
                f"revision {self.revid}: parentid, namespace and size must not be negative"
            )
        require_aware("timestamp", self.timestamp)
        if self.timestamp.utcoffset() != _ZERO:
            raise ValueError(
                f"revision {self.revid}: timestamp must be in UTC, got {self.timestamp.isoformat()}"
            )


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone the campaign knows by user name.

    An `enrolled` participant joined (or was added by an organiser): their counted edits are
    credited whatever their summary says, unless the campaign requires its hashtag. A
    participant who is not enrolled is a contributor an open campaign found through its
    hashtag; listing them tells the metrics their registration date and whether they chose
    to be hidden, and they are credited only when the campaign is open and only for edits
    carrying the hashtag.
    `registered_at` is None when the wiki does not know (accounts older than 2005).
    """

    username: str
    registered_at: datetime | None = None
    hidden_from_leaderboard: bool = False
    enrolled: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "username", normalize_username(self.username))
        if self.registered_at is not None:
            require_aware("registered_at", self.registered_at)
        if type(self.hidden_from_leaderboard) is not bool:
            raise ValueError("hidden_from_leaderboard must be a bool")
        if type(self.enrolled) is not bool:
            raise ValueError("enrolled must be a bool")


@dataclass(frozen=True, slots=True)
class CampaignWindow:
    """When and what a campaign counts.

    The window is half-open, `start <= timestamp < end`: an edit exactly at `start` counts,
    one exactly at `end` belongs to whatever comes next, so back-to-back campaigns never
    count an edit twice. `time_zone` (IANA name) sets where days begin for the daily series.

    `hashtag` is normalised to its bare form (no sign). A `worklist` of (wiki, title) pairs,
    when given, limits counting to those pages; an empty worklist therefore counts nothing.

    An `open` campaign also credits everyone whose edit summary carries the hashtag, enrolled
    or not (#SheSaid invites anyone to tag their edits). With `exclude_bots`, bot edits are
    credited to nobody, whoever made them.
    """

    start: datetime
    end: datetime
    time_zone: str = "UTC"
    content_namespaces: frozenset[int] = frozenset({0})
    hashtag: str | None = None
    hashtag_required: bool = False
    worklist: frozenset[tuple[str, str]] | None = None
    open: bool = False
    exclude_bots: bool = False

    def __post_init__(self) -> None:
        require_aware("start", self.start)
        require_aware("end", self.end)
        if self.start >= self.end:
            raise ValueError(
                f"campaign must start before it ends: {self.start.isoformat()} "
                f">= {self.end.isoformat()}"
            )
        self.zone()  # validates the name now rather than when metrics run
        object.__setattr__(self, "content_namespaces", _namespaces(self.content_namespaces))
        if self.hashtag is not None:
            object.__setattr__(self, "hashtag", normalize_hashtag(self.hashtag))
        if type(self.hashtag_required) is not bool:
            raise ValueError("hashtag_required must be a bool")
        if self.hashtag_required and self.hashtag is None:
            raise ValueError("hashtag_required is set but the campaign has no hashtag")
        if type(self.open) is not bool or type(self.exclude_bots) is not bool:
            raise ValueError("open and exclude_bots must be bools")
        if self.open and self.hashtag is None:
            raise ValueError("an open campaign counts edits by their hashtag, but it has none")
        if self.worklist is not None:
            object.__setattr__(self, "worklist", _worklist(self.worklist))

    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError) as error:
            raise ValueError(f"unknown time zone {self.time_zone!r}") from error

    @property
    def retention_start(self) -> datetime:
        """First instant whose edits count towards retention."""
        return self.end + RETENTION_DELAY


def _namespaces(values: Iterable[int]) -> frozenset[int]:
    if isinstance(values, str | bytes):
        raise ValueError("content_namespaces must be a collection of ints, not a string")
    namespaces = frozenset(values)
    if not namespaces:
        raise ValueError("content_namespaces must not be empty")
    for namespace in namespaces:
        if type(namespace) is not int or namespace < 0:
            raise ValueError(f"content namespace must be a non-negative int, got {namespace!r}")
    return namespaces


def _worklist(pairs: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    normalised = set()
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise ValueError(f"worklist entries must be (wiki, title) pairs, got {pair!r}")
        wiki, title = pair
        _require_text("worklist wiki", wiki)
        normalised.add((wiki, normalize_title(title)))
    return frozenset(normalised)
