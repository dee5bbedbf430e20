"""Plans from toolkits: copies that outlive toolkit edits, team-only access, checklists."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kuza.library.models import PlanItem, ToolkitItem
from kuza.library.services.plans import (
    plan_item_set_done,
    plan_member_add,
    plan_member_remove,
    plan_start,
    plan_step_update,
)
from kuza.library.tests.factories import ToolkitFactory, UserFactory
from kuza.safety.models import Block

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    owner, co_organiser, outsider = UserFactory(), UserFactory(), UserFactory()
    plan = plan_start(toolkit=ToolkitFactory(), owner=owner, title="Edit-a-thon in Accra")
    plan_member_add(plan=plan, user=co_organiser, added_by=owner)
    return plan, owner, co_organiser, outsider


def test_a_plan_copies_the_toolkit_steps_and_items_in_order():
    toolkit = ToolkitFactory(steps=[("Prepare", ["Room", "Invite"]), ("Run", ["Welcome"])])

    plan = plan_start(toolkit=toolkit, owner=UserFactory())

    assert plan.title == toolkit.title
    assert [
        (step.order, step.title, [item.text for item in step.items.all()])
        for step in plan.steps.all()
    ] == [(1, "Prepare", ["Room", "Invite"]), (2, "Run", ["Welcome"])]


def test_editing_the_toolkit_later_does_not_change_a_running_plan():
    toolkit = ToolkitFactory(steps=[("Prepare", ["Room"])])
    plan = plan_start(toolkit=toolkit, owner=UserFactory())

    ToolkitItem.objects.filter(step__toolkit=toolkit).update(text="Changed")
    toolkit.steps.update(title="Changed")
    toolkit.delete()
    plan.refresh_from_db()

    assert plan.toolkit is None
    assert [item.text for item in PlanItem.objects.filter(step__plan=plan)] == ["Room"]


def test_unpublished_toolkits_cannot_be_started():
    with pytest.raises(PermissionDenied):
        plan_start(toolkit=ToolkitFactory(is_published=False), owner=UserFactory())


def test_team_members_assign_steps_set_due_dates_and_tick_items(team):
    plan, owner, co_organiser, _outsider = team
    step = plan.steps.first()
    first, second = step.items.all()

    plan_step_update(
        step=step,
        user=co_organiser,
        assignee=owner,
        due_date=datetime.date(2026, 3, 8),
        done_item_ids=[first.pk],
    )

    step.refresh_from_db()
    first.refresh_from_db()
    assert (step.assignee, step.due_date) == (owner, datetime.date(2026, 3, 8))
    assert first.is_done and first.done_by == co_organiser
    assert not PlanItem.objects.get(pk=second.pk).is_done


def test_steps_only_go_to_team_members(team):
    plan, owner, _co, outsider = team

    with pytest.raises(ValidationError):
        plan_step_update(step=plan.steps.first(), user=owner, assignee=outsider)


def test_items_of_another_plan_cannot_be_ticked_through_a_step(team):
    plan, owner, *_ = team
    other_plan = plan_start(toolkit=ToolkitFactory(), owner=owner)
    foreign = PlanItem.objects.filter(step__plan=other_plan).first()

    with pytest.raises(ValidationError):
        plan_step_update(step=plan.steps.first(), user=owner, done_item_ids=[foreign.pk])
    assert not PlanItem.objects.get(pk=foreign.pk).is_done


def test_two_organisers_ticking_the_same_step_keep_each_others_work(team):
    plan, owner, co_organiser, _outsider = team
    step = plan.steps.first()
    first, second = step.items.all()

    # Both pages were drawn with nothing done; each ticks a different item.
    plan_step_update(step=step, user=owner, done_item_ids=[first.pk], seen_done_item_ids=[])
    plan_step_update(step=step, user=co_organiser, done_item_ids=[second.pk], seen_done_item_ids=[])

    assert all(item.is_done for item in step.items.all())


def test_unticking_needs_the_item_to_have_been_seen_done(team):
    plan, owner, *_ = team
    step = plan.steps.first()
    first = step.items.first()
    plan_item_set_done(item=first, user=owner, done=True)

    plan_step_update(step=step, user=owner, done_item_ids=[], seen_done_item_ids=[first.pk])

    assert not PlanItem.objects.get(pk=first.pk).is_done


def test_outsiders_and_staff_cannot_change_a_plan(team):
    plan, _owner, _co, outsider = team
    staff = UserFactory(is_staff=True)
    item = PlanItem.objects.filter(step__plan=plan).first()

    for person in (outsider, staff):
        with pytest.raises(PermissionDenied):
            plan_item_set_done(item=item, user=person, done=True)
        with pytest.raises(PermissionDenied):
            plan_step_update(step=item.step, user=person, done_item_ids=[item.pk])
        with pytest.raises(PermissionDenied):
            plan_member_add(plan=plan, user=person, added_by=person)
    assert not PlanItem.objects.get(pk=item.pk).is_done


def test_only_the_owner_manages_the_team(team):
    plan, owner, co_organiser, outsider = team

    with pytest.raises(PermissionDenied):
        plan_member_add(plan=plan, user=outsider, added_by=co_organiser)
    with pytest.raises(ValidationError):
        plan_member_remove(plan=plan, user=owner, removed_by=owner)
    step = plan.steps.first()
    plan_step_update(step=step, user=owner, assignee=co_organiser)
    plan_member_remove(plan=plan, user=co_organiser, removed_by=owner)

    step.refresh_from_db()
    assert step.assignee is None
    assert list(plan.members.values_list("user", flat=True)) == [owner.pk]


def test_someone_who_blocked_the_owner_cannot_be_added(team):
    plan, owner, _co, outsider = team
    Block.objects.create(blocker=outsider, blocked=owner)

    with pytest.raises(ValidationError):
        plan_member_add(plan=plan, user=outsider, added_by=owner)


def test_the_plan_page_is_for_the_team_and_staff_only(client, team):
    plan, owner, co_organiser, outsider = team
    url = reverse("library:plan", args=[plan.pk])

    assert client.get(url).status_code == 302  # to the login page
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert plan.title.encode() not in client.get(reverse("library:plans")).content
    client.force_login(UserFactory(is_staff=True))
    staff_page = client.get(url)
    assert staff_page.status_code == 200 and b"Save this step" not in staff_page.content
    for member in (owner, co_organiser):
        client.force_login(member)
        page = client.get(url)
        assert page.status_code == 200 and b"Save this step" in page.content


def test_outsiders_cannot_post_to_a_plan(client, team):
    plan, owner, _co, outsider = team
    step = plan.steps.first()
    item = step.items.first()
    client.force_login(outsider)

    responses = [
        client.post(
            reverse("library:plan_step", args=[step.pk]), {f"step{step.pk}-done": [item.pk]}
        ),
        client.post(
            reverse("library:plan_member_add", args=[plan.pk]), {"person": outsider.username}
        ),
        client.post(reverse("library:plan_member_remove", args=[plan.pk, owner.pk])),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert not PlanItem.objects.get(pk=item.pk).is_done
    assert not plan.members.filter(user=outsider).exists()


def test_a_team_member_ticks_items_through_the_page(client, team):
    plan, owner, co_organiser, _outsider = team
    step = plan.steps.first()
    first, second = step.items.all()
    client.force_login(co_organiser)

    response = client.post(
        reverse("library:plan_step", args=[step.pk]),
        {
            f"step{step.pk}-assignee": str(owner.pk),
            f"step{step.pk}-due_date": "2026-03-08",
            f"step{step.pk}-done": [str(second.pk)],
        },
    )

    assert response.status_code == 302
    assert [item.is_done for item in step.items.all()] == [False, True]
    step.refresh_from_db()
    assert step.assignee == owner


def test_starting_a_plan_from_the_toolkit_page(client):
    toolkit = ToolkitFactory()
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("library:plan_start", args=[toolkit.slug]), {"title": "Women in science"}
    )

    plan = user.library_plans_owned.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert plan.title == "Women in science"
    assert client.get(reverse("library:plans")).content.count(b"Women in science") == 1


def test_progress_one_member_makes_is_what_the_rest_of_the_team_sees(client, team):
    plan, owner, co_organiser, _outsider = team
    step = plan.steps.first()
    first = step.items.first()
    client.force_login(co_organiser)
    client.post(
        reverse("library:plan_step", args=[step.pk]),
        {
            f"step{step.pk}-assignee": str(co_organiser.pk),
            f"step{step.pk}-due_date": "2026-03-08",
            f"step{step.pk}-done": [str(first.pk)],
        },
    )

    client.force_login(owner)
    page = client.get(reverse("library:plan", args=[plan.pk])).content.decode()
    listing = client.get(reverse("library:plans")).content.decode()

    assert '<progress max="3" value="1">' in page and "1 of 3 done" in page
    assert "1 of 2 done" in page  # the step's own count
    # Named through the presenter: the name links to the profile the viewer may see.
    profile = co_organiser.profile
    assert (
        f'Assigned to <bdi><a href="/people/{profile.pk}/">{profile.display_name}</a></bdi>' in page
    )
    assert "Due 8 March 2026" in page
    assert '<progress max="3" value="1">' in listing and "1 of 3 done" in listing


def test_a_mistyped_date_saves_nothing_and_keeps_what_was_ticked_on_the_page(client, team):
    plan, _owner, co_organiser, _outsider = team
    step = plan.steps.first()
    first, second = step.items.all()
    client.force_login(co_organiser)

    response = client.post(
        reverse("library:plan_step", args=[step.pk]),
        {f"step{step.pk}-due_date": "8 Marchh", f"step{step.pk}-done": [str(second.pk)]},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid date." in page and 'value="8 Marchh"' in page
    # The box the organiser ticked is still ticked, so sending again after fixing the date
    # records it; nothing was saved meanwhile.
    assert f'value="{second.pk}" id="id_step{step.pk}-done_1" checked' in page
    assert f'value="{first.pk}" id="id_step{step.pk}-done_0" checked' not in page
    assert not any(item.is_done for item in PlanItem.objects.filter(step=step))


def test_a_removed_co_organiser_loses_the_plan_at_once(client, team):
    plan, owner, co_organiser, _outsider = team
    step = plan.steps.first()
    plan_member_remove(plan=plan, user=co_organiser, removed_by=owner)
    client.force_login(co_organiser)

    page = client.get(reverse("library:plan", args=[plan.pk]))
    tick = client.post(
        reverse("library:plan_step", args=[step.pk]),
        {f"step{step.pk}-done": [str(step.items.first().pk)]},
    )

    assert (page.status_code, tick.status_code) == (404, 404)
    assert plan.title.encode() not in client.get(reverse("library:plans")).content
    assert not PlanItem.objects.filter(step=step, done_at__isnull=False).exists()


def test_removing_a_co_organiser_asks_first_and_only_the_owner_is_asked(client, team):
    plan, owner, co_organiser, _outsider = team
    url = reverse("library:plan_member_remove", args=[plan.pk, co_organiser.pk])

    client.force_login(co_organiser)
    assert client.get(url).status_code == 403
    client.force_login(owner)
    page = client.get(url)

    html = page.content.decode()
    assert "<h1>Remove from the team?</h1>" in html
    assert "<bdi>Edit-a-thon in Accra</bdi>" in html
    assert f'<form method="post" action="{url}">' in html
    assert plan.members.filter(user=co_organiser).exists()
    assert (
        client.get(reverse("library:plan_member_remove", args=[plan.pk, owner.pk])).status_code
        == 404
    )

    client.post(url)
    assert not plan.members.filter(user=co_organiser).exists()
