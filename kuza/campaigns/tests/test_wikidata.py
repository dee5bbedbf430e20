"""Women's share through Wikidata, against the real test wikis and real Wikidata rows.

Pages on the local MediaWiki wikis carry real Wikidata ids (the `wikibase_item` page
property, set by the parser as WikibaseClient does) of real people from the Humaniki
extracts in ../shared/data/humaniki; a local endpoint answers `wbgetentities` from the same
rows. The expected figures are computed here from the TSV files, never from Kuza.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kuza.campaigns.models import Campaign, PageSubject, Participant, WikidataItem
from kuza.campaigns.selectors import compute_campaign_metrics
from kuza.campaigns.sync import campaign_sync
from kuza.campaigns.testing import WikiFarm
from kuza.campaigns.testing.wikidata_endpoint import (
    HumanRow,
    WikidataEndpoint,
    read_humans,
    read_labels,
    read_sitelinks,
)
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.campaigns.tests.sync_world import PASSWORD, SleepRecorder, make_client, wiki_row

pytestmark = pytest.mark.django_db

HUMANIKI = Path(
    os.environ.get(
        "KUZA_HUMANIKI_DIR",
        Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "humaniki",
    )
)
START = datetime(2018, 3, 1, tzinfo=UTC)
END = datetime(2018, 4, 1, tzinfo=UTC)
AS_OF = END + timedelta(days=1)
# The truth, spelled out from Wikidata's own item numbers (not Kuza's rules).
WOMEN_VALUES = {"Q6581072", "Q1052281"}
MEN_VALUES = {"Q6581097", "Q2449503"}


def group(row: HumanRow) -> str:
    if not row.gender:
        return "unknown_gender"
    if row.gender in WOMEN_VALUES:
        return "women"
    return "men" if row.gender in MEN_VALUES else "other_gender"


@dataclass
class Drive:
    """Who made which page about whom; the truth comes from the TSV rows."""

    token: str
    created_en: list[HumanRow]  # by the first participant on enwikiquote
    improved_en: list[HumanRow]  # pages an outsider began before; the second improves them
    created_fr: list[HumanRow]  # by the second participant on frwikiquote
    creator: str
    improver: str

    def expected(self, rows_created: list[HumanRow], rows_improved: list[HumanRow]) -> dict:
        genders = Counter(group(row) for row in rows_created + rows_improved)
        figures = {
            "biographies_created": len(rows_created),
            "biographies_improved": len(rows_improved),
        }
        for key in ("women", "men", "other_gender", "unknown_gender"):
            figures[key] = genders[key]
        return figures


def _figures(source) -> dict:
    keys = ("biographies_created", "biographies_improved", "women", "men")
    return {key: getattr(source, key) for key in (*keys, "other_gender", "unknown_gender")}


@pytest.fixture(scope="module")
def humans() -> list[HumanRow]:
    if not (HUMANIKI / "denelezh_humans_500.tsv").is_file():
        pytest.skip(f"Humaniki data missing: expected {HUMANIKI}/denelezh_humans_500.tsv")
    return read_humans(HUMANIKI)


@pytest.fixture(scope="module")
def drive(wiki_farm: WikiFarm, humans: list[HumanRow]) -> Drive:
    en, fr = wiki_farm["enwikiquote"], wiki_farm["frwikiquote"]
    for wiki in (en, fr):
        if not wiki.is_running:
            wiki.start()
    labels, links = read_labels(HUMANIKI), read_sitelinks(HUMANIKI)
    on_en = [row for row in humans if "enwikiquote" in links.get(row.item, ())]
    on_fr = [row for row in humans if "frwikiquote" in links.get(row.item, ()) and row not in on_en]
    women = [row for row in on_en if group(row) == "women"]
    others = [row for row in on_en if group(row) != "women"]
    # 55 pages created (more than one 50-page request), women first so every group shows.
    created_en = (women + others)[:55]
    improved_en = [row for row in on_en if row not in created_en][:6]
    created_fr = on_fr[:5] if len(on_fr) >= 5 else [r for r in humans if r not in on_en][:5]
    token = uuid.uuid4().hex[:6]
    drive = Drive(token, created_en, improved_en, created_fr, f"Ada {token}", f"Bo {token}")

    def text(row: HumanRow) -> str:
        return f"<wikidata-item>{row.item}</wikidata-item>\n* A quote."

    def title(row: HumanRow) -> str:
        return f"{labels.get(row.item, row.item)} {token}"

    day = START + timedelta(days=2)
    with en.create_user(f"Outsider {token}", PASSWORD, at=START - timedelta(days=90)) as them:
        for row in improved_en:
            them.create_page(title(row), text(row), "start", at=START - timedelta(days=30))
    with en.create_user(drive.creator, PASSWORD, at=START - timedelta(days=60)) as ada:
        for row in created_en:
            ada.create_page(title(row), text(row), "new #SheSaid", at=day)
        # A page linked to no item, and one linked to an item that is not a human here.
        ada.create_page(f"Quotes about rivers {token}", "* Rivers.", "new", at=day)
        ada.create_page(
            f"A proverb {token}", "<wikidata-item>Q1</wikidata-item>\n* Old.", "new", at=day
        )
    with en.create_user(drive.improver, PASSWORD, at=START - timedelta(days=60)) as bo:
        for row in improved_en:
            bo.edit(title(row), text(row) + "\n* Another.", "more #SheSaid", at=day)
    with fr.create_user(drive.improver, PASSWORD, at=START - timedelta(days=60)) as bo:
        for row in created_fr:
            bo.create_page(title(row), text(row), "nouvelle #SheSaid", at=day)
    return drive


def make_campaign(drive: Drive, wiki_farm: WikiFarm) -> Campaign:
    wikis = [wiki_row(wiki_farm["enwikiquote"]), wiki_row(wiki_farm["frwikiquote"])]
    campaign = CampaignFactory(
        slug=f"wd-{drive.token}-{uuid.uuid4().hex[:4]}", start=START, end=END, on_wikis=wikis
    )
    for name in (drive.creator, drive.improver):
        Participant.objects.create(campaign=campaign, wiki_username=name)
    return campaign


@pytest.fixture
def wikidata(humans, monkeypatch):
    with WikidataEndpoint(humans) as endpoint:
        monkeypatch.setenv("KUZA_WIKIDATA_API_URL", endpoint.api_url)
        monkeypatch.setenv("KUZA_WIKIDATA_REFRESH_DAYS", "7")
        yield endpoint


def test_womens_share_per_wiki_language_and_participant_matches_the_rows(
    drive: Drive, wiki_farm: WikiFarm, wikidata: WikidataEndpoint
) -> None:
    campaign = make_campaign(drive, wiki_farm)
    client = make_client()

    report = campaign_sync(campaign, client=client, now=AS_OF)

    assert not report.errors
    metrics = compute_campaign_metrics(campaign, as_of=AS_OF)
    everything = drive.created_en + drive.created_fr
    assert _figures(metrics.totals) == drive.expected(everything, drive.improved_en)
    by_wiki = {row.wiki: row.tally for row in metrics.per_wiki}
    assert _figures(by_wiki["enwikiquote"]) == drive.expected(drive.created_en, drive.improved_en)
    assert _figures(by_wiki["frwikiquote"]) == drive.expected(drive.created_fr, [])
    by_language = {row.language: row.tally for row in metrics.per_language}
    assert _figures(by_language["fr"]) == drive.expected(drive.created_fr, [])
    # The two extra pages (no item, an item that is no human) are articles, not biographies.
    assert metrics.totals.articles_created == len(everything) + 2
    women = sum(1 for row in everything + drive.improved_en if group(row) == "women")
    known = sum(1 for row in everything + drive.improved_en if group(row) != "unknown_gender")
    assert metrics.totals.women_share == pytest.approx(women / known)
    assert 0 < women < known

    rows = {row.username: row for row in metrics.leaderboard}
    assert _figures(rows[drive.creator]) == drive.expected(drive.created_en, [])
    improver = {wiki.wiki: wiki for wiki in rows[drive.improver].wikis}
    assert _figures(improver["enwikiquote"]) == drive.expected([], drive.improved_en)
    assert _figures(improver["frwikiquote"]) == drive.expected(drive.created_fr, [])

    # Etiquette and batching: 50 ids at most, claims only, maxlag and the User-Agent sent.
    asked = wikidata.wbgetentities_requests()
    items = len({row.item for row in everything + drive.improved_en}) + 1  # and Q1
    assert len(asked) == -(-items // 50) == report.wikidata_requests
    assert all(len(r.params["ids"].split("|")) <= 50 for r in asked)
    assert all(r.params["props"] == "claims" and r.params["maxlag"] == "5" for r in asked)
    assert {r.user_agent for r in asked} == {client.transport.user_agent}
    assert {item.item for item in WikidataItem.objects.filter(is_human=False)} >= {"Q1"}


def test_items_are_cached_resumed_after_a_failure_and_read_again_after_the_interval(
    drive: Drive, wiki_farm: WikiFarm, wikidata: WikidataEndpoint
) -> None:
    PageSubject.objects.all().delete()
    WikidataItem.objects.all().delete()
    campaign = make_campaign(drive, wiki_farm)
    wikidata.fail_after = 1  # the first 50 ids are answered, then Wikidata goes down

    first = campaign_sync(campaign, client=make_client(max_attempts=2), now=AS_OF)

    assert first.errors and "wikidata" in first.errors[0]
    assert WikidataItem.objects.count() == 50
    campaign.refresh_from_db()
    assert campaign.last_synced_at is None  # the figures wait for a complete collection

    wikidata.fail_after = None
    wikidata.lagged = 1  # Wikidata says its replicas lag: asked again, after waiting
    sleep = SleepRecorder()
    before = len(wikidata.wbgetentities_requests())
    second = campaign_sync(campaign, client=make_client(sleep), now=AS_OF + timedelta(hours=1))

    assert not second.errors
    total = WikidataItem.objects.count()
    assert second.items_read == total - 50  # only what the first collection did not read
    assert len(wikidata.wbgetentities_requests()) - before == 2  # lagged once, then answered
    assert sleep.calls == [1.0]
    assert sum(wiki.pages_linked for wiki in second.wikis) == 0  # pages were read already

    third = campaign_sync(campaign, client=make_client(), now=AS_OF + timedelta(hours=2))
    assert third.items_read == 0 and third.wikidata_requests == 0

    later = campaign_sync(campaign, client=make_client(), now=AS_OF + timedelta(days=8))
    assert later.items_read == total
    assert (
        sum(wiki.pages_linked for wiki in later.wikis)
        == PageSubject.objects.filter(wiki__campaigns=campaign).count()
    )


# Killed mid step: the wikis' pages read for their items (the first 50-page answer of
# enwikiquote stored), or Wikidata's answers (the first 50 items stored). The killed child
# and the rerun share the kill tests' helpers (killing.py).
@pytest.mark.django_db(transaction=True)  # the child reads and writes committed rows
@pytest.mark.parametrize("kind", ["page_items", "wikidata_items"])
def test_a_collection_killed_in_the_wikidata_step_resumes_to_the_same_figures(
    drive: Drive, wiki_farm: WikiFarm, wikidata: WikidataEndpoint, tmp_path: Path, kind: str
) -> None:
    from kuza.campaigns.tests.killing import SharedDatabase, collect_here, kill_at

    campaign = make_campaign(drive, wiki_farm)
    database = SharedDatabase(tmp_path)
    database.hand_over()

    kill_at(database, campaign.slug, kind, 1)
    database.take_back(campaign)

    # All or nothing: exactly one request's answer was stored before the kill.
    campaign.refresh_from_db()
    assert campaign.last_synced_at is None
    if kind == "page_items":
        assert PageSubject.objects.count() == 50 and not WikidataItem.objects.exists()
    else:
        assert WikidataItem.objects.count() == 50
    asked_before = len(wikidata.wbgetentities_requests())

    collect_here(campaign)

    campaign.refresh_from_db()
    metrics = compute_campaign_metrics(campaign, as_of=campaign.last_synced_at)
    everything = drive.created_en + drive.created_fr
    assert _figures(metrics.totals) == drive.expected(everything, drive.improved_en)
    by_wiki = {row.wiki: row.tally for row in metrics.per_wiki}
    assert _figures(by_wiki["frwikiquote"]) == drive.expected(drive.created_fr, [])
    # Resumed, reading nothing twice: after 50 of the items, one more request for the rest.
    items = len({row.item for row in everything + drive.improved_en}) + 1  # and Q1
    asked = len(wikidata.wbgetentities_requests()) - asked_before
    assert asked == (1 if kind == "wikidata_items" else -(-items // 50))
    assert WikidataItem.objects.count() == items
