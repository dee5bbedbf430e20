"""Request rates: per address for anonymous callers, per account for everyone signed in.

ninja's own throttles key on `request.auth`, which for an anonymous read is an
`AnonymousUser` object: every anonymous caller would share one bucket at the token rate.
These look at whether the caller is a signed-in account instead.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle


def _account(request: HttpRequest):
    user = getattr(request, "auth", None)
    return user if getattr(user, "is_authenticated", False) else None


class AnonymousRateThrottle(SimpleRateThrottle):
    scope = "anonymous"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if _account(request) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AccountRateThrottle(SimpleRateThrottle):
    scope = "account"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        account = _account(request)
        if account is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": account.pk}
