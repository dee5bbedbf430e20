"""What a campaign is linked to, as its page and API show it: events and badges.

The links are kept by the apps that own them (events.Event.campaign, a credentials award
rule naming the campaign's slug, programs.Programme.campaigns); this module reads them for
the campaign's side, showing each viewer only what they may see elsewhere. Programmes are
shown with programs' own `{% part_of_programmes campaign %}` tag.
"""

from __future__ import annotations

from django.db.models import QuerySet

from kuza.campaigns.models import Campaign


def linked_events(campaign: Campaign, viewer) -> QuerySet:
    """Events (edit-a-thons) linked to the campaign that `viewer` may see, in date order."""
    from kuza.events.selectors import events_visible_to

    return events_visible_to(viewer).filter(campaign=campaign).order_by("starts_at", "pk")


def badge_rules(campaign: Campaign) -> QuerySet:
    """Active participation badge rules for this campaign (or for every campaign).

    Badge classes and their criteria are public (Open Badges hosted verification), so
    everyone may see which badge a campaign awards and from how many counted edits.
    """
    from kuza.credentials.models import AwardRule

    return (
        AwardRule.objects.filter(
            kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION,
            is_active=True,
            target_key__in=[campaign.slug, ""],
        )
        .select_related("badge_class")
        .order_by("threshold", "badge_class__name", "pk")
    )
