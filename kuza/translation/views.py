from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.audience.presenter import person_name
from kuza.core.confirm import confirm_page
from kuza.translation import permissions, selectors, services
from kuza.translation.catalog import CatalogFormatError, ImportOutcome
from kuza.translation.forms import GrantRoleForm, ImportForm, UnitTranslationForm
from kuza.translation.languages import content_languages, language_direction, language_label
from kuza.translation.po import export_po
from kuza.translation.problem_messages import UPLOAD_PROBLEMS
from kuza.translation.xliff import export_xliff

OBJECTS_PER_PAGE = 20
UNITS_PER_PAGE = 8
ROLES_PER_PAGE = 30


def _language_or_404(language: str) -> str:
    if language not in content_languages():
        raise Http404
    return language


def _language_context(language: str) -> dict:
    return {
        "language": language,
        "language_label": language_label(language),
        "language_dir": language_direction(language),
    }


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_progress(request.user):
        return render(request, "translation/not_translator.html")
    model_label = request.GET.get("type", "")
    objects = selectors.translatable_objects(user=request.user, model_label=model_label)
    page = Paginator(objects, OBJECTS_PER_PAGE).get_page(request.GET.get("page"))
    progress = selectors.progress_by_object(list(page.object_list))
    rows = [(translatable, progress[translatable.pk]) for translatable in page.object_list]
    return render(
        request,
        "translation/dashboard.html",
        {
            "page": page,
            "rows": rows,
            "model_label": model_label,
            "query": urlencode({"type": model_label}) if model_label else "",
            "model_labels": selectors.model_labels_in_use(),
            "my_languages": sorted(permissions.translator_languages(request.user)),
            "can_manage": permissions.can_manage_translators(request.user),
        },
    )


@login_required
@require_GET
def object_detail(request: HttpRequest, pk: int) -> HttpResponse:
    translatable = selectors.translatable_object(user=request.user, pk=pk)
    progress = selectors.progress_by_object([translatable])[translatable.pk]
    languages = [
        {
            **_language_context(language),
            "progress": language_progress,
            "can_translate": permissions.can_translate(request.user, language),
        }
        for language, language_progress in progress.items()
    ]
    return render(
        request,
        "translation/object_detail.html",
        {
            "translatable": translatable,
            "languages": languages,
            "has_parts": selectors.has_parts(translatable),
        },
    )


def _editor_url(pk: int, language: str, page_number: int, anchor: str = "") -> str:
    url = reverse("translation:editor", args=[pk, language])
    return f"{url}?page={page_number}" + (f"#{anchor}" if anchor else "")


@login_required
@require_GET
def editor(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    language = _language_or_404(language)
    translatable = selectors.translatable_object(user=request.user, pk=pk)
    units = selectors.editor_units(user=request.user, translatable=translatable, language=language)
    page = Paginator(units, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    items = [
        {
            "item": item,
            "form": UnitTranslationForm(
                initial={
                    "text": item.translation.text if item.translation else "",
                    "source_hash": item.unit.source_hash,
                },
                auto_id=f"id_{item.anchor}_%s",
            ),
        }
        for item in page.object_list
    ]
    return render(
        request,
        "translation/editor.html",
        {
            "translatable": translatable,
            "page": page,
            "items": items,
            "source_dir": language_direction(translatable.source_language),
            **_language_context(language),
        },
    )


@login_required
@require_POST
def unit_save(request: HttpRequest, pk: int, language: str, unit_id: int) -> HttpResponse:
    language = _language_or_404(language)
    translatable = selectors.translatable_object(user=request.user, pk=pk)
    form = UnitTranslationForm(request.POST)
    try:
        if not form.is_valid():
            raise services.TranslationError(
                " ".join(str(error) for errors in form.errors.values() for error in errors)
            )
        if form.cleaned_data["action"] == "confirm":
            services.unit_translation_confirm(
                user=request.user,
                unit_id=unit_id,
                language=language,
                source_hash_seen=form.cleaned_data["source_hash"],
            )
            messages.success(request, _("Marked as still correct."))
        else:
            saved = services.unit_translation_save(
                user=request.user,
                unit_id=unit_id,
                language=language,
                text=form.cleaned_data["text"],
                source_hash_seen=form.cleaned_data["source_hash"],
            )
            if saved.source_changed_meanwhile:
                messages.warning(
                    request,
                    _("Saved, but the source changed while you worked: please review it."),
                )
            else:
                messages.success(request, _("Translation saved."))
    except services.TranslationPermissionError:
        raise PermissionDenied from None
    except services.TranslationError as error:
        messages.error(request, str(error))
    units = selectors.editor_units(user=request.user, translatable=translatable, language=language)
    position = next((index for index, item in enumerate(units) if item.unit.pk == unit_id), 0)
    return redirect(_editor_url(pk, language, position // UNITS_PER_PAGE + 1, f"unit-{unit_id}"))


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _export(
    request: HttpRequest, translatables, language: str, file_format: str, name: str
) -> HttpResponse:
    units = [
        catalog_unit for catalog_unit, _unit in selectors.catalog_units(translatables, language)
    ]
    if file_format == services.FileFormat.PO:
        return _download(
            export_po(units, language=language),
            f"{name}.{language}.po",
            "text/x-gettext-translation",
        )
    source_languages = {translatable.source_language for translatable in translatables}
    source_language = source_languages.pop() if len(source_languages) == 1 else "en"
    try:
        data = export_xliff(
            units, language=language, source_language=source_language, original=name
        )
    except CatalogFormatError as error:  # a text XML cannot carry: the PO file can
        match = request.resolver_match
        context = {
            "problems": UPLOAD_PROBLEMS.texts(error.problems),
            "po_url": reverse(match.view_name, kwargs={**match.kwargs, "file_format": "po"}),
        }
        return render(request, "translation/export_refused.html", context, status=422)
    return _download(data, f"{name}.{language}.xlf", "application/x-xliff+xml")


@login_required
@require_GET
def export_object(request: HttpRequest, pk: int, language: str, file_format: str) -> HttpResponse:
    language = _language_or_404(language)
    translatable = selectors.translatable_object(user=request.user, pk=pk)
    name = f"{translatable.model_label}-{translatable.object_id}"
    return _export(request, [translatable], language, file_format, name)


@login_required
@require_GET
def export_whole(request: HttpRequest, pk: int, language: str, file_format: str) -> HttpResponse:
    """One file with every text of a course or toolkit: its own and all its parts'."""
    language = _language_or_404(language)
    translatable = selectors.translatable_object(user=request.user, pk=pk)
    if not selectors.has_parts(translatable):
        raise Http404
    name = f"{translatable.model_label}-{translatable.object_id}-all"
    return _export(request, selectors.translatable_whole(translatable), language, file_format, name)


@login_required
@require_GET
def export_type(
    request: HttpRequest, model_label: str, language: str, file_format: str
) -> HttpResponse:
    language = _language_or_404(language)
    translatables = list(selectors.translatable_objects(user=request.user, model_label=model_label))
    if not translatables:
        raise Http404
    return _export(request, translatables, language, file_format, model_label)


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest) -> HttpResponse:
    languages = [
        language
        for language in content_languages()
        if permissions.can_translate(request.user, language)
    ]
    if not languages:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, languages=languages)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            report = services.translation_import(
                user=request.user,
                data=data,
                language=form.cleaned_data["language"],
                file_format=services.guess_file_format(upload.name, data),
            )
        except services.TranslationPermissionError:
            raise PermissionDenied from None
        except services.TranslationFileError as error:
            for text in UPLOAD_PROBLEMS.texts(error.problems):
                form.add_error(
                    "file", _("The file cannot be imported: %(reason)s") % {"reason": text}
                )
        except services.TranslationError as error:
            form.add_error("file", str(error))
    context = {"form": form, "report": report}
    if report is not None:
        context["unchanged"] = report.with_outcome(ImportOutcome.UNCHANGED)
        context["untranslated"] = report.with_outcome(ImportOutcome.UNTRANSLATED)
    return render(request, "translation/import.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def translators(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_translators(request.user):
        raise PermissionDenied
    form = GrantRoleForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            role = services.translator_role_grant(
                granted_by=request.user,
                username=form.cleaned_data["person"].get_username(),
                language=form.cleaned_data["language"],
            )
        except services.TranslationError as error:
            form.add_error("person", str(error))
        else:
            messages.success(
                request,
                _("%(name)s can now translate into %(language)s.")
                % {"name": role.user.get_username(), "language": language_label(role.language)},
            )
            return redirect("translation:translators")
    page = Paginator(selectors.translator_roles(user=request.user), ROLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "translation/translators.html", {"form": form, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def translator_revoke(request: HttpRequest, role_id: int) -> HttpResponse:
    """Ask first (GET), then remove the translator role (POST)."""
    if request.method == "GET":
        role = selectors.translator_roles(user=request.user).filter(pk=role_id).first()
        if role is None:
            raise Http404
        return confirm_page(
            request,
            title=_("Remove a translator?"),
            question=format_html(
                _("Remove {name} as a translator into {language}?"),
                name=format_html("<bdi>{}</bdi>", person_name(request.user, role.user)),
                language=language_label(role.language),
            ),
            consequences=[
                _("Their translations stay; they can no longer translate into this language.")
            ],
            button=_("Remove"),
            cancel_url=reverse("translation:translators"),
        )
    try:
        role = services.translator_role_revoke(revoked_by=request.user, role_id=role_id)
    except services.TranslationPermissionError:
        raise PermissionDenied from None
    except services.TranslationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            format_html(
                _("{name} no longer translates into {language}."),
                name=format_html("<bdi>{}</bdi>", person_name(request.user, role.user)),
                language=language_label(role.language),
            ),
        )
    return redirect("translation:translators")
