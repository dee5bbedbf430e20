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
        from django.db.models.signals import post_delete, post_save

        from kuza.core import schedule
        from kuza.core.navigation import NavItem, register
        from kuza.safety import permissions, reportables
        from kuza.safety.models import ModeratorRole, Suspension
        from kuza.safety.moderation import forget_next_suspension_end
        from kuza.safety.tasks import lift_expired_suspensions

        # The middleware's cached "next suspension end" must follow every change.
        post_save.connect(forget_next_suspension_end, sender=Suspension)
        post_delete.connect(forget_next_suspension_end, sender=Suspension)
        # The navigation's cached "is a moderator" must follow role changes.
        post_save.connect(permissions.forget_moderator, sender=ModeratorRole)
        post_delete.connect(permissions.forget_moderator, sender=ModeratorRole)

        reportables.register_people()
        register(NavItem(url_name="safety:home", label=_("Safety"), order=90, members_only=True))
        # Staff, platform moderators and organisation moderators: whoever has a queue.
        register(
            NavItem(
                url_name="safety:queue",
                label=_("Moderation"),
                order=91,
                members_only=True,
                visible=permissions.is_moderator,
            )
        )
        schedule.register(
            "safety.lift-expired-suspensions",
            every=LIFT_EXPIRED_EVERY,
            task=lift_expired_suspensions,
        )
