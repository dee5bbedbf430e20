"""Series of editions: the editions a viewer may see, added up."""

from __future__ import annotations

from dataclasses import dataclass

from kuza.audience.selectors import access
from kuza.campaigns.metrics import Tally
from kuza.campaigns.models import Campaign, Series, Wiki
from kuza.campaigns.selectors.access import campaigns_visible_to
from kuza.campaigns.selectors.figures import campaign_metrics
from kuza.campaigns.wikidata import subjects_for


@dataclass(frozen=True)
class SeriesFigures:
    editions: list[tuple[Campaign, Tally | None]]  # oldest first; None: not collected yet
    totals: Tally  # every collected edition, each page and person counted once


def series_for_viewer(*, viewer, slug: str) -> Series:
    """A series `viewer` may see (its audience, declared in integrations.py), or Http404."""
    return access(Series, viewer, slug=slug)


def series_figures(series: Series, *, viewer) -> SeriesFigures:
    """The editions `viewer` may see, each with its totals, and the series' own totals."""
    from kuza.campaigns.series import add_up

    editions = list(campaigns_visible_to(viewer).filter(series=series).order_by("start", "pk"))
    metrics = [campaign_metrics(campaign) for campaign in editions]
    wikis = Wiki.objects.filter(campaigns__in=editions).distinct()
    return SeriesFigures(
        editions=[
            (campaign, m.totals if m is not None else None)
            for campaign, m in zip(editions, metrics, strict=True)
        ],
        totals=add_up([m for m in metrics if m is not None], subjects_for(wikis)),
    )
