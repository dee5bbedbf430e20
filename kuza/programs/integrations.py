"""What programmes contribute to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuza.audience.declarations import Audience, nobody
from kuza.audience.declarations import register as register_audience
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

# Programmes are for members: listed ones, and those one takes part in (organiser, mentor or
# member). Staff have no special view of unlisted programmes.
register_audience(
    Audience(
        model=Programme,
        published=Q(listed=True),
        members_only=True,
        managers=("organisers", "mentors", "members__user"),
        people=("organisers", "mentors", "members__user"),
        hideable=False,
        sees_all=nobody,
    )
)

# Content by one person: left out when moderators hid it, when its author is suspended or in
# a block with the viewer. Who may read it at all is the programme selectors' rule (cohort,
# mentors, organisers); a member always reads her own plan, hidden or not.
register_audience(
    Audience(model=VisionPost, authors=("author",), people=("author",), sees_all=nobody)
)
register_audience(
    Audience(model=PlanNote, authors=("author",), people=("author",), sees_all=nobody)
)
register_audience(
    Audience(
        model=Plan,
        authors=("member__user",),
        managers=("member__user",),
        people=("member__user", "member__mentor"),
        sees_all=nobody,
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
home.register(home.NEXT, "programs.milestones", selectors.home_milestones)
home.register_capability(
    home.Capability(
        url_name="programs:list",
        title=_("Programmes"),
        summary=_("Coaching programmes: plans, key results and a cohort to grow with."),
        order=32,
        members_only=True,
    )
)
