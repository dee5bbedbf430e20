"""Invitation lists: the editors who did most for a worklist's pages, for organisers to invite.

Reads the wiki (page histories, a category's members, the editors' groups and blocks), leaves
out bots, blocked accounts and members who opted out, scores the rest (invitations.py), and
says which suggested editors are Kuza members the organiser may invite in the app.

Organisers' lists are built by the worker (`invitation_list_request` queues, the task calls
`invitation_list_build`): a hundred page histories take too long for a web request. The
organiser sees each list's state, and its editors once it is ready. A list its worker will
never finish (the worker died while building it, or the queue records its job as failed) is
shown failed when the organiser next looks (`invitation_lists_recover`), and can be asked again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks.base import TaskResultStatus
from django_tasks.exceptions import TaskException

from kuza.campaigns.invitations import PageEdit, Suggestion, suggest
from kuza.campaigns.mediawiki import MediaWikiClient, MediaWikiError
from kuza.campaigns.models import (
    Campaign,
    CampaignInvitation,
    InvitationList,
    InvitationOptOut,
    Wiki,
)
from kuza.core.cache import UNREACHABLE
from kuza.people.models import Profile
from kuza.people.selectors import people_visible_to

MAX_PAGES = 100
# A list being built for longer than this has lost its worker: a hundred page histories take
# a few minutes, and nothing else would ever end it.
STUCK_AFTER = timedelta(minutes=30)


@dataclass(frozen=True)
class InvitationRow:
    suggestion: Suggestion
    reason: str
    member_id: int | None  # a Kuza member the organiser may see and invite
    invited: bool

    @property
    def wiki_account(self) -> str:
        """The editor's account on the wiki (public there), not a Kuza name: a Kuza member is
        named only through `member_id`, which is set only for people the organiser may see."""
        return self.suggestion.username


def reason_of(suggestion: Suggestion) -> str:
    pages = ngettext("%(count)d page", "%(count)d pages", suggestion.pages) % {
        "count": suggestion.pages
    }
    return ngettext(
        "Score %(score)d: %(bytes)d bytes added in %(count)d edit on %(pages)s, last on %(day)s.",
        "Score %(score)d: %(bytes)d bytes added in %(count)d edits on %(pages)s, last on %(day)s.",
        suggestion.edits,
    ) % {
        "score": suggestion.score,
        "bytes": suggestion.bytes_added,
        "count": suggestion.edits,
        "pages": pages,
        "day": suggestion.last_edit.date().isoformat(),
    }


def opted_out_names() -> set[str]:
    """Wikimedia user names of members who asked not to be suggested (verified names)."""
    return set(
        Profile.objects.filter(
            wikimedia_verified=True,
            user__in=InvitationOptOut.objects.values("user"),
        ).values_list("wikimedia_username", flat=True)
    )


class ListProblem(Exception):
    """Why a list could not be built, as an `InvitationList.Problem` code."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _checked(*, wiki: Wiki, campaign: Campaign, titles: list[str], category: str, days: int):
    """The request's own mistakes, said at once (before anything is queued)."""
    if days < 1 or days > 3650:
        raise ValidationError(_("Choose a period between 1 and 3650 days."))
    if not campaign.wikis.filter(pk=wiki.pk).exists():
        raise ValidationError(_("Choose one of the campaign's wikis."))
    titles = list(dict.fromkeys(title.strip() for title in titles if title.strip()))
    if not titles and not category.strip():
        raise ValidationError(_("Give page titles or a category with pages in it."))
    if len(titles) > MAX_PAGES and not category.strip():
        raise ValidationError(_("At most %(count)d pages at once.") % {"count": MAX_PAGES})
    return titles


def editor_suggestions(
    *,
    wiki: Wiki,
    titles: list[str],
    category: str,
    days: int,
    client: MediaWikiClient,
    now: datetime,
) -> list[Suggestion]:
    """Editors of the pages (titles, or a category's articles) over the `days` before `now`,
    scored; bots, blocked accounts, unregistered editors and members who opted out left out.
    Raises ListProblem when a category gives no pages."""
    if category.strip():
        # Its first hundred articles, as the form says.
        titles = client.fetch_category_titles(wiki.api_url, category.strip(), limit=MAX_PAGES)
        if not titles:
            raise ListProblem(InvitationList.Problem.NO_PAGES)
    start = now - timedelta(days=days)
    edits = [
        PageEdit(user, title, moment, added)
        for title in titles
        for user, moment, added in client.fetch_page_edits(wiki.api_url, title, start)
    ]
    editors = sorted({edit.user for edit in edits})
    infos = client.fetch_user_registrations(wiki.api_url, editors, blocks=True) if editors else ()
    accounts = {info.name for info in infos if info.exists}
    excluded = {info.name for info in infos if info.is_bot or info.blocked}
    # Unregistered editors (IP addresses) cannot be invited; members who opted out are not
    # suggested at all.
    excluded |= {name for name in editors if name not in accounts} | opted_out_names()
    return suggest(edits, now=now, period=timedelta(days=days), excluded=excluded)


def rows_for(campaign: Campaign, suggestions: list[Suggestion], *, viewer) -> list[InvitationRow]:
    """The suggestions as `viewer` reads them: which are members she may see and invite
    (decided now, not when the list was built), and whom the campaign already invited.
    Members who opted out since the list was built are left out."""
    opted_out = opted_out_names()
    suggestions = [s for s in suggestions if s.username not in opted_out]
    names = [s.username for s in suggestions]
    members = dict(
        people_visible_to(viewer, fields=("wikimedia",))
        .filter(wikimedia_verified=True, wikimedia_username__in=names)
        .values_list("wikimedia_username", "user_id")
    )
    invited = set(campaign.invitations.values_list("user_id", flat=True))
    return [
        InvitationRow(s, reason_of(s), members.get(s.username), members.get(s.username) in invited)
        for s in suggestions
    ]


def invitation_list(
    *,
    campaign: Campaign,
    wiki: Wiki,
    titles: list[str],
    category: str,
    days: int,
    viewer,
    client: MediaWikiClient,
    now: datetime | None = None,
) -> list[InvitationRow]:
    """The list at once, in this process (the worker's build and its reading in one step)."""
    titles = _checked(wiki=wiki, campaign=campaign, titles=titles, category=category, days=days)
    try:
        suggestions = editor_suggestions(
            wiki=wiki,
            titles=titles,
            category=category,
            days=days,
            client=client,
            now=now or timezone.now(),
        )
    except ListProblem as problem:
        raise ValidationError(InvitationList.Problem(problem.problem).label) from None
    return rows_for(campaign, suggestions, viewer=viewer)


# -- built by the worker ---------------------------------------------------------------------


def invitation_list_request(
    *,
    campaign: Campaign,
    organiser,
    wiki: Wiki,
    titles: list[str],
    category: str,
    days: int,
    now: datetime | None = None,
) -> InvitationList:
    """Queue the building of a list (over the `days` before `now`) for the worker; the
    request's own mistakes raise ValidationError and queue nothing."""
    from kuza.campaigns.tasks import invitation_list_task

    titles = _checked(wiki=wiki, campaign=campaign, titles=titles, category=category, days=days)
    made = InvitationList.objects.create(
        campaign=campaign,
        requested_by=organiser,
        wiki=wiki,
        titles="\n".join(titles),
        category=category.strip(),
        days=days,
        requested_at=now or timezone.now(),
    )
    job = invitation_list_task.enqueue(made.pk)
    made.task_id = job.id or ""
    made.save(update_fields=["task_id"])
    return made


def invitation_list_again(*, made: InvitationList, organiser, now: datetime | None = None):
    """Ask again for a failed list, with its pages and period (counted back from now)."""
    if made.state != InvitationList.State.FAILED:
        raise ValidationError(_("Only a failed list can be asked again."))
    return invitation_list_request(
        campaign=made.campaign,
        organiser=organiser,
        wiki=made.wiki,
        titles=made.titles.splitlines(),
        category=made.category,
        days=made.days,
        now=now,
    )


def _job_failed(made: InvitationList) -> bool:
    """Whether the task queue records the list's job as failed (a worker killed under it, a
    job that could not start). Unknown (no id, the queue unreachable or forgetting) is no."""
    if not made.task_id:
        return False
    from kuza.campaigns.tasks import invitation_list_task

    try:
        job = invitation_list_task.get_result(made.task_id)
    except (TaskException, NotImplementedError, *UNREACHABLE):
        return False
    return job.status == TaskResultStatus.FAILED


def invitation_lists_recover(campaign: Campaign, *, now: datetime | None = None) -> int:
    """Mark failed (problem STOPPED) the campaign's lists that will never be finished: being
    built for longer than STUCK_AFTER, or whose job the task queue records as failed. Returns
    how many. A worker that was only slow and finishes afterwards still stores its list."""
    now = now or timezone.now()
    State = InvitationList.State
    recovered = 0
    for made in campaign.invitation_lists.filter(state__in=[State.QUEUED, State.RUNNING]):
        started = made.started_at or made.requested_at
        if (made.state == State.RUNNING and started < now - STUCK_AFTER) or _job_failed(made):
            # Only if still in the state read: a worker finishing meanwhile wins.
            recovered += InvitationList.objects.filter(pk=made.pk, state=made.state).update(
                state=State.FAILED, problem=InvitationList.Problem.STOPPED, finished_at=now
            )
    return recovered


def invitation_list_build(*, list_id: int, client: MediaWikiClient) -> InvitationList | None:
    """The worker's part: read the wiki, score the editors, store them with the list's state.
    A list already taken by a worker (or gone) is left alone; a wiki that cannot be asked
    marks the list failed with the reason, for the organiser to try again."""
    with transaction.atomic():
        made = (
            InvitationList.objects.select_for_update()
            .filter(pk=list_id, state=InvitationList.State.QUEUED)
            .select_related("wiki")
            .first()
        )
        if made is None:
            return None
        made.state, made.started_at = InvitationList.State.RUNNING, timezone.now()
        made.save(update_fields=["state", "started_at"])
    problem = InvitationList.Problem.INTERNAL
    try:
        suggestions = editor_suggestions(
            wiki=made.wiki,
            titles=made.titles.splitlines(),
            category=made.category,
            days=made.days,
            client=client,
            now=made.requested_at,
        )
    except ListProblem as error:
        problem = error.problem
    except MediaWikiError:
        problem = InvitationList.Problem.UNREACHABLE
    except Exception:
        _finish(made, state=InvitationList.State.FAILED, problem=problem)
        raise
    else:
        made.suggestions = [_as_json(s) for s in suggestions]
        return _finish(made, state=InvitationList.State.DONE, problem="")
    return _finish(made, state=InvitationList.State.FAILED, problem=problem)


def _finish(made: InvitationList, *, state: str, problem: str) -> InvitationList:
    made.state, made.problem, made.finished_at = state, problem, timezone.now()
    made.save(update_fields=["state", "problem", "finished_at", "suggestions"])
    return made


def _as_json(suggestion: Suggestion) -> dict:
    return {
        "username": suggestion.username,
        "score": suggestion.score,
        "edits": suggestion.edits,
        "bytes_added": suggestion.bytes_added,
        "pages": suggestion.pages,
        "last_edit": suggestion.last_edit.isoformat(),
    }


def stored_suggestions(made: InvitationList) -> list[Suggestion]:
    return [
        Suggestion(
            row["username"],
            row["score"],
            row["edits"],
            row["bytes_added"],
            row["pages"],
            datetime.fromisoformat(row["last_edit"]),
        )
        for row in made.suggestions
    ]


def lists_of(campaign: Campaign, *, limit: int = 5) -> list[InvitationList]:
    """The campaign's latest lists, newest first, with their state, for its organisers."""
    return list(campaign.invitation_lists.select_related("wiki")[:limit])


def member_invite(*, campaign: Campaign, user_id: int, organiser, reason: str = "") -> bool:
    """Invite a member in the app (shown on their home); False when already invited or when
    they opted out of suggestions."""
    if InvitationOptOut.objects.filter(user_id=user_id).exists():
        return False
    try:
        with transaction.atomic():
            CampaignInvitation.objects.create(
                campaign=campaign, user_id=user_id, invited_by=organiser, reason=reason[:300]
            )
    except IntegrityError:
        return False
    return True


def opt_out_set(*, user, opted_out: bool) -> None:
    if opted_out:
        InvitationOptOut.objects.get_or_create(user=user)
    else:
        InvitationOptOut.objects.filter(user=user).delete()
