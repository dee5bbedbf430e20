"""Inviting people: members by email, and single-use links for people without an account."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kuza.audience.selectors import among_people
from kuza.core.tasks import send_email
from kuza.people.models import Membership
from kuza.surveys import keys, selectors
from kuza.surveys.models import Invitation, InvitationToken, Survey
from kuza.surveys.services import NotAllowed, SurveyError

MAX_TOKENS_AT_ONCE = 200


def invitable_members(survey: Survey):
    """Active members of the survey's audience not yet invited, leaving out anyone blocked
    either way with one of its organisers: a block stops all contact."""
    people = among_people(get_user_model().objects.exclude(email=""), None)
    if survey.audience == Survey.Audience.ORGANISATION:
        people = people.filter(
            pk__in=Membership.objects.filter(organisation_id=survey.organisation_id).values(
                "user_id"
            )
        )
    organisers = selectors.organiser_ids(survey)
    for organiser in get_user_model().objects.filter(pk__in=organisers):
        people = among_people(people, organiser)
    return people.exclude(pk__in=organisers).exclude(
        pk__in=Invitation.objects.filter(survey=survey).values("user_id")
    )


@transaction.atomic
def invitations_send(*, user, survey: Survey) -> int:
    """Email every member of the audience not invited yet; returns how many were invited."""
    if not selectors.is_organiser(user, survey):
        raise NotAllowed(_("Only the survey's organisers may invite people."))
    if survey.audience == Survey.Audience.LINK:
        raise SurveyError(_("Share the link of this survey: it is open to anyone who has it."))
    if not survey.is_open():
        raise SurveyError(_("Invitations can be sent while the survey is open."))
    recipients = list(invitable_members(survey).values_list("pk", "email"))
    Invitation.objects.bulk_create(
        [Invitation(survey=survey, user_id=pk) for pk, _email in recipients],
        ignore_conflicts=True,
    )
    link = settings.SITE_URL + reverse("surveys:detail", args=[survey.pk])
    subject = _("A survey for you: %(title)s") % {"title": survey.title}
    values = {
        "title": survey.title,
        "closes": survey.closes_at.strftime("%Y-%m-%d"),
        "link": link,
    }
    if survey.anonymous:
        body = (
            _(
                "You are invited to answer “%(title)s”, open until %(closes)s (UTC). "
                "Your answers are anonymous.\n\n%(link)s"
            )
            % values
        )
    else:
        body = (
            _("You are invited to answer “%(title)s”, open until %(closes)s (UTC).\n\n%(link)s")
            % values
        )
    for _pk, email in recipients:
        transaction.on_commit(
            lambda email=email: send_email.enqueue(subject=subject, body=body, to=[email])
        )
    return len(recipients)


@transaction.atomic
def invitation_tokens_create(*, user, survey: Survey, count: int) -> list[str]:
    """`count` new single-use links; the tokens are returned once and only their hash is kept."""
    if not selectors.is_organiser(user, survey):
        raise NotAllowed(_("Only the survey's organisers may invite people."))
    if not survey.anonymous:
        raise SurveyError(
            _("Single-use links are for anonymous surveys; in others, people answer logged in.")
        )
    if not 1 <= count <= MAX_TOKENS_AT_ONCE:
        raise SurveyError(
            _("Create between 1 and %(max)d links at once.") % {"max": MAX_TOKENS_AT_ONCE}
        )
    tokens = [keys.new_token() for _index in range(count)]
    InvitationToken.objects.bulk_create(
        [InvitationToken(survey=survey, token_hash=keys.token_hash(token)) for token in tokens]
    )
    return tokens
