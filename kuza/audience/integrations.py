"""Audiences of the models below this layer, which cannot import it (found by
kuza.core.integrations): profiles, whose tiers kuza.people.visibility decides."""

from __future__ import annotations

from kuza.audience.declarations import Audience, register
from kuza.people.models import Profile
from kuza.people.selectors import people_visible_to


def _profiles_visible_to(profiles, viewer):
    return profiles.filter(pk__in=people_visible_to(viewer).values("pk"))


register(Audience(model=Profile, people=("user",), narrow=_profiles_visible_to))
