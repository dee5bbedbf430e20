from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from kuza.people.models import Organisation, Profile


@dataclass(frozen=True)
class CommunitySummary:
    members: int
    countries: int
    organisations: int


def community_summary() -> CommunitySummary:
    """Whole-community totals; no individual can be picked out of them."""
    users = get_user_model().objects.filter(is_active=True)
    countries = (
        Profile.objects.filter(user__in=users)
        .exclude(country="")
        .values("country")
        .distinct()
        .count()
    )
    return CommunitySummary(
        members=users.count(), countries=countries, organisations=Organisation.objects.count()
    )
