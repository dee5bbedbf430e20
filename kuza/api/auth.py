from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from kuza.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer kuza_…` with a personal token from the account page."""

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


# Scripts use tokens; pages of Kuza itself may call the API with the session (CSRF-checked).
token_or_session = [TokenAuth(), SessionAuth()]
