"""Moderators' pages. Every report is fetched through a selector that checks the moderator."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kuza.audience.selectors import people_shown_to
from kuza.safety import moderation, permissions, reportables, selectors
from kuza.safety.forms import HideForm, NoteForm, ReplyForm, StatusForm, SuspendForm, WarnForm
from kuza.safety.models import Report
from kuza.safety.services import SafetyError
from kuza.safety.views import page_of


def _require_moderator(request: HttpRequest) -> None:
    if not permissions.is_moderator(request.user):
        raise PermissionDenied


def _report_or_404(request: HttpRequest, report_id: int) -> Report:
    found = selectors.report_for_moderator(request.user, report_id)
    if found is None:
        raise Http404
    return found


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    status = request.GET.get("status", "")
    if status not in Report.Status.values:
        status = ""
    page = page_of(request, selectors.moderation_queue(request.user, status=status or None))
    return render(
        request,
        "safety/queue.html",
        {
            "page": page,
            "status": status,
            "statuses": Report.Status.choices,
            "is_platform_moderator": permissions.is_platform_moderator(request.user),
        },
    )


def _render_detail(request: HttpRequest, report: Report, status: int = 200, **forms):
    reportable = reportables.get(report.kind)
    target = None
    if reportable is not None:
        target = reportable.model._default_manager.filter(pk=report.target_id).first()
    context = {
        "report": report,
        "reportable": reportable,
        "target_url": reportable.url_of(target) if reportable and target else None,
        "target_exists": target is not None,
        "hidden": selectors.hidden_content_for(report),
        "can_suspend": permissions.is_platform_moderator(request.user),
        "log": selectors.moderation_log(request.user, report=report)[:50],
        "status_form": forms.get("status_form") or StatusForm(initial={"status": report.status}),
        "note_form": forms.get("note_form") or NoteForm(),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "warn_form": forms.get("warn_form") or WarnForm(),
        "hide_form": forms.get("hide_form") or HideForm(),
        "suspend_form": forms.get("suspend_form") or SuspendForm(),
    }
    return render(request, "safety/moderate.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, report_id: int) -> HttpResponse:
    _require_moderator(request)
    return _render_detail(request, _report_or_404(request, report_id))


def _act(request: HttpRequest, report_id: int, form_class, form_name: str, perform, done: str):
    """Validate the posted form, perform the action, and come back to the report."""
    _require_moderator(request)
    report = _report_or_404(request, report_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            perform(report, form.cleaned_data)
        except SafetyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("safety:moderate", report_id=report.pk)
    return _render_detail(request, report, status=400, **{form_name: form})


@login_required
@require_POST
def set_status(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        StatusForm,
        "status_form",
        lambda report, data: moderation.report_set_status(
            moderator=request.user, report=report, status=data["status"]
        ),
        _("Status changed."),
    )


@login_required
@require_POST
def add_note(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        NoteForm,
        "note_form",
        lambda report, data: moderation.report_add_note(
            moderator=request.user, report=report, body=data["body"]
        ),
        _("Note added."),
    )


@login_required
@require_POST
def reply(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        ReplyForm,
        "reply_form",
        lambda report, data: moderation.report_reply(
            moderator=request.user, report=report, body=data["body"]
        ),
        _("Message sent to the reporter."),
    )


@login_required
@require_POST
def warn(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        WarnForm,
        "warn_form",
        lambda report, data: moderation.member_warn(
            moderator=request.user, report=report, message=data["message"]
        ),
        _("Warning sent."),
    )


@login_required
@require_POST
def hide(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        HideForm,
        "hide_form",
        lambda report, data: moderation.content_hide(
            moderator=request.user, report=report, reason=data["reason"]
        ),
        _("Content hidden."),
    )


@login_required
@require_POST
def unhide(request: HttpRequest, report_id: int) -> HttpResponse:
    _require_moderator(request)
    report = _report_or_404(request, report_id)
    moderation.content_unhide(moderator=request.user, report=report)
    messages.success(request, _("Content shown again."))
    return redirect("safety:moderate", report_id=report.pk)


@login_required
@require_POST
def suspend(request: HttpRequest, report_id: int) -> HttpResponse:
    def perform(report, data) -> None:
        days = data.get("days")
        until = timezone.now() + timedelta(days=days) if days else None
        moderation.member_suspend(
            moderator=request.user, report=report, reason=data["reason"], until=until
        )

    return _act(request, report_id, SuspendForm, "suspend_form", perform, _("Member suspended."))


@login_required
@require_GET
def suspensions(request: HttpRequest) -> HttpResponse:
    if not permissions.is_platform_moderator(request.user):
        raise PermissionDenied
    page = page_of(request, selectors.open_suspensions(request.user))
    # Whose profile the moderator may open (the presenter links only those), in one query.
    people_shown_to(request.user, [suspension.user_id for suspension in page.object_list])
    return render(request, "safety/suspensions.html", {"page": page})


@login_required
@require_POST
def lift(request: HttpRequest, suspension_id: int) -> HttpResponse:
    try:
        moderation.suspension_lift(moderator=request.user, suspension_id=suspension_id)
    except moderation.NotAllowed:
        raise PermissionDenied from None
    except SafetyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Suspension lifted."))
    return redirect("safety:suspensions")


@login_required
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    page = page_of(request, selectors.moderation_log(request.user))
    return render(request, "safety/log.html", {"page": page})
