"""What mentorship contributes to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuza.audience.declarations import Audience, nobody
from kuza.audience.declarations import register as register_audience
from kuza.core import home, navigation
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.mentorship import achievements, selectors
from kuza.mentorship.models import Mentorship
from kuza.mentorship.safety_effects import (
    describe,
    is_party,
    links_end_on_block,
    mentorship_close_by_moderators,
    organisation_of,
    other_party,
    url_of,
)
from kuza.mentorship.selectors import active_mentorship_partner_ids
from kuza.people.visibility import register_relationship_source
from kuza.safety import block_effects, reportables

register_navigation(
    NavItem(
        url_name="mentorship:home",
        label=_("Mentorship"),
        order=26,
        members_only=True,
        group=navigation.MENTORING,
    )
)
register_navigation(
    NavItem(
        url_name="mentorship:swaps",
        label=_("Skill swaps"),
        order=27,
        members_only=True,
        group=navigation.MENTORING,
    )
)

# A mentorship (its goals, check-ins and feedback) is its two people's only: nobody else, not
# organisers, not staff, sees one, hidden by moderators or not. What others read of
# mentorships (a mentor's average rating) leaves out those moderators hid and those of a
# suspended person (`kuza.audience.selectors.moderated_rows`).
register_audience(
    Audience(
        model=Mentorship,
        published=Q(pk__in=[]),
        members_only=True,
        managers=("learner", "mentor"),
        authors=("learner", "mentor"),
        people=("learner", "mentor"),
        sees_all=nobody,
    )
)

# People in an active mentorship see each other's "my mentors and organisers" fields.
register_relationship_source(active_mentorship_partner_ids)

# Mentorships can be reported by their two people (see safety_effects.py for the rules).
reportables.register(
    reportables.Reportable(
        kind="mentorship",
        model=Mentorship,
        label=_("a mentorship"),
        describe=describe,
        organisation_of=organisation_of,
        url_of=url_of,
        reportable_by=is_party,
        person_reported_by=other_party,
        on_hide=lambda mentorship: mentorship_close_by_moderators(mentorship=mentorship),
    )
)
# Blocks end what links two people.
block_effects.register("mentorship", links_end_on_block)

# The personal home (kuza/core/home.py): what waits, what is next, what is offered.
home.register(home.WAITING, "mentorship.mentorships", selectors.home_mentorships_waiting)
home.register(home.WAITING, "mentorship.swaps", selectors.home_swaps_to_answer)
home.register_capability(
    home.Capability(
        url_name="mentorship:home",
        title=_("Mentorship"),
        summary=_("Find a mentor for a skill, or mentor others; agree goals and check in."),
        order=20,
        members_only=True,
    )
)
home.register_capability(
    home.Capability(
        url_name="mentorship:swaps",
        title=_("Skill swaps"),
        summary=_("Teach a skill you know in exchange for one you want to learn."),
        order=22,
        members_only=True,
    )
)
# Completed mentorships, for badge rules to apply to the past.
achievements.register()
