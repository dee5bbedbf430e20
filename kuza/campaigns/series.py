"""A series adds its editions up without counting a page or a person twice (pure).

Each edition's figures come from its own metrics. Across editions:
- a page counts once: created when any edition created it (a page created in one edition and
  improved in the next counts once, as created), otherwise improved;
- a contributor counts once, whatever the number of editions they took part in;
- edits, bytes and files add up: they are revisions, and editions never overlap in time
  (`series_join` refuses an overlapping edition), so no revision is in two editions;
- biographies follow the pages: a biography created in one edition and improved in the next
  is one biography created.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kuza.campaigns.metrics import CampaignMetrics, Tally, biography_figures
from kuza.campaigns.subjects import Subject


def add_up(
    editions: Sequence[CampaignMetrics], subjects: Mapping[tuple[str, int], Subject]
) -> Tally:
    created: set[tuple[str, int]] = set()
    improved: set[tuple[str, int]] = set()
    contributors: set[str] = set()
    for metrics in editions:
        created |= metrics.created_pages
        improved |= metrics.improved_pages
        contributors |= metrics.contributors
    improved -= created
    return Tally(
        edits=sum(m.totals.edits for m in editions),
        articles_created=len(created),
        articles_improved=len(improved),
        bytes_added=sum(m.totals.bytes_added for m in editions),
        net_bytes=sum(m.totals.net_bytes for m in editions),
        files_uploaded=sum(m.totals.files_uploaded for m in editions),
        active_participants=len(contributors),
        **biography_figures(created, improved, subjects),
    )
