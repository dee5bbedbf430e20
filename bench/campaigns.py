"""Campaign figures: API requests and wall time of a sync, and metrics over 1,000,000 revisions.

1. Sync: N participants x W local MediaWiki wikis (Debian's mediawiki package, as in the
   tests), each participant with E back-dated edits per wiki. Kuza's sync (50 users per
   usercontribs request, continuation, one prop=info per page, registrations) is compared with
   the naive way: one usercontribs request per user and wiki.
2. Metrics: R synthetic revisions by P participants on 11 wikis are bulk-inserted into a
   throw-away database: SQLite always, and PostgreSQL too when DATABASE_URL names one (the
   bench creates and drops `test_<its name>` there). Then the campaign's metrics are timed
   as a collection computes them (the database sums, `metrics_aggregates` assembles: every
   figure recomputed from all the rows, the full rebuild), and as a page view reads them
   back from the cache the collection filled; next to the previous path (every row read
   into Python, then compute_metrics_from_rows) and, unless skipped, the validated facts
   path; all must agree.
3. Women's share: A articles (10,000), each linked to its own Wikidata item, read the way a
   collection reads them (pageprops 50 pages a request, wbgetentities 50 ids a request) from
   a local endpoint on the loopback serving real Humaniki rows (and synthetic items with the
   same gender mix beyond the 500 real ones); requests and wall time are printed.

    [DATABASE_URL=postgres://...] .venv/bin/python bench/campaigns.py [--participants 50]
                                        [--wikis 2] [--edits 2]
                                        [--revisions 1000000] [--skip-sync] [--skip-metrics]
                                        [--skip-old-path] [--articles 10000] [--skip-wikidata]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

START = datetime(2015, 3, 1, tzinfo=UTC)
END = START + timedelta(days=30)
PASSWORD = "Bench-password-2024"


def setup_django() -> None:
    """A throw-away database: a SQLite file, or `test_<name>` on the PostgreSQL server that
    DATABASE_URL names (created here, dropped by `teardown_django`)."""
    os.environ["KUZA_HOME"] = tempfile.mkdtemp(prefix="kuza-bench-campaigns-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuza.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", "-v", "0")


def teardown_django() -> None:
    """Drop the PostgreSQL test database and the throw-away folder (the SQLite file)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    connection.close()
    shutil.rmtree(os.environ["KUZA_HOME"], ignore_errors=True)


def bench_sync(participants: int, wiki_count: int, edits: int) -> None:
    from kuza.campaigns.mediawiki import MediaWikiClient, build_user_agent
    from kuza.campaigns.models import Participant, Wiki
    from kuza.campaigns.sync import campaign_sync
    from kuza.campaigns.testing import WikiFarm
    from kuza.campaigns.tests.factories import CampaignFactory

    languages = ["en", "fr", "sw", "ar", "pt", "es", "it", "de", "pl", "uk", "ca"][:wiki_count]
    names = [f"Bench editor {n}" for n in range(participants)]
    with WikiFarm() as farm:
        began = time.monotonic()
        locals_ = [farm.add(f"{lang}benchwiki", lang, f"Bench {lang}") for lang in languages]
        for wiki in locals_:
            for index, name in enumerate(names):
                with wiki.create_user(name, PASSWORD) as me:
                    for n in range(edits):
                        at = START + timedelta(days=1 + (index + n) % 28, minutes=n)
                        me.edit(f"Page {index} {n}", f"text {n}", "#Bench", at=at)
        print(
            f"setup: {wiki_count} wikis, {participants} participants, {edits} edits each per "
            f"wiki: {time.monotonic() - began:.0f} s"
        )
        rows = [
            Wiki.objects.create(
                db_name=wiki.spec.db_name,
                name=wiki.spec.site_name,
                language=wiki.spec.language,
                project=Wiki.Project.OTHER,
                api_url=wiki.api_url,
            )
            for wiki in locals_
        ]
        campaign = CampaignFactory(slug="bench", start=START, end=END, on_wikis=rows)
        Participant.objects.bulk_create(
            Participant(campaign=campaign, wiki_username=name) for name in names
        )
        agent = build_user_agent("https://kuza.example/bench")

        client = MediaWikiClient(agent)
        began = time.monotonic()
        report = campaign_sync(campaign, client=client, now=END + timedelta(days=1))
        kuza_seconds = time.monotonic() - began
        assert not report.errors, report.errors

        naive = MediaWikiClient(agent)
        began = time.monotonic()
        naive_revisions = 0
        for wiki in locals_:
            for name in names:
                for page in naive.fetch_user_contributions(
                    wiki.api_url, [name], START, END, resolve_redirects=False
                ):
                    naive_revisions += len(page.revisions)
        naive_seconds = time.monotonic() - began

        print(
            f"Kuza sync:  {report.requests:>6} requests {kuza_seconds:7.2f} s "
            f"({report.revisions_stored} revisions stored; includes redirect checks and "
            "registrations)"
        )
        print(
            f"one per user and wiki: {naive.request_count:>6} requests {naive_seconds:7.2f} s "
            f"({naive_revisions} revisions, no redirect checks, no registrations)"
        )
        client.close()
        naive.close()


class _Timer:
    """Wall and CPU seconds: on a shared machine the CPU time is the steadier figure."""

    def __enter__(self) -> _Timer:
        self.wall, self.cpu = time.monotonic(), time.process_time()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.wall = time.monotonic() - self.wall
        self.cpu = time.process_time() - self.cpu

    def __str__(self) -> str:
        return f"{self.wall:.2f} s (CPU {self.cpu:.2f} s)"


def _load_revisions(campaign, wikis, names: list[str], revision_count: int) -> None:
    """Insert synthetic revisions with one executemany per 20,000 rows (model instances
    would take minutes), and the beginnings of some pages others started."""
    from django.db import connection, transaction

    from kuza.campaigns.models import PageOrigin, Revision

    rng = random.Random(8)
    span = (END - START).total_seconds() + 40 * 86400  # some fall after, for retention
    table = Revision._meta.db_table
    columns = [
        "wiki_id",
        "revid",
        "parentid",
        "page_id",
        "namespace",
        "title",
        "user",
        "timestamp",
        "comment",
        "size",
        "sizediff",
        "is_page_creation",
        "is_redirect",
        "is_upload",
        "is_bot",
        "source",
        "in_recent_changes",
        "removed",
    ]
    field = Revision._meta.get_field("timestamp")
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(columns))})"
    next_page = {wiki.pk: 1 for wiki in wikis}
    batch: list[tuple] = []
    with transaction.atomic(), connection.cursor() as cursor:
        for revid in range(1, revision_count + 1):
            wiki = wikis[revid % len(wikis)]
            creation = rng.random() < 0.15
            if creation:
                next_page[wiki.pk] += 1
            page = next_page[wiki.pk] if creation else rng.randint(1, next_page[wiki.pk])
            moment = START + timedelta(seconds=rng.uniform(-86400, span))
            batch.append(
                (
                    wiki.pk,
                    revid,
                    0 if creation else revid - 1,
                    page,
                    0 if rng.random() < 0.9 else 1,
                    f"Page {page}",
                    rng.choice(names),
                    field.get_db_prep_value(moment, connection),
                    "quotes #SheSaid" if rng.random() < 0.5 else "sources",
                    1000,
                    rng.randint(-300, 1500),
                    creation,
                    False,
                    False,
                    False,
                    "contributions",
                    False,
                    False,
                )
            )
            if len(batch) == 20000:
                cursor.executemany(sql, batch)
                batch = []
        cursor.executemany(sql, batch)
        # One page in five was begun by someone else: half during the campaign.
        PageOrigin.objects.bulk_create(
            PageOrigin(
                wiki=wiki,
                page_id=page,
                created_at=START + timedelta(days=rng.uniform(-30, 30)),
                checked_at=END,
            )
            for wiki in wikis
            for page in range(1, next_page[wiki.pk] + 1, 5)
        )


def bench_metrics(revision_count: int, participant_count: int, old_path: bool) -> None:
    from django.db import connection

    from kuza.campaigns.metrics import compute_metrics, compute_metrics_from_rows
    from kuza.campaigns.models import Campaign, Participant, Wiki
    from kuza.campaigns.selectors import (
        campaign_facts,
        campaign_rows,
        campaign_wikis,
        campaign_window,
        compute_campaign_metrics,
        metric_participants,
    )
    from kuza.campaigns.tests.factories import CampaignFactory

    wikis = list(Wiki.objects.filter(project="wikiquote").order_by("language"))[:11]
    campaign = CampaignFactory(
        slug="million", start=START, end=END, hashtag="#SheSaid", on_wikis=wikis
    )
    names = [f"Editor {n}" for n in range(participant_count)]
    Participant.objects.bulk_create(
        Participant(campaign=campaign, wiki_username=name) for name in names
    )
    began = time.monotonic()
    _load_revisions(campaign, wikis, names, revision_count)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would have done on a running site
    seconds = time.monotonic() - began
    print(f"loaded {revision_count} revisions in {seconds:.1f} s ({connection.vendor})")
    Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=END + timedelta(days=45))
    campaign.refresh_from_db()
    as_of = campaign.last_synced_at

    compute_campaign_metrics(campaign, as_of=as_of)  # once to warm the database's cache
    with _Timer() as total:
        metrics = compute_campaign_metrics(campaign, as_of=as_of)
    from kuza.campaigns.selectors.aggregates import _parts

    print(
        f"[{connection.vendor}] campaign metrics (summed in SQL, {_parts()} part(s) at once): "
        f"{total} for "
        f"{revision_count} revisions ({metrics.totals.edits} counted edits, "
        f"{metrics.totals.articles_improved} improved, {len(metrics.leaderboard)} leaderboard "
        f"rows); load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}"
    )

    # What each costs on a site: a collection computes the metrics once and caches them
    # (campaign_collect -> campaign_metrics); a page view reads that cached result.
    from django.core.cache import cache

    from kuza.campaigns.selectors import campaign_metrics
    from kuza.campaigns.selectors.figures import _cache_key

    cache.delete(_cache_key(campaign))  # only this key: the cache may be a shared Redis
    with _Timer() as collection:
        campaign_metrics(campaign)
    with _Timer() as page_view:
        cached = campaign_metrics(campaign)
    assert cached == metrics
    print(
        f"  a collection (full recompute of every figure, then cached): {collection}; "
        f"a page view (the cached figures read back): {page_view}; load average "
        f"{' '.join(f'{n:.2f}' for n in os.getloadavg())}"
    )

    rows = campaign_wikis(campaign)
    wiki_rows = [row.wiki for row in rows]
    tracked = set(names)
    people = metric_participants(campaign, wiki_rows, [])
    window = campaign_window(campaign, rows)
    languages = {wiki.db_name: wiki.language for wiki in wiki_rows}
    with _Timer() as read:
        plain = list(campaign_rows(campaign, wiki_rows, tracked, as_of))
    with _Timer() as pure:
        from_rows = compute_metrics_from_rows(plain, languages, people, window, as_of)
    print(
        f"  previous path, every row read into Python: reading {len(plain)} rows {read} + "
        f"compute_metrics_from_rows {pure}"
    )
    del plain
    assert from_rows == metrics, "the sums in SQL disagree with the rows"
    assert from_rows.leaderboard == metrics.leaderboard
    assert [row.wikis for row in from_rows.leaderboard] == [r.wikis for r in metrics.leaderboard]
    assert from_rows.created_pages == metrics.created_pages
    assert from_rows.improved_pages == metrics.improved_pages
    print("  same metrics from both paths")
    if not old_path:
        return
    with _Timer() as read:
        facts = list(campaign_facts(campaign, wiki_rows, tracked, as_of))
    with _Timer() as pure:
        reference = compute_metrics(facts, people, window, as_of)
    print(
        f"previous path (a validated RevisionFact per row): reading {len(facts)} facts "
        f"{read} + compute_metrics {pure}"
    )
    assert reference == metrics, "the fast path disagrees with the validated facts"
    print("  same metrics from the validated facts")


HUMANIKI = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "humaniki"


def bench_womens_share(article_count: int) -> None:
    """Requests and time to learn what `article_count` articles are about (goals: <= 400
    requests for 10,000 articles, <= 60 s on the loopback)."""
    from kuza.campaigns import wikidata
    from kuza.campaigns.mediawiki import MediaWikiClient, build_user_agent
    from kuza.campaigns.models import Participant, Revision, Wiki
    from kuza.campaigns.selectors import compute_campaign_metrics
    from kuza.campaigns.testing.wikidata_endpoint import HumanRow, WikidataEndpoint, read_humans
    from kuza.campaigns.tests.factories import CampaignFactory

    folder = Path(os.environ.get("KUZA_HUMANIKI_DIR", HUMANIKI))
    if not (folder / "denelezh_humans_500.tsv").is_file():
        print(f"women's share: skipped, no Humaniki data in {folder}")
        return
    real = read_humans(folder)
    humans = [
        real[n] if n < len(real) else HumanRow(f"Q{900_000_000 + n}", real[n % len(real)].gender)
        for n in range(article_count)
    ]
    pages = {n + 1: row.item for n, row in enumerate(humans)}
    with WikidataEndpoint(humans, pages=pages) as endpoint:
        os.environ["KUZA_WIKIDATA_API_URL"] = endpoint.api_url
        wiki = Wiki.objects.create(
            db_name="benchwikidatawiki",
            name="Bench",
            language="en",
            project=Wiki.Project.OTHER,
            api_url=endpoint.api_url.replace("/w/", "/wiki/"),
        )
        campaign = CampaignFactory(slug="bench-wikidata", start=START, end=END, on_wikis=[wiki])
        Participant.objects.create(campaign=campaign, wiki_username="Bench editor")
        Revision.objects.bulk_create(
            Revision(
                wiki=wiki,
                revid=page_id,
                parentid=0,
                page_id=page_id,
                namespace=0,
                title=f"Page {page_id}",
                user="Bench editor",
                timestamp=START + timedelta(minutes=page_id % 40000),
                size=100,
                sizediff=100,
                is_page_creation=True,
                source=Revision.Source.CONTRIBUTIONS,
            )
            for page_id in pages
        )
        client = MediaWikiClient(build_user_agent("https://kuza.example/bench"))
        now = END + timedelta(days=1)
        with _Timer() as timer:
            wikidata.page_items_refresh(
                wiki=wiki,
                page_ids=wikidata.campaign_page_ids(campaign, wiki, {"Bench editor"}),
                client=client,
                now=now,
                refresh=timedelta(days=7),
            )
            wiki_requests = client.request_count
            wikidata.items_refresh(
                items=wikidata.items_of_pages({wiki.pk: list(pages)}),
                client=client,
                api_url=endpoint.api_url,
                now=now,
                refresh=timedelta(days=7),
            )
        client.close()
        totals = compute_campaign_metrics(campaign, as_of=now).totals
    share = totals.women_share
    print(
        f"women's share of {article_count} articles: {client.request_count} requests "
        f"(wiki {wiki_requests}, Wikidata {client.request_count - wiki_requests}) {timer}; "
        f"{totals.women} women of {totals.biographies_created} biographies, "
        f"share {100 * share:.1f} %"
    )


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--wikis", type=int, default=2)
    parser.add_argument("--edits", type=int, default=2)
    parser.add_argument("--revisions", type=int, default=1_000_000)
    parser.add_argument("--metric-participants", type=int, default=5000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--skip-wikidata", action="store_true")
    parser.add_argument("--skip-sync", action="store_true")
    parser.add_argument("--skip-metrics", action="store_true")
    parser.add_argument(
        "--skip-old-path", action="store_true", help="do not time the previous (facts) path"
    )
    parser.add_argument(
        "--postgresql-only",
        action="store_true",
        help="with DATABASE_URL: skip the SQLite run that otherwise comes first",
    )
    parser.add_argument(
        "--tiny",
        action="store_true",
        help="2 participants on 1 wiki, 2,000 revisions, 120 articles (the suite runs this)",
    )
    arguments = parser.parse_args(argv)
    if arguments.tiny:
        arguments.participants, arguments.wikis, arguments.edits = 2, 1, 1
        arguments.revisions, arguments.metric_participants = 2_000, 50
        arguments.articles = 120
    return arguments


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    if os.environ.get("DATABASE_URL") and not arguments.postgresql_only:
        # SQLite first, in a process of its own (settings are read once per process).
        environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        subprocess.run(
            [sys.executable, __file__, *(argv or sys.argv[1:])], env=environment, check=True
        )
        arguments.skip_sync = arguments.skip_wikidata = True  # those do not depend on it
    setup_django()
    try:
        measure(arguments)
    finally:
        teardown_django()


def measure(arguments: argparse.Namespace) -> None:
    """Time the sync and the metrics (database migrated)."""
    if not arguments.skip_sync:
        bench_sync(arguments.participants, arguments.wikis, arguments.edits)
    if not arguments.skip_metrics:
        bench_metrics(
            arguments.revisions, arguments.metric_participants, not arguments.skip_old_path
        )
    if not arguments.skip_wikidata:
        bench_womens_share(arguments.articles)


if __name__ == "__main__":
    main()
