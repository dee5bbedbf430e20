"""Reads for campaigns, one module per concern; the names every caller uses are here.

- access: campaigns and who may see or manage them;
- tracking: whom a campaign tracks; revisions: the stored revisions it may count;
- figures: its metrics, cached, and its figures over part of its window;
- leaderboard: as one viewer sees it; goals: progress against targets;
- personal_home: what campaigns put on a member's home; series: editions added up.
"""

from __future__ import annotations

from kuza.campaigns.selectors.access import (
    ACTIVE_AFTER_END,
    active_campaigns,
    campaign_creator,
    campaign_for_organiser,
    campaign_for_viewer,
    campaign_get,
    campaign_list,
    campaign_wikis,
    campaigns_visible_to,
    can_create_campaigns,
    gaps_of,
    is_active,
    is_organiser,
    participation_of,
    wiki_choices,
    wikis_of,
)
from kuza.campaigns.selectors.figures import (
    METRICS_VERSION,
    campaign_metrics,
    campaign_removed_revisions,
    compute_campaign_metrics,
    figures_between,
)
from kuza.campaigns.selectors.goals import GoalProgress, goal_progress, goal_rows, home_goals
from kuza.campaigns.selectors.leaderboard import (
    UNNAMED_PARTICIPANT,
    VisibleRow,
    hidden_usernames,
    leaderboard_for,
    sees_every_participant,
)
from kuza.campaigns.selectors.personal_home import (
    home_campaign_invitations,
    home_my_campaigns,
    participations_of,
)
from kuza.campaigns.selectors.revisions import (
    campaign_facts,
    campaign_revisions,
    campaign_rows,
    campaign_window,
    metric_participants,
    removed_revision_count,
)
from kuza.campaigns.selectors.series import SeriesFigures, series_figures, series_for_viewer
from kuza.campaigns.selectors.tracking import (
    discovered_contributors,
    enrolled_usernames,
    tracked_usernames,
)

__all__ = [
    "ACTIVE_AFTER_END",
    "GoalProgress",
    "METRICS_VERSION",
    "SeriesFigures",
    "UNNAMED_PARTICIPANT",
    "VisibleRow",
    "active_campaigns",
    "campaign_creator",
    "campaign_facts",
    "campaign_for_organiser",
    "campaign_for_viewer",
    "campaign_get",
    "campaign_list",
    "campaign_metrics",
    "campaign_removed_revisions",
    "campaign_revisions",
    "campaign_rows",
    "campaign_wikis",
    "campaign_window",
    "campaigns_visible_to",
    "can_create_campaigns",
    "compute_campaign_metrics",
    "discovered_contributors",
    "enrolled_usernames",
    "figures_between",
    "gaps_of",
    "goal_progress",
    "goal_rows",
    "hidden_usernames",
    "home_campaign_invitations",
    "home_goals",
    "home_my_campaigns",
    "participations_of",
    "is_active",
    "is_organiser",
    "leaderboard_for",
    "metric_participants",
    "participation_of",
    "removed_revision_count",
    "sees_every_participant",
    "series_figures",
    "series_for_viewer",
    "tracked_usernames",
    "wiki_choices",
    "wikis_of",
]
