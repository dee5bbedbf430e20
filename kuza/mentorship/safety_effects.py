"""How safety's reports, hiding and blocks apply to mentorship (registered in integrations.py).

Reports. A mentorship is reported by one of its two people only (nobody else knows it exists);
the person concerned is the *other* party, as the reporter sees it, so the report reaches the
moderators of that person's organisation and a warning or suspension lands on them.

Hiding. A mentorship is private to its two people, so there is no public listing to take it
out of; hiding means "the moderators closed it": an open mentorship is ended (cancelled, by
nobody) with a neutral notice to both, and a hidden mentorship no longer counts anywhere
beyond its two people (its feedback stops feeding mentor suggestions; once ended it no longer
opens the "mentors and organisers" profile fields). Both keep their history. Showing it again
does not reopen it.

Blocks. When either person blocks the other, what links them ends at once, and it looks to the
blocked person exactly as if the blocker had done it by hand (a block is never announced):
- an active mentorship is cancelled by the blocker (the other is told "X ended the mentorship");
- a mentorship waiting for the mentor's answer is declined when the mentor blocks, cancelled
  when the learner blocks; the learner's request looks for a mentor again;
- a swap exchange still waiting for answers that includes both is dissolved and everyone in it
  goes back to the pool (the others are told it was dissolved, as after any "no").
Matching, rounds and swap runs never pair them again: suggestions and rounds drop blocked
mentors, swap runs avoid blocked pairs, and both recheck blocks when they store their result.
A confirmed exchange and completed mentorships are history and stay as they are.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from kuza.mentorship.models import (
    Mentorship,
    MentorshipRequest,
    SwapExchange,
    SwapMember,
)
from kuza.mentorship.notifications import notify
from kuza.mentorship.services import _detail_url, _move, _name, _notify_ended, _set_request
from kuza.mentorship.swapping import _close

Status = Mentorship.Status


# --- Reports ---------------------------------------------------------------------------------


def describe(mentorship: Mentorship) -> str:
    return f"{mentorship.skill} · {_name(mentorship.mentor)} → {_name(mentorship.learner)}"


def is_party(mentorship: Mentorship, user) -> bool:
    return bool(user is not None and user.is_authenticated and mentorship.is_party(user))


def other_party(mentorship: Mentorship, reporter):
    return mentorship.learner if reporter.pk == mentorship.mentor_id else mentorship.mentor


def organisation_of(mentorship: Mentorship):
    return mentorship.round.organisation if mentorship.round_id else None


def url_of(mentorship: Mentorship) -> str:
    return _detail_url(mentorship)


# --- Hiding ----------------------------------------------------------------------------------


def mentorship_close_by_moderators(*, mentorship: Mentorship) -> Mentorship:
    """End an open mentorship the moderators hid; both people get the same neutral notice."""
    with transaction.atomic():
        mentorship = (
            Mentorship.objects.select_for_update(of=("self",))
            .select_related("learner", "mentor")
            .get(pk=mentorship.pk)
        )
        if mentorship.status not in Mentorship.OPEN_STATUSES:
            return mentorship
        _move(mentorship, Status.CANCELLED, by=None)
        _set_request(mentorship, MentorshipRequest.Status.CLOSED)
        for person in (mentorship.learner, mentorship.mentor):
            notify(
                person,
                "mentorship_closed",
                {"skill_id": mentorship.skill_id},
                _detail_url(mentorship),
            )
    return mentorship


# --- Blocks ----------------------------------------------------------------------------------


def links_end_on_block(*, blocker, blocked) -> None:
    """The block effect (see the module docstring); idempotent."""
    mentorships_end_on_block(blocker=blocker, blocked=blocked)
    exchanges_withdraw_on_block(blocker=blocker, blocked=blocked)


def mentorships_end_on_block(*, blocker, blocked) -> list[Mentorship]:
    between = Q(learner=blocker, mentor=blocked) | Q(learner=blocked, mentor=blocker)
    ended = []
    with transaction.atomic():
        open_ones = (
            Mentorship.objects.select_for_update(of=("self",))
            .select_related("learner__profile", "mentor__profile")
            .filter(between, status__in=Mentorship.OPEN_STATUSES)
        )
        for mentorship in open_ones:
            if mentorship.status == Status.REQUESTED and mentorship.mentor_id == blocker.pk:
                _move(mentorship, Status.DECLINED, by=blocker)
                _set_request(mentorship, MentorshipRequest.Status.OPEN)
                notify(
                    mentorship.learner,
                    "mentorship_declined",
                    {"mentor": _name(blocker), "skill_id": mentorship.skill_id},
                    reverse("mentorship:request", kwargs={"request_id": mentorship.request_id})
                    if mentorship.request_id
                    else "",
                )
            else:
                was_active = mentorship.status == Status.ACTIVE
                _move(mentorship, Status.CANCELLED, by=blocker)
                _set_request(
                    mentorship,
                    MentorshipRequest.Status.CLOSED
                    if was_active
                    else MentorshipRequest.Status.OPEN,
                )
                _notify_ended(mentorship, blocker)
            ended.append(mentorship)
    return ended


def exchanges_withdraw_on_block(*, blocker, blocked) -> list[SwapExchange]:
    both = SwapMember.objects.filter(user=blocked).values("exchange_id")
    withdrawn = []
    with transaction.atomic():
        proposals = SwapExchange.objects.select_for_update(of=("self",)).filter(
            status=SwapExchange.Status.PROPOSED, members__user=blocker, pk__in=both
        )
        for exchange in proposals:
            members = list(exchange.members.select_related("user__profile"))
            _close(exchange, members, SwapExchange.Status.DISSOLVED)
            url = reverse("mentorship:exchange", kwargs={"exchange_id": exchange.pk})
            for member in members:
                if member.user_id != blocker.pk:
                    notify(member.user, "swap_dissolved", {}, url)
            withdrawn.append(exchange)
    return withdrawn
