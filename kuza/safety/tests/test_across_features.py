"""Blocks and suspensions hold in every feature where people meet (see cross_feature.py).

Each probe answers "can the viewer find, reach or be paired with the other person here?"
through the feature's own pages or services. Every probe must say yes at first and no after
the viewer blocks the other, the other blocks the viewer, or the other is suspended.
Surveys and programmes add their probe here once they are in main (or reuse cross_feature
in their own tests).
"""

from __future__ import annotations

import pytest

from kuza.campaigns.selectors import hidden_usernames
from kuza.campaigns.tests.factories import CampaignFactory, ParticipantFactory
from kuza.events import services as events
from kuza.events.models import Registration
from kuza.events.tests.factories import EventFactory
from kuza.learning.tests.factories import CohortFactory
from kuza.mentorship import services as mentoring
from kuza.mentorship import swapping
from kuza.mentorship.models import SwapExchange, SwapPoolEntry, SwapRound
from kuza.mentorship.suggestions import rank_for
from kuza.mentorship.swaps import SwapSolverSettings
from kuza.mentorship.tests.factories import skill
from kuza.mentorship.tests.test_services import ask
from kuza.people import contact
from kuza.people.capacity import MapFilter, raw_people_counts
from kuza.people.models import ContactRequest
from kuza.people.services import PeopleError
from kuza.programs.models import VisionPost
from kuza.programs.tests.factories import MemberFactory
from kuza.safety.tests.cross_feature import SCENARIOS, World, assert_holds, make_world
from kuza.surveys import keys
from kuza.surveys.models import Question
from kuza.surveys.results import survey_results
from kuza.surveys.selectors import Respondent, surveys_for, why_not_answer
from kuza.surveys.services.invitations import invitable_members
from kuza.surveys.services.responding import response_save_section
from kuza.surveys.tests.factories import SurveyFactory, question, section

pytestmark = pytest.mark.django_db
FAST = SwapSolverSettings(time_limit_seconds=2.0, improvement_seconds=0.5)


def search(world: World) -> bool:
    world.client.force_login(world.viewer)
    page = world.client.get("/people/", {"q": "other-baraka"}).content.decode()
    return f'href="/people/{world.other.profile.pk}/"' in page


def profile_page(world: World) -> bool:
    world.client.force_login(world.viewer)
    return world.client.get(f"/people/{world.other.profile.pk}/").status_code == 200


def contact_request(world: World) -> bool:
    ContactRequest.objects.filter(sender=world.viewer).delete()
    try:
        contact.contact_request_send(
            sender=world.viewer, recipient_profile_id=world.other.profile.pk, message="Hello!"
        )
    except PeopleError as error:
        # Only the refusal a block or suspension gives, not any other failure.
        assert str(error) == "This person cannot be contacted.", error
        return False
    return True


def capacity_map(world: World) -> bool:
    counts = raw_people_counts(world.viewer, MapFilter())
    return "GH" in counts and counts["GH"].mentors == 1


def mentor_matching(world: World) -> bool:
    ranking = rank_for(learner=world.viewer, skill=skill(), only_user_ids=[world.other.pk])
    return bool(ranking.suggestions)


def asking_a_mentor(world: World) -> bool:
    try:
        mentoring.mentorship_propose(
            learner=world.viewer, request=ask(world.viewer), mentor=world.other
        )
    except mentoring.MentorshipError as error:
        assert "cannot be asked to mentor you" in str(error), error
        return False
    return True


def skill_swaps(world: World) -> bool:
    if "swaps" not in world.extra:
        for user, offers, wants in (
            (world.viewer, "grant-writing", "wikidata"),
            (world.other, "wikidata", "grant-writing"),
        ):
            swapping.pool_join(
                user=user, offers=[skill(offers).pk], wants=[skill(wants).pk], languages=["en"]
            )
        world.extra["swaps"] = True
    SwapPoolEntry.objects.update(status=SwapPoolEntry.Status.WAITING)
    swap_round = swapping.swap_round_run(round_id=SwapRound.objects.create().pk, settings=FAST)
    return SwapExchange.objects.filter(round=swap_round).exists()


def event_registration(world: World) -> bool:
    event = world.extra.setdefault("event", EventFactory(created_by=world.other))
    Registration.objects.filter(event=event, user=world.viewer).delete()
    try:
        events.registration_create(event=event, user=world.viewer, answers={})
    except events.NotAllowed:
        return False
    return True


def event_attendance_list(world: World) -> bool:
    """The viewer organises an event the other registered for: the list names them."""
    if "organised" not in world.extra:
        event = EventFactory(created_by=world.viewer)
        events.registration_create(event=event, user=world.other, answers={})
        world.extra["organised"] = event
    world.client.force_login(world.viewer)
    page = world.client.get(f"/events/{world.extra['organised'].pk}/attendance/")
    assert page.status_code == 200
    return world.other.profile.display_name in page.content.decode()


def cohort_facilitators(world: World) -> bool:
    """The other facilitates a cohort: its page names them to the viewer."""
    if "cohort" not in world.extra:
        cohort = CohortFactory()
        cohort.facilitators.add(world.other)
        world.extra["cohort"] = cohort
    cohort = world.extra["cohort"]
    world.client.force_login(world.viewer)
    page = world.client.get(f"/learn/{cohort.course.slug}/cohorts/{cohort.slug}/")
    assert page.status_code == 200
    return world.other.profile.display_name in page.content.decode()


def campaign_leaderboard(world: World) -> bool:
    if "campaign" not in world.extra:
        campaign = CampaignFactory()
        ParticipantFactory(campaign=campaign, user=world.other, wiki_username="Baraka (WMKE)")
        world.extra["campaign"] = campaign
    return "Baraka (WMKE)" not in hidden_usernames(world.extra["campaign"], viewer=world.viewer)


def event_listing(world: World) -> bool:
    """The other organises a published event: it is in the viewer's list of events."""
    event = world.extra.setdefault("listed", EventFactory(created_by=world.other))
    world.client.force_login(world.viewer)
    return event.title in world.client.get("/events/").content.decode()


def survey_listing(world: World) -> bool:
    survey = world.extra.setdefault("survey", SurveyFactory(created_by=world.other))
    return surveys_for(world.viewer).filter(pk=survey.pk).exists()


def answering_a_survey(world: World) -> bool:
    survey = world.extra.setdefault("survey", SurveyFactory(created_by=world.other))
    return why_not_answer(survey, world.viewer) is None


def survey_invitations(world: World) -> bool:
    """The viewer organises a survey: the other is among the members they may invite."""
    survey = world.extra.setdefault("own survey", SurveyFactory(created_by=world.viewer))
    return invitable_members(survey).filter(pk=world.other.pk).exists()


def survey_results_names(world: World) -> bool:
    """The other answered the viewer's identified survey: the results name them."""
    if "answered" not in world.extra:
        survey = SurveyFactory(created_by=world.viewer, anonymous=False)
        text = question(section(survey), Question.Kind.TEXT, text="What do you need?")
        response_save_section(
            survey=survey,
            respondent=Respondent(key=keys.user_key(survey.pk, world.other.pk), user=world.other),
            section_index=0,
            data={f"q{text.pk}": "A mentor for grant writing."},
        )
        world.extra["answered"] = survey
    results = survey_results(viewer=world.viewer, survey=world.extra["answered"])
    authors = {item.author for result in results.questions for item in result.texts}
    return world.other.profile.display_name in authors


def _shared_cohort(world: World):
    if "cohort" not in world.extra:
        member = MemberFactory(user=world.viewer)
        MemberFactory(user=world.other, cohort=member.cohort)
        world.extra["cohort"] = member.cohort
    return world.extra["cohort"]


def programme_cohort_members(world: World) -> bool:
    """Both are in one cohort: the programme page lists the other among its members."""
    cohort = _shared_cohort(world)
    world.client.force_login(world.viewer)
    page = world.client.get(f"/programmes/{cohort.programme.pk}/")
    assert page.status_code == 200
    return world.other.profile.display_name in page.content.decode()


def programme_vision_board(world: World) -> bool:
    """The other posted on their shared cohort's vision board: the viewer reads it."""
    cohort = _shared_cohort(world)
    if "post" not in world.extra:
        world.extra["post"] = VisionPost.objects.create(
            cohort=cohort, author=world.other, body="Thirty new articles on women in science."
        )
    world.client.force_login(world.viewer)
    page = world.client.get(f"/programmes/{cohort.programme.pk}/")
    return "Thirty new articles on women in science." in page.content.decode()


BLOCKS = SCENARIOS[:2]
SUSPENSION = SCENARIOS[2:]
# feature: (probe, the scenarios that must separate the two people there)
FEATURES = {
    "people search": (search, SCENARIOS),
    "profile page": (profile_page, SCENARIOS),
    "contact requests": (contact_request, SCENARIOS),
    "capacity map": (capacity_map, SCENARIOS),
    "mentor matching": (mentor_matching, SCENARIOS),
    "asking a mentor": (asking_a_mentor, SCENARIOS),
    "skill swaps": (skill_swaps, SCENARIOS),
    # An event is the organisers' content: a block keeps the two apart (no registration);
    # a suspended organiser's event is for the moderators to hide, if it should go.
    "event registration": (event_registration, BLOCKS),
    # Organisers need to know who comes, blocked or not; a suspended member is never listed.
    "event attendance list": (event_attendance_list, SUSPENSION),
    "campaign leaderboard": (campaign_leaderboard, SCENARIOS),
    # An event list is how people find each other's events: a blocked organiser's events go.
    "event listing": (event_listing, BLOCKS),
    # A survey is its organisers' content: a block keeps the two apart (not listed, no
    # answers, no invitation); a suspended member is never invited nor counted in results.
    "survey listing": (survey_listing, BLOCKS),
    "answering a survey": (answering_a_survey, BLOCKS),
    "survey invitations": (survey_invitations, SCENARIOS),
    "survey results (names)": (survey_results_names, SCENARIOS),
    # Organisers put people in cohorts; a block does not take anyone out of one, but each
    # stops reading the other's posts, and a suspended member appears nowhere.
    "programme cohort members": (programme_cohort_members, SUSPENSION),
    "programme vision board": (programme_vision_board, SCENARIOS),
    # Facilitators lead a cohort whoever blocked them; a suspended one is never shown.
    "cohort facilitators": (cohort_facilitators, SUSPENSION),
}
# Gaps these probes find in apps safety does not own go here, strict, so that the fix shows
# up as an unexpected pass and the marker is removed then.
KNOWN_GAPS: dict[tuple[str, str], str] = {}

CASES = [
    pytest.param(
        feature,
        scenario,
        id=f"{feature}: {scenario}",
        marks=[pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[feature, scenario])]
        if (feature, scenario) in KNOWN_GAPS
        else [],
    )
    for feature, (_probe, scenarios) in FEATURES.items()
    for scenario in scenarios
]


@pytest.mark.parametrize(("feature", "scenario"), CASES)
def test_blocks_and_suspension_hold_in(feature, scenario, client):
    probe, _scenarios = FEATURES[feature]
    assert_holds(make_world(client), scenario, probe)
