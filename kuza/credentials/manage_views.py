"""Pages where organisers run their issuer: badge classes, award rules, awards, revocations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.audience.selectors import people_shown_to
from kuza.credentials import documents, forms, selectors, services
from kuza.credentials.images import ImageRejected
from kuza.credentials.models import AwardRule
from kuza.people.models import Organisation

PER_PAGE = 20


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    issuers = selectors.manageable_issuers(request.user)
    starters = selectors.organisations_without_issuer(request.user)
    has_platform = issuers.filter(is_platform=True).exists()
    if not issuers.exists() and not starters.exists():
        raise PermissionDenied
    return render(
        request,
        "credentials/manage/index.html",
        {
            "issuers": issuers,
            "starters": Paginator(starters, PER_PAGE).get_page(request.GET.get("page")),
            "can_start_platform": request.user.is_staff and not has_platform,
        },
    )


@login_required
@require_POST
def start_issuer(request: HttpRequest) -> HttpResponse:
    slug = request.POST.get("organisation", "")
    if slug:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise Http404
        issuer = services.issuer_create_for_organisation(
            organisation=organisation, actor=request.user
        )
    else:
        issuer = services.issuer_ensure_platform(actor=request.user)
    messages.success(request, _("%(name)s can now issue badges.") % {"name": issuer.name})
    return redirect("credentials:manage_issuer", uuid=issuer.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def manage_issuer(request: HttpRequest, uuid) -> HttpResponse:
    issuer = selectors.managed_issuer(user=request.user, uuid=uuid)
    form = forms.BadgeClassForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        badge_class = services.badge_class_create(
            issuer=issuer, actor=request.user, **form.cleaned_data
        )
        messages.success(request, _("Badge created."))
        return redirect("credentials:manage_badge_class", uuid=badge_class.uuid)
    page = Paginator(selectors.badge_classes_of(issuer), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "credentials/manage/issuer.html",
        {"issuer": issuer, "page": page, "form": form},
    )


@login_required
@require_GET
def manage_badge_class(request: HttpRequest, uuid) -> HttpResponse:
    badge_class = selectors.managed_badge_class(user=request.user, uuid=uuid)
    return _badge_class_page(request, badge_class)


def _badge_class_page(request, badge_class, status: int = 200, **forms_and_report) -> HttpResponse:
    page = Paginator(selectors.assertions_of(badge_class), PER_PAGE).get_page(
        request.GET.get("page")
    )
    # Whose profile the organiser may open (the presenter links only those), in one query.
    people_shown_to(request.user, [assertion.recipient_id for assertion in page.object_list])
    context = {
        "badge_class": badge_class,
        "page": page,
        "rules": [
            (rule, selectors.rule_target_label(rule)) for rule in selectors.rules_of(badge_class)
        ],
        "image_url": documents.badge_class_image_url(badge_class),
        "rule_form": forms.AwardRuleForm(viewer=request.user),
        "award_form": forms.ManualAwardForm(viewer=request.user),
        "csv_form": forms.CsvAwardForm(),
        "image_form": forms.ImageForm(),
        **forms_and_report,
    }
    return render(request, "credentials/manage/badge_class.html", context, status=status)


@login_required
@require_POST
def add_rule(request: HttpRequest, uuid) -> HttpResponse:
    badge_class = selectors.managed_badge_class(user=request.user, uuid=uuid)
    form = forms.AwardRuleForm(request.POST, viewer=request.user)
    if form.is_valid():
        try:
            rule = services.award_rule_create(
                badge_class=badge_class, actor=request.user, **form.rule_arguments()
            )
        except services.AwardError as problem:
            form.add_error("achievement", str(problem))
        else:
            messages.success(request, _("Rule saved."))
            return _offer_past_awards(rule)
    return _badge_class_page(request, badge_class, status=400, rule_form=form)


def _offer_past_awards(rule: AwardRule) -> HttpResponse:
    """Ask whether to award those who already qualify, when there are any."""
    if rule.is_active and selectors.rule_pending_achievements(rule):
        return redirect("credentials:apply_rule", uuid=rule.badge_class.uuid, rule_id=rule.pk)
    return redirect("credentials:manage_badge_class", uuid=rule.badge_class.uuid)


def _managed_rule(request: HttpRequest, uuid, rule_id: int) -> AwardRule:
    badge_class = selectors.managed_badge_class(user=request.user, uuid=uuid)
    rule = AwardRule.objects.filter(pk=rule_id, badge_class=badge_class).first()
    if rule is None:
        raise Http404
    return rule


@login_required
@require_POST
def toggle_rule(request: HttpRequest, uuid, rule_id: int) -> HttpResponse:
    rule = _managed_rule(request, uuid, rule_id)
    rule = services.award_rule_set_active(
        rule=rule, actor=request.user, is_active=request.POST.get("active") == "1"
    )
    return _offer_past_awards(rule)


@login_required
@require_http_methods(["GET", "POST"])
def apply_rule(request: HttpRequest, uuid, rule_id: int) -> HttpResponse:
    """Confirm, then award the rule's badge to everyone who already achieved its target."""
    rule = _managed_rule(request, uuid, rule_id)
    if request.method == "POST":
        awarded = services.award_rule_apply(rule=rule, actor=request.user)
        messages.success(
            request,
            ngettext(
                "Badge awarded to %(count)s person.",
                "Badge awarded to %(count)s people.",
                awarded,
            )
            % {"count": awarded},
        )
        return redirect("credentials:manage_badge_class", uuid=rule.badge_class.uuid)
    return render(
        request,
        "credentials/manage/apply_rule.html",
        {
            "rule": rule,
            "badge_class": rule.badge_class,
            "target": selectors.rule_target_label(rule),
            "count": len(selectors.rule_pending_achievements(rule)) if rule.is_active else 0,
        },
    )


@login_required
@require_POST
def award(request: HttpRequest, uuid) -> HttpResponse:
    badge_class = selectors.managed_badge_class(user=request.user, uuid=uuid)
    form = forms.ManualAwardForm(request.POST, viewer=request.user)
    if form.is_valid():
        try:
            _assertion, created = services.assertion_award_manual(
                badge_class=badge_class,
                actor=request.user,
                recipient=form.cleaned_data["person"],
                evidence_url=form.cleaned_data["evidence_url"],
                narrative=form.cleaned_data["narrative"],
            )
        except services.AwardError as problem:
            form.add_error(None, str(problem))
        else:
            if created:
                messages.success(request, _("Badge awarded."))
            else:
                messages.info(request, _("This person already holds this badge."))
            return redirect("credentials:manage_badge_class", uuid=badge_class.uuid)
    return _badge_class_page(request, badge_class, status=400, award_form=form)


@login_required
@require_POST
def award_csv(request: HttpRequest, uuid) -> HttpResponse:
    badge_class = selectors.managed_badge_class(user=request.user, uuid=uuid)
    form = forms.CsvAwardForm(request.POST, request.FILES)
    if not form.is_valid():
        return _badge_class_page(request, badge_class, status=400, csv_form=form)
    try:
        report = services.assertions_award_csv(
            badge_class=badge_class, actor=request.user, text=form.cleaned_data["file"]
        )
    except services.AwardError as problem:
        form.add_error("file", str(problem))
        return _badge_class_page(request, badge_class, status=400, csv_form=form)
    return _badge_class_page(request, badge_class, csv_report=report)


@login_required
@require_POST
def replace_image(request: HttpRequest, uuid) -> HttpResponse:
    badge_class = selectors.managed_badge_class(user=request.user, uuid=uuid)
    form = forms.ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        return _badge_class_page(request, badge_class, status=400, image_form=form)
    try:
        services.badge_class_set_image(
            badge_class=badge_class, actor=request.user, content=form.cleaned_data["image"]
        )
    except ImageRejected as rejected:
        form.add_error("image", forms.image_error(rejected.code))
        return _badge_class_page(request, badge_class, status=400, image_form=form)
    messages.success(request, _("Image replaced."))
    return redirect("credentials:manage_badge_class", uuid=badge_class.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, uuid) -> HttpResponse:
    assertion = selectors.managed_assertion(user=request.user, uuid=uuid)
    form = forms.RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.assertion_revoke(
            assertion=assertion, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Badge revoked."))
        return redirect(
            reverse("credentials:manage_badge_class", args=[assertion.badge_class.uuid])
        )
    return render(
        request,
        "credentials/manage/revoke.html",
        {
            "assertion": assertion,
            "form": form,
            "name": selectors.recipient_name(assertion),
        },
    )
