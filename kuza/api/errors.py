"""Every error the API answers: one body shape, one handler per kind, all documented.

Each operation's schema lists, with the `ErrorOut` body, the error statuses any operation can
answer (400, 401, 404, 422, 429: `ERROR_STATUSES`), and 403 or 409 only where they can come:
declared with `@answers(403)` or `@answers(409)` by the few operations whose own rules refuse
or conflict (`OPERATION_ERROR_STATUSES`), and 403 on unsafe methods that take the browser
session (its CSRF check). So clients, the docs and the fuzzer (`.ci/fuzz-api`, which fails on
any status the schema does not document) know what each operation answers;
`document_error_statuses` adds them once for every operation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import DataError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.constants import NOT_SET
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from kuza.api.auth import SessionAuth
from kuza.core.middleware import error_body

logger = logging.getLogger(__name__)


class ErrorDetailOut(Schema):
    code: str
    message: str
    details: Any | None = None


class ErrorOut(Schema):
    error: ErrorDetailOut


ERROR_STATUSES = {
    400: "The request cannot be read (a NUL character, a value out of range, bad JSON).",
    401: "The token is missing, wrong or revoked (a wrong token is never taken as anonymous).",
    404: "Not found, or not visible to the caller.",
    422: "A parameter or field is not valid; `details` says which.",
    429: "Too many requests; `Retry-After` says when to retry.",
}
# Answered only by the operations that declare them with @answers.
OPERATION_ERROR_STATUSES = {
    403: "Signed in, but not allowed to do this.",
    409: "In conflict with the current state.",
}
_DECLARED = "_kuza_error_statuses"


def answers(*statuses: int) -> Callable[[Callable], Callable]:
    """Declare the statuses of OPERATION_ERROR_STATUSES an operation answers.

    Put it right above the function (below @router.get and @paginate, which keep the mark):

        @router.get("/summary", response=SummaryOut)
        @answers(403)
        def summary(request): ...
    """
    unknown = set(statuses) - set(OPERATION_ERROR_STATUSES)
    if unknown:
        raise ValueError(f"not an operation error status: {sorted(unknown)}")

    def mark(view: Callable) -> Callable:
        setattr(view, _DECLARED, frozenset(statuses) | getattr(view, _DECLARED, frozenset()))
        return view

    return mark


def declared_statuses(view: Callable) -> frozenset[int]:
    """The statuses an operation's function declared with @answers."""
    return getattr(view, _DECLARED, frozenset())


def install_error_handlers(api: NinjaAPI) -> None:
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

    # The last guard: a number past what the database can bind (SQLite raises OverflowError
    # for integers beyond 64 bits) or a value the database refuses (PostgreSQL's data
    # exceptions) came from the request, so it is the caller's error, never a 500. Parameters
    # that have known bounds are validated before (pagination.py); this catches the rest, e.g.
    # an id of 30 digits, and logs it so a missing bound can be added.
    @api.exception_handler(OverflowError)
    @api.exception_handler(DataError)
    def on_value_out_of_range(request: HttpRequest, exc: Exception):
        logger.warning("API value refused by the database on %s: %s", request.path, exc)
        return api.create_response(
            request,
            error_body("out_of_range", _("A value in the request is out of range.")),
            status=400,
        )


_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _csrf_checked(operation, router, api: NinjaAPI) -> bool:
    """Whether the operation takes the session on an unsafe method (403 without CSRF token)."""
    if not set(operation.methods) - _SAFE_METHODS:
        return False
    auth = operation.auth_param
    if auth is NOT_SET:
        auth = router.auth if router.auth is not NOT_SET else api.auth
    callbacks = auth if isinstance(auth, list | tuple) else [auth]
    return any(isinstance(callback, SessionAuth) for callback in callbacks)


def operation_error_statuses(operation, router, api: NinjaAPI) -> list[int]:
    """The error statuses an operation can answer, as its schema documents them."""
    statuses = {*ERROR_STATUSES, *declared_statuses(operation.view_func)}
    if _csrf_checked(operation, router, api):
        statuses.add(403)
    return sorted(statuses)


def document_error_statuses(api: NinjaAPI) -> None:
    """Add each operation's error statuses (`operation_error_statuses`) with the `ErrorOut`
    body to its responses."""
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                statuses = operation_error_statuses(operation, router, api)
                for status in statuses:
                    if status not in operation.response_models:
                        operation.response_models[status] = operation._create_response_model(
                            ErrorOut
                        )


def api_not_found(request: HttpRequest, unmatched: str = ""):
    """A path under /api/ that names no endpoint: the API's 404 body, not the site's page."""
    from django.http import JsonResponse

    return JsonResponse(error_body("not_found", _("Not found.")), status=404)
