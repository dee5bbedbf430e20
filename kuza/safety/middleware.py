"""Suspensions on every request: in force at once, over the moment they end.

Django's authentication backends already refuse inactive users (so `request.user` becomes
anonymous); this also flushes the session, so nothing kept in it survives the suspension.

Before that, suspensions whose end has passed are lifted, so the login form, an open session
and API tokens work again the moment a suspension ends, not when the periodic job next runs.
The moment the next suspension ends is cached (and forgotten whenever a suspension changes),
so a request asks the database nothing until one is due.
"""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY, logout

from kuza.safety.moderation import suspensions_lift_due


class SuspendedUserMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        suspensions_lift_due()
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        signed_in_session = session is not None and session.get(SESSION_KEY) is not None
        if (
            signed_in_session
            and user is not None
            and not (user.is_authenticated and user.is_active)
        ):
            logout(request)
        return self.get_response(request)
