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

    course = community.extra["learning_course"]
    starter = services.badge_class_create(
        issuer=platform,
        actor=None,
        name="Gender-gap initiative starter",
        description=f"Completed the course “{course.title}” on Kuza.",
        criteria=f"Read every lesson of *{course.title}* and pass each module's quiz.",
        is_certificate=True,
        alignments=[
            {
                "targetName": "Closing the gender gap",
                "targetUrl": "https://en.wikipedia.org/wiki/Gender_bias_on_Wikipedia",
            }
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
    # The rules come after the courses, mentorships and campaign they name (credentials loads
    # after the apps that emit achievements), so they are applied to the past as an organiser
    # would: the demo's completions earn their badges through the same path.
    rules = [
        services.award_rule_create(
            badge_class=starter,
            actor=None,
            kind=AwardRule.Kind.COURSE_COMPLETED,
            target_key=course.slug,
        ),
        services.award_rule_create(
            badge_class=mentor, actor=None, kind=AwardRule.Kind.MENTORSHIP_COMPLETED_MENTOR
        ),
        services.award_rule_create(
            badge_class=shesaid,
            actor=organiser,
            kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION,
            target_key=community.extra["campaign"].slug,
            threshold=10,
        ),
    ]
    for rule in rules:
        services.award_rule_apply(rule=rule, actor=None)

    # The organiser wrote the course; her certificate is a manual award by the platform.
    certificate, _created = services.assertion_issue(
        badge_class=starter, recipient=organiser, achievement_key=services.MANUAL_ACHIEVEMENT
    )
    certificate.is_public = True
    certificate.save(update_fields=["is_public"])
    holders = set(shesaid.assertions.values_list("recipient_id", flat=True))
    mistaken = next(
        user
        for username, user in sorted(community.users.items())
        if username != DEMO_ORGANISER and user.pk not in holders
    )
    revoked, _created = services.assertion_award_manual(
        badge_class=shesaid, actor=organiser, recipient=mistaken
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
