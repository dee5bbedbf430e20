"""What programmes contribute to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from kuza.core import home, navigation, schedule
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.programs import selectors
from kuza.programs.models import Plan, PlanNote, Programme, VisionPost
from kuza.programs.services import mentors_unassign_on_block
from kuza.programs.tasks import snapshot_key_results
from kuza.safety import block_effects, reportables
from kuza.translation import registry

register_navigation(
    NavItem(
        url_name="programs:list",
        label=_("Programmes"),
        order=55,
        members_only=True,
        group=navigation.LEARN,
    )
)

reportables.register(
    reportables.Reportable(
        kind="programme-vision-post",
        model=VisionPost,
        label=_("a vision board post"),
        describe=lambda post: post.body[:300],
        person_of=lambda post: post.author,
        url_of=lambda post: post.get_absolute_url(),
        # Only those who may read the post can report it (and see its snapshot).
        reportable_by=lambda post, user: (
            selectors.vision_posts_for(user, post.cohort.programme).filter(pk=post.pk).exists()
        ),
    )
)
reportables.register(
    reportables.Reportable(
        kind="programme-plan",
        model=Plan,
        label=_("a member's plan"),
        describe=lambda plan: f"{plan.title}\n{plan.goal}"[:300],
        person_of=lambda plan: plan.member.user,
        url_of=lambda plan: plan.get_absolute_url(),
        reportable_by=lambda plan, user: (
            selectors.plans_visible_to(user, plan.member.programme).filter(pk=plan.pk).exists()
        ),
    )
)
reportables.register(
    reportables.Reportable(
        kind="programme-plan-note",
        model=PlanNote,
        label=_("a plan update or comment"),
        describe=lambda note: note.body[:300],
        person_of=lambda note: note.author,
        url_of=lambda note: note.get_absolute_url(),
        reportable_by=lambda note, user: (
            selectors.plans_visible_to(user, note.plan.member.programme)
            .filter(pk=note.plan_id)
            .exists()
        ),
    )
)

block_effects.register("programs", mentors_unassign_on_block)

registry.register(
    Programme,
    fields={"name": registry.PLAIN, "description": registry.MARKDOWN},
    source_language=lambda programme: programme.language,
    title=lambda programme: programme.name,
)

schedule.register(
    "programs.snapshot-key-results", every=timedelta(days=1), task=snapshot_key_results
)

# The personal home (kuza/core/home.py): what waits, what is next, what is offered.
home.register_capability(
    home.Capability(
        url_name="programs:list",
        title=_("Programmes"),
        summary=_("Coaching programmes: plans, key results and a cohort to grow with."),
        order=32,
        members_only=True,
    )
)
