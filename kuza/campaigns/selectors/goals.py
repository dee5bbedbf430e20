"""Goals against the figures they measure: rows with progress bars, for campaigns and events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kuza.campaigns import catalogue
from kuza.campaigns.charts import progress_bar_svg
from kuza.campaigns.goals import Progress
from kuza.campaigns.metrics import CampaignMetrics, Tally
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors.figures import campaign_metrics
from kuza.core.home import HomeItem


@dataclass(frozen=True)
class GoalProgress:
    metric: catalogue.Metric
    target: int
    progress: Progress | None  # None before the first collection

    @property
    def text(self) -> str:
        if self.progress is None:
            return _("%(label)s: goal %(target)d, nothing collected yet.") % {
                "label": self.metric.label,
                "target": self.target,
            }
        return _("%(label)s: %(value)d of %(target)d (%(percent)d%%)") % {
            "label": self.metric.label,
            "value": self.progress.value,
            "target": self.progress.target,
            "percent": self.progress.percent,
        }

    @property
    def bar(self) -> str:
        """The progress bar as SVG markup built from numbers and escaped text only."""
        fraction = self.progress.fraction if self.progress is not None else 0.0
        return mark_safe(progress_bar_svg(fraction, label=self.text))  # noqa: S308

    @property
    def figure(self) -> str:
        """The bar followed by its words, as a personal home item shows a goal."""
        return mark_safe(self.bar + " " + conditional_escape(self.text))  # noqa: S308

    def as_api(self) -> dict:
        """The goal as the API gives it (campaigns and events alike)."""
        return {
            "metric": self.metric.key,
            "target": self.target,
            "value": self.progress.value if self.progress else None,
            "percent": self.progress.percent if self.progress else None,
            "reached": bool(self.progress and self.progress.reached),
        }


def goal_rows(targets: Iterable[tuple[str, int]], totals: Tally | None) -> list[GoalProgress]:
    """Goals given as (metric key, target) against `totals` (None: nothing collected yet);
    for campaigns and for their events alike."""
    rows = []
    for key, target in targets:
        metric = catalogue.BY_KEY.get(key)
        if metric is None or not metric.goal:
            continue
        progress = None
        if totals is not None:
            progress = Progress(int(metric.value(totals) or 0), target)
        rows.append(GoalProgress(metric, target, progress))
    return rows


def goal_progress(campaign: Campaign, metrics: CampaignMetrics | None) -> list[GoalProgress]:
    """Each goal of the campaign with the campaign's figure against it."""
    targets = [(goal.metric, goal.target) for goal in campaign.goals.all()]
    return goal_rows(targets, metrics.totals if metrics is not None else None)


def home_goals(campaign: Campaign) -> list[HomeItem]:
    """A campaign's goals for a participant's home, each with its progress bar."""
    return [
        HomeItem(
            title=campaign.name,
            url=reverse("campaigns:detail", args=[campaign.slug]) + "#goals",
            reason=_("A goal of a campaign you take part in"),
            figure=row.figure,
        )
        for row in goal_progress(campaign, campaign_metrics(campaign))
    ]
