from __future__ import annotations

import csv
from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tasks import TaskResultStatus

from kuza.campaigns import (
    collection_status,
    invitation_lists,
    links,
    presentation,
    selectors,
    services,
)
from kuza.campaigns.forms import (
    BulkAddForm,
    CampaignForm,
    GoalForm,
    InvitationListForm,
    JoinForm,
    OptOutForm,
    WikiAddForm,
)
from kuza.campaigns.mediawiki import MediaWikiError
from kuza.campaigns.models import CampaignWiki, InvitationOptOut
from kuza.campaigns.tasks import campaign_sync_task, sync_interval
from kuza.core.spreadsheets import spreadsheet_safe
from kuza.translation.selectors import prefetch_translations

CAMPAIGNS_PER_PAGE = 20
LEADERBOARD_PER_PAGE = 25
PARTICIPANTS_PER_PAGE = 50
CONTRIBUTORS_PER_PAGE = 40


@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.campaign_list(request.user), CAMPAIGNS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "campaigns/list.html",
        {"page": page, "can_create": selectors.can_create_campaigns(request.user)},
    )


CAMPAIGN_WIKIS = CampaignWiki.objects.select_related("wiki")


@require_GET
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Whether the viewer organises it is read with the campaign (the page, the leaderboard
    # and the template all ask).
    campaign = selectors.campaign_for_viewer(user=request.user, slug=slug)
    # Read once for the whole page: metrics, figures, gaps, contributors and the list of wikis
    # each ask (the wikis come with their campaign rows).
    prefetch_related_objects([campaign], "participants", Prefetch("campaign_wikis", CAMPAIGN_WIKIS))
    events = list(links.linked_events(campaign, request.user))
    # The texts of everything the page names, in one query for all of them.
    prefetch_translations([campaign, *selectors.wikis_of(campaign), *events])
    metrics = selectors.campaign_metrics(campaign)
    context = presentation.campaign_page(campaign, metrics)
    if metrics is not None:
        rows = selectors.leaderboard_for(metrics, viewer=request.user, campaign=campaign)
        context["leaderboard"] = Paginator(rows, LEADERBOARD_PER_PAGE).get_page(
            request.GET.get("page")
        )
    participation = selectors.participation_of(user=request.user, campaign=campaign)
    context.update(
        {
            "campaign": campaign,
            "participation": participation,
            "join_form": JoinForm(
                initial={"wiki_username": presentation.suggested_wiki_username(request.user)}
            )
            if request.user.is_authenticated and participation is None
            else None,
            "is_organiser": selectors.is_organiser(request.user, campaign),
            "gaps": selectors.gaps_of(campaign),
            "removed_revisions": selectors.campaign_removed_revisions(campaign) if metrics else 0,
            "events": events,
            "wikis": selectors.wikis_of(campaign),
            "goals": selectors.goal_progress(campaign, metrics),
            "own_wikis": presentation.own_wikis(
                campaign, metrics, participation.wiki_username if participation else ""
            ),
            "badge_rewards": links.badge_rewards(campaign),
        }
    )
    if context["is_organiser"]:
        context["collection"] = collection_status.wiki_statuses(
            campaign,
            interval=sync_interval(),
            active=selectors.is_active(campaign, now=timezone.now()),
        )
    return render(request, "campaigns/detail.html", context)


def _csv_response(filename: str, header: list[str], rows: Iterable[list[object]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    return response


@require_GET
def leaderboard_csv(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = selectors.campaign_for_viewer(user=request.user, slug=slug)
    metrics = selectors.campaign_metrics(campaign)
    rows = (
        selectors.leaderboard_for(metrics, viewer=request.user, campaign=campaign)
        if metrics
        else []
    )
    return _csv_response(
        f"{campaign.slug}-leaderboard.csv",
        presentation.leaderboard_csv_header(),
        (presentation.leaderboard_csv_row(visible) for visible in rows),
    )


@require_GET
def wikis_csv(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = selectors.campaign_for_viewer(user=request.user, slug=slug)
    metrics = selectors.campaign_metrics(campaign)
    return _csv_response(
        f"{campaign.slug}-wikis.csv",
        presentation.wiki_csv_header(),
        (presentation.wiki_csv_row(row) for row in (metrics.per_wiki if metrics else ())),
    )


@login_required
@require_GET
def participant_wikis_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Organisers: every contributor's figures wiki by wiki."""
    campaign = selectors.campaign_for_organiser(user=request.user, slug=slug)
    return _csv_response(
        f"{campaign.slug}-participants-wikis.csv",
        presentation.participant_wikis_csv_header(),
        presentation.participant_wikis_csv_rows(selectors.campaign_metrics(campaign)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_join(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = selectors.campaign_for_viewer(user=request.user, slug=slug)
    participation = selectors.participation_of(user=request.user, campaign=campaign)
    initial = {
        "wiki_username": participation.wiki_username
        if participation
        else presentation.suggested_wiki_username(request.user),
        "hidden_from_leaderboard": participation.hidden_from_leaderboard
        if participation
        else False,
    }
    form = JoinForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_join(
                campaign=campaign,
                user=request.user,
                wiki_username=form.cleaned_data["wiki_username"],
                hidden_from_leaderboard=form.cleaned_data["hidden_from_leaderboard"],
            )
        except ValidationError as error:
            form.add_error("wiki_username", error)
        else:
            messages.success(request, _("You take part in %(name)s.") % {"name": campaign.name})
            return redirect(campaign)
    return render(
        request,
        "campaigns/join.html",
        {"campaign": campaign, "form": form, "participation": participation},
    )


@login_required
@require_POST
def campaign_leave(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = selectors.campaign_get(slug=slug)
    services.participant_leave(campaign=campaign, user=request.user)
    messages.success(request, _("You no longer take part in %(name)s.") % {"name": campaign.name})
    return redirect(campaign)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    if not selectors.can_create_campaigns(request.user):
        raise PermissionDenied
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                campaign = services.campaign_create(
                    organiser=request.user,
                    wikis=list(data["wikis"]),
                    worklist=data["worklist"],
                    **{name: data[name] for name in CampaignForm.Meta.fields},
                )
                services.campaign_series_set(campaign=campaign, name=data["series_name"])
        except ValidationError as error:
            form.add_error("series_name", error)
        else:
            messages.success(request, _("Campaign created. Add participants, then collect."))
            return redirect(campaign)
    return render(request, "campaigns/form.html", {"form": form, "campaign": None})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = selectors.campaign_for_organiser(user=request.user, slug=slug)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in CampaignForm.Meta.fields if name in form.fields}
        try:
            with transaction.atomic():
                updated = services.campaign_update(
                    campaign=selectors.campaign_get(slug=slug),
                    wikis=list(data["wikis"]),
                    worklist=data["worklist"],
                    **fields,
                )
                services.campaign_series_set(campaign=updated, name=data["series_name"])
        except ValidationError as error:
            form.add_error("series_name", error)
        else:
            messages.success(request, _("Campaign saved."))
            return redirect(campaign)
    return render(request, "campaigns/form.html", {"form": form, "campaign": campaign})


@login_required
@require_POST
def campaign_sync_request(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = selectors.campaign_for_organiser(user=request.user, slug=slug)
    collection_status.collection_requested(campaign)
    result = campaign_sync_task.enqueue(campaign.pk)
    if not result.is_finished:
        messages.info(
            request,
            _(
                "Collection queued: “Collection” below shows each wiki waiting, collecting, "
                "then done or failed with the reason. Reload the page to follow it."
            ),
        )
    elif result.status != TaskResultStatus.SUCCESSFUL:
        messages.error(request, _("The collection failed; “Collection” below says why."))
    elif (result.return_value or {}).get("skipped"):
        messages.info(request, _("A collection of this campaign is already running."))
    elif (result.return_value or {}).get("errors"):
        messages.warning(request, _("Collected, but some wikis failed; “Collection” says why."))
    else:
        stored = (result.return_value or {}).get("revisions_stored", 0)
        messages.success(
            request,
            ngettext(
                "Collected: %(count)s new edit stored.",
                "Collected: %(count)s new edits stored.",
                stored,
            )
            % {"count": stored},
        )
    return redirect(campaign)


@login_required
@require_http_methods(["GET", "POST"])
def participants_manage(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = selectors.campaign_for_organiser(user=request.user, slug=slug)
    form = BulkAddForm(request.POST or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.participants_bulk_add(
                campaign=campaign, organiser=request.user, text=form.cleaned_data["usernames"]
            )
        except ValidationError as error:
            form.add_error("usernames", error)
        except MediaWikiError:
            form.add_error(
                None, _("The wikis could not be asked right now; nothing was added. Try again.")
            )
    page = Paginator(campaign.participants.select_related("user"), PARTICIPANTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "campaigns/participants.html",
        {"campaign": campaign, "form": form, "report": report, "page": page},
    )


@login_required
@require_http_methods(["GET", "POST"])
def goals_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Organisers set a target on a figure, change it, or remove it."""
    campaign = selectors.campaign_for_organiser(user=request.user, slug=slug)
    form = GoalForm(request.POST if "target" in request.POST else None)
    if request.method == "POST" and "remove" in request.POST:
        services.goal_remove(campaign=campaign, metric=request.POST["remove"])
        messages.success(request, _("Goal removed."))
        return redirect("campaigns:goals", slug=campaign.slug)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_set(campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Goal saved."))
            return redirect("campaigns:goals", slug=campaign.slug)
    return render(
        request,
        "campaigns/goals.html",
        {
            "campaign": campaign,
            "form": form,
            "goals": selectors.goal_progress(campaign, selectors.campaign_metrics(campaign)),
        },
    )


@login_required
@require_GET
def contributors_invite(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = selectors.campaign_for_organiser(user=request.user, slug=slug)
    rows = presentation.discovered_rows(campaign)
    page = Paginator(rows, CONTRIBUTORS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "campaigns/contributors.html",
        {
            "campaign": campaign,
            "page": page,
            "invitation": presentation.invitation_text(
                campaign, request.build_absolute_uri(campaign.get_absolute_url())
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Organisers: ask the worker for the editors who did most for a worklist's pages, follow
    the list's state, and invite the members among them."""
    campaign = selectors.campaign_for_organiser(user=request.user, slug=slug)
    if request.method == "POST" and "member" in request.POST:
        invited = invitation_lists.member_invite(
            campaign=campaign,
            user_id=_int_or_404(request.POST["member"]),
            organiser=request.user,
            reason=request.POST.get("reason", ""),
        )
        if invited:
            messages.success(request, _("Invited: the campaign is on their home page."))
        else:
            messages.info(request, _("Already invited, or they asked not to be suggested."))
        return redirect(request.get_full_path())
    if request.method == "POST" and "again" in request.POST:
        failed = get_object_or_404(
            campaign.invitation_lists, pk=_int_or_404(request.POST["again"]), state="failed"
        )
        invitation_lists.invitation_list_again(made=failed, organiser=request.user)
        messages.info(
            request, _("The list is being built; reload this page to see it when it is ready.")
        )
        return redirect("campaigns:invitation_list", slug=campaign.slug)
    form = InvitationListForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation_lists.invitation_list_request(
                campaign=campaign,
                organiser=request.user,
                wiki=data["wiki"],
                titles=data["titles"].splitlines(),
                category=data["category"],
                days=data["days"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.info(
                request,
                _("The list is being built; reload this page to see it when it is ready."),
            )
            return redirect("campaigns:invitation_list", slug=campaign.slug)
    invitation_lists.invitation_lists_recover(campaign)
    lists = invitation_lists.lists_of(campaign)
    latest = lists[0] if lists else None
    rows = None
    if latest is not None and latest.state == latest.State.DONE:
        rows = invitation_lists.rows_for(
            campaign, invitation_lists.stored_suggestions(latest), viewer=request.user
        )
    return render(
        request,
        "campaigns/invitations.html",
        {"campaign": campaign, "form": form, "lists": lists, "latest": latest, "rows": rows},
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_choices(request: HttpRequest) -> HttpResponse:
    """A member's campaign choices in one place (linked from her settings page): whether
    each campaign she takes part in names her on its leaderboard, and whether organisers'
    invitation lists may suggest her."""
    if request.method == "POST" and "participant" in request.POST:
        participant = get_object_or_404(
            selectors.participations_of(request.user),
            pk=_int_or_404(request.POST["participant"]),
        )
        services.participant_set_hidden(
            participant=participant, hidden=request.POST.get("hidden") == "1"
        )
        messages.success(request, _("Your choice is saved."))
        return redirect("campaigns:my_choices")
    current = InvitationOptOut.objects.filter(user=request.user).exists()
    # Unticking the box posts no field at all: still a submission.
    form = OptOutForm(
        request.POST if request.method == "POST" else None, initial={"opted_out": current}
    )
    if request.method == "POST" and form.is_valid():
        invitation_lists.opt_out_set(user=request.user, opted_out=form.cleaned_data["opted_out"])
        messages.success(request, _("Your choice is saved."))
        return redirect("campaigns:my_choices")
    return render(
        request,
        "campaigns/my_choices.html",
        {"form": form, "participations": selectors.participations_of(request.user)},
    )


def _int_or_404(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


@require_GET
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = selectors.series_for_viewer(viewer=request.user, slug=slug)
    figures = selectors.series_figures(series, viewer=request.user)
    return render(request, "campaigns/series.html", presentation.series_page(series, figures))


@login_required
@require_http_methods(["GET", "POST"])
def wiki_add(request: HttpRequest) -> HttpResponse:
    if not selectors.can_create_campaigns(request.user):
        raise PermissionDenied
    form = WikiAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wiki = services.wiki_register(api_url=form.cleaned_data["api_url"], user=request.user)
        except ValidationError as error:
            form.add_error("api_url", error)
        else:
            messages.success(request, _("%(name)s can now be chosen.") % {"name": wiki.name})
            return redirect("campaigns:list")
    return render(request, "campaigns/wiki_add.html", {"form": form})
