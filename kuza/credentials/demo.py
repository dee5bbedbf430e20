"""Demo badges: a platform issuer and an organisation issuer, a few badge classes with rules,
awards to demo people (one revoked, some public) and a course certificate."""

from __future__ import annotations

from kuza.core.demo_loader import DEMO_ORGANISER, DemoCommunity
from kuza.credentials import services
from kuza.credentials.models import AwardRule

ORGANISATION = "wiki-women-east-africa"


def load(community: DemoCommunity) -> None:
    organiser = community.users[DEMO_ORGANISER]
    platform = services.issuer_ensure_platform()
    platform.email = "badges@kuza.example.org"
    platform.save(update_fields=["email"])
    organisation = community.organisations[ORGANISATION]
    east_africa = services.issuer_create_for_organisation(
        organisation=organisation, actor=organiser, email="badges@wikiwomen-ea.example.org"
    )

    basics = services.badge_class_create(
        issuer=platform,
        actor=None,
        name="Wikipedia Editing Basics",
        description="Completed the Wikipedia Editing Basics course on Kuza.",
        criteria="Finish every lesson of *Wikipedia Editing Basics* and pass its final quiz.",
        is_certificate=True,
        alignments=[
            {"targetName": "Wikipedia editing", "targetUrl": "https://www.wikidata.org/wiki/Q52"}
        ],
    )
    mentor = services.badge_class_create(
        issuer=platform,
        actor=None,
        name="Kuza Mentor",
        description="Guided a fellow community member through a full mentorship.",
        criteria="Complete a mentorship as the mentor, with the learner's confirmation.",
        valid_for_days=730,
    )
    shesaid = services.badge_class_create(
        issuer=east_africa,
        actor=organiser,
        name="#SheSaid contributor",
        description="Added quotes of women to Wikiquote during #SheSaid.",
        criteria="Make at least 10 contributions to the #SheSaid campaign.",
    )
    services.award_rule_create(
        badge_class=basics, actor=None, kind=AwardRule.Kind.COURSE_COMPLETED, target_key="basics"
    )
    services.award_rule_create(
        badge_class=mentor, actor=None, kind=AwardRule.Kind.MENTORSHIP_COMPLETED_MENTOR
    )
    services.award_rule_create(
        badge_class=shesaid,
        actor=organiser,
        kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION,
        target_key="shesaid-2026",
        threshold=10,
    )

    people = [user for username, user in community.users.items() if username != DEMO_ORGANISER]
    graduates = [organiser, *people[:5]]
    for user in graduates:
        services.award_for_achievement(
            rule_kind=AwardRule.Kind.COURSE_COMPLETED, subject_id="basics", user=user
        )
    for user in people[5:9]:
        services.award_for_achievement(
            rule_kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION,
            subject_id="shesaid-2026",
            user=user,
            value=12,
        )
    certificate, _created = services.assertion_issue(
        badge_class=basics, recipient=organiser, achievement_key="course_completed:basics"
    )
    certificate.is_public = True
    certificate.save(update_fields=["is_public"])
    services.award_for_achievement(
        rule_kind=AwardRule.Kind.MENTORSHIP_COMPLETED_MENTOR,
        subject_id="demo-mentorship-1",
        user=organiser,
    )
    revoked, _created = services.assertion_award_manual(
        badge_class=shesaid, actor=organiser, recipient=people[9]
    )
    services.assertion_revoke(
        assertion=revoked, actor=organiser, reason="Awarded by mistake: contributions were spam."
    )
    community.extra["credentials"] = {
        "platform_issuer": platform,
        "organisation_issuer": east_africa,
        "certificate": certificate,
        "revoked": revoked,
    }
