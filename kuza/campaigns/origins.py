"""When did the pages a campaign touched begin? Needed to tell improved articles from new ones.

Participants' contributions show a page's creation only when a participant created it. A page
someone else created during the campaign and a participant then edited is a new page, not an
improved one, so for every content page with a counted-looking revision in the window the
sync finds out when the page began, and stores it once per (wiki, page) for every campaign:

1. from what is stored already: a stored first revision (parent 0) gives the creation; a
   stored revision with a parent, older than the campaign, says the page existed before it;
2. otherwise by walking back from the earliest stored revision of the page to its parents,
   50 revisions per request (`prop=revisions&revids=`), until a revision is the first one or
   is older than the campaign;
3. pages still unresolved after a few rounds (many edits by others in the window) ask for
   their first revision one page per request (`rvdir=newer&rvlimit=1`): MediaWiki only
   enumerates one page's history per request.

Each group of 50 pages is stored in its own transaction, so an interrupted sync keeps what it
learnt and only asks about the rest when run again.

Not part of the collection since #21's definitions (an improved page is one a person edited
and did not create, whoever began it), so no figure depends on it and the sync no longer
spends requests on it. Kept, with its tests against the real wiki, for figures that will
need a page's creator (#24, impact).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q

from kuza.campaigns.mediawiki import MAX_VALUES_PER_REQUEST, MediaWikiClient, RevisionStub
from kuza.campaigns.models import Campaign, PageOrigin, Revision, Wiki

# Content namespaces counted by the metrics (CampaignWindow.content_namespaces).
CONTENT_NAMESPACES = (0,)
# Batched walks per group before asking the remaining pages one by one: a walk round costs
# one request for up to 50 pages, the fallback one request per page.
MAX_WALK_ROUNDS = 4
_SQL_CHUNK = 500
_MAX_SQL_NAMES = 2000  # beyond, names are filtered in Python (SQLite caps query parameters)


@dataclass(frozen=True)
class _Known:
    """What is known of a page's beginning: the first revision, or a time it existed at."""

    first: RevisionStub | None = None
    existed_at: datetime | None = None


def pages_needing_origin(campaign: Campaign, wiki: Wiki, users: Iterable[str]) -> list[int]:
    """Content pages the campaign may credit as improved whose beginning is not yet known
    well enough for this campaign's start."""
    names = set(users)
    by_tag = bool(campaign.is_open and campaign.hashtag)
    rows = Revision.objects.filter(
        wiki=wiki,
        timestamp__gte=campaign.start,
        timestamp__lt=campaign.end,
        namespace__in=CONTENT_NAMESPACES,
        is_redirect=False,
        removed=False,
    )
    if len(names) <= _MAX_SQL_NAMES:
        counted = Q(user__in=names)
        if by_tag:
            counted |= Q(in_recent_changes=True)
        rows = rows.filter(counted)
    touched = {
        page
        for page, user, in_rc in rows.values_list("page_id", "user", "in_recent_changes")
        if user in names or (by_tag and in_rc)
    }
    if not touched:
        return []
    known = PageOrigin.objects.filter(wiki=wiki).filter(
        Q(created_at__isnull=False) | Q(existed_at__lt=campaign.start)
    )
    resolved: set[int] = set()
    pages = sorted(touched)
    for offset in range(0, len(pages), _SQL_CHUNK):
        chunk = pages[offset : offset + _SQL_CHUNK]
        resolved.update(known.filter(page_id__in=chunk).values_list("page_id", flat=True))
    return [page for page in pages if page not in resolved]


def _earliest_stored(wiki: Wiki, pages: list[int]) -> dict[int, tuple[int, int, datetime, str]]:
    """page id -> (revid, parentid, timestamp, user) of its earliest stored revision."""
    earliest: dict[int, tuple[int, int, datetime, str]] = {}
    rows = (
        Revision.objects.filter(wiki=wiki, page_id__in=pages)
        .order_by("page_id", "timestamp", "revid")
        .values_list("page_id", "revid", "parentid", "timestamp", "user")
    )
    for page_id, revid, parentid, timestamp, user in rows:
        earliest.setdefault(page_id, (revid, parentid, timestamp, user))
    return earliest


def _resolve_group(
    client: MediaWikiClient, wiki: Wiki, pages: list[int], start: datetime
) -> dict[int, _Known]:
    known: dict[int, _Known] = {}
    walk: dict[int, int] = {}  # page -> revid to ask about next
    for page, (revid, parentid, timestamp, user) in _earliest_stored(wiki, pages).items():
        if parentid == 0:
            known[page] = _Known(first=RevisionStub(wiki.api_url, revid, 0, page, timestamp, user))
        elif timestamp < start:
            known[page] = _Known(existed_at=timestamp)
        else:
            walk[page] = parentid
    unreadable: list[int] = []
    rounds = 0
    # With a single page left, walking costs as much as asking for its first revision.
    while len(walk) > 1 and rounds < MAX_WALK_ROUNDS:
        rounds += 1
        stubs = client.fetch_revision_stubs(wiki.api_url, walk.values())
        following: dict[int, int] = {}
        for page, revid in walk.items():
            stub = stubs.get(revid)
            if stub is None:
                unreadable.append(page)  # deleted or hidden: ask the page itself below
            elif stub.parentid == 0:
                known[page] = _Known(first=stub)
            elif stub.timestamp < start:
                known[page] = _Known(existed_at=stub.timestamp)
            else:
                following[page] = stub.parentid
        walk = following
    for page in [*walk, *unreadable]:
        first = client.fetch_first_revision(wiki.api_url, page)
        if first is not None:
            known[page] = _Known(first=first)
    return known


def _store(wiki: Wiki, known: dict[int, _Known], now: datetime) -> None:
    firsts = [
        PageOrigin(
            wiki=wiki,
            page_id=page,
            first_revid=fact.first.revid,
            created_at=fact.first.timestamp,
            creator=fact.first.user,
            existed_at=fact.first.timestamp,
            checked_at=now,
        )
        for page, fact in known.items()
        if fact.first is not None
    ]
    PageOrigin.objects.bulk_create(
        firsts,
        update_conflicts=True,
        unique_fields=["wiki", "page_id"],
        update_fields=["first_revid", "created_at", "creator", "existed_at", "checked_at"],
    )
    # Only pages asked about are written, and they had no creation or a later `existed_at`,
    # so this never overwrites a known creation nor moves `existed_at` later.
    existed = [
        PageOrigin(wiki=wiki, page_id=page, existed_at=fact.existed_at, checked_at=now)
        for page, fact in known.items()
        if fact.first is None and fact.existed_at is not None
    ]
    PageOrigin.objects.bulk_create(
        existed,
        update_conflicts=True,
        unique_fields=["wiki", "page_id"],
        update_fields=["existed_at", "checked_at"],
    )


def page_origins_collect(
    *,
    campaign: Campaign,
    wiki: Wiki,
    users: Iterable[str],
    client: MediaWikiClient,
    now: datetime,
    on_group: Callable[[int], None] | None = None,
) -> int:
    """Find and store the beginning of every page that needs it; returns pages resolved.
    `on_group` is told how many pages each stored group resolved (progress, tests)."""
    pages = pages_needing_origin(campaign, wiki, users)
    resolved = 0
    for offset in range(0, len(pages), MAX_VALUES_PER_REQUEST):
        group = pages[offset : offset + MAX_VALUES_PER_REQUEST]
        known = _resolve_group(client, wiki, group, campaign.start)
        with transaction.atomic():
            _store(wiki, known, now)
        resolved += len(known)
        if on_group is not None:
            on_group(len(known))
    return resolved
