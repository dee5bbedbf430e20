"""The one declaration of every campaign metric: key, label, definition, where it is shown.

Campaign pages, CSV files, the API, goals and series pages iterate over `METRICS`; nothing
else spells a metric's label or definition. A new metric is one `Metric` here plus its
computation in `metrics.py`: a field (or property) of the same name on `Tally` (campaign,
wiki, language, edition) and on `LeaderboardRow` / `ContributorWiki` (participant).

The English definitions are the contract `metrics.py` implements (its tests read them);
translators translate them here, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Where a metric has a figure.
CAMPAIGN = "campaign"  # headline of a campaign (and the totals of a series)
WIKI = "wiki"  # per wiki and per language tables
PARTICIPANT = "participant"  # leaderboard rows and each participant's wikis
EDITION = "edition"  # one row per edition on a series page
# Where it is shown.
PAGE, CSV, API = "page", "csv", "api"
EVERYWHERE = frozenset({PAGE, CSV, API})


@dataclass(frozen=True)
class Metric:
    """A figure, or a term the figures rely on (`scopes` empty: only defined on the page).

    `card`: a headline card on the campaign page. `share`: a fraction shown as a percentage,
    None when undefined. `goal`: organisers may set a goal on it. `csv_note`: what the CSV
    header adds in English to the key, when a column could be misread.
    """

    key: str
    label: Promise
    definition: Promise
    scopes: frozenset[str] = frozenset()
    shown: frozenset[str] = EVERYWHERE
    card: bool = False
    share: bool = False
    goal: bool = False
    csv_note: str = ""

    def value(self, source: object) -> int | float | None:
        return getattr(source, self.key)

    def csv_header(self) -> str:
        return f"{self.key} ({self.csv_note})" if self.csv_note else self.key

    def formatted(self, value: int | float | None) -> str:
        """The value as a page shows it: a share as a whole percentage, empty when None."""
        if value is None:
            return "–"
        if self.share:
            return f"{round(100 * value)} %"
        return str(value)


_FIGURES = frozenset({CAMPAIGN, WIKI, PARTICIPANT, EDITION})

METRICS: tuple[Metric, ...] = (
    Metric(
        "counted_revision",
        _("Counted revision"),
        _(
            "A revision made from the start of the campaign up to, but not including, its "
            "end, either by an enrolled participant or, when the campaign is open, by anyone "
            "whose edit summary carries the hashtag as a whole word (# or ＃, any letter "
            "case). When the campaign requires its hashtag, every counted revision must carry"
            " it; when it has a worklist, the page must be on it; when it excludes bots, bot "
            "edits are never counted. A revision that leaves its page a redirect counts in no"
            " figure (edits, bytes, articles)."
        ),
    ),
    Metric(
        "edits",
        _("Edits"),
        _(
            "Counted revisions in the campaign's content namespaces, except those that leave "
            "the page a redirect."
        ),
        scopes=_FIGURES,
        card=True,
        goal=True,
        csv_note="not leaving a redirect",
    ),
    Metric(
        "articles_created",
        _("Articles created"),
        _(
            "Distinct content pages whose first revision is a counted revision and is not a "
            "redirect. Each is credited to the participant who made that first revision."
        ),
        scopes=_FIGURES,
        card=True,
        goal=True,
    ),
    Metric(
        "articles_improved",
        _("Articles improved"),
        _(
            "For the campaign, a wiki or a language: distinct content pages edited by a "
            "counted revision that does not leave them a redirect, and that no contributor "
            "created during the campaign (created as a counted article), whoever else began "
            "them. Created and improved count each page once."
        ),
        scopes=frozenset({CAMPAIGN, WIKI, EDITION}),
        card=True,
        goal=True,
        csv_note="edited in the window, created by no contributor in it",
    ),
    Metric(
        "articles_improved_by_contributor",
        _("Articles improved by a contributor"),
        _(
            "For one contributor (leaderboard): distinct content pages they edited during the"
            " campaign, by a counted revision that does not leave the page a redirect, and "
            "did not create themselves. Two people improving one page both get it, so rows "
            "may add up to more than the campaign's figure."
        ),
        scopes=frozenset({PARTICIPANT}),
        csv_note="edited in the window, not created by them, not a redirect",
    ),
    Metric(
        "bytes_added",
        _("Bytes added"),
        _(
            "Sum of the size increases of counted content edits; edits that shrink a page "
            "add nothing."
        ),
        scopes=_FIGURES,
        card=True,
        goal=True,
    ),
    Metric(
        "net_bytes",
        _("Net bytes"),
        _("Sum of the size changes of counted content edits, removals included."),
        scopes=_FIGURES,
        shown=frozenset({CSV, API}),
    ),
    Metric(
        "files_uploaded",
        _("Files uploaded"),
        _(
            "Distinct files uploaded by counted revisions (new file pages or upload log "
            "entries), in any namespace, counted separately from articles."
        ),
        scopes=_FIGURES,
        card=True,
    ),
    Metric(
        "active_participants",
        _("Active contributors"),
        _(
            "Distinct contributors with at least one counted edit: enrolled participants, and"
            " in an open campaign everyone credited through the hashtag."
        ),
        scopes=frozenset({CAMPAIGN, WIKI, EDITION}),
        card=True,
        goal=True,
    ),
    Metric(
        "biographies_created",
        _("Biographies created"),
        _(
            "Articles created whose Wikidata item (the page's wikibase_item property) is an "
            "instance of human (P31 = Q5)."
        ),
        scopes=_FIGURES,
        card=True,
    ),
    Metric(
        "biographies_improved",
        _("Biographies improved"),
        _("Articles improved whose Wikidata item is an instance of human (P31 = Q5)."),
        scopes=_FIGURES,
    ),
    Metric(
        "women",
        _("Biographies of women"),
        _(
            "Biographies created or improved whose sex or gender (P21) is female (Q6581072) "
            "or trans woman (Q1052281). An item with several values counts once: as a woman "
            "if any value says so, else as a man, else as other."
        ),
        scopes=_FIGURES,
        card=True,
        goal=True,
    ),
    Metric(
        "men",
        _("Biographies of men"),
        _(
            "Biographies created or improved whose sex or gender (P21) is male (Q6581097) or "
            "trans man (Q2449503), and none of the women's values."
        ),
        scopes=_FIGURES,
    ),
    Metric(
        "other_gender",
        pgettext_lazy("sex or gender", "Other"),
        _("Biographies created or improved with any other value of sex or gender (P21)."),
        scopes=_FIGURES,
    ),
    Metric(
        "unknown_gender",
        pgettext_lazy("sex or gender", "Unknown"),
        _(
            "Biographies created or improved whose item states no sex or gender, or states it"
            " as unknown."
        ),
        scopes=_FIGURES,
    ),
    Metric(
        "women_share",
        _("Women's share"),
        _(
            "Biographies of women divided by the biographies whose sex or gender is known "
            "(women, men and other). Empty when there are none. Each collection reads "
            "Wikidata for new pages and items, and again for those read longer ago than the "
            "refresh interval; a page not linked to an item is not a biography."
        ),
        scopes=_FIGURES,
        card=True,
        share=True,
    ),
    Metric(
        "new_editors",
        _("New editors"),
        _(
            "Active contributors whose account was registered during the campaign; accounts "
            "with no known registration date are not counted as new."
        ),
        scopes=frozenset({CAMPAIGN}),
        card=True,
    ),
    Metric(
        "retention",
        _("Retention"),
        _(
            "Of the active contributors, how many made at least one edit on any campaign "
            "wiki, in any namespace and with or without the hashtag, from 30 days after the "
            "campaign ended up to now. Not yet measurable (shown as empty, not zero) until 30"
            " days after the end."
        ),
    ),
    Metric(
        "leaderboard",
        _("Leaderboard"),
        _(
            "One row per contributor with a counted edit or upload. Contributors who chose to"
            " be hidden get no row, but their work still counts in every total."
        ),
    ),
    Metric(
        "deleted",
        _("Deleted pages and revisions"),
        _(
            "Revisions of pages since deleted, and revisions hidden by an administrator, "
            "count in no figure: each collection reads the wikis' deletion and move logs "
            "since the previous one and stops counting what was removed."
        ),
    ),
    Metric(
        "daily",
        _("Daily activity"),
        _(
            "Edits, articles created and bytes added on each day of the campaign in its time "
            "zone; every day appears, including days with no activity."
        ),
    ),
)

BY_KEY = {metric.key: metric for metric in METRICS}


def metrics_for(scope: str, place: str = PAGE) -> list[Metric]:
    """The metrics with a figure in `scope` shown in `place`, in declaration order."""
    return [metric for metric in METRICS if scope in metric.scopes and place in metric.shown]


def participant_metrics(place: str = PAGE) -> list[Metric]:
    """A contributor's columns: the campaign's `articles_improved` means something else for
    one person, so their column reads the same field under its own definition."""
    return metrics_for(PARTICIPANT, place)


def participant_value(metric: Metric, row: object) -> int | float | None:
    key = "articles_improved" if metric.key == "articles_improved_by_contributor" else metric.key
    return getattr(row, key)


def cards() -> list[Metric]:
    return [metric for metric in METRICS if metric.card]


def goal_metrics() -> list[Metric]:
    return [metric for metric in METRICS if metric.goal]


def definitions(keys: Iterable[str] | None = None) -> list[tuple[Promise, Promise]]:
    """(label, definition) of every metric, or of those named, for a page's glossary."""
    chosen = METRICS if keys is None else [BY_KEY[key] for key in keys]
    return [(metric.label, metric.definition) for metric in chosen]


def english_definitions() -> dict[str, str]:
    """The contract in English, whatever language is active (for tests and the API)."""
    from django.utils import translation

    with translation.override("en"):
        return {metric.key: str(metric.definition) for metric in METRICS}
