"""Collect a campaign's revisions from its wikis: resumable, idempotent, incremental.

Per wiki, in this order:
1. open campaigns poll recent changes (`list=recentchanges`) and store edits and uploads whose
   summary carries the hashtag, noting any period the wiki no longer keeps;
2. every tracked user's contributions (`list=usercontribs`, 50 users a request): enrolled
   participants, and in open campaigns the contributors found in step 1 (so their later edits
   feed retention and their registration date is known);
3. deletions, restorations and moves since the previous pass, from the wiki's logs
   (`list=logevents`, 500 entries a request): revisions of a deleted page, or hidden ones,
   are marked removed and count in no figure; a moved page's revisions take its new title;
4. registration date and bot group of accounts not seen before (`list=users`);
5. what the pages are about: their Wikidata items, then, once for the campaign after every
   wiki, those items from Wikidata (wikidata.py), for the women's share.

Every API page is stored with the cursor that follows it in one transaction, so a sync that
dies between pages (wiki down, worker killed) repeats nothing and loses nothing when run
again: it resumes from the stored cursor. Revisions are unique per (wiki, revid), so a page
fetched twice (overlapping windows) changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from kuza.campaigns import wikidata
from kuza.campaigns.hashtags import hashtag_matcher
from kuza.campaigns.mediawiki import (
    MAX_VALUES_PER_REQUEST,
    REMOVAL_LOG_TYPES,
    ContributionsCursor,
    LogEvent,
    LogEventsCursor,
    MediaWikiClient,
    MediaWikiError,
    RecentChange,
    RecentChangesCursor,
    build_user_agent,
)
from kuza.campaigns.mediawiki import Revision as ApiRevision
from kuza.campaigns.models import (
    Campaign,
    Revision,
    SyncState,
    UncollectableGap,
    Wiki,
    WikiAccount,
)
from kuza.campaigns.selectors import tracked_usernames

logger = logging.getLogger(__name__)

# Each incremental pass starts this long before where the last one ended: an edit saved just
# before a pass may reach the API replicas a little after it. Overlap costs nothing but a
# few repeated rows, which the (wiki, revid) key absorbs.
OVERLAP = timedelta(minutes=5)
FILE_NAMESPACE = 6
ONE_SECOND = timedelta(seconds=1)


@dataclass
class WikiSyncReport:
    wiki: str
    requests: int = 0
    pages: int = 0
    revisions_stored: int = 0  # new rows; rows already stored are not counted again
    accounts_checked: int = 0
    revisions_removed: int = 0  # stored revisions whose page was deleted, or that were hidden
    pages_linked: int = 0  # pages whose Wikidata item was read
    gaps: list[tuple[datetime, datetime]] = field(default_factory=list)
    error: str = ""
    failure: MediaWikiError | None = None  # what stopped it, for the page to explain


@dataclass
class SyncReport:
    campaign: str
    requests: int = 0
    wikis: list[WikiSyncReport] = field(default_factory=list)
    items_read: int = 0  # Wikidata items read (step 6)
    wikidata_requests: int = 0
    wikidata_error: str = ""

    @property
    def revisions_stored(self) -> int:
        return sum(wiki.revisions_stored for wiki in self.wikis)

    @property
    def errors(self) -> list[str]:
        errors = [f"{wiki.wiki}: {wiki.error}" for wiki in self.wikis if wiki.error]
        if self.wikidata_error:
            errors.append(f"wikidata: {self.wikidata_error}")
        return errors


@dataclass(frozen=True)
class PageStored:
    """Told to `on_page` after each API page is committed (progress output, tests). Kinds:
    recent_changes, contributions, removals, page_items (a wiki's pages' Wikidata items),
    wikidata_items (Wikidata's answers, for the whole campaign: `wiki` is None)."""

    wiki: Wiki | None
    kind: str
    revisions: int


def default_client() -> MediaWikiClient:
    """A client whose User-Agent names this Kuza instance, as Wikimedia asks."""
    return MediaWikiClient(build_user_agent(settings.SITE_URL))


def campaign_sync(
    campaign: Campaign,
    *,
    client: MediaWikiClient | None = None,
    now: datetime | None = None,
    batch_size: int = MAX_VALUES_PER_REQUEST,
    limit: int | str = "max",
    on_page: Callable[[PageStored], None] | None = None,
) -> SyncReport:
    """Bring the campaign's stored revisions up to `now` on every wiki; safe to repeat.

    A wiki that fails (unreachable after every retry, or answering nonsense) is reported and
    left where it stopped; the other wikis are still collected.
    """
    own_client = client is None
    client = client or default_client()
    now = now or timezone.now()
    report = SyncReport(campaign=campaign.slug)
    before_total = client.request_count
    try:
        for campaign_wiki in campaign.campaign_wikis.select_related("wiki"):
            wiki = campaign_wiki.wiki
            wiki_report = WikiSyncReport(wiki=wiki.db_name)
            before = client.transport.requests_per_wiki[wiki.api_url]
            job = _WikiJob(campaign, wiki, client, now, batch_size, limit, on_page, wiki_report)
            try:
                job.run()
            except MediaWikiError as error:
                logger.warning("campaign %s: %s stopped: %s", campaign.slug, wiki.db_name, error)
                wiki_report.error = str(error)
                wiki_report.failure = error
                SyncState.objects.filter(campaign=campaign, wiki=wiki).update(
                    last_error=str(error)[:2000]
                )
            wiki_report.requests = client.transport.requests_per_wiki[wiki.api_url] - before
            report.wikis.append(wiki_report)
        _read_items(campaign, client, now, report, on_page)
    finally:
        if own_client:
            client.close()
    report.requests = client.request_count - before_total
    if not report.errors:
        Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=now)
        campaign.last_synced_at = now
    return report


def _read_items(
    campaign: Campaign,
    client: MediaWikiClient,
    now: datetime,
    report: SyncReport,
    on_page: Callable[[PageStored], None] | None,
):
    """Step 6, once for the campaign: the items of its pages, from Wikidata. A failure is
    reported like a wiki's (the figures keep their previous collection) and resumes next time."""
    pages = {
        wiki_id: wikidata.campaign_page_ids(campaign, wiki, tracked_usernames(campaign, wiki))
        for wiki_id, wiki in ((row.wiki_id, row.wiki) for row in _campaign_wikis(campaign))
    }
    api_url = wikidata.wikidata_api_url()
    before = client.transport.requests_per_wiki[api_url]
    try:
        report.items_read = wikidata.items_refresh(
            items=wikidata.items_of_pages(pages),
            client=client,
            api_url=api_url,
            now=now,
            refresh=wikidata.refresh_interval(),
            on_chunk=(lambda count: on_page(PageStored(None, "wikidata_items", count)))
            if on_page is not None
            else None,
        )
    except MediaWikiError as error:
        logger.warning("campaign %s: Wikidata stopped: %s", campaign.slug, error)
        report.wikidata_error = str(error)
    report.wikidata_requests = client.transport.requests_per_wiki[api_url] - before


def _campaign_wikis(campaign: Campaign):
    return campaign.campaign_wikis.select_related("wiki")


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _parse(text: str) -> datetime:
    moment = parse_datetime(text)
    if moment is None:
        raise ValueError(f"not a stored time: {text!r}")
    return moment


class _WikiJob:
    """One campaign on one wiki for one sync: the three steps of the module docstring."""

    def __init__(
        self,
        campaign: Campaign,
        wiki: Wiki,
        client: MediaWikiClient,
        now: datetime,
        batch_size: int,
        limit: int | str,
        on_page: Callable[[PageStored], None] | None,
        report: WikiSyncReport,
    ) -> None:
        self.campaign, self.wiki, self.client, self.now = campaign, wiki, client, now
        self.batch_size, self.limit, self.on_page, self.report = batch_size, limit, on_page, report

    def run(self) -> None:
        if self.now <= self.campaign.start:
            return  # nothing can have happened yet
        if self.campaign.is_open and self.campaign.hashtag:
            self.poll_recent_changes()
        users = tracked_usernames(self.campaign, self.wiki)
        self.collect_contributions(users)
        # When each page began (origins.py) is not asked: no figure depends on it since
        # "improved" means "edited and not created by that person" (definitions.py).
        self.learn_removals()
        self.refresh_accounts(users)
        self.report.pages_linked = wikidata.page_items_refresh(
            wiki=self.wiki,
            page_ids=wikidata.campaign_page_ids(self.campaign, self.wiki, set(users)),
            client=self.client,
            now=self.now,
            refresh=wikidata.refresh_interval(),
            on_chunk=self._told("page_items"),
        )
        SyncState.objects.filter(campaign=self.campaign, wiki=self.wiki).update(last_error="")

    def _state(self, kind: str) -> SyncState:
        state, _ = SyncState.objects.get_or_create(
            campaign=self.campaign, wiki=self.wiki, kind=kind
        )
        return state

    def _stored(self, kind: str, count: int) -> None:
        self.report.revisions_stored += count
        self._progress(kind, count)

    def _told(self, kind: str) -> Callable[[int], None] | None:
        """Tell `on_page` of a step that stores no revisions (without counting it a page)."""
        if self.on_page is None:
            return None
        on_page, wiki = self.on_page, self.wiki
        return lambda count: on_page(PageStored(wiki, kind, count))

    def _progress(self, kind: str, count: int) -> None:
        self.report.pages += 1
        if self.on_page is not None:
            self.on_page(PageStored(self.wiki, kind, count))

    # -- deletions and moves ----------------------------------------------------------------

    def learn_removals(self) -> None:
        """Replay the delete and move logs since the previous pass, oldest first, one API page
        per transaction with the cursor after it, so a killed pass resumes where it was; a
        resumed pass then catches up to now, so nothing deleted meanwhile is missed."""
        state = self._state(SyncState.Kind.REMOVALS)
        while True:
            if state.run is None:
                if state.collected_until is not None and state.collected_until >= self.now:
                    return
                begin = self.campaign.start
                if state.collected_until is not None:
                    begin = max(begin, state.collected_until - OVERLAP)
                state.run = {
                    "start": _iso(begin),
                    "end": _iso(self.now),
                    "log_type": REMOVAL_LOG_TYPES[0],
                    "cursor": None,
                }
                state.save(update_fields=["run", "updated_at"])
            self._removals_run(state)

    def _removals_run(self, state: SyncState) -> None:
        run: dict[str, Any] = dict(state.run or {})
        start, end = _parse(run["start"]), _parse(run["end"])
        if end - start >= ONE_SECOND:
            for log_type in REMOVAL_LOG_TYPES[REMOVAL_LOG_TYPES.index(run["log_type"]) :]:
                if log_type != run["log_type"]:
                    run.update(log_type=log_type, cursor=None)
                    state.run = run
                    state.save(update_fields=["run", "updated_at"])
                cursor = LogEventsCursor.from_dict(run["cursor"]) if run["cursor"] else None
                pages = self.client.fetch_log_events(
                    self.wiki.api_url, log_type, start, end, cursor=cursor, limit=self.limit
                )
                for page in pages:
                    with transaction.atomic():
                        removed = apply_log_events(self.wiki, page.events)
                        run["cursor"] = page.next_cursor.to_dict()
                        state.run = run
                        state.save(update_fields=["run", "updated_at"])
                    self.report.revisions_removed += removed
                    self._progress(SyncState.Kind.REMOVALS, removed)
        state.collected_until = end
        state.run = None
        state.save(update_fields=["collected_until", "run", "updated_at"])

    # -- recent changes (open campaigns) ----------------------------------------------------

    def poll_recent_changes(self) -> None:
        state = self._state(SyncState.Kind.RECENT_CHANGES)
        if state.run:
            self._recent_changes_run(state)
        window_end = min(self.campaign.end, self.now)
        collected = state.collected_until
        if collected is not None and collected >= window_end:
            return  # the campaign has ended and everything up to its end is stored
        begin = self.campaign.start
        if collected is not None:
            begin = max(begin, collected - OVERLAP)
        reach = self.now - self.wiki.recent_changes_reach
        if begin < reach:
            # The wiki has forgotten what happened before `reach`: say so, do not guess.
            gap_start, gap_end = collected or self.campaign.start, min(reach, window_end)
            if gap_start < gap_end:
                UncollectableGap.objects.update_or_create(
                    campaign=self.campaign,
                    wiki=self.wiki,
                    start=gap_start,
                    defaults={"end": gap_end},
                )
                self.report.gaps.append((gap_start, gap_end))
            begin = reach
        if window_end - begin < ONE_SECOND:
            if state.collected_until is None or state.collected_until < window_end:
                state.collected_until = window_end
                state.save(update_fields=["collected_until", "updated_at"])
            return
        state.run = {"start": _iso(begin), "end": _iso(window_end), "cursor": None}
        state.save(update_fields=["run", "updated_at"])
        self._recent_changes_run(state)

    def _recent_changes_run(self, state: SyncState) -> None:
        run: dict[str, Any] = dict(state.run or {})
        start, end = _parse(run["start"]), _parse(run["end"])
        cursor = RecentChangesCursor.from_dict(run["cursor"]) if run.get("cursor") else None
        matches = hashtag_matcher(self.campaign.hashtag)
        pages = self.client.fetch_recent_changes(
            self.wiki.api_url, start, end, cursor=cursor, limit=self.limit
        )
        for page in pages:
            with transaction.atomic():
                stored = _store_recent_changes(self.wiki, page.changes, matches)
                run["cursor"] = page.next_cursor.to_dict()
                state.run = run
                state.save(update_fields=["run", "updated_at"])
            self._stored(SyncState.Kind.RECENT_CHANGES, stored)
        state.collected_until = end
        state.run = None
        state.save(update_fields=["collected_until", "run", "updated_at"])

    # -- contributions ----------------------------------------------------------------------

    def collect_contributions(self, users: list[str]) -> None:
        state = self._state(SyncState.Kind.CONTRIBUTIONS)
        if state.run:
            self._contributions_run(state)
        upto = self.now
        if state.collected_until is None:
            self._start_run(state, "increment", users, self.campaign.start, upto)
            return
        new_users = sorted(set(users) - set(state.covered_users))
        if new_users:
            self._start_run(
                state, "backfill", new_users, self.campaign.start, state.collected_until
            )
        begin = max(self.campaign.start, state.collected_until - OVERLAP)
        self._start_run(state, "increment", users, begin, upto)

    def _start_run(
        self, state: SyncState, purpose: str, users: list[str], start: datetime, end: datetime
    ) -> None:
        state.run = {
            "purpose": purpose,
            "users": users,
            "start": _iso(start),
            "end": _iso(end),
            "batch_size": self.batch_size,
            "cursor": None,
        }
        state.save(update_fields=["run", "updated_at"])
        self._contributions_run(state)

    def _contributions_run(self, state: SyncState) -> None:
        run: dict[str, Any] = dict(state.run or {})
        start, end = _parse(run["start"]), _parse(run["end"])
        users: list[str] = run["users"]
        if users and end - start >= ONE_SECOND:
            cursor = ContributionsCursor.from_dict(run["cursor"]) if run.get("cursor") else None
            pages = self.client.fetch_user_contributions(
                self.wiki.api_url,
                users,
                start,
                end,
                cursor=cursor,
                batch_size=run["batch_size"],
                limit=self.limit,
            )
            for page in pages:
                with transaction.atomic():
                    stored = _store_contributions(self.wiki, page.revisions)
                    run["cursor"] = page.next_cursor.to_dict()
                    state.run = run
                    state.save(update_fields=["run", "updated_at"])
                self._stored(SyncState.Kind.CONTRIBUTIONS, stored)
        if run["purpose"] == "backfill":
            state.covered_users = sorted(set(state.covered_users) | set(users))
        else:
            state.covered_users = sorted(users)
            state.collected_until = end
        state.run = None
        state.save(update_fields=["covered_users", "collected_until", "run", "updated_at"])

    # -- accounts ---------------------------------------------------------------------------

    def refresh_accounts(self, users: list[str]) -> None:
        known = set(
            WikiAccount.objects.filter(wiki=self.wiki, username__in=users).values_list(
                "username", flat=True
            )
        )
        missing = [name for name in users if name not in known]
        if not missing:
            return
        infos = self.client.fetch_user_registrations(self.wiki.api_url, missing)
        accounts_store(wiki=self.wiki, infos=infos, now=self.now)
        self.report.accounts_checked += len(infos)


def accounts_store(*, wiki: Wiki, infos: Iterable[Any], now: datetime) -> None:
    """Upsert what `fetch_user_registrations` said about each account."""
    rows = [
        WikiAccount(
            wiki=wiki,
            username=info.name,
            exists=info.exists,
            registered_at=info.registration,
            is_bot=info.is_bot,
            checked_at=now,
        )
        for info in infos
    ]
    WikiAccount.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["wiki", "username"],
        update_fields=["exists", "registered_at", "is_bot", "checked_at"],
    )


def apply_log_events(wiki: Wiki, events: Iterable[LogEvent]) -> int:
    """Apply deletions, restorations and moves, in the order given, to the stored revisions
    of `wiki`; returns how many stored revisions this newly marked removed. Replaying
    entries already applied changes nothing, so an overlapping pass is harmless."""
    removed = 0
    stored = Revision.objects.filter(wiki=wiki)
    for event in events:
        if event.page_id > 0:
            page = stored.filter(page_id=event.page_id)
        else:  # MediaWiki did not record the page: its title then names it
            page = stored.filter(namespace=event.namespace, title=event.title)
        if event.log_type == "delete" and event.action in ("delete", "delete_redir"):
            removed += page.filter(removed=False).update(removed=True)
        elif event.log_type == "delete" and event.action == "restore":
            page.filter(removed=True).update(removed=False)
        elif event.log_type == "delete" and event.action == "revision" and event.revids:
            revisions = stored.filter(revid__in=event.revids)
            if event.revisions_hidden:
                removed += revisions.filter(removed=False).update(removed=True)
            else:
                revisions.filter(removed=True).update(removed=False)
        elif event.log_type == "move" and event.target_title and event.page_id > 0:
            page.update(
                title=event.target_title[:255],
                namespace=event.target_namespace
                if event.target_namespace is not None
                else event.namespace,
            )
    return removed


def _insert(wiki: Wiki, rows: list[Revision]) -> int:
    """Insert rows not stored yet; return how many were new."""
    if not rows:
        return 0
    revids = [row.revid for row in rows]
    existing = set(
        Revision.objects.filter(wiki=wiki, revid__in=revids).values_list("revid", flat=True)
    )
    fresh = {row.revid: row for row in rows if row.revid not in existing}
    Revision.objects.bulk_create(fresh.values(), ignore_conflicts=True)
    return len(fresh)


def _store_contributions(wiki: Wiki, revisions: Iterable[ApiRevision]) -> int:
    rows = []
    for rev in revisions:
        if not rev.user or rev.revid <= 0 or rev.page_id <= 0:
            continue  # user name hidden by an administrator, or a deleted page
        sizediff = rev.sizediff if rev.sizediff is not None else (rev.size if rev.is_new else 0)
        rows.append(
            Revision(
                wiki=wiki,
                revid=rev.revid,
                parentid=rev.parentid,
                page_id=rev.page_id,
                namespace=rev.namespace,
                title=rev.title,
                user=rev.user,
                timestamp=rev.timestamp,
                comment=rev.comment,
                size=rev.size,
                sizediff=sizediff,
                is_page_creation=rev.is_new,
                is_redirect=bool(rev.is_redirect),
                is_upload=rev.namespace == FILE_NAMESPACE and rev.is_new,
                source=Revision.Source.CONTRIBUTIONS,
            )
        )
    return _insert(wiki, rows)


def _is_new_upload(change: RecentChange) -> bool:
    # "overwrite" and "revert" replace an existing file: not a file uploaded.
    return change.log_type == "upload" and change.log_action == "upload" and change.revid > 0


def _store_recent_changes(
    wiki: Wiki, changes: Iterable[RecentChange], matches: Callable[[str], bool]
) -> int:
    """Store tagged edits and uploads; edits by logged-out editors are never stored, since a
    leaderboard would publish their IP addresses."""
    rows = []
    for change in changes:
        if change.is_anonymous or not change.user or not matches(change.comment):
            continue
        upload = _is_new_upload(change)
        if change.kind not in ("edit", "new") and not upload:
            continue
        if change.revid <= 0 or change.page_id <= 0:
            continue
        rows.append(
            Revision(
                wiki=wiki,
                revid=change.revid,
                parentid=change.old_revid,
                page_id=change.page_id,
                namespace=change.namespace,
                title=change.title,
                user=change.user,
                timestamp=change.timestamp,
                comment=change.comment,
                size=change.new_size,
                sizediff=change.new_size - change.old_size,
                is_page_creation=change.kind == "new" or upload,
                is_redirect=change.is_redirect,
                is_upload=upload,
                is_bot=change.is_bot,
                source=Revision.Source.RECENT_CHANGES,
                in_recent_changes=True,
            )
        )
    stored = _insert(wiki, rows)
    # Rows a participant sync stored first learn that recent changes saw them too.
    revids = [row.revid for row in rows]
    Revision.objects.filter(wiki=wiki, revid__in=revids, in_recent_changes=False).update(
        in_recent_changes=True
    )
    bots = [row.revid for row in rows if row.is_bot]
    if bots:
        Revision.objects.filter(wiki=wiki, revid__in=bots).update(is_bot=True)
    return stored
