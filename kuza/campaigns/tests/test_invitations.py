"""Invitation lists: scoring (pure), the real wiki's page histories, bots and blocks, and the
lists built by the worker with their state shown to the organiser."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns.invitation_lists import invitation_list, opt_out_set
from kuza.campaigns.invitations import PageEdit, suggest
from kuza.campaigns.models import CampaignInvitation
from kuza.campaigns.testing import WikiFarm
from kuza.campaigns.testing.wikifarm import ADMIN_PASSWORD, ADMIN_USER
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.campaigns.tests.sync_world import PASSWORD, make_client, wiki_row
from kuza.people.models import Profile, Visibility

NOW = datetime(2017, 6, 1, tzinfo=UTC)


def test_scores_weigh_bytes_edits_and_recency_and_leave_the_excluded_out() -> None:
    day = timedelta(days=1)
    edits = [
        PageEdit("Rita", "A", NOW - 10 * day, 1000),
        PageEdit("Rita", "B", NOW - 10 * day, 200),
        PageEdit("Sam", "A", NOW, 100),
        PageEdit("Sam", "A", NOW - 99 * day, -500),  # removals add nothing
        PageEdit("Bot", "A", NOW, 10**6),
        PageEdit("Old", "A", NOW - 200 * day, 5000),  # before the period
    ]

    rows = suggest(edits, now=NOW, period=100 * day, excluded={"Bot"})

    assert [row.username for row in rows] == ["Rita", "Sam"]
    rita, sam = rows
    # Rita: 50 (most bytes) + 30 (2 of 2 edits) + 20 x 0.9; Sam: 50 x 100/1200 + 30 + 20.
    assert (rita.score, rita.edits, rita.bytes_added, rita.pages) == (98, 2, 1200, 2)
    assert (sam.score, sam.bytes_added, sam.last_edit) == (54, 100, NOW)


@pytest.mark.django_db
def test_the_list_reads_histories_and_leaves_out_bots_blocked_ips_and_opted_out(
    wiki_farm: WikiFarm, client
) -> None:
    en = wiki_farm["enwikiquote"]
    if not en.is_running:
        en.start()
    token = uuid.uuid4().hex[:6]
    name = {who: f"{who} {token}" for who in ("Rita", "Sam", "Bot", "Blocked", "Opted", "Old")}
    titles = [f"Invite page {token} {n}" for n in (1, 2)]
    day = NOW - timedelta(days=30)
    with en.create_user(name["Old"], PASSWORD) as old:
        for title in titles:
            old.create_page(title, "start", "start", at=NOW - timedelta(days=400))
    with en.create_user(name["Rita"], PASSWORD) as rita:
        for n, title in enumerate(titles):
            rita.edit(title, "start\n" + "x" * 500 * (n + 1), "more", at=day)
        rita.edit(titles[0], "start\n" + "y" * 600, "more", at=day + timedelta(hours=1))
    for who in ("Sam", "Blocked", "Opted"):
        with en.create_user(name[who], PASSWORD) as someone:
            someone.edit(titles[1], f"start\n{who} {'z' * 30}", "edit", at=NOW - timedelta(days=2))
    with en.create_bot(name["Bot"], PASSWORD) as bot:
        bot.edit(titles[0], "b" * 5000, "bot", at=day)
    with en.session() as anonymous:
        anonymous.edit(titles[0], "ip edit " * 400, "ip", at=day)
    with en.login(ADMIN_USER, ADMIN_PASSWORD) as admin:
        admin.post(
            action="block",
            user=name["Blocked"],
            expiry="infinite",
            reason="test",
            token=admin._csrf_token(),
        )
    organiser = UserFactory(username=f"organiser-{token}")
    opted, member = UserFactory(username=f"opted-{token}"), UserFactory(username=f"sam-{token}")
    for user, wiki_name in ((opted, name["Opted"]), (member, name["Sam"])):
        Profile.objects.filter(user=user).update(
            wikimedia_username=wiki_name,
            wikimedia_verified=True,
            visibility=Visibility.PUBLIC,
            wikimedia_visibility=Visibility.PUBLIC,
        )
    opt_out_set(user=opted, opted_out=True)
    wiki = wiki_row(en)
    campaign = CampaignFactory(
        slug=f"invite-{token}",
        organisers=[organiser],
        on_wikis=[wiki],
        end=datetime(2999, 1, 1, tzinfo=UTC),  # under way, so it shows on the home
    )

    rows = invitation_list(
        campaign=campaign,
        wiki=wiki,
        titles=titles,
        category="",
        days=100,
        viewer=organiser,
        client=make_client(),
        now=NOW,
    )

    assert [row.suggestion.username for row in rows] == [name["Rita"], name["Sam"]]
    assert "in 3 edits on 2 pages" in rows[0].reason and rows[0].member_id is None
    assert rows[1].member_id == member.pk

    client.force_login(organiser)
    url = reverse("campaigns:invitation_list", args=[campaign.slug])
    assert client.post(url, {"member": member.pk, "reason": rows[1].reason}).status_code == 302
    assert client.post(url, {"member": opted.pk}).status_code == 302
    assert list(CampaignInvitation.objects.values_list("user_id", flat=True)) == [member.pk]
    client.force_login(member)
    assert "The organisers invite you to take part" in client.get("/").content.decode()


# The worker closes database connections between tasks, as a long-running process should;
# inside the usual per-test transaction that would end the test's own connection.
@pytest.mark.django_db(transaction=True)
def test_the_list_is_built_by_the_worker_and_the_organiser_follows_its_state(
    wiki_farm: WikiFarm, client
) -> None:
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from kuza.campaigns.models import InvitationList

    en = wiki_farm["enwikiquote"]
    if not en.is_running:
        en.start()
    token = uuid.uuid4().hex[:6]
    title, editor = f"Worker page {token}", f"Zawadi {token}"
    with en.create_user(editor, PASSWORD) as zawadi:
        zawadi.create_page(title, "start " + "z" * 300, "new")
    organiser = UserFactory(username=f"organiser-w-{token}")
    wiki = wiki_row(en)
    campaign = CampaignFactory(slug=f"worker-{token}", organisers=[organiser], on_wikis=[wiki])
    client.force_login(organiser)
    url = reverse("campaigns:invitation_list", args=[campaign.slug])
    DBTaskResult.objects.all().delete()

    asked = client.post(url, {"wiki": wiki.pk, "titles": title, "category": "", "days": 30})
    empty = client.post(url, {"wiki": wiki.pk, "category": f"No such {token}", "days": 30})

    # Queued, not built in the request: the page says so and lists no one yet.
    assert asked.status_code == empty.status_code == 302
    queued = DBTaskResult.objects.filter(task_path__endswith="invitation_list_task")
    assert queued.count() == 2
    waiting = client.get(url).content.decode()
    assert waiting.count("waiting for the worker") == 2 and editor not in waiting

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    states = dict(InvitationList.objects.values_list("category", "state"))
    assert states == {"": "done", f"No such {token}": "failed"}
    page = client.get(url).content.decode()
    assert "failed: the category has no pages" in page
    assert "ready" in page
    # The newest list is the failed one; the ready list's editors show once it is the newest.
    InvitationList.objects.filter(state="failed").delete()
    page = client.get(url).content.decode()
    assert editor in page.split('id="editors"')[1] and "in 1 edit on 1 page" in page


@pytest.mark.django_db
def test_a_request_with_its_own_mistake_queues_nothing(client) -> None:
    from kuza.campaigns.models import InvitationList
    from kuza.campaigns.tests.factories import WikiFactory

    organiser = UserFactory(username="organiser-mistake")
    wiki, elsewhere = WikiFactory(), WikiFactory()
    campaign = CampaignFactory(slug="mistake", organisers=[organiser], on_wikis=[wiki])
    client.force_login(organiser)
    url = reverse("campaigns:invitation_list", args=[campaign.slug])

    too_many = "\n".join(f"Page {n}" for n in range(101))
    answer = client.post(url, {"wiki": wiki.pk, "titles": too_many, "days": 30})
    assert answer.status_code == 200 and "At most 100 pages at once." in answer.content.decode()
    assert client.post(url, {"wiki": elsewhere.pk, "titles": "A", "days": 30}).status_code == 200
    assert client.post(url, {"wiki": wiki.pk, "titles": "A", "days": 0}).status_code == 200
    assert client.post(url, {"member": "not a number"}).status_code == 404
    assert not InvitationList.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_list_whose_worker_died_is_shown_failed_and_can_be_asked_again(
    wiki_farm: WikiFarm, client
) -> None:
    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from kuza.campaigns.invitation_lists import STUCK_AFTER
    from kuza.campaigns.models import InvitationList

    en = wiki_farm["enwikiquote"]
    if not en.is_running:
        en.start()
    token = uuid.uuid4().hex[:6]
    title, editor = f"Stuck page {token}", f"Neema {token}"
    with en.create_user(editor, PASSWORD) as neema:
        neema.create_page(title, "start " + "n" * 300, "new")
    organiser = UserFactory(username=f"organiser-s-{token}")
    wiki = wiki_row(en)
    campaign = CampaignFactory(slug=f"stuck-{token}", organisers=[organiser], on_wikis=[wiki])
    client.force_login(organiser)
    url = reverse("campaigns:invitation_list", args=[campaign.slug])
    DBTaskResult.objects.all().delete()
    for days in (30, 31, 32):
        assert client.post(url, {"wiki": wiki.pk, "titles": title, "days": days}).status_code == 302
    dead, failed_job, slow = InvitationList.objects.order_by("days")
    assert dead.task_id and failed_job.task_id and slow.task_id

    # What a worker killed while building leaves: its job claimed and the list being built,
    # long ago for the first, a moment ago for the third. The second's job the queue records
    # as failed (as a worker killed under it does on the RQ queue) while the list waits.
    now = timezone.now()
    for made, started in ((dead, now - STUCK_AFTER - timedelta(minutes=1)), (slow, now)):
        DBTaskResult.objects.get(pk=made.task_id).claim("killed-worker")
        InvitationList.objects.filter(pk=made.pk).update(state="running", started_at=started)
    DBTaskResult.objects.get(pk=failed_job.task_id).set_failed(RuntimeError("killed"))

    page = client.get(url).content.decode()
    states = dict(InvitationList.objects.values_list("days", "state"))
    assert states == {30: "failed", 31: "failed", 32: "running"}
    assert page.count("failed: the worker stopped before it was ready; ask again") == 2
    assert "being built" in page and page.count('name="again"') == 2

    # Asked again: a new list with the same pages and period, built by the worker.
    assert client.post(url, {"again": dead.pk}).status_code == 302
    assert client.post(url, {"again": slow.pk}).status_code == 404  # not failed
    again = InvitationList.objects.get(state="queued")
    assert (again.titles, again.days, again.wiki_id) == (title, 30, wiki.pk)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    again.refresh_from_db()
    assert again.state == "done" and again.started_at and again.finished_at
    page = client.get(url).content.decode()
    assert editor in page.split('id="editors"')[1]


@pytest.mark.django_db
def test_a_category_worklist_reads_the_histories_of_its_articles(wiki_farm: WikiFarm) -> None:
    en = wiki_farm["enwikiquote"]
    if not en.is_running:
        en.start()
    token = uuid.uuid4().hex[:6]
    category, editor, outside = f"Worklist {token}", f"Wanjiru {token}", f"Kito {token}"
    day = NOW - timedelta(days=10)
    with en.create_user(editor, PASSWORD) as wanjiru:
        for n in (1, 2):
            wanjiru.create_page(
                f"Listed {token} {n}", f"text {'w' * 200}\n[[Category:{category}]]", "new", at=day
            )
    with en.create_user(outside, PASSWORD) as kito:
        kito.create_page(f"Not listed {token}", "k" * 900, "new", at=day)
    organiser = UserFactory(username=f"organiser-c-{token}")
    wiki = wiki_row(en)
    campaign = CampaignFactory(slug=f"category-{token}", organisers=[organiser], on_wikis=[wiki])

    rows = invitation_list(
        campaign=campaign,
        wiki=wiki,
        titles=[],
        category=category,
        days=30,
        viewer=organiser,
        client=make_client(),
        now=NOW,
    )

    # Only the category's articles are read: the editor of the page outside it is not suggested.
    assert [row.suggestion.username for row in rows] == [editor]
    assert "in 2 edits on 2 pages" in rows[0].reason
