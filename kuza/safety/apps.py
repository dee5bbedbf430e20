from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# A backstop: each request already lifts suspensions that have ended (see middleware.py).
LIFT_EXPIRED_EVERY = timedelta(minutes=10)


class SafetyConfig(AppConfig):
    name = "kuza.safety"
    label = "safety"
    verbose_name = _("Safety")

    def ready(self) -> None:
        from kuza.core import navigation, schedule
        from kuza.core.navigation import NavItem, register
        from kuza.safety import (
            integrations,  # noqa: F401 (registers this app's home items on import)
            permissions,
            reportables,
        )
        from kuza.safety.tasks import lift_expired_suspensions

        reportables.register_people()
        register(
            NavItem(
                url_name="safety:home",
                label=_("Safety"),
                order=90,
                members_only=True,
                group=navigation.MORE,
            )
        )
        # Staff, platform moderators and organisation moderators: whoever has a queue.
        register(
            NavItem(
                url_name="safety:queue",
                label=_("Moderation"),
                order=91,
                members_only=True,
                visible=permissions.is_moderator,
                group=navigation.MORE,
            )
        )
        schedule.register(
            "safety.lift-expired-suspensions",
            every=LIFT_EXPIRED_EVERY,
            task=lift_expired_suspensions,
        )
