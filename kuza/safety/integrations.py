"""What safety contributes to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from kuza.core import home, navigation, schedule
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.core.viewers import register_fact
from kuza.safety import permissions, reportables, selectors
from kuza.safety.models import ModeratorRole, Suspension
from kuza.safety.moderation import forget_next_suspension_end
from kuza.safety.tasks import lift_expired_suspensions

# A backstop: each request already lifts suspensions that have ended (see middleware.py).
LIFT_EXPIRED_EVERY = timedelta(minutes=10)

# People themselves can be reported by whoever may see them (or has written to them).
reportables.register(
    reportables.Reportable(
        kind="person",
        model=get_user_model(),
        label=_("a person"),
        describe=reportables.describe_person,
        person_of=lambda user: user,
        hideable=False,
        reportable_by=reportables.person_reportable_by,
    )
)

register_navigation(
    NavItem(
        url_name="safety:home",
        label=_("Safety"),
        order=90,
        members_only=True,
        group=navigation.MORE,
    )
)
# Staff, platform moderators and organisation moderators: whoever has a queue.
register_navigation(
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
    "safety.lift-expired-suspensions", every=LIFT_EXPIRED_EVERY, task=lift_expired_suspensions
)

# The personal home (kuza/core/home.py): what waits, what is next, what is offered.
home.register(home.WAITING, "safety.new-reports", selectors.home_new_reports)
# The middleware's cached "next suspension end" must follow every change.
post_save.connect(forget_next_suspension_end, sender=Suspension)
post_delete.connect(forget_next_suspension_end, sender=Suspension)
# The navigation's cached "is a moderator" must follow role changes.
post_save.connect(permissions.forget_moderator, sender=ModeratorRole)
post_delete.connect(permissions.forget_moderator, sender=ModeratorRole)

# What every page's layout shows about the member, read with the account.
register_fact("unread-notices", selectors.unread_notices_fact)
register_fact("moderates", permissions.moderates_fact)
