"""Reads of results: per-question counts, breakdowns, free-text answers, the raw CSV rows.

Which responses count: submitted ones, minus those of suspended (inactive) members. In
identified surveys that is a filter on the account; in anonymous ones the server recomputes
the respondent keys of inactive accounts (see keys.py) and leaves those responses out,
without learning or showing which response was whose.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _
from django_countries import countries

from kuza.accounts.selectors import is_signed_in
from kuza.audience.selectors import among_people
from kuza.people.models import Organisation
from kuza.people.selectors import people_visible_to
from kuza.people.visibility import suspended_user_ids
from kuza.skills.models import Skill
from kuza.skills.selectors import localise_skills
from kuza.surveys import keys, selectors
from kuza.surveys.charts import bars_svg
from kuza.surveys.models import Answer, Question, Response, Survey
from kuza.surveys.presentation import SurveyTexts, survey_texts, survey_title
from kuza.surveys.tally import (
    SMALL_COUNT,
    Group,
    Row,
    Shown,
    Summary,
    groups_of,
    rows_of,
    shown,
    summary_of,
)
from kuza.translation.languages import language_name

BREAKDOWNS = ("country", "language", "organisation")
MAX_TEXTS_SHOWN = 100


def included_responses(survey: Survey) -> QuerySet[Response]:
    """Submitted responses that count: not those of suspended or deleted members."""
    responses = Response.objects.filter(survey=survey, submitted=True)
    if not survey.anonymous:
        return among_people(responses, None, "user")
    # Respondent keys are computed per person: the ids must be known here.
    inactive = suspended_user_ids().values_list("pk", flat=True)
    excluded = [keys.user_key(survey.pk, pk) for pk in inactive.iterator()]
    return responses.exclude(respondent_key__in=excluded) if excluded else responses


def may_see_results(user, survey: Survey) -> bool:
    """Organisers; once closed and shared, the survey's audience (not the whole web: a
    members' survey shows its charts to members, an organisation's to its members)."""
    if selectors.is_organiser(user, survey):
        return True
    if not (survey.results_public and survey.is_closed() and survey.published):
        return False
    if survey.audience == Survey.Audience.LINK:
        return True
    if survey.audience == Survey.Audience.ORGANISATION:
        return selectors.is_member_of(user, survey.organisation_id)
    return is_signed_in(user)


def held_until_closed(survey: Survey) -> bool:
    """An open anonymous survey shows only its number of responses, to anyone.

    Figures that change with each response would tell an organiser who watches them (or
    downloads the CSV twice) what someone answered, when they know that person just did.
    """
    return survey.anonymous and not survey.is_closed()


@dataclass
class TextAnswer:
    text: str
    author: str | None  # only in identified surveys, and never across a block


@dataclass
class QuestionResult:
    question: Question
    text: str
    answered: Shown
    rows: tuple[Row, ...] = ()
    offer_rows: tuple[Row, ...] = ()  # skills questions: rows are needs, these are offers
    summary: Summary | None = None
    svg: str = ""
    offer_svg: str = ""
    texts: list[TextAnswer] = field(default_factory=list)
    groups: tuple[Group, ...] = ()


@dataclass
class SurveyResults:
    survey: Survey
    title: str
    responses: Shown
    questions: list[QuestionResult]
    breakdown: str | None
    may_read_texts: bool
    held: bool = False  # an open anonymous survey: only the number of responses is shown


def _group_labels(dimension: str, keys_seen) -> dict[str, str]:
    if dimension == "country":
        return {code: str(countries.name(code)) or code for code in keys_seen if code}
    if dimension == "language":
        return {code: language_name(code) for code in keys_seen if code}
    ids = [int(key) for key in keys_seen if key]
    return {
        str(pk): name
        for pk, name in Organisation.objects.filter(pk__in=ids).values_list("pk", "name")
    }


def _key(question: Question, row: dict) -> str:
    kind = question.kind
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return str(row["option_id"])
    if kind in (Question.Kind.SCALE, Question.Kind.NUMBER):
        return str(row["number"])
    if kind in (Question.Kind.COUNTRY, Question.Kind.LANGUAGE):
        return row["code"]
    if kind == Question.Kind.ORGANISATION:
        return str(row["organisation_id"])
    if kind == Question.Kind.SKILLS:
        return f"{row['skill_id']}:{'need' if row['skill_need'] else 'offer'}"
    return ""


def _by_count(counts: dict[str, int], labels: dict[str, str]) -> list[tuple[str, str]]:
    """Keys ordered by shown count then label: raw counts under 3 must not order the rows."""

    def order(key: str):
        return (-(shown(counts[key]).value or 0), labels.get(key, key).casefold())

    return [(key, labels.get(key, key)) for key in sorted(counts, key=order) if key in labels]


def _labels(question: Question, texts: SurveyTexts, counts: dict[str, int]):
    """The (key, label) rows of a question, in display order."""
    kind = question.kind
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return [(str(option.pk), texts.option(option)) for option in question.options.all()]
    if kind == Question.Kind.SCALE:
        low, high = texts.low(question), texts.high(question)
        return [
            (str(value), f"{value} – {low}" if value == 1 and low else
             f"{value} – {high}" if value == 5 and high else str(value))
            for value in range(1, 6)
        ]  # fmt: skip
    if kind == Question.Kind.COUNTRY:
        return _by_count(counts, {code: str(countries.name(code)) or code for code in counts})
    if kind == Question.Kind.LANGUAGE:
        return _by_count(counts, {code: language_name(code) for code in counts})
    if kind == Question.Kind.ORGANISATION:
        return _by_count(counts, _group_labels("organisation", counts))
    return []


def _skill_labels(question: Question, counts: dict[str, int], suffix: str):
    skills = localise_skills(question.skills.all())
    labels = {f"{skill.pk}:{suffix}": skill.label for skill in skills}
    ordered = _by_count({key: counts.get(key, 0) for key in labels}, labels)
    return ordered


def _texts(survey: Survey, question: Question, included, viewer) -> list[TextAnswer]:
    answers = (
        Answer.objects.filter(question=question, response__in=included)
        .exclude(text="")
        .order_by("response__respondent_key")  # a stable order that is not the order of arrival
        .values_list("text", "response__user_id")[:MAX_TEXTS_SHOWN]
    )
    rows = list(answers)
    names: dict[int, str] = {}
    if not survey.anonymous:
        # Named only to whoever may see the person (tiers, blocks, suspension).
        ids = {user_id for _text, user_id in rows if user_id}
        shown = people_visible_to(viewer).filter(user_id__in=ids)
        names = dict(shown.values_list("user_id", "display_name"))
    return [TextAnswer(text, names.get(user_id)) for text, user_id in rows]


def survey_results(*, viewer, survey: Survey, breakdown: str | None = None) -> SurveyResults:
    """What `viewer` may see of the results; raises NotAllowed for anyone else."""
    from kuza.surveys.services import NotAllowed

    if not may_see_results(viewer, survey):
        raise NotAllowed(_("Only the survey's organisers may see its results."))
    if breakdown not in BREAKDOWNS:
        breakdown = None
    organiser = selectors.is_organiser(viewer, survey)
    included = included_responses(survey)
    total = included.count()
    if held_until_closed(survey):
        return SurveyResults(
            survey=survey,
            title=survey_title(survey),
            responses=shown(total),
            questions=[],
            breakdown=None,
            may_read_texts=False,
            held=True,
        )
    # The questions and their options are read once, for the texts and for the tally.
    questions = selectors.survey_questions(survey)
    texts = survey_texts(survey, questions=questions)
    prefetch_related_objects(questions, "skills")
    by_id = {question.pk: question for question in questions}
    columns = [
        "question_id",
        "option_id",
        "number",
        "code",
        "organisation_id",
        "skill_id",
        "skill_need",
    ]
    group_column = (
        f"response__{breakdown}" if breakdown != "organisation" else "response__organisation_id"
    )
    answers = Answer.objects.filter(response__in=included)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    grouped: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in answers.values(*columns).annotate(n=Count("response_id", distinct=True)):
        question = by_id[row["question_id"]]
        key = _key(question, row)
        counts[question.pk][key] = counts[question.pk].get(key, 0) + row["n"]
    if breakdown:
        for row in answers.values(*columns, group_column).annotate(
            n=Count("response_id", distinct=True)
        ):
            question = by_id[row["question_id"]]
            group = str(row[group_column] or "")
            cell = grouped[question.pk][group]
            key = _key(question, row)
            cell[key] = cell.get(key, 0) + row["n"]
    answered = dict(
        answers.values_list("question_id").annotate(n=Count("response_id", distinct=True))
    )
    group_sizes: dict[str, int] = {}
    group_labels: dict[str, str] = {}
    if breakdown:
        field_name = "organisation_id" if breakdown == "organisation" else breakdown
        for key, size in included.values_list(field_name).annotate(n=Count("pk")):
            group_sizes[str(key or "")] = size
        group_labels = _group_labels(breakdown, group_sizes)
        group_labels[""] = _("Not given")
    fewer = _("fewer than 3")
    results = []
    for question in questions:
        question_counts = counts.get(question.pk, {})
        result = QuestionResult(
            question=question,
            text=texts.question(question),
            answered=shown(answered.get(question.pk, 0)),
        )
        kind = question.kind
        if kind == Question.Kind.NUMBER:
            values = [int(k) for k, n in question_counts.items() for _i in range(n)]
            result.summary = summary_of(values)
        elif kind == Question.Kind.TEXT:
            if organiser:
                result.texts = _texts(survey, question, included, viewer)
        elif kind == Question.Kind.SKILLS:
            need = _skill_labels(question, question_counts, "need")
            offer = _skill_labels(question, question_counts, "offer")
            result.rows = rows_of(question_counts, need)
            result.offer_rows = rows_of(question_counts, offer)
            result.svg = bars_svg(result.rows, title=_("Need to learn"), fewer_than=fewer)
            result.offer_svg = bars_svg(result.offer_rows, title=_("Can offer"), fewer_than=fewer)
            if breakdown:
                result.groups = groups_of(grouped[question.pk], group_sizes, group_labels, need)
        else:
            labels = _labels(question, texts, question_counts)
            result.rows = rows_of(question_counts, labels)
            result.svg = bars_svg(result.rows, title=result.text, fewer_than=fewer)
            if kind == Question.Kind.SCALE:
                values = [int(k) for k, n in question_counts.items() for _i in range(n)]
                result.summary = summary_of(values)
            if breakdown and kind in (
                Question.Kind.SINGLE,
                Question.Kind.MULTIPLE,
                Question.Kind.SCALE,
            ):
                result.groups = groups_of(grouped[question.pk], group_sizes, group_labels, labels)
        results.append(result)
    return SurveyResults(
        survey=survey,
        title=texts.title,
        responses=shown(total),
        questions=results,
        breakdown=breakdown,
        may_read_texts=organiser,
    )


def _value_of(answer: Answer) -> tuple:
    return (answer.question_id, answer.code, answer.organisation_id)


def _rare_values(answers: list[Answer]) -> set[tuple]:
    """The (question, value) pairs that fewer than SMALL_COUNT responses gave."""
    seen: dict[tuple, set[int]] = defaultdict(set)
    for answer in answers:
        seen[_value_of(answer)].add(answer.response_id)
    return {value for value, responses in seen.items() if len(responses) < SMALL_COUNT}


def csv_rows(*, viewer, survey: Survey) -> list[list]:
    """The raw responses without anyone's identity: one row per response, one column per
    question (two for a skills question), in an order that is not the order of arrival.

    Only for organisers, and for an anonymous survey only once it is closed (see
    `held_until_closed`). Texts are in the survey's own language. A country, language or
    organisation given by fewer than 3 responses is written as "fewer than 3": with it, a
    row could be traced to the one person who, say, organises in a given country. Numbers
    are written as numbers.
    """
    from kuza.surveys.services import NotAllowed

    if not selectors.is_organiser(viewer, survey):
        raise NotAllowed(_("Only the survey's organisers may download its responses."))
    if held_until_closed(survey):
        raise NotAllowed(
            _("The results of an anonymous survey are shown once it closes, so that no one "
              "can tell an answer by when it arrived.")
        )  # fmt: skip
    questions = selectors.survey_questions(survey)
    header = [_("response")]
    for question in questions:
        if question.kind == Question.Kind.SKILLS:
            header += [
                _("%(question)s: need") % {"question": question.text},
                _("%(question)s: can offer") % {"question": question.text},
            ]
        else:
            header.append(question.text)
    options = {option.pk: option.label for q in questions for option in q.options.all()}
    organisations = dict(Organisation.objects.values_list("pk", "name"))
    skills = dict(Skill.objects.values_list("pk", "name"))
    included = included_responses(survey).order_by("respondent_key")
    values: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for answer in Answer.objects.filter(response__in=included).order_by("pk"):
        values[answer.response_id][answer.question_id].append(answer)
    identifying = (Question.Kind.COUNTRY, Question.Kind.LANGUAGE, Question.Kind.ORGANISATION)
    kinds = {question.pk: question.kind for question in questions}
    rare = _rare_values(
        [a for by_question in values.values() for given in by_question.values() for a in given
         if kinds.get(a.question_id) in identifying]
    )  # fmt: skip
    fewer = _("fewer than 3")
    rows: list[list] = [header]
    for number, response_id in enumerate(included.values_list("pk", flat=True), start=1):
        row = [str(number)]
        answers = values.get(response_id, {})
        for question in questions:
            given = answers.get(question.pk, [])
            kind = question.kind
            if kind == Question.Kind.SKILLS:
                row.append("; ".join(skills.get(a.skill_id, "") for a in given if a.skill_need))
                row.append(
                    "; ".join(skills.get(a.skill_id, "") for a in given if a.skill_need is False)
                )
            elif kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
                row.append("; ".join(options.get(a.option_id, "") for a in given))
            elif kind in (Question.Kind.SCALE, Question.Kind.NUMBER):
                row.append(given[0].number if given else "")
            elif kind in identifying and given and _value_of(given[0]) in rare:
                row.append(fewer)
            elif kind in (Question.Kind.COUNTRY, Question.Kind.LANGUAGE):
                row.append("; ".join(a.code for a in given))
            elif kind == Question.Kind.ORGANISATION:
                row.append("; ".join(organisations.get(a.organisation_id, "") for a in given))
            else:
                row.append("; ".join(a.text for a in given))
        rows.append(row)
    return rows
