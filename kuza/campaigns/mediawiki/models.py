"""Values the MediaWiki client hands to the rest of Kuza, and the resumable cursors.

Cursors are plain data with `to_dict`/`from_dict` so a sync job can store them (e.g. in a
JSON column) after every page it has saved and resume exactly there after a crash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

# MediaWiki's continuation values are opaque strings; a tuple of pairs keeps the cursor
# immutable and hashable while preserving what the server sent.
ContinueParams = tuple[tuple[str, str], ...]


def parse_timestamp(value: str) -> datetime:
    """An aware UTC datetime from an API timestamp such as '2024-03-08T12:00:00Z'."""
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not a MediaWiki API timestamp: {value!r}") from exc


def query_fingerprint(**identity: Any) -> str:
    """A short digest of what a cursor belongs to, to refuse resuming a different query."""
    encoded = json.dumps(identity, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]


def _continue_to_dict(params: ContinueParams) -> dict[str, str]:
    return dict(params)


def _continue_from_mapping(raw: Any) -> ContinueParams:
    if not isinstance(raw, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
    ):
        raise ValueError(f"continue must map strings to strings, got {raw!r}")
    return tuple(sorted(raw.items()))


@dataclass(frozen=True)
class Revision:
    """One edit by one of the users asked about, as `list=usercontribs` reports it."""

    wiki: str  # the api.php URL it came from; callers map it to their own wiki id
    revid: int
    parentid: int
    page_id: int
    namespace: int
    title: str  # with the wiki's localised namespace prefix, e.g. "Discussion:Foo"
    user: str
    user_id: int
    timestamp: datetime  # aware, UTC, one-second precision
    comment: str  # "" when empty or hidden by an administrator
    size: int  # bytes after the edit
    sizediff: int | None  # None when the parent's size is unknown to MediaWiki
    is_new: bool  # this edit created the page
    is_minor: bool
    # Whether the page is a redirect *now* (looked up after fetching, see the client);
    # None when not looked up or the page has since been deleted.
    is_redirect: bool | None


@dataclass(frozen=True)
class ContributionsCursor:
    """Where a `fetch_user_contributions` run stands: user batch + MediaWiki continuation."""

    fingerprint: str
    batch_index: int = 0
    continue_params: ContinueParams = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "batch_index": self.batch_index,
            "continue": _continue_to_dict(self.continue_params),
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> ContributionsCursor:
        try:
            fingerprint, batch_index = raw["fingerprint"], raw["batch_index"]
            continue_params = _continue_from_mapping(raw["continue"])
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a stored ContributionsCursor: {raw!r}") from exc
        if not isinstance(fingerprint, str) or not isinstance(batch_index, int):
            raise ValueError(f"not a stored ContributionsCursor: {raw!r}")
        return cls(fingerprint, batch_index, continue_params)


@dataclass(frozen=True)
class ContributionsPage:
    """One API page of contributions and the cursor to resume *after* it."""

    revisions: tuple[Revision, ...]
    next_cursor: ContributionsCursor
    is_last: bool


@dataclass(frozen=True)
class RecentChange:
    """One row of `list=recentchanges`: an edit, a page creation or a log entry."""

    wiki: str
    rcid: int
    kind: str  # "edit", "new", "log" (also "external"/"categorize" if asked for)
    namespace: int
    title: str
    page_id: int
    revid: int  # 0 for most log entries; an upload's log row carries the File page's revid
    old_revid: int
    user: str  # "" when hidden by an administrator
    is_anonymous: bool
    timestamp: datetime
    comment: str
    old_size: int
    new_size: int
    is_bot: bool
    is_new: bool
    is_minor: bool
    is_redirect: bool  # the page is a redirect now
    log_type: str | None  # e.g. "upload", "newusers"; None unless kind == "log"
    log_action: str | None


@dataclass(frozen=True)
class RecentChangesCursor:
    fingerprint: str
    continue_params: ContinueParams = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "continue": _continue_to_dict(self.continue_params),
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> RecentChangesCursor:
        try:
            fingerprint = raw["fingerprint"]
            continue_params = _continue_from_mapping(raw["continue"])
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a stored RecentChangesCursor: {raw!r}") from exc
        if not isinstance(fingerprint, str):
            raise ValueError(f"not a stored RecentChangesCursor: {raw!r}")
        return cls(fingerprint, continue_params)


@dataclass(frozen=True)
class RecentChangesPage:
    changes: tuple[RecentChange, ...]
    next_cursor: RecentChangesCursor
    is_last: bool


@dataclass(frozen=True)
class RevisionStub:
    """Where a revision sits in its page's history: enough to find when the page began."""

    wiki: str
    revid: int
    parentid: int  # 0 for the page's first revision
    page_id: int
    timestamp: datetime
    user: str  # "" when hidden by an administrator


@dataclass(frozen=True)
class UserInfo:
    """Account facts used to tell new editors and bots apart."""

    wiki: str
    name: str  # as MediaWiki normalised it ("alice_b" -> "Alice b")
    exists: bool
    is_valid_name: bool
    user_id: int | None
    # None for accounts older than MediaWiki's registration tracking (2005) or missing ones.
    registration: datetime | None
    edit_count: int | None
    groups: tuple[str, ...]
    blocked: bool = False  # known only when asked with usprop=blockinfo

    @property
    def is_bot(self) -> bool:
        return "bot" in self.groups


@dataclass(frozen=True)
class LogEvent:
    """One deletion or move from `list=logevents`, with what a campaign needs of it."""

    wiki: str
    logid: int
    log_type: str  # "delete" or "move"
    action: str  # delete, delete_redir, restore, revision; move, move_redir
    page_id: int  # the page the entry is about (log_page), 0 when MediaWiki did not say
    namespace: int
    title: str
    timestamp: datetime
    revids: tuple[int, ...]  # revision deletion: the revisions whose visibility changed
    revisions_hidden: bool  # revision deletion: hidden (True) or shown again (False)
    target_namespace: int | None  # moves: where the page went
    target_title: str | None


@dataclass(frozen=True)
class LogEventsCursor(RecentChangesCursor):
    """Where a `fetch_log_events` run stands (the same shape as a recent changes cursor)."""


@dataclass(frozen=True)
class LogEventsPage:
    events: tuple[LogEvent, ...]
    next_cursor: LogEventsCursor
    is_last: bool
