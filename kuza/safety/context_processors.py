from __future__ import annotations

from django.http import HttpRequest

from kuza.safety import selectors


def safety(request: HttpRequest) -> dict:
    """`safety_conduct_outdated` and `safety_unread_notices` for a site-wide notice."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "safety_conduct_outdated": not selectors.may_contact_others(user),
        "safety_unread_notices": selectors.unread_notice_count(user),
    }
