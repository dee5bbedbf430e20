"""Open campaigns (issue 13): anyone's tagged edits count, bots can be left out.

Hand-checked cases first, then properties over the generators of the main property tests.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from hypothesis import given

from kuza.campaigns.metrics import CampaignWindow, Participant, RevisionFact, compute_metrics
from kuza.campaigns.tests.metrics_fixtures import rev, utc
from kuza.campaigns.tests.test_metrics_properties import (
    EXAMPLES,
    as_of_times,
    participant_lists,
    revision_lists,
    windows,
)

WINDOW = CampaignWindow(
    start=utc("2025-03-01 00:00"), end=utc("2025-04-01 00:00"), hashtag="#SheSaid", open=True
)
AS_OF = utc("2025-05-15 00:00")


def test_an_open_campaign_credits_tagged_edits_by_anyone_and_only_those() -> None:
    revisions = [
        rev(1, user="Amina", comment="no tag", creation=True),  # enrolled: counts untagged
        rev(2, user="Outsider", page=2, comment="quotes ＃shesaid", creation=True, diff=40),
        rev(3, user="outsider", page=2, comment="more quotes", diff=7),  # untagged: not hers
        rev(4, user="Passer-by", page=3, comment="#SheSaid2025", diff=5),  # tag inside a word
        rev(5, user="Outsider", page=4, comment="#SheSaid", at="2025-05-01 10:00"),  # retention
    ]
    metrics = compute_metrics(revisions, [Participant("Amina")], WINDOW, AS_OF)

    assert metrics.totals.edits == 2
    assert metrics.totals.articles_created == 2
    assert metrics.totals.active_participants == 2
    assert [(row.username, row.edits, row.bytes_added) for row in metrics.leaderboard] == [
        ("Outsider", 1, 40),  # same edits and creations: more bytes come first
        ("Amina", 1, 10),
    ]
    assert metrics.retention is not None
    assert (metrics.retention.cohort, metrics.retention.retained) == (2, 1)


def test_a_closed_campaign_ignores_outsiders_even_with_the_tag() -> None:
    closed = replace(WINDOW, open=False)
    revisions = [rev(1, user="Outsider", comment="#SheSaid")]
    listed = [Participant("Outsider", enrolled=False)]  # known, but not enrolled

    assert compute_metrics(revisions, listed, closed, AS_OF).totals.edits == 0
    assert compute_metrics(revisions, listed, WINDOW, AS_OF).totals.edits == 1


def test_listed_contributors_bring_their_registration_and_choice_to_hide() -> None:
    revisions = [rev(1, user="Found", comment="#SheSaid"), rev(2, user="Shy", comment="#SheSaid")]
    listed = [
        Participant("Found", registered_at=utc("2025-03-02 09:00"), enrolled=False),
        Participant("Shy", hidden_from_leaderboard=True, enrolled=False),
    ]
    metrics = compute_metrics(revisions, listed, WINDOW, AS_OF)

    assert metrics.new_editors == 1
    assert [row.username for row in metrics.leaderboard] == ["Found"]
    assert metrics.totals.edits == 2


def test_bots_are_left_out_only_when_asked() -> None:
    revisions = [
        replace(rev(1, user="QuoteBot", comment="#SheSaid", creation=True, diff=500), is_bot=True),
        rev(2, user="Amina", page=2, comment="x", diff=3),
        # A participant's edit flagged as a bot edit (she ran a bot-assisted tool).
        replace(rev(3, user="Amina", page=2, comment="run", diff=9), is_bot=True),
    ]
    everyone = compute_metrics(revisions, [Participant("Amina")], WINDOW, AS_OF)
    no_bots = compute_metrics(
        revisions, [Participant("Amina")], replace(WINDOW, exclude_bots=True), AS_OF
    )

    assert (everyone.totals.edits, everyone.totals.articles_created) == (3, 1)
    assert (no_bots.totals.edits, no_bots.totals.articles_created) == (1, 0)
    assert [row.username for row in no_bots.leaderboard] == ["Amina"]


def test_uploads_carrying_the_tag_count_per_wiki() -> None:
    revisions = [
        rev(1, user="Photographer", page=9, namespace=6, comment="#SheSaid", upload=True),
        rev(2, user="Photographer", page=10, namespace=6, comment="untagged", upload=True),
        rev(3, user="Amina", wiki="frwikiquote", page=9, namespace=6, comment="x", upload=True),
    ]
    metrics = compute_metrics(revisions, [Participant("Amina")], WINDOW, AS_OF)

    assert {row.wiki: row.tally.files_uploaded for row in metrics.per_wiki} == {
        "enwikiquote": 1,
        "frwikiquote": 1,
    }
    assert metrics.totals.files_uploaded == 2
    assert metrics.totals.edits == 0  # the File namespace is not a content namespace here


def test_an_open_campaign_needs_a_hashtag() -> None:
    with pytest.raises(ValueError, match="open campaign"):
        CampaignWindow(start=WINDOW.start, end=WINDOW.end, open=True)
    with pytest.raises(ValueError, match="enrolled must be a bool"):
        Participant("Amina", enrolled=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="is_bot must be a bool"):
        replace(rev(1), is_bot="yes")  # type: ignore[arg-type]


@EXAMPLES
@given(revision_lists(), participant_lists(), windows(), as_of_times)
def test_opening_a_campaign_never_lowers_a_total(
    revisions: list[RevisionFact],
    participants: list[Participant],
    window: CampaignWindow,
    as_of: datetime,
) -> None:
    closed = compute_metrics(revisions, participants, replace(window, open=False), as_of)
    opened = compute_metrics(revisions, participants, replace(window, open=True), as_of)
    for field in ("edits", "articles_created", "bytes_added", "files_uploaded"):
        assert getattr(opened.totals, field) >= getattr(closed.totals, field)
    assert opened.totals.active_participants >= closed.totals.active_participants


@EXAMPLES
@given(revision_lists(), participant_lists(), windows(), as_of_times)
def test_excluding_bots_is_crediting_their_edits_to_nobody(
    revisions: list[RevisionFact],
    participants: list[Participant],
    window: CampaignWindow,
    as_of: datetime,
) -> None:
    # A page a bot created during the campaign is still a new page, not an improved one, so
    # its edits are handed to an unlisted, untagged author rather than deleted.
    nobodys = [
        replace(r, user="Nobody listed", comment="", is_bot=False)
        if r.is_bot and window.start <= r.timestamp < window.end
        else r
        for r in revisions
    ]
    excluded = compute_metrics(revisions, participants, replace(window, exclude_bots=True), as_of)
    reassigned = compute_metrics(nobodys, participants, replace(window, exclude_bots=False), as_of)
    assert excluded == reassigned
