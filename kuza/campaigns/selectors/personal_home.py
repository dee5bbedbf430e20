"""What campaigns put on a member's personal home, and her own campaign choices."""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from kuza.accounts.selectors import is_signed_in
from kuza.campaigns.models import CampaignInvitation, Goal, Participant, Revision
from kuza.campaigns.selectors.access import campaigns_visible_to
from kuza.campaigns.selectors.goals import home_goals
from kuza.core import home
from kuza.core.home import HomeItem


def _own_revisions(**extra) -> Subquery:
    """A count of the participant's counted revisions on the campaign's wikis in its window
    (an expression of `home_my_campaigns`'s participations)."""
    revisions = (
        Revision.objects.filter(
            wiki__campaigns=OuterRef("campaign_id"),
            user=OuterRef("wiki_username"),
            timestamp__gte=OuterRef("campaign__start"),
            timestamp__lte=OuterRef("campaign__end"),
            removed=False,
            is_redirect=False,
            **extra,
        )
        .order_by()
        .values("user")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(revisions, output_field=IntegerField()), 0)


def home_my_campaigns(user) -> list[HomeItem]:
    """Personal home: campaigns `user` takes part in that have not ended, with their own
    figures on the campaign's wikis since it started: edits and articles created (one query)."""
    if not is_signed_in(user):
        return []
    now = timezone.now()
    participations = (
        Participant.objects.filter(user=user, campaign__end__gte=now)
        .filter(campaign__in=campaigns_visible_to(user))
        .select_related("campaign")
        .annotate(
            edits=_own_revisions(),
            created=_own_revisions(is_page_creation=True, namespace=0),
        )
        .annotate(has_goals=Exists(Goal.objects.filter(campaign=OuterRef("campaign_id"))))
        .order_by("campaign__end", "campaign_id")[: home.LIMIT]
    )
    items = [
        HomeItem(
            title=participation.campaign.name,
            source=(participation.campaign, "name"),
            url=reverse("campaigns:detail", args=[participation.campaign.slug]),
            reason=_("A campaign you take part in"),
            figure=_own_figures(participation.edits, participation.created),
            # Under way: undated, after what has a date; not started yet: by its start.
            when=participation.campaign.start if participation.campaign.start > now else None,
        )
        for participation in participations
    ]
    for participation in participations:
        if participation.has_goals:
            items += home_goals(participation.campaign)
    return items


def _own_figures(edits: int, created: int) -> str:
    figures = ngettext(
        "%(count)d edit of yours collected so far",
        "%(count)d edits of yours collected so far",
        edits,
    ) % {"count": edits}
    if created:
        figures += pgettext("between the items of a list", ", ") + ngettext(
            "%(count)d article created", "%(count)d articles created", created
        ) % {"count": created}
    return figures


def home_campaign_invitations(user) -> list[HomeItem]:
    """Personal home (waiting): campaigns an organiser invited `user` to, not yet joined."""
    if not is_signed_in(user):
        return []
    invitations = (
        CampaignInvitation.objects.filter(user=user, campaign__end__gte=timezone.now())
        .filter(campaign__in=campaigns_visible_to(user))
        .exclude(campaign__participants__user=user)
        .select_related("campaign")
        .order_by("-created_at")[: home.LIMIT]
    )
    return [
        HomeItem(
            title=invitation.campaign.name,
            url=reverse("campaigns:detail", args=[invitation.campaign.slug]),
            reason=_("The organisers invite you to take part"),
            figure=invitation.reason,
        )
        for invitation in invitations
    ]


def participations_of(user) -> QuerySet[Participant]:
    """The campaigns `user` takes part in (that she may see), newest first, for her choices
    page: whether each leaderboard names her."""
    if not is_signed_in(user):
        return Participant.objects.none()
    return (
        Participant.objects.filter(user=user, campaign__in=campaigns_visible_to(user))
        .select_related("campaign")
        .order_by("-campaign__start", "campaign_id")
    )
