"""Turn campaign metrics into what pages, CSV files and the API show (labels, names, chart)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuza.campaigns.charts import Bar, bar_chart_svg
from kuza.campaigns.definitions import METRIC_LABELS, METRIC_TEXTS
from kuza.campaigns.metrics import CampaignMetrics, Tally, WikiTally
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors import VisibleRow, discovered_contributors

# Shown as cards, in this order.
HEADLINE = (
    "edits",
    "articles_created",
    "articles_improved",
    "bytes_added",
    "files_uploaded",
    "active_participants",
)
TABLE_COLUMNS = HEADLINE


def language_name(code: str) -> str:
    from kuza.translation.languages import language_label

    return _("Several languages") if code == "mul" else language_label(code)


@dataclass(frozen=True)
class TableRow:
    label: str
    values: list[int]


def _values(tally: Tally) -> list[int]:
    return [getattr(tally, name) for name in TABLE_COLUMNS]


def campaign_page(campaign: Campaign, metrics: CampaignMetrics | None) -> dict:
    """Context for the public campaign page (everything but the leaderboard page)."""
    names = {wiki.db_name: wiki.name for wiki in campaign.wikis.all()}
    context: dict = {
        "metrics": metrics,
        "definitions": [(METRIC_LABELS[key], METRIC_TEXTS[key]) for key in METRIC_TEXTS],
        "columns": [METRIC_LABELS[name] for name in TABLE_COLUMNS],
    }
    if metrics is None:
        return context
    context["cards"] = [(METRIC_LABELS[name], getattr(metrics.totals, name)) for name in HEADLINE]
    context["per_wiki"] = [
        TableRow(names.get(row.wiki, row.wiki), _values(row.tally)) for row in metrics.per_wiki
    ]
    context["per_language"] = [
        TableRow(language_name(row.language), _values(row.tally)) for row in metrics.per_language
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
# person than for a wiki (METRIC_DEFINITIONS: articles_improved_by_contributor).
LEADERBOARD_CSV_HEADER = [
    "rank",
    "username",
    "edits (not leaving a redirect)",
    "articles_created",
    "articles_improved (edited in the window, not created by them, not a redirect)",
    "bytes_added",
    "net_bytes",
    "files_uploaded",
]
WIKI_CSV_HEADER = [
    "wiki",
    "language",
    "edits (not leaving a redirect)",
    "articles_created",
    "articles_improved (edited in the window, created by no contributor in it)",
    *TABLE_COLUMNS[3:],
    "net_bytes",
]


def leaderboard_csv_row(visible: VisibleRow) -> list[object]:
    row = visible.row
    return [
        visible.rank,
        visible.name,
        row.edits,
        row.articles_created,
        row.articles_improved,
        row.bytes_added,
        row.net_bytes,
        row.files_uploaded,
    ]


def wiki_csv_row(row: WikiTally) -> list[object]:
    return [row.wiki, row.language, *_values(row.tally), row.tally.net_bytes]


@dataclass(frozen=True)
class Contributor:
    username: str
    edits: int
    wikis: list[tuple[str, str]]  # (wiki name, user talk page URL)


def discovered_rows(campaign: Campaign) -> list[Contributor]:
    """Non-participants whose tagged edits an open campaign found, most active first."""
    wikis = {wiki.db_name: wiki for wiki in campaign.wikis.all()}
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
