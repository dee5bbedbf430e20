"""Turn campaign metrics into what pages, CSV files and the API show (labels, names, chart)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuza.campaigns import catalogue
from kuza.campaigns.catalogue import CAMPAIGN, CSV, EDITION, PAGE, WIKI, Metric
from kuza.campaigns.charts import Bar, bar_chart_svg
from kuza.campaigns.metrics import CampaignMetrics, ContributorWiki, WikiTally
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors import VisibleRow, discovered_contributors, wikis_of


def language_name(code: str) -> str:
    from kuza.translation.languages import language_label

    return _("Several languages") if code == "mul" else language_label(code)


@dataclass(frozen=True)
class TableRow:
    label: str
    values: list[str]


def formatted_values(metrics: list[Metric], source: object) -> list[str]:
    return [metric.formatted(metric.value(source)) for metric in metrics]


def participant_values(source: object, place: str = PAGE) -> list[object]:
    return [
        catalogue.participant_value(metric, source)
        for metric in catalogue.participant_metrics(place)
    ]


def participant_cells(source: object) -> list[str]:
    metrics = catalogue.participant_metrics(PAGE)
    return [metric.formatted(catalogue.participant_value(metric, source)) for metric in metrics]


def card_value(metric: Metric, metrics: CampaignMetrics) -> int | float | None:
    """Headline figures are the totals', except those only the campaign has (new editors)."""
    if hasattr(metrics.totals, metric.key):
        return metric.value(metrics.totals)
    return metric.value(metrics)


def campaign_page(campaign: Campaign, metrics: CampaignMetrics | None) -> dict:
    """Context for the public campaign page (everything but the leaderboard page)."""
    names = {wiki.db_name: wiki.name for wiki in wikis_of(campaign)}
    table = catalogue.metrics_for(WIKI, PAGE)
    context: dict = {
        "metrics": metrics,
        "definitions": catalogue.definitions(),
        "columns": [metric.label for metric in table],
        "participant_columns": [metric.label for metric in catalogue.participant_metrics(PAGE)],
    }
    if metrics is None:
        return context
    context["cards"] = [
        (metric.label, metric.formatted(card_value(metric, metrics)))
        for metric in catalogue.cards()
        if CAMPAIGN in metric.scopes
    ]
    context["per_wiki"] = [
        TableRow(names.get(row.wiki, row.wiki), formatted_values(table, row.tally))
        for row in metrics.per_wiki
    ]
    context["per_language"] = [
        TableRow(language_name(row.language), formatted_values(table, row.tally))
        for row in metrics.per_language
    ]
    context["chart"] = daily_chart(metrics)
    retention = metrics.retention
    if retention is not None and retention.rate is not None:
        context["retention_text"] = _(
            "%(retained)d of %(cohort)d active contributors (%(percent)d%%) edited again."
        ) % {
            "retained": retention.retained,
            "cohort": retention.cohort,
            "percent": round(100 * retention.rate),
        }
    return context


def own_wikis(campaign: Campaign, metrics: CampaignMetrics | None, username: str) -> list[TableRow]:
    """A participant's own figures wiki by wiki, for their campaign page (also when they
    chose to stay off the leaderboard: `metrics` rows are read before that choice applies)."""
    if metrics is None or not username:
        return []
    names = {wiki.db_name: wiki.name for wiki in wikis_of(campaign)}
    for row in metrics.leaderboard:
        if row.username == username:
            return [
                TableRow(names.get(wiki.wiki, wiki.wiki), participant_cells(wiki))
                for wiki in row.wikis
            ]
    return []


def series_page(series, figures) -> dict:
    """Context of a series page: a row per edition, the totals row, and a chart of the
    articles each edition created and improved (bars dated by each edition's start)."""
    table = catalogue.metrics_for(EDITION, PAGE)
    rows = [
        (campaign, formatted_values(table, tally) if tally is not None else None)
        for campaign, tally in figures.editions
    ]
    bars = [
        Bar(campaign.start.date(), tally.articles_created + tally.articles_improved)
        for campaign, tally in figures.editions
        if tally is not None
    ]
    total = sum(bar.value for bar in bars)
    description = ngettext(
        "%(count)d article created or improved over %(editions)d editions.",
        "%(count)d articles created or improved over %(editions)d editions.",
        total,
    ) % {"count": total, "editions": len(bars)}
    return {
        "series": series,
        "columns": [metric.label for metric in table],
        "rows": rows,
        "totals": formatted_values(table, figures.totals),
        "chart": mark_safe(  # noqa: S308 - numbers, dates and escaped text only
            bar_chart_svg(bars, title=_("Articles per edition"), description=description)
        ),
        "definitions": catalogue.definitions(
            ["articles_created", "articles_improved", "active_participants", "women_share"]
        ),
    }


def daily_chart(metrics: CampaignMetrics) -> SafeString:
    bars = [Bar(day.day, day.edits) for day in metrics.daily]
    busiest = max(bars, key=lambda bar: bar.value, default=None)
    total = sum(bar.value for bar in bars)
    description = ngettext(
        "%(count)d edit over %(days)d days.", "%(count)d edits over %(days)d days.", total
    ) % {"count": total, "days": len(bars)}
    if busiest is not None and busiest.value:
        description += " " + _("Busiest day: %(day)s, with %(count)d.") % {
            "day": busiest.day.isoformat(),
            "count": busiest.value,
        }
    # The SVG is built from numbers, dates and escaped text only.
    return mark_safe(  # noqa: S308
        bar_chart_svg(bars, title=_("Edits per day"), description=description)
    )


def suggested_wiki_username(user) -> str:
    """The Wikimedia user name a member gave on their profile, if any."""
    if not user.is_authenticated:
        return ""
    profile = getattr(user, "profile", None)
    return getattr(profile, "wikimedia_username", "") or ""


# Headers name what each column counts, since "improved" means something else for one
# person than for a wiki (catalogue: articles_improved_by_contributor).
def leaderboard_csv_header() -> list[str]:
    return ["rank", "username", *(m.csv_header() for m in catalogue.participant_metrics(CSV))]


def leaderboard_csv_row(visible: VisibleRow) -> list[object]:
    return [visible.rank, visible.name, *participant_values(visible.row, CSV)]


def wiki_csv_header() -> list[str]:
    return ["wiki", "language", *(m.csv_header() for m in catalogue.metrics_for(WIKI, CSV))]


def wiki_csv_row(row: WikiTally) -> list[object]:
    values = [metric.value(row.tally) for metric in catalogue.metrics_for(WIKI, CSV)]
    return [row.wiki, row.language, *values]


def participant_wikis_csv_header() -> list[str]:
    return ["username", *wiki_csv_header()[:2], *leaderboard_csv_header()[2:]]


def participant_wikis_csv_rows(metrics: CampaignMetrics | None) -> list[list[object]]:
    """Organisers' CSV: every contributor's figures wiki by wiki (organisers see everyone)."""
    if metrics is None:
        return []
    rows: list[list[object]] = []
    for row in metrics.leaderboard:
        wiki: ContributorWiki
        for wiki in row.wikis:
            rows.append([row.username, wiki.wiki, wiki.language, *participant_values(wiki, CSV)])
    return rows


@dataclass(frozen=True)
class Contributor:
    username: str
    edits: int
    wikis: list[tuple[str, str]]  # (wiki name, user talk page URL)


def discovered_rows(campaign: Campaign) -> list[Contributor]:
    """Non-participants whose tagged edits an open campaign found, most active first."""
    wikis = {wiki.db_name: wiki for wiki in wikis_of(campaign)}
    rows = [
        Contributor(
            username=name,
            edits=sum(per_wiki.values()),
            wikis=[
                (wikis[db_name].name, wikis[db_name].user_talk_url(name))
                for db_name in sorted(per_wiki)
                if db_name in wikis
            ],
        )
        for name, per_wiki in discovered_contributors(campaign).items()
    ]
    rows.sort(key=lambda row: (-row.edits, row.username))
    return rows


def invitation_text(campaign: Campaign, campaign_url: str) -> str:
    """A message organisers can leave on contributors' talk pages."""
    return _(
        "Hello! Thank you for your edits with %(hashtag)s during %(campaign)s. The campaign "
        "counts them on its page: %(url)s. Join Kuza to take part, meet the other "
        "contributors and choose how you appear on the leaderboard. ~~~~"
    ) % {"hashtag": campaign.hashtag, "campaign": campaign.name, "url": campaign_url}
