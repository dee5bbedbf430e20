"""What a campaign is linked to, as its page and API show it: events and badges.

The links are kept by the apps that own them (events.Event.campaign, rewards on offer through
the achievements event such as credentials' badge rules, programs.Programme.campaigns); this
module reads them for the campaign's side, showing each viewer only what they may see
elsewhere. Programmes are shown with programs' own `{% part_of_programmes campaign %}` tag.
"""

from __future__ import annotations

from django.db.models import QuerySet

from kuza.campaigns.models import Campaign
from kuza.core import achievements


def linked_events(campaign: Campaign, viewer) -> QuerySet:
    """Events (edit-a-thons) linked to the campaign that `viewer` may see, in date order."""
    from kuza.events.selectors import events_visible_to

    return events_visible_to(viewer).filter(campaign=campaign).order_by("starts_at", "pk")


def badge_rewards(campaign: Campaign) -> list[achievements.Reward]:
    """Badges on offer for taking part in this campaign (or in every campaign), fewest edits
    first. Badge classes and their criteria are public (Open Badges hosted verification), so
    everyone may see which badge a campaign awards and from how many counted edits."""
    return achievements.rewards_for(achievements.CAMPAIGN_PARTICIPATION, campaign.slug)
