"""What events contribute to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuza.audience.declarations import Audience
from kuza.audience.declarations import register as register_audience
from kuza.core import home, navigation
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.events import selectors
from kuza.events.models import Event
from kuza.safety import reportables
from kuza.translation import registry

# Published events, not hidden by moderators, of organisers neither suspended nor in a block
# with the viewer; organisers always see their own.
register_audience(
    Audience(
        model=Event,
        published=Q(published=True),
        managers=("organisers",),
        authors=("created_by", "organisers"),
        people=("created_by", "organisers"),
    )
)

# Readers see an event's texts in their language.
registry.register(
    Event,
    fields={"title": registry.PLAIN, "description": registry.MARKDOWN},
    source_language=lambda event: event.language,
    title=lambda event: event.title,
)

register_navigation(
    NavItem(url_name="events:list", label=_("Events"), order=50, group=navigation.GATHER)
)

reportables.register(
    reportables.Reportable(
        kind="event",
        model=Event,
        label=_("an event"),
        describe=lambda event: event.title,
        person_of=lambda event: event.created_by,
        url_of=lambda event: event.get_absolute_url(),
    )
)

# The personal home (kuza/core/home.py): what waits, what is next, what is offered.
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
