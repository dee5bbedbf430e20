"""A collection run as its own process, for the kill tests (killing.py).

`python -m kuza.campaigns.tests.collect_child SLUG [KIND N]` collects campaign SLUG with
small API pages (so every step has several). With KIND and N it prints PAUSED once the N-th
page of KIND ("recent_changes", "contributions", "removals", or the Wikidata step's
"page_items" and "wikidata_items") is committed, then waits to be killed. Exits 0 when
collected, 1 when a wiki failed, 75 when another collection was running.
"""

from __future__ import annotations

import sys
import time


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from kuza.campaigns.collection import campaign_collect
    from kuza.campaigns.management.commands.campaign_sync import EXIT_ALREADY_RUNNING
    from kuza.campaigns.models import Campaign
    from kuza.campaigns.sync import PageStored
    from kuza.campaigns.tests.sync_world import make_client

    slug, pause = argv[0], argv[1:]
    seen = 0

    def on_page(page: PageStored) -> None:
        nonlocal seen
        if pause and page.kind == pause[0]:
            seen += 1
            if seen == int(pause[1]):
                print("PAUSED", flush=True)
                time.sleep(600)  # the test kills this process here

    collected = campaign_collect(
        Campaign.objects.get(slug=slug), client=make_client(), on_page=on_page, limit=2
    )
    if collected is None:
        return EXIT_ALREADY_RUNNING
    if pause:
        print(f"never reached {pause[0]} page {pause[1]}", file=sys.stderr)
    return 1 if collected.report.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
