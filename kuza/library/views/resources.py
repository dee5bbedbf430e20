from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.accounts.selectors import is_signed_in
from kuza.library import permissions, search, selectors, textsearch
from kuza.library.forms import ResourceForm, ReviewForm, SearchForm
from kuza.library.models import Resource
from kuza.library.reading import localise_titles, resource_texts
from kuza.library.search import Hit, SearchResults
from kuza.library.services import resources as services
from kuza.library.validation import ResourceInput

RESULTS_PER_PAGE = 15
EVERY_PHRASE_MATCH = "every_phrase_match"
LIST_PER_PAGE = 25


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = SearchForm(
        request.GET or None,
        languages=selectors.languages_in_use(),
        skills=selectors.skills_in_use(),
    )
    cleaned = form.cleaned_data if form.is_valid() else {}
    text = cleaned.get("q", "")
    filters = selectors.Filters(
        **{key: cleaned.get(key, "") for key in ("skill", "language", "kind", "level", "audience")}
    )
    # Asked for from the "check them all" link only: a new search goes back to the fast way.
    every_phrase_match = request.GET.get(EVERY_PHRASE_MATCH) == "1"
    found = selectors.library_search(
        text=text, filters=filters, every_phrase_match=every_phrase_match
    )
    page = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    resources = [entry.resource if isinstance(entry, Hit) else entry for entry in page.object_list]
    localise_titles(resources)
    query = urlencode({key: value for key, value in cleaned.items() if value})
    pages_query = f"{query}&{EVERY_PHRASE_MATCH}=1" if every_phrase_match else query
    searched = found if isinstance(found, SearchResults) else None
    return render(
        request,
        "library/index.html",
        {
            "form": form,
            "text": text,
            "page": page,
            "resources": resources,
            "skills": selectors.resource_skills(resources),
            "query": pages_query,
            "every_phrase_match_query": f"{query}&{EVERY_PHRASE_MATCH}=1",
            "searching": bool(text.strip()),
            "total": searched.total() if searched is not None else None,
            "short_prefixes": searched.short_prefixes if searched is not None else (),
            "broad_prefixes": searched.broad_prefixes if searched is not None else (),
            "min_prefix": textsearch.MIN_PREFIX_LENGTH,
            "max_prefix_words": textsearch.MAX_PREFIX_WORDS,
            "phrase_checked": search.phrase_checks(),
            "is_curator": permissions.is_curator(request.user),
        },
    )


@require_GET
def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resource = selectors.resource_for(user=request.user, pk=pk)
    user = request.user
    return render(
        request,
        "library/resource_detail.html",
        {
            "resource": resource,
            "texts": resource_texts(resource),
            "language_label": selectors.language_label(resource.language),
            "translation_object": selectors.translation_object_for(user=user, resource=resource),
            "skills": selectors.resource_skills([resource]).get(resource.pk, []),
            "translations": [
                (other, selectors.language_label(other.language))
                for other in selectors.resource_translations(user=user, resource=resource)
            ],
            "can_edit": permissions.can_edit_resource(user, resource),
            "can_submit": permissions.can_submit_resource(user, resource),
            "can_history": permissions.can_view_history(user, resource),
            "can_translate": is_signed_in(user) and resource.status == Resource.Status.PUBLISHED,
            "review_form": ReviewForm()
            if permissions.can_review_resource(user, resource)
            else None,
        },
    )


def _form_page(request, form, *, heading: str, resource: Resource | None = None):
    return render(
        request,
        "library/resource_form.html",
        {"form": form, "heading": heading, "resource": resource},
    )


def _apply_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_http_methods(["GET", "POST"])
def resource_propose(request: HttpRequest) -> HttpResponse:
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_propose(
                author=request.user,
                data=form.to_input(),
                uploaded_file=form.cleaned_data.get("file"),
                submit=form.cleaned_data["submit"],
            )
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your resource is saved."))
            return redirect("library:resource", pk=resource.pk)
    return _form_page(request, form, heading=_("Propose a resource"))


def _initial_from(data: ResourceInput) -> dict:
    initial = services.resource_input_dict(data)
    initial["skills"] = ", ".join(data.skills)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resource = selectors.resource_for(user=request.user, pk=pk)
    if not permissions.can_edit_resource(request.user, resource):
        raise PermissionDenied
    form = ResourceForm(
        request.POST or None,
        request.FILES or None,
        initial=_initial_from(services.resource_input_from(resource)),
        has_file=bool(resource.file),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_update(
                resource=resource,
                editor=request.user,
                data=form.to_input(),
                uploaded_file=form.cleaned_data.get("file"),
            )
            if form.cleaned_data["submit"] and permissions.can_submit_resource(
                request.user, resource
            ):
                services.resource_submit(resource=resource, user=request.user)
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("library:resource", pk=resource.pk)
    return _form_page(
        request, form, heading=_("Edit “%(title)s”") % {"title": resource.title}, resource=resource
    )


@login_required
@require_http_methods(["GET", "POST"])
def resource_translate(request: HttpRequest, pk: int) -> HttpResponse:
    original = selectors.resource_for(user=request.user, pk=pk)
    if original.status != Resource.Status.PUBLISHED:
        raise PermissionDenied
    initial = _initial_from(services.resource_input_from(original))
    initial["language"] = ""
    form = ResourceForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        has_file=bool(original.original.file),
    )
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_propose(
                author=request.user,
                data=form.to_input(),
                uploaded_file=form.cleaned_data.get("file"),
                translation_of=original,
                submit=form.cleaned_data["submit"],
            )
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your translation is saved."))
            return redirect("library:resource", pk=resource.pk)
    return _form_page(
        request,
        form,
        heading=_("Translate “%(title)s”") % {"title": original.title},
        resource=original,
    )


@login_required
@require_POST
def resource_submit(request: HttpRequest, pk: int) -> HttpResponse:
    resource = selectors.resource_for(user=request.user, pk=pk)
    services.resource_submit(resource=resource, user=request.user)
    messages.success(request, _("Sent to the curators for review."))
    return redirect("library:resource", pk=resource.pk)


@login_required
@require_POST
def resource_review(request: HttpRequest, pk: int) -> HttpResponse:
    resource = selectors.resource_for(user=request.user, pk=pk)
    if not permissions.can_review_resource(request.user, resource):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if form.is_valid():
        publish = form.cleaned_data["decision"] == "publish"
        services.resource_review(
            resource=resource,
            curator=request.user,
            publish=publish,
            note=form.cleaned_data["note"],
        )
        messages.success(
            request, _("Published.") if publish else _("Sent back to the author with your note.")
        )
        return redirect("library:review")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("library:resource", pk=resource.pk)


@login_required
@require_GET
def resource_history(request: HttpRequest, pk: int) -> HttpResponse:
    resource = selectors.resource_for(user=request.user, pk=pk)
    revisions = selectors.resource_history(user=request.user, resource=resource)
    page = Paginator(revisions, LIST_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "library/history.html", {"resource": resource, "page": page})


@login_required
@require_GET
def my_resources(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.resources_by(user=request.user), LIST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "library/mine.html", {"page": page})


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not permissions.is_curator(request.user):
        raise PermissionDenied
    page = Paginator(selectors.review_queue(user=request.user), LIST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "library/review_queue.html", {"page": page})
