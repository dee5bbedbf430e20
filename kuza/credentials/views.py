"""Public badge pages, hosted Open Badges documents, images and the personal backpack."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kuza.audience.selectors import access, may_see
from kuza.credentials import documents, selectors, services
from kuza.credentials.certificates import CertificateFontsMissing
from kuza.credentials.images import bake_image
from kuza.credentials.models import Assertion

PER_PAGE = 20
JSONLD = "application/ld+json"
# Documents and images are meant to be fetched by any verifier or backpack, from anywhere.
PUBLIC_CORS = {"Access-Control-Allow-Origin": "*"}
IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def _jsonld(document: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        document,
        status=status,
        content_type=JSONLD,
        json_dumps_params={"ensure_ascii": False},
    )
    for header, value in PUBLIC_CORS.items():
        response[header] = value
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- Open Badges documents ---------------------------------------------------------------------


@require_GET
def issuer_json(request: HttpRequest, uuid) -> JsonResponse:
    return _jsonld(documents.issuer_document(selectors.issuer_by_uuid(uuid)))


@require_GET
def revocations_json(request: HttpRequest, uuid) -> JsonResponse:
    issuer = selectors.issuer_by_uuid(uuid)
    return _jsonld(documents.revocation_list_document(issuer, selectors.revoked_assertions(issuer)))


@require_GET
def badge_class_json(request: HttpRequest, uuid) -> JsonResponse:
    return _jsonld(documents.badge_class_document(selectors.badge_class_by_uuid(uuid)))


@require_GET
def assertion_json(request: HttpRequest, uuid) -> JsonResponse:
    """Hosted verification: 200 with the assertion, or 410 Gone with {"revoked": true, ...}."""
    assertion = selectors.assertion_by_uuid(uuid)
    response = _jsonld(
        documents.assertion_document(assertion), status=410 if assertion.is_revoked else 200
    )
    response["Cache-Control"] = "no-cache"
    return response


def _image_response(content: bytes, kind: str, filename: str | None = None) -> HttpResponse:
    content_type = "image/png" if kind == "png" else "image/svg+xml"
    response = HttpResponse(content, content_type=content_type)
    # An SVG opened on its own must not run anything, whatever slipped past the upload check.
    response["Content-Security-Policy"] = IMAGE_POLICY
    for header, value in PUBLIC_CORS.items():
        response[header] = value
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def badge_class_image(request: HttpRequest, uuid, kind: str) -> HttpResponse:
    badge_class = selectors.badge_class_by_uuid(uuid)
    return _image_response(services.badge_class_image(badge_class, kind), kind)


# --- Pages -------------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.issuers_with_badges(), PER_PAGE).get_page(request.GET.get("page"))
    can_manage = (
        selectors.manageable_issuers(request.user).exists()
        or selectors.organisations_without_issuer(request.user).exists()
    )
    return render(request, "credentials/index.html", {"page": page, "can_manage": can_manage})


@require_GET
def issuer_page(request: HttpRequest, uuid) -> HttpResponse:
    issuer = selectors.issuer_by_uuid(uuid)
    page = Paginator(selectors.badge_classes_of(issuer), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "credentials/issuer.html",
        {
            "issuer": issuer,
            "page": page,
            "json_url": documents.issuer_url(issuer),
            "can_manage": selectors.can_manage_issuer(request.user, issuer),
        },
    )


@require_GET
def badge_class_page(request: HttpRequest, uuid) -> HttpResponse:
    badge_class = selectors.badge_class_by_uuid(uuid)
    return render(
        request,
        "credentials/badge_class.html",
        {
            "badge_class": badge_class,
            "image_url": documents.badge_class_image_url(badge_class),
            "json_url": documents.badge_class_url(badge_class),
            "can_manage": selectors.can_manage_issuer(request.user, badge_class.issuer),
        },
    )


@require_GET
def assertion_page(request: HttpRequest, uuid) -> HttpResponse:
    view = selectors.assertion_for_viewer(
        viewer=request.user, uuid=uuid, key=request.GET.get("code", "")[:64]
    )
    assertion = view.assertion
    response = render(
        request,
        "credentials/assertion.html",
        {
            "view": view,
            "assertion": assertion,
            "badge_class": assertion.badge_class,
            "issuer": assertion.badge_class.issuer,
            "image_url": documents.badge_class_image_url(assertion.badge_class),
            "json_url": documents.assertion_url(assertion),
            "may_download": may_see(request.user, assertion),
        },
    )
    if not assertion.is_public:
        # Only badges their holders made public are for search engines.
        response["X-Robots-Tag"] = "noindex"
    return response


def _downloadable_assertion(request: HttpRequest, uuid):
    """The holder may always download; others only a public, unrevoked badge (the audience
    declared in integrations.py)."""
    assertions = Assertion.objects.select_related("badge_class__issuer", "recipient__profile")
    return access(assertions, request.user, uuid=uuid)


@require_GET
def baked_badge(request: HttpRequest, uuid, kind: str) -> HttpResponse:
    assertion = _downloadable_assertion(request, uuid)
    image = services.badge_class_image(assertion.badge_class, kind)
    baked = bake_image(image, json.dumps(documents.assertion_document(assertion)))
    return _image_response(baked, kind, filename=f"badge-{assertion.uuid}.{kind}")


@require_GET
def certificate(request: HttpRequest, uuid) -> HttpResponse:
    assertion = _downloadable_assertion(request, uuid)
    if not assertion.badge_class.is_certificate:
        raise Http404
    try:
        pdf = services.certificate_render(assertion=assertion)
    except CertificateFontsMissing:
        return render(request, "credentials/no_fonts.html", status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{assertion.uuid}.pdf"'
    return response


@login_required
@require_GET
def backpack(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.backpack(request.user), PER_PAGE).get_page(request.GET.get("page"))
    rows = [(assertion, selectors.assertion_status(assertion)) for assertion in page.object_list]
    return render(request, "credentials/backpack.html", {"page": page, "rows": rows})


@login_required
@require_POST
def visibility(request: HttpRequest, uuid) -> HttpResponse:
    assertion = selectors.owned_assertion(user=request.user, uuid=uuid)
    is_public = request.POST.get("public") == "1"
    services.assertion_set_public(assertion=assertion, user=request.user, is_public=is_public)
    if is_public:
        messages.success(request, _("Your name now shows on this badge's page."))
    else:
        messages.success(request, _("This badge's page no longer shows your name."))
    return redirect("credentials:backpack")
