"""What surveys contribute to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuza.audience.declarations import Audience, nobody
from kuza.audience.declarations import register as register_audience
from kuza.core import home, navigation
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.people.capacity import NeedSource, register_need_source
from kuza.safety import reportables
from kuza.surveys import capacity, selectors
from kuza.surveys.models import Survey
from kuza.surveys.presentation import survey_named_texts
from kuza.translation import registry

register_navigation(
    NavItem(
        url_name="surveys:list",
        label=_("Surveys"),
        order=56,
        members_only=True,
        group=navigation.GATHER,
    )
)


# Published surveys moderators did not hide, of organisers neither suspended nor in a block
# with the viewer; organisers always see theirs.
register_audience(
    Audience(
        model=Survey,
        published=Q(published=True),
        managers=("created_by", "organisers"),
        authors=("created_by", "organisers"),
        people=("created_by", "organisers"),
        sees_all=nobody,
    )
)

# The title and description are fields; every other text a respondent reads is one named
# field keyed by row ids (see presentation.py).
registry.register(
    Survey,
    fields={"title": registry.PLAIN, "description": registry.MARKDOWN},
    named={"texts": survey_named_texts},
    source_language=lambda survey: survey.language,
    title=lambda survey: survey.title,
)

# Skill needs from closed surveys on the capacity map (see capacity.py).
register_need_source(
    NeedSource(
        key=capacity.SOURCE_KEY,
        label=_("Needs assessment surveys"),
        counts=lambda viewer, map_filter: {},
        expand=capacity.survey_sources,
    )
)

reportables.register(
    reportables.Reportable(
        kind="survey",
        model=Survey,
        label=_("a survey"),
        describe=lambda survey: survey.title,
        person_of=lambda survey: survey.created_by,
        url_of=lambda survey: survey.get_absolute_url(),
    )
)

# The personal home (kuza/core/home.py): what waits, what is next, what is offered.
home.register(home.WAITING, "surveys.to-answer", selectors.home_surveys_to_answer)
home.register_capability(
    home.Capability(
        url_name="surveys:list",
        title=_("Surveys"),
        summary=_("Needs assessments: tell organisers what your community needs."),
        order=44,
        members_only=True,
    )
)
