"""The swap pool through the Django layer: runs, confirmations, declines and blocks."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from kuza.mentorship import swapping
from kuza.mentorship.models import (
    Notification,
    SwapExchange,
    SwapMember,
    SwapOutcome,
    SwapPoolEntry,
    SwapRound,
)
from kuza.mentorship.services import MentorshipError
from kuza.mentorship.swaps import SwapSolverSettings
from kuza.mentorship.tasks import run_swap_round
from kuza.mentorship.tests.factories import organisation_with, person, skill
from kuza.people.models import SkillClaim
from kuza.safety.models import Block

pytestmark = pytest.mark.django_db
FAST = SwapSolverSettings(time_limit_seconds=2.0, improvement_seconds=0.5)
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def join(username: str, offers: str, wants: str, languages=("en",)):
    user = person(username, languages=languages)
    swapping.pool_join(
        user=user, offers=[skill(offers).pk], wants=[skill(wants).pk], languages=list(languages)
    )
    return user


def run() -> SwapRound:
    swap_round = SwapRound.objects.create()
    return swapping.swap_round_run(round_id=swap_round.pk, settings=FAST)


def entry_status(user) -> str:
    return SwapPoolEntry.objects.get(user=user).status


def test_the_join_form_starts_from_skill_claims_and_languages():
    user = person("wanjiru", languages=("sw", "en"))
    SkillClaim.objects.create(profile=user.profile, skill=skill("wikidata"), level=4)
    SkillClaim.objects.create(
        profile=user.profile, skill=skill("grant-writing"), wants_to_learn=True
    )

    prefill = swapping.pool_prefill(user)

    assert prefill["offers"] == [skill("wikidata").pk]
    assert prefill["wants"] == [skill("grant-writing").pk]
    assert set(prefill["languages"].split(", ")) == {"sw", "en"}


def test_a_run_proposes_a_pair_and_a_three_cycle_with_shared_languages():
    a = join("a", "wikidata", "grant-writing")
    b = join("b", "grant-writing", "wikidata")
    c = join("c", "photography", "storytelling", languages=("fr",))
    d = join("d", "storytelling", "public-speaking", languages=("fr",))
    e = join("e", "public-speaking", "photography", languages=("fr",))
    loner = join("loner", "coaching", "negotiation")

    swap_round = run()

    assert (swap_round.status, swap_round.pool_size, swap_round.people_served) == ("done", 6, 5)
    cycles = sorted(
        sorted(exchange.members.values_list("user_id", flat=True))
        for exchange in SwapExchange.objects.all()
    )
    assert cycles == [sorted([a.pk, b.pk]), sorted([c.pk, d.pk, e.pk])]
    for member in SwapMember.objects.all():
        assert member.shared_languages
    assert entry_status(a) == "proposed" and entry_status(loner) == "waiting"


def test_everyone_confirming_confirms_the_exchange_and_they_leave_the_pool():
    a = join("a", "wikidata", "grant-writing")
    b = join("b", "grant-writing", "wikidata")
    run()
    exchange = SwapExchange.objects.get()

    swapping.exchange_answer(user=a, exchange=exchange, confirm=True)
    assert SwapExchange.objects.get().status == "proposed"
    swapping.exchange_answer(user=b, exchange=exchange, confirm=True)

    assert SwapExchange.objects.get().status == "confirmed"
    assert (entry_status(a), entry_status(b)) == ("matched", "matched")
    with pytest.raises(MentorshipError, match="no longer waiting"):
        swapping.exchange_answer(user=a, exchange=exchange, confirm=False)


def test_one_decline_dissolves_the_exchange_and_the_others_are_placed_again():
    a = join("a", "wikidata", "grant-writing")
    b = join("b", "grant-writing", "wikidata")
    run()
    swapping.exchange_answer(user=a, exchange=SwapExchange.objects.get(), confirm=False)

    assert SwapExchange.objects.get().status == "dissolved"
    assert (entry_status(a), entry_status(b)) == ("waiting", "waiting")

    c = join("c", "wikidata", "grant-writing")
    second = run()

    # b is placed again, with c; a is never proposed b again after declining them.
    new = SwapExchange.objects.get(round=second)
    assert set(new.members.values_list("user_id", flat=True)) == {b.pk, c.pk}
    assert entry_status(a) == "waiting"


def test_blocked_people_are_never_put_in_one_exchange():
    a = join("a", "wikidata", "grant-writing")
    b = join("b", "grant-writing", "wikidata")
    Block.objects.create(blocker=b, blocked=a)

    swap_round = run()

    assert swap_round.people_served == 0
    assert not SwapExchange.objects.exists()


def test_suspended_and_departed_members_are_not_planned():
    a = join("a", "wikidata", "grant-writing")
    b = join("b", "grant-writing", "wikidata")
    c = join("c", "grant-writing", "wikidata")
    b.is_active = False
    b.save()
    swapping.pool_leave(user=c)

    assert run().pool_size == 1
    assert entry_status(a) == "waiting"


def test_nobody_outside_the_exchange_can_answer_and_a_member_answers_once():
    a = join("a", "wikidata", "grant-writing")
    join("b", "grant-writing", "wikidata")
    run()
    exchange = SwapExchange.objects.get()

    with pytest.raises(MentorshipError, match="does not exist"):
        swapping.exchange_answer(user=person("outsider"), exchange=exchange, confirm=True)
    swapping.exchange_answer(user=a, exchange=exchange, confirm=True)
    with pytest.raises(MentorshipError, match="already answered"):
        swapping.exchange_answer(user=a, exchange=exchange, confirm=True)
    with pytest.raises(MentorshipError, match="before leaving"):
        swapping.pool_leave(user=a)


def test_the_background_task_runs_a_queued_round(settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE_TASKS
    organiser = person("amina")
    organisation_with(organiser)
    join("a", "wikidata", "grant-writing")
    join("b", "grant-writing", "wikidata")

    with django_capture_on_commit_callbacks(execute=True):
        swap_round = swapping.swap_round_start(user=organiser)

    swap_round.refresh_from_db()
    assert (swap_round.status, swap_round.people_served) == ("done", 2)
    assert swap_round.method == "exact_cp_sat" and swap_round.proven_optimal
    assert run_swap_round.call(swap_round.pk)["status"] == "done"  # a rerun changes nothing
    assert SwapExchange.objects.count() == 1


def test_only_organisers_and_staff_start_swap_rounds():
    with pytest.raises(PermissionDenied):
        swapping.swap_round_start(user=person("member"))
    assert not SwapRound.objects.exists()


def test_joining_needs_something_to_teach_learn_and_a_language():
    user = person("wanjiru")
    with pytest.raises(MentorshipError, match="at least one skill"):
        swapping.pool_join(user=user, offers=[], wants=[skill().pk], languages=["en"])
    with pytest.raises(MentorshipError, match="languages"):
        swapping.pool_join(user=user, offers=[skill().pk], wants=[skill().pk], languages=[])
    assert not SwapPoolEntry.objects.exists()


def test_the_management_command_runs_a_round_for_schedulers():
    join("a", "wikidata", "grant-writing")
    join("b", "grant-writing", "wikidata")
    output = io.StringIO()

    call_command("mentorship_swap_round", stdout=output)

    assert "2 of 2 people served" in output.getvalue()
    assert SwapRound.objects.get().status == "done"


def test_after_a_run_everyone_in_the_pool_sees_what_happened_and_why(client):
    a = join("a", "wikidata", "grant-writing")
    b = join("b", "grant-writing", "wikidata")
    loner = join("loner", "coaching", "negotiation")
    mute = join("mute", "wikidata", "grant-writing", languages=("ig",))

    swap_round = run()

    outcomes = dict(SwapOutcome.objects.filter(round=swap_round).values_list("user_id", "reason"))
    assert outcomes == {
        a.pk: "proposed",
        b.pk: "proposed",
        loner.pk: "no_teacher",
        mute.pk: "no_language",
    }
    assert Notification.objects.filter(kind="swap_not_served").count() == 2
    assert Notification.objects.get(user=loner, kind="swap_not_served").url == "/mentorship/swaps/"

    client.force_login(loner)
    page = client.get("/mentorship/swaps/").content.decode()
    assert "The last swap round" in page
    assert "Nobody in the pool offers a skill you want to learn." in page
    assert "add other skills you want to learn" in page
    client.force_login(a)
    page = client.get("/mentorship/swaps/").content.decode()
    assert "An exchange was proposed to you." in page
    exchange = SwapExchange.objects.get()
    assert f'href="/mentorship/swaps/exchanges/{exchange.pk}/"' in page


def test_a_round_that_serves_nobody_still_tells_each_person_why(client):
    first = join("first", "wikidata", "grant-writing")
    second = join("second", "grant-writing", "wikidata")
    Block.objects.create(blocker=first, blocked=second)

    swap_round = run()

    assert swap_round.people_served == 0
    assert set(SwapOutcome.objects.values_list("user_id", "reason")) == {
        (first.pk, "no_teacher"),
        (second.pk, "no_teacher"),
    }
    client.force_login(second)
    page = client.get("/mentorship/swaps/").content.decode()
    assert "Waiting for the next run" in page
    assert "Nobody in the pool offers a skill you want to learn." in page
