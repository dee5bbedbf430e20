import pytest

from kuza.credentials.models import Assertion, AwardRule, BadgeClass, Issuer

pytestmark = pytest.mark.django_db


def test_the_demo_has_both_kinds_of_issuer_badges_rules_a_revocation_and_a_certificate(
    client, demo_community
):
    demo = demo_community.extra["credentials"]

    assert Issuer.objects.filter(is_platform=True).count() == 1
    assert Issuer.objects.filter(organisation__isnull=False).exists()
    assert BadgeClass.objects.count() >= 3 and AwardRule.objects.count() >= 3
    assert Assertion.objects.filter(revoked_at__isnull=True).count() >= 8
    assert Assertion.objects.filter(revoked_at__isnull=False).count() == 1
    assert demo["certificate"].badge_class.is_certificate and demo["certificate"].is_public
    assert client.get(f"/badges/assertions/{demo['revoked'].uuid}.json").status_code == 410
    page = client.get(f"/badges/assertions/{demo['certificate'].uuid}/").content.decode()
    assert "Amina Odhiambo" in page


def test_the_demo_course_awards_its_demo_badge_and_every_rule_names_something_real(
    demo_community,
):
    from kuza.core import achievements
    from kuza.learning.models import Enrolment

    course = demo_community.extra["learning_course"]
    rule = AwardRule.objects.get(kind=AwardRule.Kind.COURSE_COMPLETED)
    graduates = set(
        Enrolment.objects.filter(course=course, completed_at__isnull=False).values_list(
            "user", flat=True
        )
    )
    holders = set(Assertion.objects.filter(rule=rule).values_list("recipient", flat=True))

    assert rule.target_key == course.slug
    assert graduates and holders == graduates
    for rule in AwardRule.objects.exclude(target_key=""):
        targets = achievements.source(rule.kind).targets(None)
        assert rule.target_key in {target.key for target in targets}
