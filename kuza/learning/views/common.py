from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

TEXT_ONLY_COOKIE = "kuza_text_only"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365


def is_text_only(request: HttpRequest) -> bool:
    """The reader asked to hide images (they pay per megabyte)."""
    return request.COOKIES.get(TEXT_ONLY_COOKIE) == "1"


def safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
