"""Demo moderation: a platform moderator, an organisation moderator and reports in each state.

- thandeka.dlamini moderates the whole platform; wanjiru.kamau moderates Wiki Women of East
  Africa (she sees reports about its members only).
- Reports: one new, one in review (with an internal note and a message to the reporter),
  one where a member was warned, and one closed after a spam account was suspended.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from kuza.core.demo_loader import DemoCommunity
from kuza.people.models import ContactRequest
from kuza.safety import moderation, services
from kuza.safety.models import ModeratorRole, Report

PLATFORM_MODERATOR = "thandeka.dlamini"
ORGANISATION_MODERATOR = "wanjiru.kamau"
MODERATED_ORGANISATION = "wiki-women-east-africa"
SPAM_ACCOUNT = "bulk.links.seller"


def _report(reporter, person, description: str, links: tuple[str, ...] = ()) -> Report:
    # Each story starts with a message from the person reported, which also lets the reporter
    # report them when their profile is hidden from her (see reportables).
    ContactRequest.objects.get_or_create(
        sender=person, recipient=reporter, defaults={"message": "Hello, can we talk privately?"}
    )
    return services.report_create(
        reporter=reporter,
        kind="person",
        target_id=person.pk,
        description=description,
        evidence_links=list(links),
    )


def load(community: DemoCommunity) -> None:
    users = community.users
    needed = {
        PLATFORM_MODERATOR,
        ORGANISATION_MODERATOR,
        "apio.okello",
        "namubiru.mukasa",
        "neema.mushi",
        "rehema.mollel",
        "aisha.bello",
        "fatou.diop",
    }
    organisation = community.organisations.get(MODERATED_ORGANISATION)
    if not needed <= users.keys() or organisation is None:
        return
    platform = users[PLATFORM_MODERATOR]
    local = users[ORGANISATION_MODERATOR]
    ModeratorRole.objects.create(user=platform, organisation=None)
    ModeratorRole.objects.create(user=local, organisation=organisation)

    _report(
        users["apio.okello"],
        users["namubiru.mukasa"],
        "After I declined to meet after the edit-a-thon, she kept sending me private messages "
        "every evening asking where I live.",
    )

    in_review = _report(
        users["rehema.mollel"],
        users["aisha.bello"],
        "Mocking comments about my English under my translation drafts, twice this week.",
        ("https://sw.wikipedia.org/wiki/Majadiliano_ya_mtumiaji:Rehema_demo",),
    )
    moderation.report_add_note(
        moderator=platform,
        report=in_review,
        body="Asked the Lagos organisers whether this happened before. Waiting for an answer.",
    )
    moderation.report_reply(
        moderator=platform,
        report=in_review,
        body="Thank you for telling us. We are looking into it and will write again this week.",
    )

    warned = _report(
        users["neema.mushi"],
        users["namubiru.mukasa"],
        "She shared a photo of me from the meetup without asking, with my home town.",
    )
    moderation.member_warn(
        moderator=local,
        report=warned,
        message="Please never share photos or personal details of others without their consent "
        "(code of conduct, “Consent”). A second time would lead to a suspension.",
    )
    moderation.report_reply(
        moderator=local,
        report=warned,
        body="We warned the member and asked them to remove the photo. Thank you for reporting.",
    )

    spammer = get_user_model()(username=SPAM_ACCOUNT, email=f"{SPAM_ACCOUNT}@example.org")
    spammer.set_unusable_password()
    spammer.save()
    closed = _report(
        users["fatou.diop"],
        spammer,
        "Sends the same advertising link to every new member.",
        ("https://example.org/spam-offer",),
    )
    moderation.member_suspend(
        moderator=platform, report=closed, reason="Advertising sent to many members."
    )
    moderation.report_set_status(moderator=platform, report=closed, status=Report.Status.CLOSED)
