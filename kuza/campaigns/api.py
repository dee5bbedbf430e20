"""Campaigns and their metrics as JSON; public, like the campaign pages."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kuza.campaigns import links, selectors
from kuza.campaigns.definitions import METRIC_TEXTS
from kuza.campaigns.metrics import CampaignMetrics, Tally
from kuza.translation.selectors import translated_field

router = Router(tags=["campaigns"])


class CampaignOut(Schema):
    slug: str
    name: str = Field(description="In the reader's language where translated (Accept-Language).")
    source_language: str = Field(description="The language the organisers wrote the texts in.")
    hashtag: str
    start: datetime
    end: datetime
    time_zone: str
    is_open: bool
    wikis: list[str]
    last_collected: datetime | None


class TallyOut(Schema):
    edits: int
    articles_created: int
    articles_improved: int
    bytes_added: int
    net_bytes: int
    files_uploaded: int
    active_participants: int


class WikiTallyOut(Schema):
    wiki: str
    language: str
    tally: TallyOut


class LanguageTallyOut(Schema):
    language: str
    wikis: list[str]
    tally: TallyOut


class DayOut(Schema):
    day: date
    edits: int
    articles_created: int
    bytes_added: int


class RetentionOut(Schema):
    period_start: datetime
    period_end: datetime
    cohort: int
    retained: int


class GapOut(Schema):
    wiki: str
    start: datetime
    end: datetime


class MetricsOut(Schema):
    totals: TallyOut
    new_editors: int
    retention: RetentionOut | None
    retention_start: datetime
    per_wiki: list[WikiTallyOut]
    per_language: list[LanguageTallyOut]
    daily: list[DayOut]


class LinkedEventOut(Schema):
    id: int
    title: str
    starts_at: datetime
    url: str


class BadgeRuleOut(Schema):
    badge: str
    url: str
    least_counted_edits: int


class CampaignDetailOut(CampaignOut):
    description: str = Field(description="Markdown, translated like the name, part by part.")
    events: list[LinkedEventOut]
    badges: list[BadgeRuleOut]
    metrics: MetricsOut | None
    periods_not_collected: list[GapOut]
    revisions_removed: int = Field(
        description="Revisions in the window that no longer count: their page was deleted, or "
        "they were hidden, as the wikis' logs said at the last collection."
    )
    definitions: dict[str, str]


class LeaderboardRowOut(Schema):
    rank: int
    # The wiki user name, or a neutral label when the caller may not see this person named.
    username: str
    named: bool
    edits: int
    articles_created: int
    articles_improved: int
    bytes_added: int
    net_bytes: int
    files_uploaded: int


def _campaign(campaign) -> dict:
    return {
        "slug": campaign.slug,
        "name": translated_field(campaign, "name").text,
        "source_language": campaign.language,
        "hashtag": campaign.hashtag,
        "start": campaign.start,
        "end": campaign.end,
        "time_zone": campaign.time_zone,
        "is_open": campaign.is_open,
        "wikis": [wiki.db_name for wiki in campaign.wikis.all()],
        "last_collected": campaign.last_synced_at,
    }


def _tally(tally: Tally) -> dict:
    return {name: getattr(tally, name) for name in TallyOut.model_fields}


def _metrics(metrics: CampaignMetrics) -> dict:
    retention = metrics.retention
    return {
        "totals": _tally(metrics.totals),
        "new_editors": metrics.new_editors,
        "retention": None
        if retention is None
        else {
            "period_start": retention.period_start,
            "period_end": retention.period_end,
            "cohort": retention.cohort,
            "retained": retention.retained,
        },
        "retention_start": metrics.retention_start,
        "per_wiki": [
            {"wiki": row.wiki, "language": row.language, "tally": _tally(row.tally)}
            for row in metrics.per_wiki
        ],
        "per_language": [
            {"language": row.language, "wikis": list(row.wikis), "tally": _tally(row.tally)}
            for row in metrics.per_language
        ],
        "daily": [
            {
                "day": day.day,
                "edits": day.edits,
                "articles_created": day.articles_created,
                "bytes_added": day.bytes_added,
            }
            for day in metrics.daily
        ],
    }


@router.get("/", response=list[CampaignOut])
@paginate
def campaign_list(request: HttpRequest):
    """Every campaign, newest first (not those moderators hid)."""
    campaigns = selectors.campaign_list(request.user).prefetch_related("wikis")
    return [_campaign(campaign) for campaign in campaigns]


@router.get("/{slug}", response=CampaignDetailOut)
def campaign_detail(request: HttpRequest, slug: str):
    """One campaign with all its metrics as of the last collection (null before the first),
    the periods recent changes could not reach, and the definition of every metric."""
    campaign = selectors.campaign_for_viewer(user=request.user, slug=slug)
    metrics = selectors.campaign_metrics(campaign)
    return {
        **_campaign(campaign),
        "description": translated_field(campaign, "description").text,
        "events": [
            {
                "id": event.pk,
                "title": translated_field(event, "title").text,
                "starts_at": event.starts_at,
                "url": request.build_absolute_uri(event.get_absolute_url()),
            }
            for event in links.linked_events(campaign, request.user)
        ],
        "badges": [
            {
                "badge": reward.label,
                "url": request.build_absolute_uri(reward.url),
                "least_counted_edits": reward.threshold or 1,
            }
            for reward in links.badge_rewards(campaign)
        ],
        "metrics": _metrics(metrics) if metrics else None,
        "periods_not_collected": [
            {"wiki": gap.wiki.db_name, "start": gap.start, "end": gap.end}
            for gap in selectors.gaps_of(campaign)
        ],
        "revisions_removed": selectors.removed_revision_count(campaign),
        "definitions": {key: str(text) for key, text in METRIC_TEXTS.items()},
    }


@router.get("/{slug}/leaderboard", response=list[LeaderboardRowOut])
@paginate
def leaderboard(request: HttpRequest, slug: str):
    """Contributors by edits. Everyone is counted; people the caller may not see named (they
    hide their profile or Wikimedia name, or chose to leave leaderboards) get a neutral label."""
    campaign = selectors.campaign_for_viewer(user=request.user, slug=slug)
    metrics = selectors.campaign_metrics(campaign)
    if metrics is None:
        return []
    rows = selectors.leaderboard_for(metrics, viewer=request.user, campaign=campaign)
    return [
        {
            "rank": visible.rank,
            "username": visible.name,
            "named": visible.named,
            "edits": visible.row.edits,
            "articles_created": visible.row.articles_created,
            "articles_improved": visible.row.articles_improved,
            "bytes_added": visible.row.bytes_added,
            "net_bytes": visible.row.net_bytes,
            "files_uploaded": visible.row.files_uploaded,
        }
        for visible in rows
    ]
