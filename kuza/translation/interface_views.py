"""Pages of the interface catalogs: their status, and a translator's PO download and upload."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from kuza.core.catalogs import TRANSLATED_LANGUAGES
from kuza.translation import interface_selectors, interface_services, permissions
from kuza.translation.forms import InterfaceUploadForm
from kuza.translation.interface_catalog import UploadOutcome
from kuza.translation.languages import language_label
from kuza.translation.problem_messages import UPLOAD_PROBLEMS
from kuza.translation.services import TranslationPermissionError


def _report_lines(report) -> list[str]:
    """One line per outcome, each in the language's plural form."""
    n = {outcome: len(report.with_outcome(outcome)) for outcome in UploadOutcome}
    return [
        ngettext(
            "%(count)s entry corrected and marked reviewed",
            "%(count)s entries corrected and marked reviewed",
            n[UploadOutcome.CORRECTED],
        )
        % {"count": n[UploadOutcome.CORRECTED]},
        ngettext(
            "%(count)s entry confirmed as it is and marked reviewed",
            "%(count)s entries confirmed as they are and marked reviewed",
            n[UploadOutcome.REVIEWED],
        )
        % {"count": n[UploadOutcome.REVIEWED]},
        ngettext(
            "%(count)s entry changed but still fuzzy: saved as a draft, not reviewed",
            "%(count)s entries changed but still fuzzy: saved as drafts, not reviewed",
            n[UploadOutcome.DRAFT],
        )
        % {"count": n[UploadOutcome.DRAFT]},
        ngettext(
            "%(count)s entry unchanged",
            "%(count)s entries unchanged",
            n[UploadOutcome.UNCHANGED],
        )
        % {"count": n[UploadOutcome.UNCHANGED]},
        ngettext(
            "%(count)s entry left blank in the file: nothing deleted",
            "%(count)s entries left blank in the file: nothing deleted",
            n[UploadOutcome.UNTRANSLATED],
        )
        % {"count": n[UploadOutcome.UNTRANSLATED]},
        ngettext(
            "%(count)s conflict: not saved",
            "%(count)s conflicts: not saved",
            n[UploadOutcome.CONFLICT],
        )
        % {"count": n[UploadOutcome.CONFLICT]},
        ngettext(
            "%(count)s entry Kuza does not have: ignored",
            "%(count)s entries Kuza does not have: ignored",
            n[UploadOutcome.UNKNOWN],
        )
        % {"count": n[UploadOutcome.UNKNOWN]},
    ]


def _interface_language_or_404(language: str) -> str:
    if language not in TRANSLATED_LANGUAGES:
        raise Http404
    return language


@require_GET
def status(request: HttpRequest) -> HttpResponse:
    mine = permissions.translator_languages(request.user)
    staff = request.user.is_authenticated and request.user.is_staff
    rows = [(row, staff or row.language in mine) for row in interface_selectors.catalog_statuses()]
    return render(request, "translation/interface_status.html", {"rows": rows})


@login_required
@require_GET
def download(request: HttpRequest, language: str) -> HttpResponse:
    language = _interface_language_or_404(language)
    if not permissions.can_translate(request.user, language):
        raise PermissionDenied
    response = HttpResponse(
        interface_selectors.interface_po(language, viewer=request.user),
        content_type="text/x-gettext-translation; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="kuza-{language}.po"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, language: str) -> HttpResponse:
    language = _interface_language_or_404(language)
    if not permissions.can_translate(request.user, language):
        raise PermissionDenied
    form = InterfaceUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = interface_services.interface_po_upload(
                user=request.user, language=language, data=form.cleaned_data["file"].read()
            )
        except TranslationPermissionError:
            raise PermissionDenied from None
        except interface_services.UploadError as error:
            for text in UPLOAD_PROBLEMS.texts(error.problems):
                form.add_error("file", text)
    context = {"form": form, "report": report, "language": language}
    context["language_label"] = language_label(language)
    if report is not None:
        context["report_lines"] = _report_lines(report)
        context["conflicts"] = report.with_outcome(UploadOutcome.CONFLICT)
        context["unknown"] = report.with_outcome(UploadOutcome.UNKNOWN)
    return render(request, "translation/interface_upload.html", context)
