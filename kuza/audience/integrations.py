"""Audiences of the models below this layer, which cannot import it (found by
kuza.core.integrations): profiles, whose tiers kuza.people.visibility decides; and safety's
seen check, so nobody reports what they may not see."""

from __future__ import annotations

from kuza.audience.declarations import Audience, register
from kuza.audience.selectors import may_report
from kuza.people.models import Profile
from kuza.people.selectors import people_visible_to
from kuza.safety.reportables import register_seen_check


def _profiles_visible_to(profiles, viewer):
    return profiles.filter(pk__in=people_visible_to(viewer).values("pk"))


register(Audience(model=Profile, people=("user",), narrow=_profiles_visible_to))

register_seen_check(may_report)
