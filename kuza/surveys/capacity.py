"""Skill needs from closed surveys, on the capacity map's "needs" side: one column per survey.

For each closed, published survey that asks a skills question (and whose organisers left
"show skill needs on the capacity map" on), the map gets a source labelled with the survey's
title: per country, how many responses named at least one needed skill (within the map's
skill filter). Only counts leave this module; the map hides any count below 3.

Left out, as on the rest of the map: responses of suspended members and of members who left
the map, and of anyone blocked either way with the viewer. In identified surveys this is a
filter on the account; in anonymous ones the server recomputes those members' respondent
keys (kuza.surveys.keys) and drops the matching responses, learning nothing it shows.
Open surveys never count: their numbers still change, and would tell who answered lately.
"""

from __future__ import annotations

from functools import partial

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.audience.selectors import among_people
from kuza.people.capacity import MapFilter, NeedSource
from kuza.safety.selectors import blocked_user_ids, users_hidden_from_map
from kuza.surveys import keys
from kuza.surveys.models import Answer, Question, Response, Survey
from kuza.translation.selectors import translated_field

# The newest closed surveys only: each is a column of the map's table.
MAX_SURVEYS_ON_MAP = 5
SOURCE_KEY = "surveys"


def closed_surveys_on_map() -> list[Survey]:
    now = timezone.now()
    with_skills = Question.objects.filter(survey_id=OuterRef("pk"), kind=Question.Kind.SKILLS)
    return list(
        Survey.objects.filter(published=True, feeds_capacity_map=True, closes_at__lte=now)
        .filter(Exists(with_skills))
        .order_by("-closes_at", "-pk")[:MAX_SURVEYS_ON_MAP]
    )


def survey_need_counts(survey: Survey, viewer, map_filter: MapFilter) -> dict[str, int]:
    """{country code: responses naming at least one needed skill}, as `viewer` may count."""
    if not survey.is_closed():
        return {}
    needs = Answer.objects.filter(response_id=OuterRef("pk"), skill_need=True)
    if map_filter.skill_ids is not None:
        needs = needs.filter(skill_id__in=sorted(map_filter.skill_ids))
    responses = Response.objects.filter(survey=survey, submitted=True).exclude(country="")
    responses = responses.filter(Exists(needs))
    if map_filter.language:
        tag = map_filter.language.lower()
        responses = responses.filter(Q(language__iexact=tag) | Q(language__istartswith=f"{tag}-"))
    if survey.anonymous:
        # Respondent keys are computed per person: the ids must be known here.
        left_out = set(users_hidden_from_map().values_list("pk", flat=True))
        left_out |= blocked_user_ids(viewer)
        if left_out:
            responses = responses.exclude(
                respondent_key__in=[keys.user_key(survey.pk, pk) for pk in left_out]
            )
    else:
        responses = among_people(responses, viewer, "user").exclude(
            user_id__in=users_hidden_from_map()
        )
    rows = responses.values("country").annotate(n=Count("pk"))
    return {row["country"]: row["n"] for row in rows}


def survey_sources() -> list[NeedSource]:
    return [
        NeedSource(
            key=f"survey-{survey.pk}",
            label=_("Survey: %(title)s") % {"title": translated_field(survey, "title").text},
            counts=partial(survey_need_counts, survey),
        )
        for survey in closed_surveys_on_map()
    ]
