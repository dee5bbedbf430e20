"""Answering a survey one page at a time, then submitting it once."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.people.models import Membership, Profile, ProfileLanguage
from kuza.surveys import keys, selectors
from kuza.surveys.answer_forms import SectionAnswerForm
from kuza.surveys.models import Answer, InvitationToken, Question, Response, Survey
from kuza.surveys.presentation import survey_texts
from kuza.surveys.services import AlreadySubmitted, NotAllowed, SurveyError


class AnswersInvalid(SurveyError):
    """Some answers on the page are not valid; `form` carries the messages, nothing is saved."""

    def __init__(self, form: SectionAnswerForm) -> None:
        super().__init__(_("Some answers need correcting."))
        self.form = form


@dataclass(frozen=True)
class SaveResult:
    response: Response
    submitted: bool
    next_section: int


def _answer_rows(response: Response, question: Question, value) -> list[Answer]:
    kind = question.kind
    base = {"response": response, "question": question}
    if kind == Question.Kind.SINGLE:
        return [Answer(option_id=int(value), **base)] if value else []
    if kind == Question.Kind.MULTIPLE:
        return [Answer(option_id=int(pk), **base) for pk in value or []]
    if kind in (Question.Kind.SCALE, Question.Kind.NUMBER):
        return [Answer(number=value, **base)] if value is not None else []
    if kind == Question.Kind.SKILLS:
        need, offer = value
        return [Answer(skill_id=pk, skill_need=True, **base) for pk in need] + [
            Answer(skill_id=pk, skill_need=False, **base) for pk in offer
        ]
    if kind in (Question.Kind.COUNTRY, Question.Kind.LANGUAGE):
        return [Answer(code=value, **base)] if value else []
    if kind == Question.Kind.ORGANISATION:
        return [Answer(organisation_id=value, **base)] if value else []
    if kind == Question.Kind.TEXT:
        return [Answer(text=value, **base)] if value else []
    raise ValueError(f"unknown question kind {kind!r}")


def _locked_response(survey: Survey, respondent: selectors.Respondent) -> Response:
    """The respondent's response, created on the first page, locked for this transaction."""
    user = respondent.user if not survey.anonymous else None
    try:
        with transaction.atomic():
            response, _created = Response.objects.get_or_create(
                survey=survey, respondent_key=respondent.key, defaults={"user": user}
            )
    except IntegrityError:  # the same person on two devices at the same moment
        response = Response.objects.get(survey=survey, respondent_key=respondent.key)
    return Response.objects.select_for_update().get(pk=response.pk)


def _breakdowns(response: Response, survey: Survey, user) -> None:
    """Country, language and organisation of the response, for the results' breakdowns.

    From the answers first; in identified surveys, from the profile when the survey did not
    ask. Anonymous responses never read the profile.
    """
    answers = Answer.objects.filter(response=response).select_related("question")
    for answer in answers.order_by("question__section__position", "question__position"):
        kind = answer.question.kind
        if kind == Question.Kind.COUNTRY and not response.country:
            response.country = answer.code
        elif kind == Question.Kind.LANGUAGE and not response.language:
            response.language = answer.code
        elif kind == Question.Kind.ORGANISATION and response.organisation_id is None:
            response.organisation_id = answer.organisation_id
    if survey.audience == Survey.Audience.ORGANISATION and response.organisation_id is None:
        response.organisation_id = survey.organisation_id
    if survey.anonymous or user is None:
        return
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        response.country = response.country or str(profile.country or "")
        if not response.language:
            first = (
                ProfileLanguage.objects.filter(profile=profile)
                .order_by("-proficiency", "tag")
                .first()
            )
            response.language = first.tag if first else ""
    if response.organisation_id is None:
        membership = Membership.objects.filter(user=user).order_by("organisation__name").first()
        response.organisation_id = membership.organisation_id if membership else None


def response_save_section(
    *, survey: Survey, respondent: selectors.Respondent, section_index: int, data
) -> SaveResult:
    """Check and save the answers of one page; the last page submits the response.

    A page may be saved again (going back to correct it) until the response is submitted;
    pages cannot be skipped. After submission, or once the survey is closed, nothing is
    accepted — a replayed or duplicated request changes nothing.
    """
    reason = selectors.why_not_answer(survey, respondent.user, respondent.token)
    if reason:
        raise NotAllowed(reason)
    sections = selectors.sections_of(survey)
    if not 0 <= section_index < len(sections):
        raise NotAllowed(_("This page of the survey does not exist."))
    questions = selectors.questions_of(sections[section_index])
    form = SectionAnswerForm(data, questions=questions, texts=survey_texts(survey))
    if not form.is_valid():
        raise AnswersInvalid(form)
    values = form.values()
    with transaction.atomic():
        # Checked again inside the transaction: an organiser may have closed it meanwhile.
        now = timezone.now()
        if not Survey.objects.filter(
            pk=survey.pk, published=True, opens_at__lte=now, closes_at__gt=now
        ).exists():
            raise NotAllowed(_("This survey is closed: it no longer accepts answers."))
        response = _locked_response(survey, respondent)
        if response.submitted:
            raise AlreadySubmitted(_("You have already answered this survey. Thank you!"))
        if section_index > response.next_section:
            raise NotAllowed(_("Please answer the earlier pages first."))
        Answer.objects.filter(response=response, question__in=questions).delete()
        rows = [row for q in questions for row in _answer_rows(response, q, values[q.pk])]
        Answer.objects.bulk_create(rows)
        response.next_section = max(response.next_section, section_index + 1)
        submitted = response.next_section >= len(sections)
        if submitted:
            _submit(response, survey, respondent)
        response.save()
    return SaveResult(response, submitted, response.next_section)


def _submit(response: Response, survey: Survey, respondent: selectors.Respondent) -> None:
    if respondent.token is not None:
        used = InvitationToken.objects.filter(
            Q(used=False), survey=survey, token_hash=keys.token_hash(respondent.token)
        ).update(used=True)
        if used != 1:
            raise NotAllowed(_("This invitation link is not valid or has already been used."))
    response.submitted = True
    response.submitted_on = timezone.now().date()
    _breakdowns(response, survey, respondent.user)
