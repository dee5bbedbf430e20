"""The time zone sessions are shown in, for each learner.

In order: the time zone on the learner's profile (`Profile.time_zone`, when the people app
has it and it is set), else the one they chose on a cohort page (the `tz` query parameter,
remembered in the `kuza_tz` cookie), else UTC. Anything that is not an IANA name is ignored.
"""

from __future__ import annotations

from django.http import HttpRequest

from kuza.core.timezones import is_time_zone

COOKIE = "kuza_tz"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
UTC = "UTC"


def valid_time_zone(name: str) -> str:
    """`name` if it is a known IANA time zone, else ""."""
    name = (name or "").strip()
    return name if is_time_zone(name) else ""


def profile_time_zone(user) -> str:
    if not (user is not None and user.is_authenticated):
        return ""
    profile = getattr(user, "profile", None)
    return valid_time_zone(str(getattr(profile, "time_zone", "") or ""))


def chosen_time_zone(request: HttpRequest) -> str:
    return valid_time_zone(request.GET.get("tz", "")) or valid_time_zone(
        request.COOKIES.get(COOKIE, "")
    )


def learner_time_zone(request: HttpRequest) -> str:
    return profile_time_zone(request.user) or chosen_time_zone(request) or UTC
