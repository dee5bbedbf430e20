"""Cut off a suspended member's existing session on their very next request.

Django's authentication backends already refuse inactive users (so `request.user` becomes
anonymous); this also flushes the session, so nothing kept in it survives the suspension.
"""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY, logout


class SuspendedUserMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
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
