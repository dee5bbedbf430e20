"""Participation badges follow the counted edits of enrolled members, once per campaign."""

from datetime import UTC, datetime

import pytest

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns.awards import campaign_award_badges
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors import compute_campaign_metrics
from kuza.campaigns.tests.factories import CampaignFactory, ParticipantFactory, RevisionFactory
from kuza.credentials.models import Assertion, AwardRule
from kuza.credentials.tests.factories import AwardRuleFactory

pytestmark = pytest.mark.django_db

COLLECTED = datetime(2025, 4, 2, tzinfo=UTC)


def test_members_reaching_the_threshold_earn_the_badge_once():
    campaign = CampaignFactory()
    wiki = campaign.campaign_wikis.get().wiki
    amina, bea = UserFactory(username="amina"), UserFactory(username="bea")
    ParticipantFactory(campaign=campaign, wiki_username="Amina", user=amina)
    ParticipantFactory(campaign=campaign, wiki_username="Bea", user=bea)
    for number in range(3):
        RevisionFactory(wiki=wiki, user="Amina", revid=10 + number, page_id=10 + number)
    RevisionFactory(wiki=wiki, user="Bea", revid=20, page_id=20)
    rule = AwardRuleFactory(
        kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION, target_key=campaign.slug, threshold=3
    )
    Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=COLLECTED)
    metrics = compute_campaign_metrics(campaign, as_of=COLLECTED)

    assert campaign_award_badges(campaign, metrics) == 1
    assert campaign_award_badges(campaign, metrics) == 1  # collecting again changes nothing

    assertion = Assertion.objects.get()
    assert (assertion.recipient, assertion.badge_class) == (amina, rule.badge_class)
    assert campaign.slug in assertion.evidence_url


def test_no_rule_means_no_work_and_no_badge():
    campaign = CampaignFactory()
    ParticipantFactory(campaign=campaign, wiki_username="Amina", user=UserFactory())
    RevisionFactory(wiki=campaign.campaign_wikis.get().wiki, user="Amina")
    metrics = compute_campaign_metrics(campaign, as_of=COLLECTED)

    assert campaign_award_badges(campaign, metrics) == 0
    assert not Assertion.objects.exists()
