"""Read what campaign participants did on a wiki through the MediaWiki Action API."""

from __future__ import annotations

import random
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import requests

from kuza.campaigns.mediawiki.models import (
    ContinueParams,
    ContributionsCursor,
    ContributionsPage,
    LogEventsCursor,
    LogEventsPage,
    RecentChangesCursor,
    RecentChangesPage,
    RevisionStub,
    UserInfo,
    query_fingerprint,
)
from kuza.campaigns.mediawiki.parse import (
    log_event,
    recent_change,
    revision,
    revision_stub,
    user_info,
)
from kuza.campaigns.mediawiki.transport import (
    ApiTransport,
    BadResponseError,
    JsonObject,
    ParamValue,
    RetryPolicy,
)
from kuza.campaigns.subjects import EntityAnswer, is_item_id, read_entities

# Without the `apihighlimits` right (bots, admins) MediaWiki accepts at most 50 values in a
# multi-value parameter such as ucuser, pageids or ususers.
MAX_VALUES_PER_REQUEST = 50
Limit = int | Literal["max"]
RECENT_CHANGE_TYPES = frozenset({"edit", "new", "log", "external", "categorize"})
# Logs that remove or rename what a campaign counted.
REMOVAL_LOG_TYPES = ("delete", "move")

# Characters MediaWiki never allows in a user name; `|` would also split the ucuser list.
_FORBIDDEN_NAME_CHARS = frozenset("#<>[]|{}")


def normalize_username(name: str) -> str:
    """The form MediaWiki stores: underscores as spaces, single spaces, first letter upper.

    Raises ValueError for names no wiki can have, rather than letting one bad name turn a
    whole 50-user request into an API error.
    """
    if not isinstance(name, str):
        raise ValueError(f"user name must be a string, got {type(name).__name__}")
    text = " ".join(unicodedata.normalize("NFC", name).replace("_", " ").split())
    if not text:
        raise ValueError("user name is empty")
    bad = sorted({c for c in text if c in _FORBIDDEN_NAME_CHARS or not c.isprintable()})
    if bad:
        raise ValueError(f"user name {name!r} contains characters MediaWiki forbids: {bad}")
    return text[0].upper() + text[1:]


def _normalized_unique(usernames: Iterable[str]) -> list[str]:
    if isinstance(usernames, str):
        raise ValueError("usernames must be a collection of names, not one string")
    return list(dict.fromkeys(normalize_username(name) for name in usernames))


def _api_time(moment: datetime, *, round_up: bool) -> str:
    """API timestamps have one-second precision; round so the window never grows."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"timestamps must be timezone-aware, got naive {moment.isoformat()}")
    moment = moment.astimezone(UTC)
    if round_up and moment.microsecond:
        moment = moment + timedelta(seconds=1)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_window(start: datetime, end: datetime) -> tuple[str, str]:
    first, last = _api_time(start, round_up=True), _api_time(end, round_up=False)
    if start > end:
        raise ValueError(f"start {start.isoformat()} is after end {end.isoformat()}")
    if first > last:  # same format throughout, so string order is time order
        raise ValueError(
            f"the window {start.isoformat()} .. {end.isoformat()} contains no whole second, "
            "so no MediaWiki timestamp can fall in it"
        )
    return first, last


def _check_batch_size(batch_size: int) -> None:
    if not 1 <= batch_size <= MAX_VALUES_PER_REQUEST:
        raise ValueError(
            f"batch_size must be between 1 and {MAX_VALUES_PER_REQUEST}, got {batch_size}"
        )


def _check_limit(limit: Limit) -> str:
    if limit != "max" and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise ValueError(f"limit must be a positive int or 'max', got {limit!r}")
    return str(limit)


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for offset in range(0, len(items), size):
        yield items[offset : offset + size]


class MediaWikiClient:
    """Reads contributions, recent changes and accounts from any number of wikis.

    One client per sync worker: requests are serial, so it never hammers a wiki, and
    `request_count` tells a benchmark or an operator how many HTTP requests were sent.
    """

    def __init__(
        self,
        user_agent: str,
        *,
        maxlag: int = 5,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        random_fraction: Callable[[], float] = random.random,
        session: requests.Session | None = None,
    ) -> None:
        self.transport = ApiTransport(
            user_agent,
            maxlag=maxlag,
            retry=retry,
            timeout=timeout,
            sleep=sleep,
            random_fraction=random_fraction,
            session=session,
        )

    @property
    def request_count(self) -> int:
        return self.transport.request_count

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> MediaWikiClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- contributions -------------------------------------------------------------------

    def fetch_user_contributions(
        self,
        api_url: str,
        usernames: Iterable[str],
        start: datetime,
        end: datetime,
        *,
        cursor: ContributionsCursor | None = None,
        batch_size: int = MAX_VALUES_PER_REQUEST,
        limit: Limit = "max",
        resolve_redirects: bool = True,
    ) -> Iterator[ContributionsPage]:
        """Yield every edit by `usernames` with start <= timestamp <= end, page by page.

        Users are asked about `batch_size` at a time. Within a batch MediaWiki groups the
        edits by user (it orders multi-user queries by actor) and lists each user's edits
        oldest first, so the position is not a single timestamp: it is the `continue` value
        MediaWiki returned. A caller that stores `page.next_cursor` after saving
        `page.revisions` can pass it back as `cursor` and continue with no duplicate and no
        gap. An empty `usernames` yields no page at all.

        With `resolve_redirects`, one `prop=info` request per 50 distinct pages of each API
        page tells whether each page is a redirect. usercontribs cannot report that, and
        reading revision content to decide would cost far more. It is the page's state at
        fetch time: a page created as an article and later redirected reads as a redirect.
        """
        names = _normalized_unique(usernames)
        _check_batch_size(batch_size)
        first, last = _check_window(start, end)
        fingerprint = query_fingerprint(
            kind="usercontribs", users=names, start=first, end=last, batch_size=batch_size
        )
        position = cursor or ContributionsCursor(fingerprint)
        _check_fingerprint(position.fingerprint, fingerprint)
        batches = [list(batch) for batch in _chunks(names, batch_size)]
        base: dict[str, ParamValue] = {
            "action": "query",
            "list": "usercontribs",
            "ucprop": "ids|title|timestamp|comment|size|sizediff|flags",
            "ucdir": "newer",
            "ucstart": first,
            "ucend": last,
            "uclimit": _check_limit(limit),
        }
        # Validation above runs at call time; only the requests wait for iteration.
        return self._contribution_pages(api_url, batches, base, position, resolve_redirects)

    def _contribution_pages(
        self,
        api_url: str,
        batches: list[list[str]],
        base: Mapping[str, ParamValue],
        position: ContributionsCursor,
        resolve_redirects: bool,
    ) -> Iterator[ContributionsPage]:
        for batch_index in range(position.batch_index, len(batches)):
            params = {**base, "ucuser": "|".join(batches[batch_index])}
            resume = position.continue_params if batch_index == position.batch_index else ()
            for data, continue_after in self._continued(api_url, params, resume):
                items = data.get("query", {}).get("usercontribs", [])
                redirects = (
                    self.page_redirect_status(api_url, [item.get("pageid", 0) for item in items])
                    if resolve_redirects
                    else {}
                )
                revisions = tuple(
                    revision(api_url, item, redirects.get(item.get("pageid", 0))) for item in items
                )
                batch_done = continue_after is None
                next_cursor = ContributionsCursor(
                    position.fingerprint,
                    batch_index + 1 if batch_done else batch_index,
                    () if batch_done else continue_after or (),
                )
                is_last = batch_done and batch_index == len(batches) - 1
                yield ContributionsPage(revisions, next_cursor, is_last)

    def page_redirect_status(self, api_url: str, page_ids: Iterable[int]) -> dict[int, bool]:
        """Whether each existing page is currently a redirect; deleted pages are left out."""
        unique = list(dict.fromkeys(page_ids))
        status: dict[int, bool] = {}
        for chunk in _chunks(unique, MAX_VALUES_PER_REQUEST):
            data = self.transport.get(
                api_url,
                {"action": "query", "prop": "info", "pageids": "|".join(map(str, chunk))},
            )
            for page in data.get("query", {}).get("pages", []):
                if not page.get("missing") and "pageid" in page:
                    status[int(page["pageid"])] = bool(page.get("redirect", False))
        return status

    # -- invitation lists --------------------------------------------------------------------

    def fetch_category_titles(self, api_url: str, category: str, *, limit: int = 500) -> list[str]:
        """Titles of the articles (namespace 0) in a category, at most `limit`."""
        title = category if ":" in category else f"Category:{category}"
        params: dict[str, ParamValue] = {
            "action": "query",
            "list": "categorymembers",
            "cmtitle": title,
            "cmnamespace": 0,
            "cmlimit": "max",
        }
        titles: list[str] = []
        for data, _following in self._continued(api_url, params, ()):
            titles += [str(m["title"]) for m in data.get("query", {}).get("categorymembers", [])]
            if len(titles) >= limit:
                break
        return titles[:limit]

    def fetch_page_edits(
        self, api_url: str, title: str, start: datetime
    ) -> list[tuple[str, datetime, int]]:
        """(user, time, bytes added) of each revision of a page from `start` on, oldest
        first; bytes added are measured against the revision before, even if older."""
        params: dict[str, ParamValue] = {
            "action": "query",
            "prop": "revisions",
            "titles": title,
            "rvprop": "user|timestamp|size",
            "rvdir": "newer",
            "rvlimit": "max",
        }
        edits: list[tuple[str, datetime, int]] = []
        previous = 0
        for data, _following in self._continued(api_url, params, ()):
            for page in data.get("query", {}).get("pages", []):
                for item in page.get("revisions", []):
                    size = int(item.get("size", 0))
                    moment = datetime.fromisoformat(str(item["timestamp"]).replace("Z", "+00:00"))
                    if moment >= start and "user" in item:
                        edits.append((str(item["user"]), moment, size - previous))
                    previous = size
        return edits

    # -- Wikidata --------------------------------------------------------------------------

    def fetch_page_items(self, api_url: str, page_ids: Iterable[int]) -> dict[int, str]:
        """The Wikidata item of each existing page (its `wikibase_item` page property), 50
        pages a request; "" for a page linked to no item. Deleted pages are left out."""
        unique = list(dict.fromkeys(int(page_id) for page_id in page_ids))
        items: dict[int, str] = {}
        for chunk in _chunks(unique, MAX_VALUES_PER_REQUEST):
            params: dict[str, ParamValue] = {
                "action": "query",
                "prop": "pageprops",
                "ppprop": "wikibase_item",
                "pageids": "|".join(map(str, chunk)),
            }
            for data, _following in self._continued(api_url, params, ()):
                for page in data.get("query", {}).get("pages", []):
                    if page.get("missing") or "pageid" not in page:
                        continue
                    item = (page.get("pageprops") or {}).get("wikibase_item", "")
                    page_id = int(page["pageid"])
                    if item or page_id not in items:
                        items[page_id] = item if is_item_id(item) else ""
        return items

    def fetch_entities(self, api_url: str, ids: Sequence[str]) -> list[EntityAnswer]:
        """What Wikidata says each item is about (`wbgetentities`, claims only, 50 ids a
        request). Raises BadResponseError when an answer leaves an asked item out."""
        answers: list[EntityAnswer] = []
        for chunk in _chunks(list(dict.fromkeys(ids)), MAX_VALUES_PER_REQUEST):
            bad = [item for item in chunk if not is_item_id(item)]
            if bad:
                raise ValueError(f"not Wikidata item ids: {bad}")
            data = self.transport.get(
                api_url, {"action": "wbgetentities", "ids": "|".join(chunk), "props": "claims"}
            )
            try:
                answers += read_entities(data, chunk)
            except ValueError as error:
                raise BadResponseError(f"{api_url}: {error}") from error
        return answers

    # -- page histories ------------------------------------------------------------------

    def fetch_revision_stubs(self, api_url: str, revids: Iterable[int]) -> dict[int, RevisionStub]:
        """Parent, time and author of each revision, 50 revisions a request.

        MediaWiki (1.39 and later) answers `prop=revisions` for many pages only about given
        revisions or the latest ones: asking for each page's *first* revision (rvdir=newer,
        rvlimit=1) takes one request per page. Walking back from a known revision to its
        parent batches, so callers try this first. Deleted or hidden revisions are left out.
        """
        unique = list(dict.fromkeys(int(revid) for revid in revids))
        found: dict[int, RevisionStub] = {}
        for chunk in _chunks(unique, MAX_VALUES_PER_REQUEST):
            data = self.transport.get(
                api_url,
                {
                    "action": "query",
                    "prop": "revisions",
                    "revids": "|".join(map(str, chunk)),
                    "rvprop": "ids|timestamp|user",
                },
            )
            for page in data.get("query", {}).get("pages", []):
                for item in page.get("revisions", []):
                    stub = revision_stub(api_url, page.get("pageid", 0), item)
                    found[stub.revid] = stub
        return found

    def fetch_first_revision(self, api_url: str, page_id: int) -> RevisionStub | None:
        """The first revision of a page (one request), or None if the page is gone."""
        data = self.transport.get(
            api_url,
            {
                "action": "query",
                "prop": "revisions",
                "pageids": str(int(page_id)),
                "rvprop": "ids|timestamp|user",
                "rvdir": "newer",
                "rvlimit": "1",
            },
        )
        for page in data.get("query", {}).get("pages", []):
            for item in page.get("revisions", []):
                return revision_stub(api_url, page.get("pageid", page_id), item)
        return None

    # -- recent changes ------------------------------------------------------------------

    def fetch_recent_changes(
        self,
        api_url: str,
        start: datetime,
        end: datetime,
        *,
        cursor: RecentChangesCursor | None = None,
        change_types: Sequence[str] = ("edit", "new", "log"),
        namespaces: Iterable[int] | None = None,
        limit: Limit = "max",
    ) -> Iterator[RecentChangesPage]:
        """Yield recent changes with start <= timestamp <= end, oldest first, page by page.

        Uploads arrive as `kind="log"`, `log_type="upload"` rows. MediaWiki keeps recent
        changes for $wgRCMaxAge (90 days by default): older windows come back empty, so use
        `fetch_user_contributions` to backfill.
        """
        unknown = set(change_types) - RECENT_CHANGE_TYPES
        if not change_types or unknown:
            # MediaWiki only warns about an unknown rctype and drops it, which would make
            # a typo silently shrink what a campaign counts.
            raise ValueError(
                f"change_types must be taken from {sorted(RECENT_CHANGE_TYPES)}, "
                f"got {list(change_types)}"
            )
        first, last = _check_window(start, end)
        namespace_list = sorted(set(namespaces)) if namespaces is not None else None
        fingerprint = query_fingerprint(
            kind="recentchanges",
            start=first,
            end=last,
            types=sorted(change_types),
            namespaces=namespace_list,
        )
        position = cursor or RecentChangesCursor(fingerprint)
        _check_fingerprint(position.fingerprint, fingerprint)
        params: dict[str, ParamValue] = {
            "action": "query",
            "list": "recentchanges",
            "rcprop": "user|comment|ids|title|timestamp|sizes|flags|redirect|loginfo",
            "rctype": "|".join(change_types),
            "rcdir": "newer",
            "rcstart": first,
            "rcend": last,
            "rclimit": _check_limit(limit),
        }
        if namespace_list is not None:
            params["rcnamespace"] = "|".join(map(str, namespace_list))
        return self._recent_change_pages(api_url, params, position)

    def _recent_change_pages(
        self, api_url: str, params: Mapping[str, ParamValue], position: RecentChangesCursor
    ) -> Iterator[RecentChangesPage]:
        for data, continue_after in self._continued(api_url, params, position.continue_params):
            changes = tuple(
                recent_change(api_url, item)
                for item in data.get("query", {}).get("recentchanges", [])
            )
            next_cursor = RecentChangesCursor(position.fingerprint, continue_after or ())
            yield RecentChangesPage(changes, next_cursor, continue_after is None)

    # -- deletions and moves -------------------------------------------------------------

    def fetch_log_events(
        self,
        api_url: str,
        log_type: str,
        start: datetime,
        end: datetime,
        *,
        cursor: LogEventsCursor | None = None,
        limit: Limit = "max",
    ) -> Iterator[LogEventsPage]:
        """Yield `log_type` entries ("delete" or "move") with start <= timestamp <= end,
        oldest first, up to 500 a request (MediaWiki takes one log type per request)."""
        if log_type not in REMOVAL_LOG_TYPES:
            raise ValueError(f"log_type must be one of {REMOVAL_LOG_TYPES}, got {log_type!r}")
        first, last = _check_window(start, end)
        fingerprint = query_fingerprint(kind="logevents", type=log_type, start=first, end=last)
        position = cursor or LogEventsCursor(fingerprint)
        _check_fingerprint(position.fingerprint, fingerprint)
        params: dict[str, ParamValue] = {
            "action": "query",
            "list": "logevents",
            "letype": log_type,
            "leprop": "ids|title|type|timestamp|details",
            "ledir": "newer",
            "lestart": first,
            "leend": last,
            "lelimit": _check_limit(limit),
        }
        for data, continue_after in self._continued(api_url, params, position.continue_params):
            events = tuple(
                log_event(api_url, item) for item in data.get("query", {}).get("logevents", [])
            )
            next_cursor = LogEventsCursor(position.fingerprint, continue_after or ())
            yield LogEventsPage(events, next_cursor, continue_after is None)

    # -- accounts ------------------------------------------------------------------------

    def fetch_user_registrations(
        self,
        api_url: str,
        usernames: Iterable[str],
        *,
        batch_size: int = MAX_VALUES_PER_REQUEST,
        blocks: bool = False,
    ) -> tuple[UserInfo, ...]:
        """Registration date, edit count and groups of each account, in the order given.

        Names MediaWiki normalises differently from `normalize_username` come last, under
        MediaWiki's spelling.
        """
        names = _normalized_unique(usernames)
        _check_batch_size(batch_size)
        found: dict[str, UserInfo] = {}
        for chunk in _chunks(names, batch_size):
            data = self.transport.get(
                api_url,
                {
                    "action": "query",
                    "list": "users",
                    "ususers": "|".join(chunk),
                    "usprop": "registration|editcount|groups" + ("|blockinfo" if blocks else ""),
                },
            )
            for item in data.get("query", {}).get("users", []):
                info = user_info(api_url, item)
                found[info.name] = info
        # MediaWiki's own normalisation is the authority (its first-letter rules differ from
        # Python's for a few scripts), so a name it spelled differently is kept, not lost.
        ordered = [found.pop(name) for name in names if name in found]
        return (*ordered, *found.values())

    # -- plumbing ------------------------------------------------------------------------

    def _continued(
        self, api_url: str, params: Mapping[str, ParamValue], resume: ContinueParams
    ) -> Iterator[tuple[JsonObject, ContinueParams | None]]:
        """Follow MediaWiki's `continue` protocol; yield each answer with what follows it."""
        current: ContinueParams = resume
        while True:
            data = self.transport.get(api_url, {**params, **dict(current)})
            raw = data.get("continue")
            if raw is None:
                yield data, None
                return
            following = tuple(sorted((str(k), str(v)) for k, v in raw.items()))
            if following == current:
                # A server bug or a misbehaving proxy would otherwise loop here forever.
                raise BadResponseError(f"{api_url}: continuation did not advance: {raw!r}")
            yield data, following
            current = following


def _check_fingerprint(stored: str, expected: str) -> None:
    if stored != expected:
        raise ValueError(
            "cursor belongs to a different query (users, window, types or batch size "
            "changed); resuming it would skip or repeat changes, so start without a cursor"
        )
