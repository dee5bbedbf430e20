"""Campaigns and their metrics as JSON; public, like the campaign pages."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import create_model

from kuza.api.auth import token_or_session
from kuza.api.errors import answers
from kuza.campaigns import catalogue, links, selectors
from kuza.campaigns.catalogue import API, WIKI, Metric
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


def _figures_schema(name: str, metrics: list[Metric], **extra) -> type[Schema]:
    """A schema with one field per catalogue metric, described by its English definition."""
    definitions = catalogue.english_definitions()
    fields = {
        metric.key: (
            float | None if metric.share else int,
            Field(description=definitions[metric.key]),
        )
        for metric in metrics
    }
    return create_model(name, __base__=Schema, **extra, **fields)


TallyOut = _figures_schema("TallyOut", catalogue.metrics_for(WIKI, API))
ContributorWikiOut = _figures_schema(
    "ContributorWikiOut",
    catalogue.participant_metrics(API),
    wiki=(str, ...),
    language=(str, ...),
)


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


class GoalOut(Schema):
    metric: str = Field(description="The key of a figure in `definitions`.")
    target: int
    value: int | None = Field(description="The figure as of the last collection; null before.")
    percent: int | None = Field(description="Whole percent of the target, rounded down.")
    reached: bool


class CampaignDetailOut(CampaignOut):
    description: str = Field(description="Markdown, translated like the name, part by part.")
    events: list[LinkedEventOut]
    badges: list[BadgeRuleOut]
    metrics: MetricsOut | None
    goals: list[GoalOut]
    periods_not_collected: list[GapOut]
    revisions_removed: int = Field(
        description="Revisions in the window that no longer count: their page was deleted, or "
        "they were hidden, as the wikis' logs said at the last collection."
    )
    definitions: dict[str, str]


LeaderboardRowOut = _figures_schema(
    "LeaderboardRowOut",
    catalogue.participant_metrics(API),
    rank=(int, ...),
    # The wiki user name, or a neutral label when the caller may not see this person named.
    username=(str, ...),
    named=(bool, ...),
)
ParticipantWikisOut = create_model(
    "ParticipantWikisOut",
    __base__=Schema,
    username=(str, ...),
    wikis=(list[ContributorWikiOut], ...),
)


def _participant(row) -> dict:
    return {
        metric.key: catalogue.participant_value(metric, row)
        for metric in catalogue.participant_metrics(API)
    }


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
    return {metric.key: metric.value(tally) for metric in catalogue.metrics_for(WIKI, API)}


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


EditionTallyOut = _figures_schema("EditionTallyOut", catalogue.metrics_for(catalogue.EDITION, API))


class EditionOut(Schema):
    slug: str
    name: str
    start: datetime
    end: datetime
    totals: EditionTallyOut | None = Field(description="Null before its first collection.")


class SeriesOut(Schema):
    slug: str
    name: str
    editions: list[EditionOut]
    totals: EditionTallyOut = Field(
        description="All collected editions: a page created in one edition and improved in "
        "a later one counts once, as created; each person counts once."
    )


def _edition_tally(tally) -> dict:
    return {m.key: m.value(tally) for m in catalogue.metrics_for(catalogue.EDITION, API)}


@router.get("/series/{slug}", response=SeriesOut)
def series_detail(request: HttpRequest, slug: str):
    """A series of editions (#SheSaid 2021, 2022, ...), each edition and the series added up."""
    series = selectors.series_for_viewer(viewer=request.user, slug=slug)
    figures = selectors.series_figures(series, viewer=request.user)
    return {
        "slug": series.slug,
        "name": series.name,
        "editions": [
            {
                "slug": campaign.slug,
                "name": translated_field(campaign, "name").text,
                "start": campaign.start,
                "end": campaign.end,
                "totals": _edition_tally(tally) if tally is not None else None,
            }
            for campaign, tally in figures.editions
        ],
        "totals": _edition_tally(figures.totals),
    }


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
        "goals": [row.as_api() for row in selectors.goal_progress(campaign, metrics)],
        "periods_not_collected": [
            {"wiki": gap.wiki.db_name, "start": gap.start, "end": gap.end}
            for gap in selectors.gaps_of(campaign)
        ],
        "revisions_removed": selectors.removed_revision_count(campaign),
        "definitions": {metric.key: str(metric.definition) for metric in catalogue.METRICS},
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
            **_participant(visible.row),
        }
        for visible in rows
    ]


def _wikis(row) -> list[dict]:
    return [
        {"wiki": wiki.wiki, "language": wiki.language, **_participant(wiki)} for wiki in row.wikis
    ]


@router.get("/{slug}/participants/wikis", response=list[ParticipantWikisOut], auth=token_or_session)
@paginate
@answers(403)
def participant_wikis(request: HttpRequest, slug: str):
    """Organisers: each contributor's figures wiki by wiki (everyone, named)."""
    campaign = selectors.campaign_for_viewer(user=request.auth, slug=slug)
    if not selectors.is_organiser(request.auth, campaign):
        raise HttpError(403, _("Only the campaign's organisers see every participant's wikis."))
    metrics = selectors.campaign_metrics(campaign)
    rows = metrics.leaderboard if metrics else ()
    return [{"username": row.username, "wikis": _wikis(row)} for row in rows]


@router.get("/{slug}/me", response=ParticipantWikisOut, auth=token_or_session)
def my_figures(request: HttpRequest, slug: str):
    """The caller's own figures in this campaign, wiki by wiki (404 when not taking part)."""
    campaign = selectors.campaign_for_viewer(user=request.auth, slug=slug)
    participation = selectors.participation_of(user=request.auth, campaign=campaign)
    metrics = selectors.campaign_metrics(campaign)
    if participation is None:
        raise Http404
    for row in metrics.leaderboard if metrics else ():
        if row.username == participation.wiki_username:
            return {"username": row.username, "wikis": _wikis(row)}
    return {"username": participation.wiki_username, "wikis": []}
