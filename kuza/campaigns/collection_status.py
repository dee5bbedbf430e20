"""What organisers see of collections: per wiki, queued, running, done at, or failed with the
reason in plain words, and when the next try comes.

Writes (`collection_*`) are called around `collection.campaign_collect` and by "Collect now";
reads (`wiki_statuses`) build the campaign page's status block. The reason is stored as a code
(plus what the wiki said, as it said it) and put into words when shown, in the reader's
language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.campaigns.mediawiki import MediaWikiError
from kuza.campaigns.mediawiki.transport import ApiError, BadResponseError, RetriesExhaustedError
from kuza.campaigns.models import Campaign, CollectionStatus, Wiki
from kuza.campaigns.selectors.access import campaign_wikis
from kuza.campaigns.sync import SyncReport

State = CollectionStatus.State
Problem = CollectionStatus.Problem


def _statuses(campaign: Campaign) -> dict[int, CollectionStatus]:
    existing = {status.wiki_id: status for status in campaign.collection_statuses.all()}
    for wiki_id in campaign.campaign_wikis.values_list("wiki_id", flat=True):
        if wiki_id not in existing:
            existing[wiki_id] = CollectionStatus.objects.get_or_create(
                campaign=campaign, wiki_id=wiki_id
            )[0]
    return existing


def collection_requested(campaign: Campaign, *, now: datetime | None = None) -> None:
    """A collection was queued: wikis not being collected now wait for the worker."""
    now = now or timezone.now()
    with transaction.atomic():
        for status in _statuses(campaign).values():
            status.requested_at = now
            if status.state != State.RUNNING:
                status.state = State.QUEUED
            status.save(update_fields=["requested_at", "state"])


def collection_started(campaign: Campaign, *, now: datetime | None = None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        for status in _statuses(campaign).values():
            status.state, status.started_at = State.RUNNING, now
            status.save(update_fields=["state", "started_at"])


def _problem_of(failure: BaseException | None) -> tuple[str, int, str]:
    if isinstance(failure, RetriesExhaustedError):
        return Problem.UNREACHABLE, failure.attempts, failure.last_problem[:500]
    if isinstance(failure, ApiError):
        return Problem.REFUSED, 0, f"{failure.code}: {failure.info}"[:500]
    if isinstance(failure, BadResponseError):
        return Problem.BAD_ANSWER, 0, str(failure)[:500]
    if isinstance(failure, MediaWikiError):
        return Problem.BAD_ANSWER, 0, str(failure)[:500]
    return Problem.INTERNAL, 0, ""


def collection_finished(
    campaign: Campaign, report: SyncReport, *, now: datetime | None = None
) -> None:
    """Record each wiki's outcome from the collection's report."""
    now = now or timezone.now()
    by_name = {wiki.db_name: wiki.pk for wiki in Wiki.objects.filter(campaigns=campaign)}
    statuses = _statuses(campaign)
    with transaction.atomic():
        for wiki_report in report.wikis:
            status = statuses.get(by_name.get(wiki_report.wiki, 0))
            if status is None:
                continue
            status.finished_at = now
            status.revisions_stored = wiki_report.revisions_stored
            if wiki_report.error:
                status.state = State.FAILED
                status.problem, status.attempts, status.detail = _problem_of(wiki_report.failure)
            else:
                status.state, status.succeeded_at = State.DONE, now
                status.problem, status.attempts, status.detail = "", 0, ""
            status.save()


def collection_crashed(campaign: Campaign, *, now: datetime | None = None) -> None:
    """Something unexpected stopped the collection: wikis still running failed with it."""
    now = now or timezone.now()
    CollectionStatus.objects.filter(campaign=campaign, state=State.RUNNING).update(
        state=State.FAILED,
        finished_at=now,
        problem=Problem.INTERNAL,
        attempts=0,
        detail="",
    )


# --- Reads ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WikiStatus:
    wiki: Wiki
    state: str  # a CollectionStatus.State, or "never"
    state_label: str
    at: datetime | None  # when it was queued, started or finished, as the state says
    succeeded_at: datetime | None
    revisions_stored: int
    reason: str  # plain words, empty unless failed
    detail: str  # what the wiki said
    next_try: datetime | None


def explain(status: CollectionStatus) -> str:
    """Why a collection failed, in plain words in the active language."""
    if status.problem == Problem.UNREACHABLE:
        return _(
            "The wiki did not answer after %(attempts)s tries: it was overloaded, lagging or "
            "unreachable. Nothing was lost; the next collection resumes where this one stopped."
        ) % {"attempts": status.attempts}
    if status.problem == Problem.REFUSED:
        return _(
            "The wiki refused Kuza's request. If it happens again, check the wiki's address "
            "and tell whoever runs this Kuza."
        )
    if status.problem == Problem.BAD_ANSWER:
        return _(
            "The wiki answered with something that is not a MediaWiki answer: its address may "
            "be wrong, or it may be under maintenance."
        )
    return _("An error in Kuza stopped the collection; the worker's log has the details.")


def wiki_statuses(
    campaign: Campaign, *, interval: timedelta | None, active: bool, now: datetime | None = None
) -> list[WikiStatus]:
    """Each wiki of the campaign with its last collection. `interval` is the periodic
    collection's, and `active` whether it still collects this campaign; together they give
    the next try."""
    now = now or timezone.now()
    statuses = {status.wiki_id: status for status in campaign.collection_statuses.all()}
    rows = []
    for campaign_wiki in sorted(campaign_wikis(campaign), key=lambda row: row.wiki.db_name):
        status = statuses.get(campaign_wiki.wiki_id)
        if status is None:
            rows.append(
                WikiStatus(
                    campaign_wiki.wiki,
                    "never",
                    _("not collected yet"),
                    None,
                    None,
                    0,
                    "",
                    "",
                    None,
                )
            )
            continue
        at = {
            State.QUEUED: status.requested_at,
            State.RUNNING: status.started_at,
        }.get(status.state, status.finished_at)
        next_try = None
        if active and interval and status.state in (State.DONE, State.FAILED) and at:
            next_try = max(at + interval, now)
        rows.append(
            WikiStatus(
                wiki=campaign_wiki.wiki,
                state=status.state,
                state_label=status.get_state_display(),
                at=at,
                succeeded_at=status.succeeded_at,
                revisions_stored=status.revisions_stored,
                reason=explain(status) if status.state == State.FAILED else "",
                detail=status.detail if status.state == State.FAILED else "",
                next_try=next_try,
            )
        )
    return rows
