"""The site's error pages: in the site layout, translated, each with a way back.

Django calls these for errors raised anywhere (see `handler400` … in kuza/urls.py); allauth's
rate limit renders 429.html itself. A 403 says what would open the page: signing in, accepting
the current code of conduct, or a role (organiser, moderator) the person does not have.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

from kuza.accounts.selectors import has_accepted_current_conduct

logger = logging.getLogger(__name__)

SIGN_IN, ACCEPT_CONDUCT, ROLE = "sign_in", "accept_conduct", "role"


def _way_back(request: HttpRequest) -> str:
    """The page the person came from, when it is on this site; else nothing."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def _render(request: HttpRequest, template: str, status: int, context: dict | None = None):
    context = {"way_back": _way_back(request), **(context or {})}
    return HttpResponse(loader.render_to_string(template, context, request), status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(request, "400.html", 400)


def what_is_needed(user) -> str:
    """Why a signed-in or anonymous person was refused a page, in one of three words."""
    if not (user and user.is_authenticated):
        return SIGN_IN
    if not has_accepted_current_conduct(user):
        return ACCEPT_CONDUCT
    return ROLE


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(
        request, "403.html", 403, {"needed": what_is_needed(getattr(request, "user", None))}
    )


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The layout needs the database for the menu; when that is what failed, a bare page."""
    try:
        return _render(request, "500.html", 500)
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        logger.exception("The 500 page could not be rendered in the site layout")
        return HttpResponseServerError(
            loader.render_to_string("500_plain.html"), content_type="text/html"
        )
