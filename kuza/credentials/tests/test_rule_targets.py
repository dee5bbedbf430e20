"""Badge rules name real things picked from lists, and can be applied to those who already
achieved them (count shown, confirmation asked)."""

from __future__ import annotations

import pathlib

import pytest

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.credentials.models import Assertion, AwardRule
from kuza.credentials.tests.factories import AwardRuleFactory, BadgeClassFactory, MembershipFactory
from kuza.learning.models import Enrolment
from kuza.learning.tests.factories import CohortFactory, make_course
from kuza.mentorship.models import Mentorship
from kuza.mentorship.tests.factories import MentorshipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_and_badge():
    membership = MembershipFactory(user=UserFactory(username="rehema"))
    badge_class = BadgeClassFactory(issuer__organisation=membership.organisation)
    return membership.user, badge_class


def manage_url(badge_class, action: str = "") -> str:
    return f"/badges/manage/classes/{badge_class.uuid}/{action}"


def completed(course, *learners, cohort=None) -> None:
    # Completed before any rule existed: written directly, so nothing was emitted then.
    for learner in learners:
        Enrolment.objects.create(
            user=learner, course=course, cohort=cohort, completed_at="2026-01-05T10:00Z"
        )


def test_the_rule_form_lists_courses_cohorts_and_campaigns_by_name(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    course = make_course(title="Wikidata for librarians", with_quiz=False)
    CohortFactory(course=course, name="Spring cohort")
    CampaignFactory(name="#SheSaid 2025", slug="shesaid-2025")
    client.force_login(organiser)

    page = client.get(manage_url(badge_class)).content.decode()

    assert f'value="course_completed:{course.slug}"' in page
    assert "Course completed: Wikidata for librarians" in page
    assert "Wikidata for librarians — Spring cohort" in page
    assert 'value="campaign_participation:shesaid-2025"' in page
    assert "Campaign participation: #SheSaid 2025" in page
    assert 'value="mentorship_mentor:"' in page
    assert 'name="target_key"' not in page  # no free-text identifier any more


def test_a_rule_naming_something_that_does_not_exist_is_refused(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    client.force_login(organiser)

    response = client.post(
        manage_url(badge_class, "rules/"), {"achievement": "course_completed:basics"}
    )

    assert response.status_code == 400
    assert AwardRule.objects.count() == 0


def test_adding_a_rule_offers_to_award_those_who_already_completed(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    course = make_course(with_quiz=False)
    done, also_done, no_email = UserFactory(), UserFactory(), UserFactory(email="")
    completed(course, done, also_done, no_email)
    Enrolment.objects.create(user=UserFactory(), course=course)  # still learning
    client.force_login(organiser)

    added = client.post(
        manage_url(badge_class, "rules/"), {"achievement": f"course_completed:{course.slug}"}
    )
    rule = AwardRule.objects.get()
    confirm_url = manage_url(badge_class, f"rules/{rule.pk}/apply/")
    question = client.get(confirm_url).content.decode()

    assert added.status_code == 302 and added.url == confirm_url
    assert "2 people already qualify" in question
    assert Assertion.objects.count() == 0  # nothing happens before the confirmation

    applied = client.post(confirm_url)

    assert applied.status_code == 302
    holders = set(Assertion.objects.values_list("recipient", flat=True))
    assert holders == {done.pk, also_done.pk}
    assert set(Assertion.objects.values_list("achievement_key", flat=True)) == {
        f"course_completed:{course.slug}"
    }
    assert "Nobody else qualifies now" in client.get(confirm_url).content.decode()
    client.post(confirm_url)
    assert Assertion.objects.count() == 2


def test_a_rule_nobody_qualifies_for_goes_straight_back(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    course = make_course(with_quiz=False)
    client.force_login(organiser)

    added = client.post(
        manage_url(badge_class, "rules/"), {"achievement": f"course_completed:{course.slug}"}
    )

    assert added.url == manage_url(badge_class)


def test_resuming_a_paused_rule_offers_the_mentorships_completed_meanwhile(
    client, organiser_and_badge
):
    organiser, badge_class = organiser_and_badge
    rule = AwardRuleFactory(
        badge_class=badge_class,
        kind=AwardRule.Kind.MENTORSHIP_COMPLETED_MENTOR,
        target_key="",
        is_active=False,
    )
    mentorship = MentorshipFactory(status=Mentorship.Status.COMPLETED)
    client.force_login(organiser)

    resumed = client.post(manage_url(badge_class, f"rules/{rule.pk}/"), {"active": "1"})
    client.post(resumed.url)

    assert resumed.url.endswith(f"rules/{rule.pk}/apply/")
    [assertion] = Assertion.objects.all()
    assert assertion.recipient == mentorship.mentor
    assert assertion.achievement_key == f"mentorship_mentor:{mentorship.pk}"


def test_applying_a_campaign_rule_counts_only_those_over_the_threshold(organiser_and_badge):
    from datetime import UTC, datetime

    from kuza.campaigns.tests.factories import ParticipantFactory, RevisionFactory
    from kuza.credentials import selectors, services

    organiser, badge_class = organiser_and_badge
    campaign = CampaignFactory(last_synced_at=datetime(2025, 4, 2, tzinfo=UTC))
    wiki = campaign.wikis.get()
    busy, light = UserFactory(), UserFactory()
    for user, edits in ((busy, 3), (light, 1)):
        ParticipantFactory(campaign=campaign, user=user, wiki_username=user.username)
        for number in range(edits):
            RevisionFactory(
                wiki=wiki, user=user.username, timestamp=datetime(2025, 3, 2 + number, tzinfo=UTC)
            )
    rule = services.award_rule_create(
        badge_class=badge_class,
        actor=organiser,
        kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION,
        target_key=campaign.slug,
        threshold=2,
    )

    assert [a.user for a in selectors.rule_pending_achievements(rule)] == [busy]
    assert services.award_rule_apply(rule=rule, actor=organiser) == 1
    assert Assertion.objects.get().recipient == busy


def test_only_credentials_knows_about_badges():
    # Learning, mentorship and campaigns emit achievements; they never import credentials.
    root = pathlib.Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for app in ("learning", "mentorship", "campaigns")
        for path in (root / app).rglob("*.py")
        if "tests" not in path.parts and "kuza.credentials" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
