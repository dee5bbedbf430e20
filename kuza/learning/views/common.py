from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from kuza.learning.models import Course, Lesson, Quiz

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


def outline_step(course: Course, following: Lesson | Quiz | None) -> dict:
    """Where a "go on" button leads: the next item of the outline, a quiz or a lesson, or
    the course page at the end (kind "end")."""
    if isinstance(following, Quiz):
        return {"kind": "quiz", "url": reverse("learning:quiz", args=[course.slug, following.pk])}
    if following is not None:
        return {
            "kind": "lesson",
            "url": reverse("learning:lesson", args=[course.slug, following.pk]),
        }
    return {"kind": "end", "url": reverse("learning:course", args=[course.slug])}
