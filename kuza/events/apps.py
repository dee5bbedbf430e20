from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "kuza.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from kuza.core import navigation
        from kuza.core.navigation import NavItem, register
        from kuza.events import (
            integrations,  # noqa: F401 (registers this app's home items on import)
            registrations,
            selectors,
        )
        from kuza.events.models import Event
        from kuza.safety import reportables

        registrations.register_translatable_content()
        register(
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
                # An unpublished or hidden event is its organisers' alone: the report page
                # must not name it by id to anyone else.
                reportable_by=lambda event, user: (
                    selectors.events_visible_to(user).filter(pk=event.pk).exists()
                ),
            )
        )
