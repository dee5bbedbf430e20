"""The mentorship API: the caller's mentorships and suggestions, under the pages' rules."""

from __future__ import annotations

import pytest

from kuza.accounts.services import api_token_create
from kuza.mentorship.models import Mentorship
from kuza.mentorship.tests.factories import MentorshipFactory, mentor, person
from kuza.people.models import Visibility
from kuza.safety.models import Block

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t').plaintext}"}


def test_my_mentorships_lists_both_sides_with_my_role(client):
    me = person("wanjiru")
    teacher = mentor("ngozi")
    as_learner = MentorshipFactory(learner=me, request__learner=me, mentor=teacher)
    as_mentor = MentorshipFactory(mentor=me, status=Mentorship.Status.COMPLETED)
    MentorshipFactory()  # someone else's

    rows = client.get("/api/mentorship/mentorships", **bearer(me)).json()

    assert {(row["id"], row["role"], row["status"]) for row in rows} == {
        (as_learner.pk, "learner", "active"),
        (as_mentor.pk, "mentor", "completed"),
    }
    assert next(row for row in rows if row["role"] == "learner")["partner"] == "Ngozi"
    active = client.get("/api/mentorship/mentorships?status=active", **bearer(me)).json()
    assert [row["id"] for row in active] == [as_learner.pk]


def test_suggestions_rank_with_reasons_and_leave_out_blocked_and_hidden(client):
    learner = person("wanjiru", languages=("sw",))
    shown = mentor("achieng", languages=("sw",))
    blocked = mentor("blocked")
    Block.objects.create(blocker=blocked, blocked=learner)
    mentor("hidden", visibility=Visibility.ONLY_ME)

    response = client.get("/api/mentorship/suggestions?skill=wikidata", **bearer(learner))

    assert response.status_code == 200
    (row,) = response.json()
    assert (row["profile_id"], row["display_name"]) == (shown.profile.pk, "Achieng")
    codes = {reason["code"] for reason in row["reasons"]}
    assert {"skill_level", "shared_language", "spare_capacity"} <= codes
    assert all(reason["text"] for reason in row["reasons"])


def test_api_errors_use_the_shared_body(client):
    user = person("wanjiru")

    unknown = client.get("/api/mentorship/suggestions?skill=no-such-skill", **bearer(user))
    too_many = client.get("/api/mentorship/suggestions?skill=wikidata&limit=500", **bearer(user))
    anonymous = client.get("/api/mentorship/mentorships")

    assert unknown.status_code == 404 and unknown.json()["error"]["message"]
    assert too_many.status_code == 422
    assert anonymous.status_code == 401
