"""Campaigns and who may see or manage them: lists, access checks, organisers."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404

from kuza.audience.selectors import access, visible_to
from kuza.campaigns.models import Campaign, CampaignWiki, Participant, UncollectableGap, Wiki
from kuza.core.viewers import is_signed_in
from kuza.people.models import Membership


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    """The campaigns `user` may see (the audience declared in integrations.py): public, as
    what they show is public wiki activity, unless moderators hid them."""
    return visible_to(Campaign.objects.all(), user)


def campaign_list(viewer=None) -> QuerySet[Campaign]:
    """The campaigns `viewer` may see (see `campaigns_visible_to`), newest first."""
    return (
        campaigns_visible_to(viewer)
        .annotate(
            participant_count=Count("participants", distinct=True),
            wiki_count=Count("campaign_wikis", distinct=True),
        )
        .order_by("-start", "name")
    )


def campaign_get(*, slug: str) -> Campaign:
    """Any campaign, hidden or not: for its organisers' pages and for leaving it."""
    try:
        return Campaign.objects.get(slug=slug)
    except Campaign.DoesNotExist:
        raise Http404 from None


def campaign_for_viewer(*, user, slug: str) -> Campaign:
    """A campaign `user` may see, or Http404: one hidden by moderators is not found.

    Whether `user` organises it is read in the same query and kept on the campaign for
    `user` only, where `is_organiser` finds it (the page, its leaderboard and its template
    all ask; a change made by a service is seen on the next request, which fetches again).
    """
    campaigns = Campaign.objects.select_related("series")  # "Edition of" on its page
    if is_signed_in(user):
        organiser = Campaign.organisers.through.objects.filter(
            campaign_id=OuterRef("pk"), user_id=user.pk
        )
        campaigns = campaigns.annotate(_viewer_organises=Exists(organiser))
    campaign = access(campaigns, user, slug=slug)
    if "_viewer_organises" in campaign.__dict__:
        organises = campaign.__dict__.pop("_viewer_organises")
        campaign.__dict__.setdefault("_organiser_known", {})[user.pk] = organises
    return campaign


def campaign_creator(campaign: Campaign):
    """The organiser who created the campaign (the first added), or None when none is left."""
    link = (
        Campaign.organisers.through.objects.filter(campaign=campaign)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return link.user if link is not None else None


def can_create_campaigns(user) -> bool:
    """Staff, and organisers of a community organisation, may start campaigns."""
    if not is_signed_in(user):
        return False
    return (
        user.is_staff
        or Membership.objects.filter(user=user, role=Membership.Role.ORGANISER).exists()
    )


def prefetched(instance, relation: str) -> bool:
    """Whether `relation` of `instance` was prefetched (a page reads it once for all)."""
    return relation in getattr(instance, "_prefetched_objects_cache", {})


def is_organiser(user, campaign: Campaign) -> bool:
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    known = campaign.__dict__.get("_organiser_known", {})
    if user.pk in known:  # read with the campaign (see `campaign_for_viewer`)
        return known[user.pk]
    if prefetched(campaign, "organisers"):
        return any(organiser.pk == user.pk for organiser in campaign.organisers.all())
    return campaign.organisers.filter(pk=user.pk).exists()


# `kuza campaign-sync --active` and the periodic job keep collecting this long after the end:
# late edits still count for retention, and a wiki that was down catches up.
ACTIVE_AFTER_END = timedelta(days=60)


def active_campaigns(*, now: datetime) -> QuerySet[Campaign]:
    """Campaigns worth collecting now: started, and not ended more than 60 days ago."""
    return Campaign.objects.filter(start__lte=now, end__gte=now - ACTIVE_AFTER_END).order_by("pk")


def is_active(campaign: Campaign, *, now: datetime) -> bool:
    """Whether `active_campaigns(now=now)` holds this campaign (without asking the database)."""
    return campaign.start <= now and campaign.end >= now - ACTIVE_AFTER_END


def campaign_for_organiser(*, user, slug: str) -> Campaign:
    """Fetch a campaign and check the user may manage it, in one step."""
    campaign = campaign_get(slug=slug)
    if not is_organiser(user, campaign):
        raise PermissionDenied
    return campaign


def participation_of(*, user, campaign: Campaign) -> Participant | None:
    if not is_signed_in(user):
        return None
    if prefetched(campaign, "participants"):  # ordered by wiki user name, like the query
        return next((row for row in campaign.participants.all() if row.user_id == user.pk), None)
    return campaign.participants.filter(user=user).first()


def campaign_wikis(campaign: Campaign) -> list[CampaignWiki]:
    """The campaign's wikis with their worklists (prefetched with their wiki by the page)."""
    if prefetched(campaign, "campaign_wikis"):
        return list(campaign.campaign_wikis.all())
    return list(campaign.campaign_wikis.select_related("wiki"))


def wikis_of(campaign: Campaign) -> list[Wiki]:
    """The campaign's wikis in the wikis' own order, read with its `campaign_wikis` rows (the
    page prefetches those once for its metrics, names and translations alike)."""
    wikis = [row.wiki for row in campaign_wikis(campaign)]
    return sorted(wikis, key=lambda wiki: (wiki.project, wiki.language, wiki.pk))


def wiki_choices() -> QuerySet[Wiki]:
    return Wiki.objects.order_by("project", "language")


def gaps_of(campaign: Campaign) -> QuerySet[UncollectableGap]:
    return campaign.uncollectable_gaps.select_related("wiki")
