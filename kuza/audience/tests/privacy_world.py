"""A small world for the generated privacy test: people with distinctive names who must stay
hidden from some viewers, taking part in everything a page, CSV or API answer may name.

Hidden people (each name, username, e-mail and Wikimedia user name is unique in the world):
- Quillon Onlyme: profile "only me";
- Mirabel Membersonly: profile for members;
- Cassius Closecircle: profile for "my mentors and organisers";
- Sorrel Suspended: public profile, suspended account;
- Xander Blockwall: public profile, blocked the "blocked member" persona.
They author library resources, facilitate a cohort, post announcements, co-organise an event
and register for it, take part in a campaign (with edits on its leaderboard), join a
programme, and are mentors or learners (with check-ins and feedback) of the personas who may
not see them (so a mentorship's own pages, and its partner in the API, are read by someone
the partner is hidden from) and of the host; everything is hosted by Hana Host, whose
profile is public.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.contrib.auth import get_user_model

from kuza.campaigns.models import Campaign
from kuza.campaigns.tests.factories import (
    CampaignFactory,
    ParticipantFactory,
    RevisionFactory,
    WikiFactory,
)
from kuza.credentials.tests.factories import AssertionFactory, BadgeClassFactory
from kuza.events.tests.factories import EventFactory, RegistrationFactory
from kuza.learning.models import Announcement
from kuza.learning.tests.factories import CohortFactory, make_course
from kuza.library.tests.factories import make_resource
from kuza.mentorship.models import CheckIn, Feedback, Mentorship
from kuza.mentorship.tests.factories import MentorshipFactory
from kuza.people.models import Membership, Organisation, Visibility
from kuza.people.tests.factories import make_person
from kuza.programs.tests.factories import CohortFactory as ProgrammeCohortFactory
from kuza.programs.tests.factories import MemberFactory as ProgrammeMemberFactory
from kuza.programs.tests.factories import ProgrammeFactory
from kuza.safety.models import Block, ModeratorRole

COLLECTED = datetime(2025, 6, 1, tzinfo=UTC)

# username -> (display name, profile visibility)
HIDDEN_PEOPLE = {
    "quillon-onlyme": ("Quillon Onlyme", Visibility.ONLY_ME),
    "mirabel-membersonly": ("Mirabel Membersonly", Visibility.MEMBERS),
    "cassius-closecircle": ("Cassius Closecircle", Visibility.MENTORS_AND_ORGANISERS),
    "sorrel-suspended": ("Sorrel Suspended", Visibility.PUBLIC),
    "xander-blockwall": ("Xander Blockwall", Visibility.PUBLIC),
}


@dataclass
class World:
    personas: dict[str, object | None]
    people: dict[str, object]
    secrets: dict[str, list[str]] = field(default_factory=dict)

    def hidden_from(self, persona: str) -> set[str]:
        """Usernames of the people `persona` may not see named."""
        suspended = {"sorrel-suspended"}
        if persona == "visitor":
            return {"quillon-onlyme", "mirabel-membersonly", "cassius-closecircle"} | suspended
        if persona in ("member", "organiser"):
            return {"quillon-onlyme", "cassius-closecircle"} | suspended
        if persona == "blocked member":
            return {"quillon-onlyme", "cassius-closecircle", "xander-blockwall"} | suspended
        return set()  # moderators see everyone


def _secret_strings(user) -> list[str]:
    profile = user.profile
    return [profile.display_name, user.username, user.email, profile.wikimedia_username]


def _mentorships(pairs) -> None:
    """Mentorships of (learner, mentor, status), each with a check-in from both partners;
    completed ones with both partners' feedback."""
    for learner, mentor, status in pairs:
        mentorship = MentorshipFactory(request__learner=learner, mentor=mentor, status=status)
        for author in (learner, mentor):
            CheckIn.objects.create(
                mentorship=mentorship, author=author, date=COLLECTED.date(), note="On track"
            )
            if status == Mentorship.Status.COMPLETED:
                Feedback.objects.create(mentorship=mentorship, author=author, rating=4)


def build_world() -> World:
    host = make_person("hana-host", display_name="Hana Host", visibility=Visibility.PUBLIC).user
    member = make_person("plain-member", visibility=Visibility.PUBLIC).user
    blocked_member = make_person("blocked-member", visibility=Visibility.PUBLIC).user
    organiser = make_person("olga-organiser", visibility=Visibility.PUBLIC).user
    moderator = make_person("mona-moderator", visibility=Visibility.PUBLIC).user
    ModeratorRole.objects.create(user=moderator)

    people = {}
    for username, (name, visibility) in HIDDEN_PEOPLE.items():
        wiki_name = name.replace(" ", "") + "Wiki"
        profile = make_person(
            username,
            display_name=name,
            visibility=visibility,
            wikimedia_username=wiki_name,
            wikimedia_verified=True,
        )
        user = profile.user
        user.email = f"{username}@secret.example"
        user.save()
        people[username] = user
    Block.objects.create(blocker=people["xander-blockwall"], blocked=blocked_member)
    organisation = Organisation.objects.create(name="Host circle", slug="host-circle")
    Membership.objects.create(organisation=organisation, user=host, role=Membership.Role.ORGANISER)
    for person in people.values():
        Membership.objects.create(organisation=organisation, user=person)

    hidden = list(people.values())
    # Library: each hidden person contributed a published resource.
    for person in hidden:
        make_resource(author=person, title=f"Guide by {person.username[:3]}")
    # Learning: a course they wrote, a cohort they facilitate, announcements they posted.
    course = make_course(modules=1, lessons_per_module=1, with_quiz=False, author=host)
    course.authors.add(*hidden)
    course.is_published = True
    course.save()
    cohort = CohortFactory(course=course, slug="privacy-cohort")
    cohort.facilitators.add(*hidden)
    for person in hidden:
        Announcement.objects.create(cohort=cohort, author=person, title="Hello", body="Hi")
    # Events: co-organised by them, and they registered.
    event = EventFactory(created_by=host, organisers=[host, *hidden], title="Privacy meetup")
    for person in hidden:
        RegistrationFactory(event=event, user=person)
    EventFactory(created_by=organiser, title="Olga's own event")
    # Campaigns: they take part and edited, so the leaderboard has a row for each.
    wiki = WikiFactory(db_name="privacywiki", language="en", name="Privacy wiki")
    campaign = CampaignFactory(slug="privacy-drive", organisers=[host], on_wikis=[wiki])
    for number, person in enumerate(hidden, start=1):
        wiki_name = person.profile.wikimedia_username
        ParticipantFactory(campaign=campaign, user=person, wiki_username=wiki_name)
        RevisionFactory(wiki=wiki, user=wiki_name, revid=number, page_id=number)
    Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=COLLECTED)
    CampaignFactory(slug="olga-drive", organisers=[organiser])
    # Programmes: they organise, mentor and are members.
    programme = ProgrammeFactory(organisers=[host, *hidden], listed=True)
    programme.mentors.add(*hidden)
    programme_cohort = ProgrammeCohortFactory(programme=programme)
    for person in hidden:
        ProgrammeMemberFactory(cohort=programme_cohort, programme=programme, user=person)
    for person in (member, blocked_member, organiser):
        ProgrammeMemberFactory(cohort=programme_cohort, programme=programme, user=person)

    # Mentorships: with the personas each partner stays hidden from (a profile for "only me",
    # a suspended account, a block; a "mentors and organisers" profile is opened by an active
    # mentorship, so Cassius mentors the host), and one the persona may see named (control).
    _mentorships(
        [
            (member, people["quillon-onlyme"], Mentorship.Status.ACTIVE),
            (people["sorrel-suspended"], member, Mentorship.Status.COMPLETED),
            (blocked_member, people["xander-blockwall"], Mentorship.Status.COMPLETED),
            (member, people["mirabel-membersonly"], Mentorship.Status.COMPLETED),
            (host, people["cassius-closecircle"], Mentorship.Status.ACTIVE),
        ]
    )

    # Credentials: each holds a certificate they keep private; the host made hers public
    # (the control: her name is read back from the PDF's text).
    certificate = BadgeClassFactory(name="Privacy certificate", is_certificate=True)
    for person in hidden:
        AssertionFactory(badge_class=certificate, recipient=person, is_public=False)
    AssertionFactory(badge_class=certificate, recipient=host, is_public=True)

    # Suspended last: everything above was done while the account was active.
    get_user_model().objects.filter(pk=people["sorrel-suspended"].pk).update(is_active=False)
    world = World(
        personas={
            "visitor": None,
            "member": member,
            "blocked member": blocked_member,
            "organiser": organiser,
            "moderator": moderator,
        },
        people=people,
    )
    world.secrets = {username: _secret_strings(user) for username, user in people.items()}
    return world
