"""Organisers build a survey: its settings, sections, questions and options, in order.

Questions can be changed only while the survey is a draft: answers already given would no
longer match a changed question. Dates can change at any time (e.g. to close early).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.people.models import Organisation
from kuza.people.services import map_changed
from kuza.skills.models import Skill
from kuza.surveys import selectors
from kuza.surveys.models import Option, Question, Section, Survey
from kuza.surveys.services import NotAllowed, SurveyError
from kuza.translation.services import translation_sync_source

MAX_OPTIONS = 30
MAX_SKILLS = 40


@dataclass(frozen=True)
class SurveyFields:
    title: str
    description: str = ""
    language: str = "en"
    audience: str = Survey.Audience.MEMBERS
    organisation: Organisation | None = None
    anonymous: bool = True
    opens_at: datetime.datetime | None = None
    closes_at: datetime.datetime | None = None
    feeds_capacity_map: bool = True
    results_public: bool = False


@dataclass(frozen=True)
class QuestionFields:
    kind: str
    text: str
    help_text: str = ""
    required: bool = False
    scale_low_label: str = ""
    scale_high_label: str = ""
    min_value: int | None = None
    max_value: int | None = None
    options: list[str] = field(default_factory=list)
    skill_ids: list[int] = field(default_factory=list)


def _require_organiser(user, survey: Survey) -> None:
    if not selectors.is_organiser(user, survey):
        raise NotAllowed(_("Only the survey's organisers may change it."))


def _require_draft(survey: Survey) -> None:
    if survey.published:
        raise SurveyError(
            _("The survey is published: its questions can no longer change. Copy it instead.")
        )


def _check_fields(user, fields: SurveyFields) -> None:
    if fields.audience == Survey.Audience.ORGANISATION:
        if fields.organisation is None:
            raise SurveyError(_("Choose the organisation whose members may answer."))
        if (
            not user.is_staff
            and not selectors.organisations_administered_by(user)
            .filter(pk=fields.organisation.pk)
            .exists()
        ):
            raise NotAllowed(
                _("Only organisers of %(organisation)s may survey its members.")
                % {"organisation": fields.organisation.name}
            )
    if fields.opens_at and fields.closes_at and fields.closes_at <= fields.opens_at:
        raise SurveyError(_("The survey must close after it opens."))


def _sync(survey: Survey) -> None:
    """Register the current texts with the translation app (after structure changes)."""
    translation_sync_source(obj=survey)


@transaction.atomic
def survey_create(*, creator, fields: SurveyFields) -> Survey:
    if not selectors.can_create_surveys(creator):
        raise NotAllowed(_("Only organisers of an organisation may create surveys."))
    _check_fields(creator, fields)
    opens_at = fields.opens_at or timezone.now()
    survey = Survey.objects.create(
        title=fields.title,
        description=fields.description,
        language=fields.language,
        audience=fields.audience,
        organisation=fields.organisation
        if fields.audience == Survey.Audience.ORGANISATION
        else None,
        anonymous=fields.anonymous,
        opens_at=opens_at,
        closes_at=fields.closes_at or opens_at + datetime.timedelta(days=30),
        feeds_capacity_map=fields.feeds_capacity_map,
        results_public=fields.results_public,
        created_by=creator,
    )
    survey.organisers.add(creator)
    return survey


@transaction.atomic
def survey_update(*, user, survey: Survey, fields: SurveyFields) -> Survey:
    _require_organiser(user, survey)
    _check_fields(user, fields)
    organisation = fields.organisation if fields.audience == Survey.Audience.ORGANISATION else None
    if survey.published and (
        fields.anonymous != survey.anonymous
        or fields.audience != survey.audience
        or getattr(organisation, "pk", None) != survey.organisation_id
    ):
        # Respondents were told who may answer and whether their name is kept.
        raise SurveyError(
            _("Who may answer, and whether answers are anonymous, are fixed once published.")
        )
    survey.title = fields.title
    survey.description = fields.description
    survey.language = fields.language
    survey.audience = fields.audience
    was_on_map = survey.feeds_capacity_map and survey.is_closed()
    survey.organisation = organisation
    survey.anonymous = fields.anonymous
    survey.opens_at = fields.opens_at or survey.opens_at
    survey.closes_at = fields.closes_at or survey.closes_at
    survey.feeds_capacity_map = fields.feeds_capacity_map
    survey.results_public = fields.results_public
    survey.save()
    if was_on_map != (survey.feeds_capacity_map and survey.is_closed()):
        map_changed()  # closed or reopened, put on or taken off the map: drop cached maps
    return survey


@transaction.atomic
def survey_publish(*, user, survey: Survey) -> Survey:
    _require_organiser(user, survey)
    if not Question.objects.filter(survey=survey).exists():
        raise SurveyError(_("Add at least one question before publishing."))
    empty = Question.objects.filter(
        survey=survey, kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE], options=None
    ).first()
    if empty is not None:
        raise SurveyError(_("“%(question)s” has no options yet.") % {"question": empty.text})
    no_skills = Question.objects.filter(
        survey=survey, kind=Question.Kind.SKILLS, skills=None
    ).first()
    if no_skills is not None:
        raise SurveyError(_("“%(question)s” lists no skills yet.") % {"question": no_skills.text})
    survey.published = True
    survey.save(update_fields=["published"])
    return survey


@transaction.atomic
def survey_close_now(*, user, survey: Survey) -> Survey:
    _require_organiser(user, survey)
    now = timezone.now()
    if survey.closes_at > now:
        survey.closes_at = max(now, survey.opens_at + datetime.timedelta(seconds=1))
        survey.save(update_fields=["closes_at"])
        if survey.feeds_capacity_map:
            map_changed()  # its needs now count on the map: drop cached maps
    return survey


@transaction.atomic
def survey_organiser_add(*, user, survey: Survey, person) -> None:
    _require_organiser(user, survey)
    if not person.is_active:
        raise SurveyError(_("This account is suspended."))
    survey.organisers.add(person)


# --- Sections ----------------------------------------------------------------------------------


def _next_position(queryset) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def section_add(*, user, survey: Survey, title: str) -> Section:
    _require_organiser(user, survey)
    _require_draft(survey)
    section = Section.objects.create(
        survey=survey, title=title, position=_next_position(survey.sections.all())
    )
    _sync(survey)
    return section


@transaction.atomic
def section_update(*, user, section: Section, title: str) -> Section:
    _require_organiser(user, section.survey)
    _require_draft(section.survey)
    section.title = title
    section.save(update_fields=["title"])
    _sync(section.survey)
    return section


@transaction.atomic
def section_delete(*, user, section: Section) -> None:
    _require_organiser(user, section.survey)
    _require_draft(section.survey)
    section.delete()
    _sync(section.survey)


def _swap(items: list, item, direction: int) -> None:
    """Move `item` one place up (-1) or down (+1) among `items` and renumber them all."""
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    target = index + direction
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for position, each in enumerate(items, start=1):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])


@transaction.atomic
def section_move(*, user, section: Section, direction: int) -> None:
    _require_organiser(user, section.survey)
    _require_draft(section.survey)
    sections = list(Section.objects.select_for_update().filter(survey=section.survey_id))
    sections.sort(key=lambda each: (each.position, each.pk))
    _swap(sections, section, direction)


# --- Questions ---------------------------------------------------------------------------------


def _check_question(fields: QuestionFields) -> None:
    if fields.kind not in Question.Kind.values:
        raise SurveyError(_("Choose a kind of question."))
    has_options = fields.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
    if has_options and len(fields.options) > MAX_OPTIONS:
        raise SurveyError(
            _("A question can have at most %(count)d options.") % {"count": MAX_OPTIONS}
        )
    if fields.kind == Question.Kind.SKILLS and len(fields.skill_ids) > MAX_SKILLS:
        raise SurveyError(
            _("A question can list at most %(count)d skills.") % {"count": MAX_SKILLS}
        )
    if (
        fields.min_value is not None
        and fields.max_value is not None
        and fields.min_value > fields.max_value
    ):
        raise SurveyError(_("The smallest number must not be larger than the largest."))


def _set_options(question: Question, labels: list[str]) -> None:
    """Relabel existing options in place (their translations keep their keys), add or drop."""
    existing = list(question.options.order_by("position", "pk"))
    for position, label in enumerate(labels, start=1):
        if position <= len(existing):
            option = existing[position - 1]
            if (option.label, option.position) != (label, position):
                option.label, option.position = label, position
                option.save(update_fields=["label", "position"])
        else:
            Option.objects.create(question=question, label=label, position=position)
    for option in existing[len(labels) :]:
        option.delete()


def _apply(question: Question, fields: QuestionFields) -> None:
    question.kind = fields.kind
    question.text = fields.text
    question.help_text = fields.help_text
    question.required = fields.required
    is_scale = fields.kind == Question.Kind.SCALE
    question.scale_low_label = fields.scale_low_label if is_scale else ""
    question.scale_high_label = fields.scale_high_label if is_scale else ""
    is_number = fields.kind == Question.Kind.NUMBER
    question.min_value = fields.min_value if is_number else None
    question.max_value = fields.max_value if is_number else None
    question.save()
    has_options = fields.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
    _set_options(question, fields.options if has_options else [])
    skill_ids = fields.skill_ids if fields.kind == Question.Kind.SKILLS else []
    question.skills.set(Skill.objects.filter(pk__in=skill_ids))


@transaction.atomic
def question_add(*, user, section: Section, fields: QuestionFields) -> Question:
    survey = section.survey
    _require_organiser(user, survey)
    _require_draft(survey)
    _check_question(fields)
    question = Question(
        survey=survey, section=section, position=_next_position(section.questions.all())
    )
    _apply(question, fields)
    _sync(survey)
    return question


@transaction.atomic
def question_update(*, user, question: Question, fields: QuestionFields) -> Question:
    _require_organiser(user, question.survey)
    _require_draft(question.survey)
    _check_question(fields)
    _apply(question, fields)
    _sync(question.survey)
    return question


@transaction.atomic
def question_delete(*, user, question: Question) -> None:
    _require_organiser(user, question.survey)
    _require_draft(question.survey)
    question.delete()
    _sync(question.survey)


@transaction.atomic
def question_move(*, user, question: Question, direction: int) -> None:
    _require_organiser(user, question.survey)
    _require_draft(question.survey)
    questions = list(Question.objects.select_for_update().filter(section=question.section_id))
    questions.sort(key=lambda each: (each.position, each.pk))
    _swap(questions, question, direction)
