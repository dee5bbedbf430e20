"""The JSON API. Every error has the same body: {"error": {"code", "message", "details"?}}
(errors.py); lists page with bounded offsets and limits (pagination.py)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import NinjaAPI, Schema

from kuza.api.auth import optional_auth, token_or_session
from kuza.api.errors import document_error_statuses, install_error_handlers
from kuza.api.throttling import AccountRateThrottle, AnonymousRateThrottle

api = NinjaAPI(
    title="Kuza API",
    version="1.0.0",
    description="Skills, mentorship, learning and campaigns of the Kuza community. "
    'Every error answers {"error": {"code", "message", "details"?}}.',
    # Every operation reads the caller; those that need an account say auth=token_or_session.
    auth=optional_auth,
    throttle=[
        AnonymousRateThrottle(settings.KUZA_API_RATE["anonymous"]),
        AccountRateThrottle(settings.KUZA_API_RATE["token"]),
    ],
    docs_url="/docs",
)
install_error_handlers(api)


class InterfaceLanguageOut(Schema):
    code: str
    name: str


class AboutOut(Schema):
    name: str
    version: str
    languages: list[InterfaceLanguageOut]


@api.get("/about", response=AboutOut, tags=["meta"])
def about(request: HttpRequest):
    """What this server is, and the interface languages it speaks (names in their own language)."""
    from django.utils.translation import get_language_info

    return {
        "name": "Kuza",
        "version": api.version,
        "languages": [
            {"code": code, "name": get_language_info(code)["name_local"]}
            for code, _name in settings.LANGUAGES
        ],
    }


class MeOut(Schema):
    username: str
    display_name: str
    is_staff: bool


@api.get("/me", response=MeOut, auth=token_or_session, tags=["accounts"])
def me(request: HttpRequest):
    """The account the request is authenticated as."""
    user = request.auth
    profile = getattr(user, "profile", None)
    return {
        "username": user.get_username(),
        "display_name": profile.display_name if profile else user.get_username(),
        "is_staff": user.is_staff,
    }


# Each capability's endpoints live in its own app (kuza/<app>/api.py).
api.add_router("/people/", "kuza.people.api.router")
api.add_router("/skills/", "kuza.skills.api.router")
api.add_router("/translation/", "kuza.translation.api.router")
api.add_router("/safety/", "kuza.safety.api.router")
api.add_router("/mentorship/", "kuza.mentorship.api.router")
api.add_router("/learning/", "kuza.learning.api.router")
api.add_router("/badges/", "kuza.credentials.api.router")
api.add_router("/campaigns/", "kuza.campaigns.api.router")
api.add_router("/events/", "kuza.events.api.router")
api.add_router("/surveys/", "kuza.surveys.api.router")
api.add_router("/library/", "kuza.library.api.router")
api.add_router("/programmes/", "kuza.programs.api.router")
document_error_statuses(api)
