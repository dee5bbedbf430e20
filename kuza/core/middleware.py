"""Input no page or endpoint can use is refused at the door with 400, never a 500 later.

A NUL character (`%00`, `\\u0000`) is never part of a name, a search, a slug or a form answer,
and PostgreSQL cannot store or even compare it ("A string literal cannot contain NUL"), so
any query that carries one fails deep in a view. Django's form `CharField`s already refuse it,
but searches, filters, slugs in paths, choice fields and API parameters reach queries without
a form. One check here covers every page and endpoint on both databases: the path, the query
string, cookies, form fields and file names, and JSON bodies (what the API takes).

API paths get the API's error body; pages get the site's 400 page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

API_PATH_PREFIX = "/api/"
NUL = "\x00"


def error_body(code: str, message: str, details: object | None = None) -> dict:
    """The one error shape of the API: {"error": {"code", "message", "details"?}}."""
    error: dict = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


def _has_nul(values: Iterable[str]) -> bool:
    return any(NUL in value for value in values)


def _json_has_nul(value: object) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(NUL in key or _json_has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_json_has_nul(item) for item in value)
    return False


def _multi_value_strings(data) -> list[str]:
    return [*data.keys(), *(item for _key, items in data.lists() for item in items)]


def request_has_nul(request: HttpRequest) -> bool:
    if NUL in request.path_info or _has_nul(_multi_value_strings(request.GET)):
        return True
    if _has_nul([*request.COOKIES.keys(), *request.COOKIES.values()]):
        return True
    if request.method not in {"POST", "PUT", "PATCH", "DELETE"}:
        return False
    content_type = request.content_type or ""
    if content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        names = [upload.name or "" for upload in request.FILES.values()]
        return _has_nul(_multi_value_strings(request.POST)) or _has_nul(names)
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            return _json_has_nul(json.loads(request.body or b"null"))
        except ValueError:
            return False  # not JSON: the API answers that itself
    return False


class RejectNulCharactersMiddleware:
    """Answer 400 to any request carrying a NUL character (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        try:
            refused = request_has_nul(request)
        except MultiPartParserError:
            # Django answers 400 to a body it cannot parse; the API answers it in its own shape.
            if not request.path_info.startswith(API_PATH_PREFIX):
                raise
            message = _("The request body cannot be read.")
            return JsonResponse(error_body("invalid", message), status=400)
        if refused:
            message = _("The request contains a NUL character, which no field accepts.")
            if request.path_info.startswith(API_PATH_PREFIX):
                return JsonResponse(error_body("invalid", message), status=400)
            raise BadRequest(message)
        return self.get_response(request)
