"""Who calls the API: a token, the session, or nobody; a wrong token is always 401.

Every operation runs these (the API's default `auth` is `optional_auth`), so a request that
presents a token which is malformed, unknown, revoked or belongs to a suspended account is
refused with 401 everywhere, never served as if it came from a visitor.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from kuza.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer kuza_…` with a personal token from the account page."""

    def __call__(self, request: HttpRequest):
        presented = request.headers.get(self.header)
        if presented is None:
            return None
        scheme, _space, token = presented.partition(" ")
        if scheme.lower() != self.openapi_scheme or not token.strip() or "\x00" in token:
            raise AuthenticationError()
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(token)
        if user is None:
            raise AuthenticationError()
        request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """The browser session of Kuza's own pages, CSRF-checked on unsafe methods (403 without
    the token). A request that sends no session cookie has no session to check: it is not
    refused for CSRF but goes on to the next way in (anonymous, or 401 where an account is
    needed), so a script without a token learns that it needs one."""

    def _get_key(self, request: HttpRequest):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key):
        if key is None:
            return None
        return super().authenticate(request, key)


def _anonymous(request: HttpRequest):
    return AnonymousUser()


# Scripts use tokens; pages of Kuza itself may call the API with the session (CSRF-checked).
token_or_session = [TokenAuth(), SessionAuth()]
# Token, then session, then anonymous: reads never need an account, they just show less.
optional_auth = [*token_or_session, _anonymous]
