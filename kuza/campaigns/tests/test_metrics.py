"""A hand-checked #SheSaid campaign: named people, known edits, numbers worked out by hand.

The campaign runs for March 2025 (UTC) on four wikis in three languages. Every expected
number below is derived in a comment from the revision table, so a failure points at the
definition that the code broke.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kuza.campaigns.catalogue import english_definitions
from kuza.campaigns.metrics import (
    CampaignWindow,
    DayTally,
    LeaderboardRow,
    Participant,
    Tally,
    compute_metrics,
    compute_metrics_from_rows,
    fact_row,
)
from kuza.campaigns.tests.metrics_fixtures import rev, utc

MARCH = CampaignWindow(
    start=utc("2025-03-01 00:00"), end=utc("2025-04-01 00:00"), hashtag="#SheSaid"
)
AS_OF = utc("2025-05-10 00:00")  # retention period is 1 May (end + 30 days) to 10 May

PARTICIPANTS = [
    Participant("Amina", registered_at=utc("2025-03-02 08:00")),  # joined during the drive
    Participant("Beatriz", registered_at=utc("2019-06-01 00:00")),
    Participant("Chloé", registered_at=None, hidden_from_leaderboard=True),
    Participant("dmitri K", registered_at=utc("2025-01-10 00:00")),  # edits as "Dmitri_K"
    Participant("Fatuma", registered_at=utc("2025-03-15 00:00")),  # signed up, never edited
]

REVISIONS = [
    # Amina, Swahili Wikiquote: creates page 101, expands it, fixes a typo on old page 102.
    rev(1001, wiki="swwikiquote", page=101, at="2025-03-02 10:00", diff=1200, creation=True),
    rev(1002, wiki="swwikiquote", page=101, at="2025-03-03 09:00", diff=300, comment="#shesaid"),
    rev(
        1003,
        wiki="swwikiquote",
        page=102,
        at="2025-03-05 12:00",
        diff=50,
        comment="typo #SheSaid2025",
    ),
    # ...and is back on a talk page after the campaign: she is retained.
    rev(1004, wiki="swwikiquote", page=103, namespace=1, at="2025-05-05 08:00", comment="asante"),
    # Beatriz, French: trims page 201 (-40), makes a redirect 301, expands old page 302 (＃).
    rev(2001, wiki="frwikiquote", page=201, user="Beatriz", at="2025-03-08 14:00", diff=-40),
    rev(
        3001,
        wiki="frwiki",
        page=301,
        user="Beatriz",
        at="2025-03-08 15:00",
        diff=30,
        creation=True,
        redirect=True,
    ),
    rev(
        3002,
        wiki="frwiki",
        page=302,
        user="Beatriz",
        at="2025-03-09 16:00",
        diff=500,
        comment="citations ＃SheSaid",
    ),
    # Exactly at the start of the retention period, which is inclusive: retained.
    rev(3003, wiki="frwiki", page=302, user="Beatriz", at="2025-05-01 00:00", comment="suite"),
    # Chloé (hidden from the leaderboard): creates page 401 and uploads a portrait.
    rev(4001, page=401, user="Chloé", at="2025-03-10 11:00", diff=2000, creation=True),
    rev(
        4002,
        page=402,
        user="Chloé",
        namespace=6,
        at="2025-03-10 11:30",
        diff=120,
        creation=True,
        upload=True,
    ),
    # Dmitri: expands Chloé's new page 401, chats on a talk page, edits page 403 exactly at
    # the start and again exactly at the end, and expands page 404 that Eve created.
    rev(4003, page=401, user="Dmitri_K", at="2025-03-11 09:00", diff=100),
    rev(4004, page=405, user="Dmitri_K", namespace=1, at="2025-03-11 09:30", diff=200),
    rev(4005, page=403, user="Dmitri_K", at="2025-03-01 00:00", diff=10),
    rev(4006, page=403, user="Dmitri_K", at="2025-04-01 00:00", diff=999),
    rev(4008, page=404, user="Dmitri_K", at="2025-03-13 10:00", diff=300),
    rev(4009, page=406, user="Dmitri_K", at="2025-02-28 23:59:59", diff=70),  # a second early
    # Eve is not enrolled: her creation of page 404 is never credited, so Dmitri's edit to
    # it is the campaign's improvement (nobody's work is lost from the article counts).
    rev(4007, page=404, user="Eve", at="2025-03-12 08:00", diff=700, creation=True, comment="new"),
]


def march(**changes: object) -> CampaignWindow:
    fields = {"start": MARCH.start, "end": MARCH.end, "hashtag": MARCH.hashtag} | changes
    return CampaignWindow(**fields)  # type: ignore[arg-type]


def test_totals_follow_the_definitions() -> None:
    metrics = compute_metrics(REVISIONS, PARTICIPANTS, MARCH, AS_OF)
    assert metrics.totals == Tally(
        # Counted content edits: Amina 1001-1003, Beatriz 2001/3002, Chloé 4001,
        # Dmitri 4003/4005/4008. Not: 3001 (leaves a redirect), 4002 (file namespace), 4004
        # (talk), 4006 (at the end, which is exclusive), 4009 (before the start), Eve's
        # 4007, 1004/3003 (after).
        edits=9,
        # 101 (Amina) and 401 (Chloé). 301 is a redirect; Eve's 404 is not credited.
        articles_created=2,
        # Non-creating edits touch 101, 102, 201, 302, 401, 403, 404; contributors created
        # 101 and 401, leaving 102, 201, 302, 403 and 404 (begun by Eve, not a contributor).
        articles_improved=5,
        # 1200+300+50 (Amina) + 500 (Beatriz; her -40 adds nothing) + 2000 (Chloé)
        # + 100+10+300 (Dmitri) = 4460.
        bytes_added=4460,
        net_bytes=4420,  # the same minus Beatriz's 40-byte trim
        files_uploaded=1,  # Chloé's portrait
        active_participants=4,  # Fatuma never edited
    )
    # Amina registered on 2 March. Fatuma registered in the window too but never edited.
    assert metrics.new_editors == 1


def test_retention_counts_returning_active_participants() -> None:
    retention = compute_metrics(REVISIONS, PARTICIPANTS, MARCH, AS_OF).retention
    assert retention is not None
    assert retention.period_start == utc("2025-05-01 00:00")
    assert retention.period_end == AS_OF
    # Amina edited on 5 May, Beatriz at 00:00 on 1 May. Dmitri's last edit (1 April) is
    # before the period; Chloé never came back.
    assert (retention.cohort, retention.retained) == (4, 2)
    assert retention.rate == 0.5


def test_retention_is_not_yet_measurable_before_thirty_days_after_the_end() -> None:
    early = compute_metrics(REVISIONS, PARTICIPANTS, MARCH, utc("2025-04-30 23:59:59"))
    assert early.retention is None
    assert early.retention_start == utc("2025-05-01 00:00")
    # The counts themselves do not depend on as_of.
    assert early.totals == compute_metrics(REVISIONS, PARTICIPANTS, MARCH, AS_OF).totals


def test_retention_becomes_measurable_exactly_thirty_days_after_the_end() -> None:
    retention = compute_metrics(REVISIONS, PARTICIPANTS, MARCH, utc("2025-05-01 00:00")).retention
    # Only Beatriz's edit at exactly 1 May 00:00 falls in the (one-instant) period.
    assert retention is not None
    assert (retention.cohort, retention.retained) == (4, 1)


def test_per_wiki_and_per_language_breakdowns() -> None:
    metrics = compute_metrics(REVISIONS, PARTICIPANTS, MARCH, AS_OF)
    by_wiki = {row.wiki: row.tally for row in metrics.per_wiki}
    assert list(by_wiki) == ["enwikiquote", "frwiki", "frwikiquote", "swwikiquote"]
    # English: Chloé's 4001 and Dmitri's 4003/4005/4008; created 401, improved 403 and 404.
    assert by_wiki["enwikiquote"] == Tally(4, 1, 2, 2410, 2410, 1, 2)
    # frwiki: Beatriz's redirect counts for nothing; her +500 on 302 does.
    assert by_wiki["frwiki"] == Tally(1, 0, 1, 500, 500, 0, 1)
    assert by_wiki["frwikiquote"] == Tally(1, 0, 1, 0, -40, 0, 1)
    assert by_wiki["swwikiquote"] == Tally(3, 1, 1, 1550, 1550, 0, 1)

    by_language = {row.language: row for row in metrics.per_language}
    assert list(by_language) == ["en", "fr", "sw"]
    assert by_language["fr"].wikis == ("frwiki", "frwikiquote")
    # French adds up both wikis, but Beatriz is one person active on both: 1, not 2.
    assert by_language["fr"].tally == Tally(2, 0, 2, 500, 460, 0, 1)
    assert by_language["sw"].tally == by_wiki["swwikiquote"]


def test_leaderboard_hides_chloe_but_counts_her_work() -> None:
    metrics = compute_metrics(REVISIONS, PARTICIPANTS, MARCH, AS_OF)
    # Amina and Dmitri made 3 edits; Amina created an article so she leads. Beatriz's
    # redirect counts for nothing. Dmitri improved Chloé's new page 401: he did not create
    # it. Chloé asked to be hidden: no row, though her article, bytes and upload are in the
    # totals above. Fatuma has nothing to show, so no row.
    assert metrics.leaderboard == (
        LeaderboardRow("Amina", 3, 1, 1, 1550, 1550, 0),
        LeaderboardRow("Dmitri K", 3, 0, 3, 410, 410, 0),
        LeaderboardRow("Beatriz", 2, 0, 2, 500, 460, 0),
    )


def test_daily_series_has_every_day_of_march() -> None:
    daily = compute_metrics(REVISIONS, PARTICIPANTS, MARCH, AS_OF).daily
    assert [row.day for row in daily] == [date(2025, 3, 1) + timedelta(days=n) for n in range(31)]
    active_days = {row.day.day: row for row in daily if row.edits}
    assert active_days == {
        1: DayTally(date(2025, 3, 1), 1, 0, 10),  # Dmitri at exactly 00:00
        2: DayTally(date(2025, 3, 2), 1, 1, 1200),  # Amina creates 101
        3: DayTally(date(2025, 3, 3), 1, 0, 300),
        5: DayTally(date(2025, 3, 5), 1, 0, 50),
        8: DayTally(date(2025, 3, 8), 1, 0, 0),  # Beatriz's trim; her redirect is no edit
        9: DayTally(date(2025, 3, 9), 1, 0, 500),
        10: DayTally(date(2025, 3, 10), 1, 1, 2000),  # Chloé creates 401; upload not an edit
        11: DayTally(date(2025, 3, 11), 1, 0, 100),  # the talk page edit is not counted
        13: DayTally(date(2025, 3, 13), 1, 0, 300),
    }
    assert all(row == DayTally(row.day, 0, 0, 0) for row in daily if not row.edits)


def test_hashtag_requirement_drops_untagged_and_lookalike_tags() -> None:
    metrics = compute_metrics(REVISIONS, PARTICIPANTS, march(hashtag_required=True), AS_OF)
    # Only 1003 ("#SheSaid2025") is lost: "#shesaid" and "＃SheSaid" match. Page 102 is
    # no longer improved; Amina keeps 1200+300 bytes.
    assert metrics.totals == Tally(8, 2, 4, 4410, 4370, 1, 4)
    rows = {row.username: row for row in metrics.leaderboard}
    assert rows["Amina"] == LeaderboardRow("Amina", 2, 1, 0, 1500, 1500, 0)


def test_worklist_limits_counting_to_listed_pages() -> None:
    window = march(worklist={("enwikiquote", "Page_401"), ("frwiki", "Page 302")})
    metrics = compute_metrics(REVISIONS, PARTICIPANTS, window, AS_OF)
    # Left: Chloé creates 401 (+2000), Dmitri expands it (+100, not an improvement since
    # it is new), Beatriz expands 302 (+500). The portrait is not listed, so no upload.
    assert metrics.totals == Tally(3, 1, 1, 2600, 2600, 0, 3)


def test_a_redirect_turned_into_an_article_is_improved_not_created() -> None:
    revisions = [
        rev(1, page=7, at="2025-03-02 10:00", diff=20, creation=True, redirect=True),
        rev(2, page=7, at="2025-03-03 10:00", diff=900),
        # An article later made into a redirect stays created; the redirecting edit counts
        # for nothing, and neither does the creation of the redirect above.
        rev(3, page=8, at="2025-03-04 10:00", diff=500, creation=True),
        rev(4, page=8, at="2025-03-05 10:00", diff=-480, redirect=True),
    ]
    totals = compute_metrics(revisions, PARTICIPANTS, MARCH, AS_OF).totals
    assert (totals.articles_created, totals.articles_improved, totals.edits) == (1, 1, 2)


def test_a_page_created_twice_is_credited_to_its_first_creator() -> None:
    # Deleted and recreated under the same page id: one article, credited to the earlier.
    revisions = [
        rev(9, page=5, user="Beatriz", at="2025-03-09 10:00", creation=True),
        rev(8, page=5, user="Amina", at="2025-03-08 10:00", creation=True),
    ]
    metrics = compute_metrics(revisions, PARTICIPANTS, MARCH, AS_OF)
    assert metrics.totals.articles_created == 1
    credited = {row.username: row.articles_created for row in metrics.leaderboard}
    assert credited == {"Amina": 1, "Beatriz": 0}
    assert [row.articles_created for row in metrics.daily if row.articles_created] == [1]
    assert metrics.daily[7].articles_created == 1  # 8 March


def test_an_empty_campaign_reports_zeros_for_every_day() -> None:
    metrics = compute_metrics(iter([]), PARTICIPANTS, MARCH, AS_OF)
    assert metrics.totals == Tally(0, 0, 0, 0, 0, 0, 0)
    assert metrics.leaderboard == ()
    assert metrics.per_wiki == ()
    assert len(metrics.daily) == 31
    assert metrics.retention is not None
    assert (metrics.retention.cohort, metrics.retention.rate) == (0, None)


def test_revisions_may_be_a_one_shot_iterator() -> None:
    once = compute_metrics(iter(REVISIONS), PARTICIPANTS, MARCH, AS_OF)
    assert once == compute_metrics(REVISIONS, PARTICIPANTS, MARCH, AS_OF)


@pytest.mark.parametrize(
    "field",
    [
        *Tally.__dataclass_fields__,
        "women_share",
        "new_editors",
        "retention",
        "leaderboard",
        "daily",
    ],
)
def test_every_reported_metric_has_a_definition(field: str) -> None:
    assert len(english_definitions()[field].split()) >= 8  # a sentence, not a label


# -- pages begun by someone who is not a participant ------------------------------------


def test_a_page_someone_else_began_during_the_campaign_is_improved() -> None:
    # Amina edits pages 31, 32 and 33, none of which she created: 31 and 32 were begun by
    # people outside the campaign (their first revisions are not among the rows), 33 by an
    # outsider as a redirect. She created 35. Each page counts once, none is lost.
    revisions = [
        rev(1, page=31, at="2025-03-05 10:00", diff=300),
        rev(2, page=32, at="2025-03-06 10:00", diff=200),
        rev(3, page=33, at="2025-03-06 11:00", diff=5, creation=True, redirect=True, user="X"),
        rev(4, page=33, at="2025-03-07 10:00", diff=900),
        rev(5, page=35, at="2025-03-08 10:00", diff=50, creation=True),
        rev(6, page=35, at="2025-03-08 11:00", diff=50),
    ]
    metrics = compute_metrics(revisions, PARTICIPANTS, MARCH, AS_OF)
    totals = metrics.totals
    assert (totals.articles_created, totals.articles_improved, totals.edits) == (1, 3, 5)
    (amina,) = [row for row in metrics.leaderboard if row.username == "Amina"]
    assert (amina.articles_created, amina.articles_improved) == (1, 3)


def test_a_page_one_participant_created_is_improved_by_another() -> None:
    revisions = [
        rev(1, page=40, at="2025-03-05 10:00", creation=True, user="Amina"),
        rev(2, page=40, at="2025-03-06 10:00", user="Beatriz"),
        rev(3, page=40, at="2025-03-07 10:00", user="Amina"),
    ]
    metrics = compute_metrics(revisions, PARTICIPANTS, MARCH, AS_OF)
    assert (metrics.totals.articles_created, metrics.totals.articles_improved) == (1, 0)
    rows = {
        row.username: (row.articles_created, row.articles_improved) for row in metrics.leaderboard
    }
    assert rows == {"Amina": (1, 0), "Beatriz": (0, 1)}


def test_revisions_leaving_a_redirect_count_in_no_figure() -> None:
    revisions = [
        rev(1, page=50, at="2025-03-05 10:00", diff=30, creation=True, redirect=True),
        rev(2, page=51, at="2025-03-05 11:00", diff=-400, redirect=True),  # article -> redirect
    ]
    metrics = compute_metrics(revisions, PARTICIPANTS, MARCH, AS_OF)
    assert metrics.totals == compute_metrics([], PARTICIPANTS, MARCH, AS_OF).totals
    assert metrics.leaderboard == ()


def test_rows_from_a_wiki_with_no_language_are_refused() -> None:
    rows = [fact_row(rev(1))]
    with pytest.raises(ValueError, match="content language"):
        compute_metrics_from_rows(rows, {}, PARTICIPANTS, MARCH, AS_OF)
    metrics = compute_metrics_from_rows(rows, {"enwikiquote": "en"}, PARTICIPANTS, MARCH, AS_OF)
    assert metrics == compute_metrics([rev(1)], PARTICIPANTS, MARCH, AS_OF)
