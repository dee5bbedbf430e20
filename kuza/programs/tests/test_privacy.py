"""Who sees a plan, a vision board post and a support request: tried on pages and the API."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from kuza.programs import services
from kuza.programs.models import Plan, SupportRequest, VisionPost
from kuza.programs.tests.factories import (
    CohortFactory,
    MemberFactory,
    PersonFactory,
    PlanFactory,
    ProgrammeFactory,
)
from kuza.safety.models import HiddenContent
from kuza.safety.services import block_create

pytestmark = pytest.mark.django_db

SECRET = "Thirty biographies of Maasai women engineers"


@pytest.fixture
def world():
    organiser, mentor, other_mentor, staff = (PersonFactory() for _ in range(4))
    staff.is_staff = True
    staff.save()
    programme = ProgrammeFactory(organisers=[organiser])
    programme.mentors.add(mentor, other_mentor)
    first, second = CohortFactory(programme=programme), CohortFactory(programme=programme)
    author = MemberFactory(cohort=first, mentor=mentor)
    peer = MemberFactory(cohort=first)
    other_cohort = MemberFactory(cohort=second)
    elsewhere = MemberFactory()  # a member of another programme
    plan = PlanFactory(member=author, title=SECRET)
    return {
        "programme": programme,
        "plan": plan,
        "cohort": first,
        "author": author.user,
        "mentor": mentor,
        "organiser": organiser,
        "peer": peer.user,
        "other_mentor": other_mentor,
        "other_cohort": other_cohort.user,
        "elsewhere": elsewhere.user,
        "staff": staff,
    }


ALLOWED = ["author", "mentor", "organiser", "peer"]
REFUSED = ["other_mentor", "other_cohort", "elsewhere", "staff"]


def _plan_url(world):
    return reverse("programs:plan", args=[world["programme"].pk, world["plan"].pk])


def _api(client, path):
    return client.get("/api/programmes/" + path)


def _sees_plan(client, world, who) -> bool:
    client.force_login(world[who])
    page = client.get(_plan_url(world))
    listing = client.get(world["programme"].get_absolute_url())
    api_one = _api(client, f"{world['programme'].pk}/plans/{world['plan'].pk}")
    api_list = _api(client, f"{world['programme'].pk}/plans")
    seen = [
        page.status_code == 200 and SECRET in page.content.decode(),
        SECRET in listing.content.decode(),
        api_one.status_code == 200 and api_one.json()["title"] == SECRET,
        api_list.status_code == 200 and SECRET in [plan["title"] for plan in api_list.json()],
    ]
    assert len(set(seen)) == 1, (who, seen)  # pages and API agree
    if not seen[0]:
        assert page.status_code == 404
        assert api_one.status_code == 404
    client.logout()
    return seen[0]


def test_a_plan_is_seen_by_its_author_mentor_organisers_and_cohort_only(client, world):
    assert {who: _sees_plan(client, world, who) for who in ALLOWED + REFUSED} == {
        **dict.fromkeys(ALLOWED, True),
        **dict.fromkeys(REFUSED, False),
    }


def test_a_plan_restricted_to_mentor_and_organisers_is_hidden_from_the_cohort(client, world):
    plan = world["plan"]
    plan.visibility = Plan.Visibility.MENTORS
    plan.save()

    seen = {who: _sees_plan(client, world, who) for who in ALLOWED + REFUSED}

    assert [who for who, yes in seen.items() if yes] == ["author", "mentor", "organiser"]


def test_anonymous_visitors_get_no_plan_and_no_programme(client, world):
    page = client.get(_plan_url(world))
    api = _api(client, f"{world['programme'].pk}/plans")
    listing = client.get(reverse("programs:list"))

    assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    assert listing.status_code == 302
    assert api.status_code == 401
    assert SECRET not in page.content.decode()


def test_only_the_author_changes_her_plan(client, world):
    client.force_login(world["peer"])
    response = client.post(
        reverse("programs:milestone_add", args=[world["programme"].pk, world["plan"].pk]),
        {"title": "Hijacked", "due_on": "2026-05-01"},
    )

    assert response.status_code == 302
    assert not world["plan"].milestones.exists()
    with pytest.raises(services.ProgrammeError):
        services.plan_note_add(plan=world["plan"], author=world["other_cohort"], body="Hi")


def test_vision_board_posts_stay_in_their_cohort_and_honour_blocks_and_hiding(client, world):
    post = services.vision_post_create(
        cohort=world["cohort"], author=world["author"], body="Goal A"
    )
    services.vision_post_create(cohort=world["cohort"], author=world["peer"], body="Goal B")
    url = world["programme"].get_absolute_url()

    def board(who):
        client.force_login(world[who])
        return client.get(url).content.decode()

    assert "Goal A" in board("peer") and "Goal A" in board("mentor")
    assert "Goal A" not in board("other_cohort") and "Goal B" not in board("other_cohort")
    with pytest.raises(services.ProgrammeError):
        services.vision_post_create(cohort=world["cohort"], author=world["other_cohort"], body="x")

    block_create(blocker=world["peer"], blocked=world["author"])
    assert "Goal A" not in board("peer")
    assert "Goal B" not in board("author")  # blocks work both ways
    assert "Goal A" in board("organiser")

    HiddenContent.objects.create(
        content_type=ContentType.objects.get_for_model(VisionPost), object_id=post.pk, reason="x"
    )
    assert "Goal A" not in board("organiser")


def test_only_those_who_read_a_post_or_note_may_report_it(client, world):
    post = services.vision_post_create(cohort=world["cohort"], author=world["author"], body="Mine")
    note = services.plan_note_add(plan=world["plan"], author=world["mentor"], body="Comment")

    for who, expected in (("peer", 200), ("other_cohort", 404), ("elsewhere", 404)):
        client.force_login(world[who])
        assert client.get(f"/safety/report/programme-vision-post/{post.pk}/").status_code == (
            expected
        )
        assert client.get(f"/safety/report/programme-plan-note/{note.pk}/").status_code == (
            expected
        )


def test_support_requests_are_seen_by_the_member_and_the_organisers(client, world):
    services.support_request_create(
        member=world["plan"].member, actor=world["author"], kind=SupportRequest.Kind.CHILDCARE,
        amount=Decimal("3000"), currency="kes", reason="Childcare on workshop days",
    )  # fmt: skip
    url = reverse("programs:support", args=[world["programme"].pk])

    for who, sees in (("author", True), ("organiser", True), ("peer", False), ("mentor", False)):
        client.force_login(world[who])
        response = client.get(url)
        assert ("Childcare on workshop days" in response.content.decode()) is sees, who


def test_a_mentor_removed_from_the_programme_no_longer_reads_her_mentees_plan(client, world):
    services.programme_update(
        programme=world["programme"],
        actor=world["organiser"],
        fields={},
        mentors=[world["other_mentor"]],
    )

    world["plan"].member.refresh_from_db()
    assert world["plan"].member.mentor is None
    assert not _sees_plan(client, world, "mentor")


def test_a_block_parts_a_member_from_her_mentor_and_hides_her_plan_from_a_blocked_peer(
    client, world
):
    block_create(blocker=world["author"], blocked=world["mentor"])
    block_create(blocker=world["peer"], blocked=world["author"])

    world["plan"].member.refresh_from_db()
    assert world["plan"].member.mentor is None
    seen = {who: _sees_plan(client, world, who) for who in ALLOWED + REFUSED}
    assert [who for who, yes in seen.items() if yes] == ["author", "organiser"]
    # The organisers cannot pair them again, and the mentor cannot comment any more.
    with pytest.raises(services.ProgrammeError):
        services.member_add(
            cohort=world["cohort"], actor=world["organiser"], user=world["author"],
            mentor=world["mentor"],
        )  # fmt: skip
    world["plan"].member.mentor = world["mentor"]  # even if the pairing were left in place
    world["plan"].member.save()
    with pytest.raises(services.ProgrammeError):
        services.plan_note_add(plan=world["plan"], author=world["mentor"], body="Still here")


def test_a_suspended_member_reads_nothing_and_suspended_mentors_do_not_block_the_edit_form(
    client, world
):
    author = world["author"]
    author.is_active = False  # what a suspension does
    author.save()

    client.force_login(author)
    assert client.get(_plan_url(world)).status_code in (302, 404)
    mentor = world["mentor"]
    mentor.is_active = False
    mentor.save()
    client.force_login(world["organiser"])
    response = client.post(
        reverse("programs:edit", args=[world["programme"].pk]),
        {"name": "Renamed", "language": "Français", "starts_on": "2026-01-01",
         "ends_on": "2026-12-31", "organisers": world["organiser"].username,
         "mentors": f"{mentor.username}, {world['other_mentor'].username}"},
    )  # fmt: skip

    assert response.status_code == 302, response.content.decode()
    world["programme"].refresh_from_db()
    assert (world["programme"].name, world["programme"].language) == ("Renamed", "fr")
    assert set(world["programme"].mentors.all()) == {mentor, world["other_mentor"]}
    # A suspended account cannot be newly made a mentor or an organiser.
    response = client.post(
        reverse("programs:edit", args=[world["programme"].pk]),
        {"name": "Renamed", "language": "fr", "starts_on": "2026-01-01",
         "ends_on": "2026-12-31",
         "organisers": f"{world['organiser'].username}, {author.username}"},
    )  # fmt: skip
    assert response.status_code == 400
    assert list(world["programme"].organisers.all()) == [world["organiser"]]


def test_the_edit_form_offers_no_unpublished_course_or_event_of_others(client, world):
    from kuza.events.tests.factories import EventFactory
    from kuza.learning.tests.factories import make_course

    hidden_course = make_course(with_quiz=False, title="Secret course draft")
    hidden_course.is_published = False
    hidden_course.save()
    EventFactory(title="Secret event draft", published=False)
    EventFactory(title="Open meetup", published=True)
    client.force_login(world["organiser"])

    page = client.get(reverse("programs:edit", args=[world["programme"].pk])).content.decode()

    assert "Open meetup" in page
    assert "Secret course draft" not in page and "Secret event draft" not in page


def test_plan_text_is_sanitised(client, world):
    plan = world["plan"]
    plan.goal = '<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror="a()">'
    plan.save()
    client.force_login(world["peer"])

    page = client.get(_plan_url(world)).content.decode()

    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page
    assert 'href="javascript' not in page and "<img src=x" not in page


def test_a_plan_can_be_reported_by_its_readers_and_hidden_by_moderators(client, world):
    url = f"/safety/report/programme-plan/{world['plan'].pk}/"
    for who, expected in (("peer", 200), ("mentor", 200), ("other_cohort", 404)):
        client.force_login(world[who])
        assert client.get(url).status_code == expected, who

    HiddenContent.objects.create(
        content_type=ContentType.objects.get_for_model(Plan), object_id=world["plan"].pk, reason="x"
    )

    seen = {who: _sees_plan(client, world, who) for who in ALLOWED + REFUSED}
    assert [who for who, yes in seen.items() if yes] == ["author", "organiser"]


def test_writing_a_plan_needs_the_current_code_of_conduct(client, world):
    from kuza.programs.tests.factories import MemberFactory

    newcomer = MemberFactory(cohort=world["cohort"], user=PersonFactory(accepted_conduct=False))
    client.force_login(newcomer.user)

    response = client.post(
        reverse("programs:my_plan", args=[world["programme"].pk]),
        {"title": "Mine", "goal": "g", "status": "draft", "visibility": "cohort"},
    )

    assert response.status_code == 302 and "conduct" in response["Location"]
    assert not Plan.objects.filter(member=newcomer).exists()


def test_the_programme_page_lists_its_linked_course_event_and_campaign_the_viewer_may_see(
    client, world
):
    from kuza.campaigns.tests.factories import CampaignFactory
    from kuza.events.tests.factories import EventFactory
    from kuza.learning.tests.factories import make_course

    programme = world["programme"]
    course = make_course(with_quiz=False, title="Leading edit-a-thons")
    draft = make_course(with_quiz=False, title="Draft course")
    draft.is_published = False
    draft.save()
    programme.courses.add(course, draft)
    programme.events.add(
        EventFactory(title="Cohort kick-off"), EventFactory(title="Draft meetup", published=False)
    )
    shown_campaign = CampaignFactory(name="SheSaid 2026")
    hidden_campaign = CampaignFactory(name="Hidden drive")
    programme.campaigns.add(shown_campaign, hidden_campaign)
    HiddenContent.objects.create(
        content_type=ContentType.objects.get_for_model(hidden_campaign),
        object_id=hidden_campaign.pk,
        reason="moderators hid it",
    )
    client.force_login(world["peer"])

    page = client.get(programme.get_absolute_url()).content.decode()
    api = client.get(f"/api/programmes/{programme.pk}").json()

    assert "Leading edit-a-thons" in page and "Cohort kick-off" in page
    assert "SheSaid 2026" in page
    assert "Draft course" not in page and "Draft meetup" not in page
    assert "Hidden drive" not in page
    assert api["courses"] == [course.slug] and len(api["events"]) == 1
    assert api["campaigns"] == [shown_campaign.slug]


def test_her_mentor_and_the_organisers_comment_and_other_mentors_and_peers_cannot(client, world):
    plan = world["plan"]
    url = reverse("programs:note_add", args=[world["programme"].pk, plan.pk])
    for who in ("mentor", "organiser", "other_mentor", "peer"):
        client.force_login(world[who])
        client.post(url, {"body": f"Comment by {who}"})

    assert list(plan.notes.values_list("kind", "body")) == [
        ("comment", "Comment by mentor"),
        ("comment", "Comment by organiser"),
    ]
    client.force_login(world["peer"])
    page = client.get(_plan_url(world)).content.decode()
    assert "Comment by organiser" in page and 'action="' + url + '"' not in page


def test_a_suspended_member_appears_nowhere_but_in_the_organisers_table(client, world):
    author = world["author"]
    author.profile.display_name = "Wanjiku Suspended"
    author.profile.save()
    services.vision_post_create(cohort=world["cohort"], author=author, body="Her goal")
    services.plan_note_add(plan=world["plan"], author=author, body="Her update")
    author.is_active = False  # what a suspension does
    author.save()

    client.force_login(world["peer"])
    page = client.get(world["programme"].get_absolute_url()).content.decode()
    assert "Wanjiku Suspended" not in page and "Her goal" not in page and SECRET not in page
    assert client.get(_plan_url(world)).status_code == 404
    client.force_login(world["organiser"])
    table = client.get(reverse("programs:manage", args=[world["programme"].pk])).content.decode()
    assert "Wanjiku Suspended" in table
    plan_page = client.get(_plan_url(world)).content.decode()
    assert SECRET in plan_page and "Her update" not in plan_page


def test_a_post_plan_or_note_reported_by_a_reader_is_hidden_by_a_moderator(client, world):
    """The whole path through the reportables registry: report page, moderation, hiding."""
    from kuza.safety.models import Report
    from kuza.safety.tests.factories import ModeratorRoleFactory

    post = services.vision_post_create(
        cohort=world["cohort"], author=world["author"], body="Vision of Goal Z"
    )
    note = services.plan_note_add(plan=world["plan"], author=world["mentor"], body="Note Y")
    moderator = ModeratorRoleFactory(user=PersonFactory(), organisation=None).user
    board = reverse("programs:detail", args=[world["programme"].pk])
    for kind, target, text, page in (
        ("programme-vision-post", post, "Vision of Goal Z", board),
        ("programme-plan-note", note, "Note Y", _plan_url(world)),
        ("programme-plan", world["plan"], SECRET, _plan_url(world)),
    ):
        client.force_login(world["peer"])
        assert text in client.get(page).content.decode(), kind
        response = client.post(
            f"/safety/report/{kind}/{target.pk}/",
            {"description": "Mocking me.", "evidence_links": ""},
        )
        report = Report.objects.get(kind=kind)
        assert response.status_code == 302 and report.reported_user == target_author(target)

        client.force_login(moderator)
        detail = client.get(f"/safety/moderation/{report.pk}/").content.decode()
        assert text in detail  # the snapshot of what was reported
        client.post(f"/safety/moderation/{report.pk}/hide/", {"reason": "Mockery."})

        client.force_login(world["peer"])
        response = client.get(page)
        assert response.status_code == 404 or text not in response.content.decode(), kind


def target_author(target):
    return target.member.user if isinstance(target, Plan) else target.author
