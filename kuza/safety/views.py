"""Members' safety pages: preferences, blocks, reports, notices and the code of conduct."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.accounts.selectors import current_code_of_conduct, has_accepted_current_conduct
from kuza.audience.presenter import person_name
from kuza.core import navigation
from kuza.core.confirm import confirm_page
from kuza.safety import permissions, reportables, selectors, services
from kuza.safety.forms import ConductAcceptForm, ConductPublishForm, PreferencesForm, ReportForm

PER_PAGE = 25


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def page_of(request: HttpRequest, items):
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


@login_required
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    preferences = selectors.preferences_of(request.user)
    # Unticking both boxes posts no field at all: still a submission.
    form = PreferencesForm(request.POST if request.method == "POST" else None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        services.preferences_update(
            user=request.user,
            hide_from_leaderboards=form.cleaned_data["hide_from_leaderboards"],
            hide_from_map=form.cleaned_data["hide_from_map"],
        )
        messages.success(request, _("Your safety preferences are saved."))
        return redirect("safety:home")
    return render(
        request,
        "safety/home.html",
        {
            "form": form,
            "accepted_conduct": has_accepted_current_conduct(request.user),
            "is_moderator": permissions.is_moderator(request.user),
            "unread_notices": selectors.unread_notice_count(request.user),
            "more_settings": navigation.settings_items_for(request.user),
        },
    )


# --- Blocks ------------------------------------------------------------------------------------


def _person(user_id: int):
    person = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if person is None:
        raise Http404
    return person


@login_required
@require_http_methods(["GET", "POST"])
def block(request: HttpRequest, user_id: int) -> HttpResponse:
    """Ask first (GET), then block (POST): a block ends mentorships and swap proposals."""
    person = _person(user_id)
    name = format_html("<bdi>{}</bdi>", person_name(request.user, person))
    back = _safe_next(request, reverse("safety:blocked"))
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Block this person?"),
            question=format_html(_("Block {name}?"), name=name),
            consequences=[
                _("Neither of you will see or contact the other, anywhere on the site."),
                _("An open mentorship between you ends and swap proposals with both of you go."),
                _("They are not told. You can unblock them later from “People I blocked”."),
            ],
            button=_("Block"),
            hidden=[("next", back)],
            cancel_url=back,
        )
    try:
        services.block_create(blocker=request.user, blocked=person)
    except services.SafetyError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            format_html(
                _("You blocked {name}. Neither of you will see or contact the other."), name=name
            ),
        )
    return redirect(back)


@login_required
@require_POST
def unblock(request: HttpRequest, user_id: int) -> HttpResponse:
    person = get_user_model().objects.filter(pk=user_id).first()
    if person is None:
        raise Http404
    services.block_remove(blocker=request.user, blocked=person)
    messages.success(
        request,
        format_html(
            _("You unblocked {name}."),
            name=format_html("<bdi>{}</bdi>", person_name(request.user, person)),
        ),
    )
    return redirect(_safe_next(request, reverse("safety:blocked")))


@login_required
@require_GET
def blocked(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.blocks_made_by(request.user))
    return render(request, "safety/blocked.html", {"page": page})


# --- Reports -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, kind: str, target_id: int) -> HttpResponse:
    reportable = reportables.get(kind)
    target = reportable.model._default_manager.filter(pk=target_id).first() if reportable else None
    if target is None or not reportables.may_report(reportable, target, request.user):
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.report_create(
                reporter=request.user,
                kind=kind,
                target_id=target_id,
                description=form.cleaned_data["description"],
                evidence_links=form.cleaned_data["evidence_links"],
            )
        except services.RateLimited as error:
            form.add_error(None, str(error))
            response = render(
                request, "safety/report_form.html", _report_context(form, reportable, target)
            )
            response.status_code = 429
            return response
        except services.SafetyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Thank you. Your report is with the moderators; only they can read it."),
            )
            return redirect("safety:my_report", report_id=made.pk)
    return render(request, "safety/report_form.html", _report_context(form, reportable, target))


def _report_context(form, reportable, target) -> dict:
    return {"form": form, "reportable": reportable, "snapshot": reportable.describe(target)}


@login_required
@require_GET
def my_reports(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.reports_made_by(request.user))
    return render(request, "safety/my_reports.html", {"page": page})


@login_required
@require_GET
def my_report(request: HttpRequest, report_id: int) -> HttpResponse:
    found = selectors.report_of_reporter(request.user, report_id)
    if found is None:
        raise Http404
    return render(request, "safety/my_report.html", {"report": found})


# --- Notices -----------------------------------------------------------------------------------


@login_required
@require_GET
def notices(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.notices_of(request.user))
    return render(request, "safety/notices.html", {"page": page})


@login_required
@require_POST
def notices_read(request: HttpRequest) -> HttpResponse:
    services.notices_mark_read(user=request.user)
    return redirect("safety:notices")


# --- Code of conduct ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def conduct_accept(request: HttpRequest) -> HttpResponse:
    conduct = current_code_of_conduct()
    form = ConductAcceptForm(
        request.POST or None, initial={"version": conduct.version if conduct else 1}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.conduct_accept_version(user=request.user, version=form.cleaned_data["version"])
        except services.SafetyError as error:
            messages.error(request, str(error))
            return redirect(request.get_full_path())
        messages.success(request, _("Thank you for accepting the code of conduct."))
        return redirect(_safe_next(request, "safety:home"))
    return render(
        request,
        "safety/conduct_accept.html",
        {
            "conduct": conduct,
            "form": form,
            "accepted": has_accepted_current_conduct(request.user),
            "next": _safe_next(request, ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def conduct_publish(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied
    current = current_code_of_conduct()
    initial = {"title": current.title, "body": current.body} if current else {}
    form = ConductPublishForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            conduct = services.conduct_publish(
                publisher=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except services.SafetyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Version %(version)d is published; members will be asked to accept it.")
                % {"version": conduct.version},
            )
            return redirect("code_of_conduct")
    return render(request, "safety/conduct_publish.html", {"form": form, "current": current})
