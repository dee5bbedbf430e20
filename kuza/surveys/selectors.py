"""Reads: who organises or may answer a survey, which surveys a member is shown, responses."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kuza.accounts.selectors import is_signed_in
from kuza.audience.selectors import in_block_with_authors, visible_to
from kuza.core import home
from kuza.core.home import HomeItem
from kuza.people.models import Membership, Organisation
from kuza.surveys import keys
from kuza.surveys.models import (
    Answer,
    Invitation,
    InvitationToken,
    Question,
    Response,
    Section,
    Survey,
)

# --- Roles -------------------------------------------------------------------------------------


def is_organiser(user, survey: Survey) -> bool:
    """The survey's creator and its co-organisers (not staff as such: answers are private)."""
    if not is_signed_in(user):
        return False
    return survey.created_by_id == user.pk or survey.organisers.filter(pk=user.pk).exists()


def organiser_ids(survey: Survey) -> set[int]:
    return {survey.created_by_id, *survey.organisers.values_list("pk", flat=True)}


def organisations_administered_by(user) -> QuerySet[Organisation]:
    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.ORGANISER
    )


def can_create_surveys(user) -> bool:
    """Staff, and organisers of an organisation (for its members or for everyone)."""
    if not is_signed_in(user):
        return False
    return user.is_staff or organisations_administered_by(user).exists()


def is_member_of(user, organisation_id: int | None) -> bool:
    if not is_signed_in(user) or organisation_id is None:
        return False
    return Membership.objects.filter(user=user, organisation_id=organisation_id).exists()


# --- Surveys -----------------------------------------------------------------------------------


def _open_q(now=None) -> Q:
    now = now or timezone.now()
    return Q(published=True, opens_at__lte=now, closes_at__gt=now)


def surveys_for(user) -> QuerySet[Survey]:
    """Open surveys shown to `user`: for all members, or for members of their organisations.

    Surveys organised by someone the member blocked, or who blocked them, are not shown
    ("anyone with the link" surveys are never listed: they reach people through their link).
    """
    if not is_signed_in(user):
        return Survey.objects.none()
    member_of = Membership.objects.filter(user=user, organisation_id=OuterRef("organisation_id"))
    surveys = Survey.objects.filter(_open_q()).filter(
        Q(audience=Survey.Audience.MEMBERS)
        | Q(audience=Survey.Audience.ORGANISATION) & Exists(member_of)
    )
    return visible_to(surveys, user).order_by("closes_at", "pk")


# Open surveys looked at for the home: the soonest-closing ones are the most pressing.
_HOME_CANDIDATES = 20


def home_surveys_to_answer(user) -> list[HomeItem]:
    """Personal home: open surveys shown to `user` that they have not submitted (one query,
    two when an anonymous survey is open to them).

    Responses are found by respondent key, as the survey itself finds them, so anonymous
    surveys are recognised too without linking the response to the account.
    """
    invited = Invitation.objects.filter(survey_id=OuterRef("pk"), user=user)
    member_of = Membership.objects.filter(user=user, organisation_id=OuterRef("organisation_id"))
    # As `surveys_for`, plus the surveys the person was invited to by email (a survey for
    # "anyone with the link" reaches them that way, and is never listed).
    shown = Survey.objects.filter(_open_q()).filter(
        Q(audience=Survey.Audience.MEMBERS)
        | Q(audience=Survey.Audience.ORGANISATION) & Exists(member_of)
        | Exists(invited)
    )
    # An identified survey's response carries the account: answered or not is known in the
    # same query. An anonymous one's is found by its respondent key, in a second query only
    # when such a survey is among the candidates.
    answered = Response.objects.filter(survey_id=OuterRef("pk"), user=user, submitted=True)
    candidates = list(
        visible_to(shown.annotate(invited=Exists(invited), answered=Exists(answered)), user)
        .filter(answered=False)
        .order_by("closes_at", "pk")[:_HOME_CANDIDATES]
    )
    anonymous = [survey for survey in candidates if survey.anonymous]
    submitted = (
        set(
            Response.objects.filter(
                respondent_key__in=[keys.user_key(survey.pk, user.pk) for survey in anonymous],
                submitted=True,
            ).values_list("survey_id", flat=True)
        )
        if anonymous
        else set()
    )
    return [
        HomeItem(
            title=survey.title,
            url=reverse("surveys:detail", args=[survey.pk]),
            reason=(
                _("You are invited to answer this survey, open until %(date)s")
                if survey.invited
                else _("A survey for you, open until %(date)s")
            )
            % {"date": date_format(timezone.localtime(survey.closes_at), "DATE_FORMAT")},
        )
        for survey in candidates
        if survey.pk not in submitted
    ][: home.LIMIT]


def surveys_organised_by(user) -> QuerySet[Survey]:
    if not is_signed_in(user):
        return Survey.objects.none()
    return Survey.objects.filter(Q(created_by=user) | Q(organisers=user)).distinct().order_by("-pk")


def survey_for_viewer(user, pk: int) -> Survey | None:
    """A published survey (anyone who has its link may read its first page), or a draft
    for its organisers; None otherwise."""
    surveys = Survey.objects.select_related("organisation", "created_by")
    # Blocks do not hide the first page: it says the viewer cannot answer (why_not_answer).
    return visible_to(surveys, user, despite_blocks=True).filter(pk=pk).first()


def sections_of(survey: Survey) -> list[Section]:
    return list(survey.sections.order_by("position", "pk"))


def survey_questions(survey: Survey) -> list[Question]:
    """Every question of the survey in reading order, with its options (two queries)."""
    return list(
        survey.questions.order_by("section__position", "position", "pk").prefetch_related("options")
    )


def questions_of(section: Section) -> list[Question]:
    return list(section.questions.order_by("position", "pk").prefetch_related("options", "skills"))


# --- Answering ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Respondent:
    """Who answers: an account (identified or anonymous survey) or an invitation token."""

    key: str
    user: object | None = None  # the account, kept on the response only in identified surveys
    token: str | None = None


def respondent_for(survey: Survey, user, token: str | None) -> Respondent | None:
    """The respondent a request speaks for, or None when it may not answer at all."""
    if token and survey.anonymous:
        return Respondent(key=keys.token_key(survey.pk, token), token=token)
    if is_signed_in(user):
        return Respondent(key=keys.user_key(survey.pk, user.pk), user=user)
    return None


def why_not_answer(survey: Survey, user, token: str | None = None) -> str | None:
    """Why `user` (or the holder of `token`) may not answer now; None when they may."""
    now = timezone.now()
    if not survey.published or survey.opens_at > now:
        return _("This survey is not open yet.")
    if survey.closes_at <= now:
        return _("This survey is closed: it no longer accepts answers.")
    if token and survey.anonymous:
        if not token_is_usable(survey, token):
            return _("This invitation link is not valid or has already been used.")
        return None
    if not is_signed_in(user):
        if survey.anonymous:
            return _("Log in, or use the invitation link you were given, to answer.")
        return _("Log in to answer this survey.")
    if survey.audience == Survey.Audience.ORGANISATION and not is_member_of(
        user, survey.organisation_id
    ):
        return _("Only members of %(organisation)s may answer this survey.") % {
            "organisation": survey.organisation.name
        }
    if in_block_with_authors(survey, user):
        # A block stops all contact, answers included; it is never announced.
        return _("You cannot answer this survey.")
    return None


def token_is_usable(survey: Survey, token: str) -> bool:
    return InvitationToken.objects.filter(
        survey=survey, token_hash=keys.token_hash(token), used=False
    ).exists()


def response_of(survey: Survey, respondent: Respondent | None) -> Response | None:
    if respondent is None:
        return None
    return Response.objects.filter(survey=survey, respondent_key=respondent.key).first()


def answers_by_question(response: Response | None) -> dict[int, list[Answer]]:
    if response is None:
        return {}
    grouped: dict[int, list[Answer]] = {}
    for answer in Answer.objects.filter(response=response).order_by("pk"):
        grouped.setdefault(answer.question_id, []).append(answer)
    return grouped
