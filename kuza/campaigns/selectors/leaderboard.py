"""Leaderboards as one viewer sees them: everyone counted, named only when allowed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy

from kuza.campaigns import catalogue
from kuza.campaigns.metrics import CampaignMetrics, LeaderboardRow
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors.access import is_organiser
from kuza.people.models import Profile
from kuza.people.selectors import people_visible_to
from kuza.safety.permissions import is_moderator, is_platform_moderator
from kuza.safety.selectors import blocked_with_q, users_hidden_from_leaderboards

# How a participant the viewer may not see named appears on leaderboards (page, CSV, API).
UNNAMED_PARTICIPANT = gettext_lazy("A participant")


@dataclass(frozen=True)
class VisibleRow:
    """A leaderboard row as one viewer sees it: counted always, named only when allowed."""

    rank: int
    row: LeaderboardRow
    name: str
    named: bool

    @property
    def cells(self) -> list[str]:
        """The row's figures as the page shows them, in the catalogue's column order."""
        metrics = catalogue.participant_metrics(catalogue.PAGE)
        return [
            metric.formatted(catalogue.participant_value(metric, self.row)) for metric in metrics
        ]


def sees_every_participant(viewer, campaign: Campaign) -> bool:
    """Campaign organisers (and staff) and moderators see every name on the leaderboard."""
    if is_organiser(viewer, campaign):
        return True
    # Whether the viewer moderates anything is read with the account: most members do not,
    # and are not asked again whether they moderate the whole platform.
    return is_moderator(viewer) and is_platform_moderator(viewer)


def hidden_usernames(campaign: Campaign, *, viewer) -> set[str]:
    """Wiki user names the leaderboard does not name for this viewer:
    - participants who chose to be hidden here, members who leave all leaderboards (or are
      suspended), and members blocked either way with the viewer;
    - members whose Wikimedia user name the viewer may not see (their profile, or its
      Wikimedia field, is kept from the viewer: kuza.people.visibility decides).
    Found contributors who are members are matched by the Wikimedia user name Wikimedia
    login verified on their profile. Everyone else's wiki activity is public: they are named.
    """
    if sees_every_participant(viewer, campaign):
        return set()
    hidden_members = users_hidden_from_leaderboards()
    named_members = people_visible_to(viewer, fields=("wikimedia",)).values("user_id")
    # Subqueries, all of them: the names are found in one query.
    participants = campaign.participants.filter(
        Q(hidden_from_leaderboard=True)
        | Q(user__in=hidden_members)
        | blocked_with_q(viewer, "user")
        | (Q(user__isnull=False) & ~Q(user__in=named_members))
    )
    profiles = Profile.objects.filter(wikimedia_verified=True).exclude(wikimedia_username="")
    found = profiles.filter(
        Q(user__in=hidden_members) | blocked_with_q(viewer, "user") | ~Q(user__in=named_members)
    )
    # One query for both: participants by their wiki name, found members by their profile's.
    return set(
        participants.order_by()
        .values_list("wiki_username", flat=True)
        .union(found.order_by().values_list("wikimedia_username", flat=True))
    )


def leaderboard_for(metrics: CampaignMetrics, *, viewer, campaign: Campaign) -> list[VisibleRow]:
    """Every row, ranked over everyone (all are counted in the totals); a person the viewer
    may not see named is shown as a neutral label (see `hidden_usernames`)."""
    hidden = hidden_usernames(campaign, viewer=viewer)
    neutral = str(UNNAMED_PARTICIPANT)
    return [
        VisibleRow(
            rank,
            row,
            name=neutral if row.username in hidden else row.username,
            named=row.username not in hidden,
        )
        for rank, row in enumerate(metrics.leaderboard, start=1)
    ]
