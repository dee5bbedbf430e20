"""What the surveys app contributes to the site's shared mechanisms (see kuza/core/home.py)."""

from django.utils.translation import gettext_lazy as _

from kuza.core import home
from kuza.surveys import selectors

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
