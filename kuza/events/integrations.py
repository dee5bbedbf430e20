"""What the events app contributes to the site's shared mechanisms (see kuza/core/home.py)."""

from django.utils.translation import gettext_lazy as _

from kuza.core import home
from kuza.events import selectors

home.register(home.NEXT, "events.registrations", selectors.home_registrations)
home.register_capability(
    home.Capability(
        url_name="events:list",
        title=_("Events"),
        summary=_(
            "Meet-ups, trainings and online sessions: register and add them to your calendar."
        ),
        order=42,
    )
)
