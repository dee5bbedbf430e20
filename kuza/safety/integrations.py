"""What safety contributes to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kuza.core import schedule
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.safety import permissions, reportables
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

register_navigation(NavItem(url_name="safety:home", label=_("Safety"), order=90, members_only=True))
# Staff, platform moderators and organisation moderators: whoever has a queue.
register_navigation(
    NavItem(
        url_name="safety:queue",
        label=_("Moderation"),
        order=91,
        members_only=True,
        visible=permissions.is_moderator,
    )
)

schedule.register(
    "safety.lift-expired-suspensions", every=LIFT_EXPIRED_EVERY, task=lift_expired_suspensions
)
