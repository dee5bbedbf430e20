"""What the learning app contributes to the site's shared mechanisms (see kuza/core/home.py)."""

from django.utils.translation import gettext_lazy as _

from kuza.core import home
from kuza.learning import selectors

home.register(home.NEXT, "learning.sessions", selectors.home_upcoming_sessions)
home.register(home.NEXT, "learning.in-progress", selectors.home_courses_in_progress)
home.register_capability(
    home.Capability(
        url_name="learning:catalogue",
        title=_("Courses"),
        summary=_("Learn at your own pace or in a cohort, in your language, even offline."),
        order=30,
    )
)
