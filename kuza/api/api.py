"""The JSON API. Every error has the same body: {"error": {"code", "message", "details"?}}."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from kuza.api.auth import token_or_session

api = NinjaAPI(
    title="Kuza API",
    version="1.0.0",
    description="Skills, mentorship, learning and campaigns of the Kuza community.",
    throttle=[
        AnonRateThrottle(settings.KUZA_API_RATE["anonymous"]),
        AuthRateThrottle(settings.KUZA_API_RATE["token"]),
    ],
    docs_url="/docs",
)


def error_body(code: str, message: str, details: object | None = None) -> dict:
    error: dict = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError):
    return api.create_response(
        request, error_body("invalid", _("The request is not valid."), exc.errors), status=422
    )


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(
        request,
        error_body("unauthorized", _("Send a valid API token: Authorization: Bearer TOKEN.")),
        status=401,
    )


@api.exception_handler(Throttled)
def on_throttled(request: HttpRequest, exc: Throttled):
    response = api.create_response(
        request,
        error_body("rate_limited", _("Too many requests; slow down and retry later.")),
        status=429,
    )
    if exc.wait:
        response["Retry-After"] = str(int(exc.wait) + 1)
    return response


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, error_body("not_found", _("Not found.")), status=404)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError):
    return api.create_response(request, error_body("error", str(exc)), status=exc.status_code)


class LanguageOut(Schema):
    code: str
    name: str


class AboutOut(Schema):
    name: str
    version: str
    languages: list[LanguageOut]


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
