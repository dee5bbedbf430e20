"""Writes of mentorship: requests, the mentorship state machine, check-ins and feedback.

Every function checks who is acting (fetch-and-check in one place) and refuses an illegal
transition with a `MentorshipError` whose message can be shown to the person.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.core import achievements
from kuza.mentorship import signals
from kuza.mentorship.achievements import completion_achievements
from kuza.mentorship.models import (
    MAX_CAPACITY,
    TEXT_LIMIT,
    CheckIn,
    Feedback,
    Format,
    MentorSettings,
    Mentorship,
    MentorshipRequest,
    MentorshipRound,
    TimeFrame,
)
from kuza.mentorship.notifications import notify
from kuza.mentorship.selectors import capacities, open_rounds_for_learner
from kuza.mentorship.suggestions import rank_for, standard_tags
from kuza.safety import ratelimit
from kuza.safety.services import ConductNotAccepted, require_current_conduct
from kuza.skills.models import Skill

# Abuse limits: generous for someone looking for a mentor, not for a flood of requests.
REQUESTS_PER_HOUR = 10
ASKS_PER_HOUR = 10
HOUR = 3600
MAX_LANGUAGES = 5

Status = Mentorship.Status
# Every allowed move of the mentorship state machine.
TRANSITIONS = {
    Status.REQUESTED: {Status.ACTIVE, Status.DECLINED, Status.CANCELLED},
    Status.ACTIVE: {Status.COMPLETED, Status.CANCELLED},
}


class MentorshipError(Exception):
    """A mentorship action that cannot be done, with a message for the person."""


def _guard_contact(user) -> None:
    try:
        require_current_conduct(user)
    except ConductNotAccepted as error:
        raise MentorshipError(str(error)) from error


def _limit(key: str, user, limit: int) -> None:
    if not ratelimit.hit(f"mentorship-{key}:{user.pk}", limit=limit, period=HOUR):
        raise MentorshipError(
            _("You have sent many mentorship requests in the last hour; please try again later.")
        )


def _name(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None else user.get_username()


def _detail_url(mentorship: Mentorship) -> str:
    return reverse("mentorship:detail", kwargs={"mentorship_id": mentorship.pk})


def _text(value: str, *, missing: str = "") -> str:
    """`value` stripped; `missing` is the message when it must not be empty."""
    value = value.strip()
    if missing and not value:
        raise MentorshipError(missing)
    if len(value) > TEXT_LIMIT:
        raise MentorshipError(_("Keep it under %(limit)d characters.") % {"limit": TEXT_LIMIT})
    return value


# --- Mentor settings -------------------------------------------------------------------------


def mentor_settings_save(*, user, capacity: int) -> MentorSettings:
    if not 0 <= capacity <= MAX_CAPACITY:
        raise MentorshipError(_("Choose a capacity between 0 and %(max)d.") % {"max": MAX_CAPACITY})
    settings, _created = MentorSettings.objects.update_or_create(
        user=user, defaults={"capacity": capacity}
    )
    return settings


# --- Requests --------------------------------------------------------------------------------


def request_create(
    *,
    learner,
    skill: Skill,
    goals: str,
    languages: list[str],
    format: str,
    time_frame: str,
    round: MentorshipRound | None = None,
) -> MentorshipRequest:
    """A learner asks for mentorship; into an open round of their organisation, or alone."""
    _guard_contact(learner)
    goals = _text(goals, missing=_("Write your goals."))
    if format not in Format.values or time_frame not in TimeFrame.values:
        raise MentorshipError(_("Choose a format and a time frame."))
    tags = standard_tags(languages)
    if len(tags) > MAX_LANGUAGES:
        raise MentorshipError(_("Choose at most %(count)d languages.") % {"count": MAX_LANGUAGES})
    if round is not None and not open_rounds_for_learner(learner).filter(pk=round.pk).exists():
        raise MentorshipError(_("This round is not open to you."))
    _limit("request", learner, REQUESTS_PER_HOUR)
    return MentorshipRequest.objects.create(
        learner=learner,
        skill=skill,
        goals=goals,
        languages=list(tags),
        format=format,
        time_frame=time_frame,
        round=round,
    )


def _own_request(learner, request_id: int) -> MentorshipRequest:
    request = (
        MentorshipRequest.objects.select_for_update().filter(pk=request_id, learner=learner).first()
    )
    if request is None:
        raise MentorshipError(_("That request does not exist."))
    return request


def request_withdraw(*, learner, request: MentorshipRequest) -> MentorshipRequest:
    """The learner no longer wants a mentor for this; a waiting proposal is cancelled too."""
    with transaction.atomic():
        request = _own_request(learner, request.pk)
        if request.status in (MentorshipRequest.Status.MATCHED, MentorshipRequest.Status.CLOSED):
            raise MentorshipError(_("This request is already matched or closed."))
        for mentorship in request.mentorships.filter(status=Status.REQUESTED):
            _move(mentorship, Status.CANCELLED, by=learner)
            _notify_ended(mentorship, learner)
        request.status = MentorshipRequest.Status.CLOSED
        request.save(update_fields=["status"])
    return request


def mentorship_propose(*, learner, request: MentorshipRequest, mentor) -> Mentorship:
    """The learner asks one of their suggested mentors; the mentor then accepts or declines."""
    _guard_contact(learner)
    with transaction.atomic():
        request = _own_request(learner, request.pk)
        if request.status != MentorshipRequest.Status.OPEN:
            raise MentorshipError(_("This request is not looking for a mentor any more."))
        if request.round_id and request.round.status != MentorshipRound.Status.SENT:
            raise MentorshipError(
                _("This request is part of a round: the organisers will propose a mentor.")
            )
        ranking = rank_for(
            learner=learner,
            skill=request.skill,
            languages=request.languages,
            only_user_ids=[mentor.pk],
        )
        if not any(s.mentor_id == mentor.pk for s in ranking.suggestions):
            # Same answer for hidden, blocked, full or unsuitable: nothing to learn from it.
            raise MentorshipError(_("This person cannot be asked to mentor you in this skill."))
        _limit("ask", learner, ASKS_PER_HOUR)
        mentorship = Mentorship.objects.create(
            request=request,
            learner=learner,
            mentor=mentor,
            skill=request.skill,
            format=request.format,
            goals=request.goals,
        )
        request.status = MentorshipRequest.Status.PROPOSED
        request.save(update_fields=["status"])
        notify(
            mentor,
            "mentor_asked",
            {"learner": _name(learner), "skill_id": request.skill_id},
            _detail_url(mentorship),
        )
    return mentorship


# --- The state machine -----------------------------------------------------------------------


def _locked(mentorship: Mentorship, user) -> Mentorship:
    locked = (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("learner__profile", "mentor__profile")
        .filter(pk=mentorship.pk)
        .first()
    )
    if locked is None or not locked.is_party(user):
        raise MentorshipError(_("That mentorship does not exist."))
    return locked


def _move(mentorship: Mentorship, target: str, *, by) -> None:
    allowed = TRANSITIONS.get(mentorship.status, set())
    if target not in allowed:
        raise MentorshipError(
            _("A mentorship that is “%(current)s” cannot become “%(target)s”.")
            % {"current": mentorship.get_status_display(), "target": Status(target).label}
        )
    mentorship.status = target
    fields = ["status"]
    now = timezone.now()
    if target == Status.ACTIVE:
        mentorship.accepted_at = now
        fields.append("accepted_at")
    else:
        mentorship.ended_at, mentorship.ended_by = now, by
        fields += ["ended_at", "ended_by"]
    mentorship.save(update_fields=fields)


def _set_request(mentorship: Mentorship, status: str) -> None:
    if mentorship.request_id:
        MentorshipRequest.objects.filter(pk=mentorship.request_id).update(status=status)


def _only_mentor(mentorship: Mentorship, user) -> None:
    if user.pk != mentorship.mentor_id:
        raise MentorshipError(_("Only the mentor can answer this request."))


def _notify_ended(mentorship: Mentorship, by) -> None:
    other = mentorship.mentor if by.pk == mentorship.learner_id else mentorship.learner
    notify(
        other,
        "mentorship_cancelled",
        {"person": _name(by), "skill_id": mentorship.skill_id},
        _detail_url(mentorship),
    )


def mentorship_accept(*, mentorship: Mentorship, mentor, goals: str = "") -> Mentorship:
    """The mentor agrees; `goals` (optional) replaces the learner's goals as agreed goals."""
    with transaction.atomic():
        mentorship = _locked(mentorship, mentor)
        _only_mentor(mentorship, mentor)
        active = Mentorship.objects.filter(mentor=mentor, status=Status.ACTIVE).count()
        if mentorship.status == Status.REQUESTED and active >= capacities([mentor.pk])[mentor.pk]:
            raise MentorshipError(
                _(
                    "You already mentor as many people as your capacity allows; raise it in "
                    "your mentor settings or decline."
                )
            )
        _move(mentorship, Status.ACTIVE, by=mentor)
        goals = _text(goals)
        if goals:
            mentorship.goals = goals
            mentorship.save(update_fields=["goals"])
        _set_request(mentorship, MentorshipRequest.Status.MATCHED)
        notify(
            mentorship.learner,
            "mentorship_accepted",
            {"mentor": _name(mentor), "skill_id": mentorship.skill_id},
            _detail_url(mentorship),
        )
    return mentorship


def mentorship_decline(*, mentorship: Mentorship, mentor) -> Mentorship:
    """The mentor says no; the learner's request looks for a mentor again."""
    with transaction.atomic():
        mentorship = _locked(mentorship, mentor)
        _only_mentor(mentorship, mentor)
        _move(mentorship, Status.DECLINED, by=mentor)
        _set_request(mentorship, MentorshipRequest.Status.OPEN)
        notify(
            mentorship.learner,
            "mentorship_declined",
            {"mentor": _name(mentor), "skill_id": mentorship.skill_id},
            reverse("mentorship:request", kwargs={"request_id": mentorship.request_id})
            if mentorship.request_id
            else "",
        )
    return mentorship


def mentorship_cancel(*, mentorship: Mentorship, user) -> Mentorship:
    """Either person ends a waiting or active mentorship."""
    with transaction.atomic():
        mentorship = _locked(mentorship, user)
        was_active = mentorship.status == Status.ACTIVE
        _move(mentorship, Status.CANCELLED, by=user)
        _set_request(
            mentorship,
            MentorshipRequest.Status.CLOSED if was_active else MentorshipRequest.Status.OPEN,
        )
        _notify_ended(mentorship, user)
    return mentorship


def mentorship_complete(*, mentorship: Mentorship, user) -> Mentorship:
    """Either person marks an active mentorship complete; badges and others hear of it."""
    with transaction.atomic():
        mentorship = _locked(mentorship, user)
        _move(mentorship, Status.COMPLETED, by=user)
        _set_request(mentorship, MentorshipRequest.Status.CLOSED)
        for person in (mentorship.learner, mentorship.mentor):
            notify(
                person,
                "mentorship_completed",
                {"skill_id": mentorship.skill_id},
                _detail_url(mentorship),
            )
        signals.mentorship_completed.send(sender=Mentorship, mentorship=mentorship)
        award_completion_badges(mentorship)
    return mentorship


def award_completion_badges(mentorship: Mentorship) -> list:
    """Emit the completion's achievements (badges follow where a listener awards them; a
    listener is idempotent, so emitting again awards nothing twice). Returns what listeners
    made of them (credentials: the assertions held for this mentorship)."""
    if mentorship.status != Status.COMPLETED:
        return []
    made: list = []
    for achievement in completion_achievements(mentorship):
        made += achievements.emit(achievement)
    return made


# --- Goals, check-ins, feedback --------------------------------------------------------------


def mentorship_set_goals(*, mentorship: Mentorship, user, goals: str) -> Mentorship:
    with transaction.atomic():
        mentorship = _locked(mentorship, user)
        if mentorship.status not in Mentorship.OPEN_STATUSES:
            raise MentorshipError(_("Goals can only change while the mentorship is going on."))
        mentorship.goals = _text(goals, missing=_("Write the agreed goals."))
        mentorship.save(update_fields=["goals"])
    return mentorship


def checkin_add(*, mentorship: Mentorship, author, date: datetime.date, note: str) -> CheckIn:
    """A dated note, only while the mentorship is active; the other person is told."""
    with transaction.atomic():
        mentorship = _locked(mentorship, author)
        if mentorship.status != Status.ACTIVE:
            raise MentorshipError(_("Check-ins can only be added to an active mentorship."))
        if date > timezone.localdate() + datetime.timedelta(days=1):
            raise MentorshipError(_("A check-in cannot be dated in the future."))
        checkin = CheckIn.objects.create(
            mentorship=mentorship,
            author=author,
            date=date,
            note=_text(note, missing=_("Write a note.")),
        )
        other = mentorship.mentor if author.pk == mentorship.learner_id else mentorship.learner
        notify(
            other,
            "checkin_added",
            {"person": _name(author), "skill_id": mentorship.skill_id},
            _detail_url(mentorship),
        )
    return checkin


def feedback_give(*, mentorship: Mentorship, author, rating: int, comment: str = "") -> Feedback:
    """Each side gives feedback once, after completion."""
    with transaction.atomic():
        mentorship = _locked(mentorship, author)
        if mentorship.status != Status.COMPLETED:
            raise MentorshipError(_("Feedback is given once the mentorship is completed."))
        if not 1 <= rating <= 5:
            raise MentorshipError(_("Choose a rating from 1 to 5."))
        if mentorship.feedback.filter(author=author).exists():
            raise MentorshipError(_("You have already given your feedback."))
        return Feedback.objects.create(
            mentorship=mentorship,
            author=author,
            rating=rating,
            comment=_text(comment),
        )
