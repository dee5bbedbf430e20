"""Badges in the JSON API: a person's own badges and their visibility.

The Open Badges documents themselves are served as JSON-LD at their hosted URLs (see urls.py);
this API is for Kuza clients.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema

from kuza.api.auth import token_or_session
from kuza.credentials import documents, selectors, services

router = Router(tags=["credentials"])


class AssertionOut(Schema):
    id: str
    badge: str
    issuer: str
    issued_on: datetime
    expires: datetime | None
    status: str
    is_public: bool
    page_url: str
    assertion_url: str


class VisibilityIn(Schema):
    is_public: bool


def _out(assertion) -> dict:
    return {
        "id": str(assertion.uuid),
        "badge": assertion.badge_class.name,
        "issuer": assertion.badge_class.issuer.name,
        "issued_on": assertion.issued_on,
        "expires": assertion.expires_at,
        "status": selectors.assertion_status(assertion),
        "is_public": assertion.is_public,
        "page_url": documents.assertion_page_url(assertion),
        "assertion_url": documents.assertion_url(assertion),
    }


@router.get("/mine", response=list[AssertionOut], auth=token_or_session)
def my_badges(request: HttpRequest):
    """The badges awarded to the authenticated person, newest first."""
    return [_out(assertion) for assertion in selectors.backpack(request.auth)[:200]]


@router.post("/mine/{uuid}/visibility", response=AssertionOut, auth=token_or_session)
def set_visibility(request: HttpRequest, uuid: UUID, payload: VisibilityIn):
    """Show or hide the holder's name on the badge's public page."""
    assertion = selectors.owned_assertion(user=request.auth, uuid=uuid)
    services.assertion_set_public(
        assertion=assertion, user=request.auth, is_public=payload.is_public
    )
    return _out(assertion)
