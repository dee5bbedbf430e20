"""Why a swap round left someone out (pure: no Django)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kuza.mentorship.swap_reasons import UnservedReason, unserved_reasons
from kuza.mentorship.swaps import SwapParticipant, plan_swaps

WIKIDATA, COMMONS, LUA, TEMPLATES = range(1, 5)


def person(person_id, offers, wants, languages=("en",), blocked=()):
    return SwapParticipant(person_id, offers, wants, languages, blocked)


def reasons(*participants):
    return unserved_reasons(participants, plan_swaps(participants))


def test_a_served_pool_has_no_reasons():
    assert reasons(person(1, {LUA}, {WIKIDATA}), person(2, {WIKIDATA}, {LUA})) == {}


def test_nobody_teaches_what_they_want_comes_first():
    found = reasons(
        person(1, {LUA}, {WIKIDATA}), person(2, {WIKIDATA}, {LUA}), person(3, {LUA}, {COMMONS})
    )
    assert found == {3: UnservedReason.NO_TEACHER}


def test_nobody_wants_what_they_offer():
    found = reasons(
        person(1, {LUA}, {WIKIDATA}), person(2, {WIKIDATA}, {LUA}), person(3, {COMMONS}, {LUA})
    )
    assert found == {3: UnservedReason.NO_LEARNER}


def test_no_shared_language_or_a_block_stands_between():
    found = reasons(person(1, {LUA}, {WIKIDATA}, {"fr"}), person(2, {WIKIDATA}, {LUA}, {"sw"}))
    assert found == {1: UnservedReason.NO_LANGUAGE, 2: UnservedReason.NO_LANGUAGE}

    blocked = reasons(person(1, {LUA}, {WIKIDATA}, blocked={2}), person(2, {WIKIDATA}, {LUA}))
    assert blocked == {1: UnservedReason.NO_TEACHER, 2: UnservedReason.NO_TEACHER}


def test_a_chain_that_does_not_close_is_no_exchange():
    # 1 teaches 2, 2 teaches 3, 3 teaches 4, 4 teaches 1: a 4-cycle is not an exchange.
    chain = [
        person(1, {LUA}, {TEMPLATES}),
        person(2, {WIKIDATA}, {LUA}),
        person(3, {COMMONS}, {WIKIDATA}),
        person(4, {TEMPLATES}, {COMMONS}),
    ]
    assert reasons(*chain) == dict.fromkeys([1, 2, 3, 4], UnservedReason.NO_EXCHANGE)


def test_someone_whose_partner_went_to_a_larger_plan_was_outnumbered():
    # 2 can pair with 1 or with 3, but not both: one of them is left with an exchange that
    # existed and was not chosen.
    found = reasons(
        person(1, {LUA}, {WIKIDATA}), person(2, {WIKIDATA}, {LUA}), person(3, {LUA}, {WIKIDATA})
    )
    assert list(found.values()) == [UnservedReason.OTHERS_CHOSEN]
    assert set(found) <= {1, 3}


people = st.builds(
    lambda offers, wants, languages: (offers, wants, languages),
    st.frozensets(st.integers(1, 4), min_size=1, max_size=2),
    st.frozensets(st.integers(1, 4), min_size=1, max_size=2),
    st.frozensets(st.sampled_from(["en", "fr"]), min_size=1),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(people, min_size=1, max_size=7))
def test_every_unserved_person_gets_one_reason_and_the_served_none(pool):
    participants = [person(i, *values) for i, values in enumerate(pool, start=1)]
    plan = plan_swaps(participants)

    found = unserved_reasons(participants, plan)

    served = {member for exchange in plan.exchanges for member in exchange.member_ids}
    assert set(found) == {p.person_id for p in participants} - served
    for person_id, reason in found.items():
        me = participants[person_id - 1]
        others = [p for p in participants if p.person_id != person_id]
        if reason is UnservedReason.NO_TEACHER:
            assert not any(p.offers & me.wants for p in others)
        elif reason is UnservedReason.NO_LEARNER:
            assert not any(p.wants & me.offers for p in others)
        else:
            assert any(p.offers & me.wants for p in others)
            assert any(p.wants & me.offers for p in others)
