"""Scale-out, proven: two app servers and two workers on one PostgreSQL and one Redis.

Run by `make test-scaleout` (and `.ci/run`), never by `make test`: the `scaleout` marker is
deselected unless asked for with `-m scaleout`. The deployment is the Procfile's, started as
separate processes (see deployment.py); each test proves one item of issue #23 against it,
in order, sharing it as a real deployment would be shared.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socketserver
import statistics
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.utils import timezone

from kuza.core.conftest_helpers import require
from kuza.core.tests.deployment import Deployment, unique, wait_for

pytestmark = pytest.mark.scaleout

SENDER_TASK = "kuza.core.tasks.send_email"
COLLECTION_TASK = "kuza.campaigns.tasks.campaign_sync_task"
QUEUE = "default"
LOAD_CLIENTS = 50
LOAD_SECONDS = 60
STRONG_PASSWORD = "Scale-out-password-1"  # noqa: S105 - a throw-away test account


# --- the deployment --------------------------------------------------------------------------


def _stage_database_url(name: str) -> str:
    current = settings.DATABASES["default"]
    credentials = quote(current["USER"] or "postgres")
    if current.get("PASSWORD"):
        credentials += ":" + quote(current["PASSWORD"])
    host = current.get("HOST") or "127.0.0.1"
    port = current.get("PORT") or "5432"
    return f"postgres://{credentials}@{host}:{port}/{name}"


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, django_db_blocker):
    from django.db import connection

    require(shutil.which("redis-server"), "redis-server missing: apt-get install redis-server")
    require(
        connection.vendor == "postgresql",
        "the scale-out stage needs PostgreSQL: DATABASE_URL=postgres://... pytest -m scaleout",
    )
    name = f"kuza_scaleout_{uuid.uuid4().hex[:10]}"
    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        original_name = connection.settings_dict["NAME"]
        connection.close()
        # This process reads and prepares data in the deployment's own database.
        connection.settings_dict["NAME"] = name
        # The test process signs the sessions it makes with the deployment's key.
        stage = Deployment(
            root=tmp_path_factory.mktemp("scaleout"),
            database_url=_stage_database_url(name),
            secret_key=settings.SECRET_KEY,
        )
        try:
            stage.redis.start()
            stage.run_release()
            stage.start("web", 2)
            stage.start("worker", 2)
            # A pass a second instead of every 30 s, so intervals can be watched quickly.
            stage.start("scheduler", 2, extra_arguments="--interval 1")
            stage.wait_until_serving()
            wait_for(
                lambda: len(_rq_workers(stage)) == 4,
                timeout=90,
                what="4 RQ workers (2 `kuza worker` x --concurrency 2) registered",
            )
            yield stage
        finally:
            stage.stop()
            connection.close()
            connection.settings_dict["NAME"] = original_name
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- helpers -----------------------------------------------------------------------------------


def _redis(stage: Deployment):
    import redis

    return redis.Redis.from_url(stage.redis.url)


def _rq_workers(stage: Deployment) -> list:
    from rq import Worker

    try:
        return Worker.all(connection=_redis(stage))
    except Exception:  # noqa: BLE001 - Redis not answering yet counts as "no workers yet"
        return []


def _workers_of(stage: Deployment, process) -> list:
    """The live RQ workers started by one `kuza worker` (its process group)."""
    found = []
    for worker in _rq_workers(stage):
        try:
            if worker.pid and os.getpgid(worker.pid) == process.popen.pid:
                found.append(worker)
        except ProcessLookupError:
            continue  # a dead worker's registration, expiring
    return found


def _jobs(stage: Deployment, func_name: str) -> list:
    """Every job of `func_name` RQ knows about, whatever its state."""
    from rq import Queue
    from rq.job import Job

    connection = _redis(stage)
    queue = Queue(QUEUE, connection=connection)
    ids = set(queue.job_ids)
    for registry in (
        queue.started_job_registry,
        queue.finished_job_registry,
        queue.failed_job_registry,
        queue.scheduled_job_registry,
    ):
        ids.update(registry.get_job_ids())
    return [
        job
        for job in Job.fetch_many(sorted(ids), connection=connection)
        if job is not None and job.func_name == func_name
    ]


def _session_for(user) -> requests.Session:
    """A browser logged in as `user`: a database session like the one a login makes."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    browser = requests.Session()
    browser.cookies.set(settings.SESSION_COOKIE_NAME, store.session_key)
    return browser


def _post_form(browser: requests.Session, page: str, action: str, data: dict):
    """GET the page with the form (for the CSRF cookie), then submit it."""
    shown = browser.get(page, timeout=60)
    assert shown.status_code == 200, (page, shown.status_code)
    token = browser.cookies.get(settings.CSRF_COOKIE_NAME)
    return browser.post(action, data={**data, "csrfmiddlewaretoken": token}, timeout=60)


def _health(url: str) -> tuple[int, dict]:
    response = requests.get(f"{url}/healthz", timeout=30)
    return response.status_code, response.json()


def _person_with_password(username: str):
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from kuza.accounts.tests.factories import ConductAcceptedUserFactory

    user = ConductAcceptedUserFactory(username=username, email=f"{username}@example.org")
    # The servers use the production hashers; this process's tests use a fast one.
    user.password = PBKDF2PasswordHasher().encode(STRONG_PASSWORD, uuid.uuid4().hex[:12])
    user.save(update_fields=["password"])
    return user


def _reset_email_count(stage: Deployment, address: str) -> int:
    return stage.logs_of("worker").count(f"To: {address}")


def _request_password_reset(url: str, address: str) -> None:
    browser = requests.Session()
    response = _post_form(
        browser,
        f"{url}/accounts/password/reset/",
        f"{url}/accounts/password/reset/",
        {"email": address},
    )
    assert response.status_code == 200, response.status_code
    assert response.history and response.history[0].status_code == 302, "reset not accepted"


# --- 1. both servers healthy -----------------------------------------------------------------


def test_both_servers_answer_healthz_with_database_and_queue_status(deployment):
    assert len(deployment.web_urls) == 2
    for url in deployment.web_urls:
        status, body = _health(url)
        assert status == 200, body
        assert body["database"] == {"ok": True, "vendor": "postgresql"}
        assert body["tasks"]["backend"] == "rq"
        (queue,) = body["tasks"]["queues"]
        assert queue["name"] == QUEUE and queue["ok"] is True
    assert all(process.alive for process in deployment.processes)


# --- 2. shared sessions and cache ------------------------------------------------------------


def test_a_login_on_one_server_is_valid_on_the_other(deployment):
    first, second = deployment.web_urls
    user = _person_with_password(unique("traveller"))
    browser = requests.Session()
    logged_in = _post_form(
        browser,
        f"{first}/accounts/login/",
        f"{first}/accounts/login/",
        {"login": user.username, "password": STRONG_PASSWORD},
    )
    assert logged_in.history and logged_in.history[0].status_code == 302, "login refused"
    session_id = browser.cookies.get(settings.SESSION_COOKIE_NAME)
    assert session_id

    elsewhere = requests.Session()
    elsewhere.cookies.set(settings.SESSION_COOKIE_NAME, session_id)
    page = elsewhere.get(f"{second}/people/me/", timeout=60, allow_redirects=False)
    assert page.status_code == 200, "the second server did not know the session"
    anonymous = requests.get(f"{second}/people/me/", timeout=60, allow_redirects=False)
    assert anonymous.status_code == 302  # the page is for members only


def test_the_capacity_map_cached_on_one_server_is_fresh_after_a_change_on_the_other(deployment):
    from django.contrib.auth.models import AnonymousUser

    from kuza.people.capacity import MapFilter, capacity_map
    from kuza.people.models import SkillClaim, Visibility
    from kuza.people.tests.factories import make_person
    from kuza.skills.models import Skill

    first, second = deployment.web_urls
    taught = Skill.objects.order_by("pk").first()
    mentors = []
    for number in range(3):
        profile = make_person(unique(f"mentor{number}"), visibility=Visibility.PUBLIC, country="KE")
        SkillClaim.objects.create(profile=profile, skill=taught, knows=True, can_mentor=True)
        mentors.append(profile)

    def kenya_mentors():
        rows = capacity_map(AnonymousUser(), MapFilter())
        return next(row.mentors for row in rows if row.country == "KE")

    assert not kenya_mentors().is_small  # three mentors: shown as "3 to 9"
    before = requests.get(f"{first}/people/map.svg", timeout=60)
    assert before.status_code == 200
    assert requests.get(f"{first}/people/map.svg", timeout=60).text == before.text  # cached

    # One mentor removes the skill, through the other server.
    leaving = mentors[0]
    claim = leaving.skill_claims.get()
    browser = _session_for(leaving.user)
    removed = _post_form(
        browser,
        f"{second}/people/me/skills/",
        f"{second}/people/me/skills/{claim.pk}/delete/",
        {},
    )
    assert removed.status_code == 200
    assert not SkillClaim.objects.filter(pk=claim.pk).exists()
    assert kenya_mentors().is_small  # now "fewer than 3"

    after = requests.get(f"{first}/people/map.svg", timeout=60)
    assert after.status_code == 200
    assert after.text != before.text, "the first server still served the map cached before"
    assert requests.get(f"{second}/people/map.svg", timeout=60).text == after.text


# --- 3. tasks run exactly once ---------------------------------------------------------------


def test_a_password_reset_email_is_sent_exactly_once(deployment):
    first, _second = deployment.web_urls
    user = _person_with_password(unique("forgetful"))

    _request_password_reset(first, user.email)

    wait_for(
        lambda: _reset_email_count(deployment, user.email) >= 1,
        timeout=60,
        what="the reset email printed by a worker",
    )
    time.sleep(3)  # a duplicate would show up by now
    assert _reset_email_count(deployment, user.email) == 1
    (job,) = [job for job in _jobs(deployment, SENDER_TASK) if job.kwargs["to"] == [user.email]]
    assert job.get_status() == "finished"
    assert len(job.results()) == 1
    assert job.worker_name in {worker.name for worker in _rq_workers(deployment)}


def test_a_campaign_collection_and_its_badge_run_exactly_once(deployment, tmp_path):
    from kuza.accounts.tests.factories import ConductAcceptedUserFactory
    from kuza.campaigns.models import Campaign, Participant, Revision
    from kuza.campaigns.testing import WikiFarm, mediawiki_missing_reason
    from kuza.campaigns.tests.factories import CampaignFactory
    from kuza.campaigns.tests.sync_world import PASSWORD, wiki_row
    from kuza.credentials.models import Assertion, AwardRule
    from kuza.credentials.tests.factories import AwardRuleFactory

    reason = mediawiki_missing_reason()
    require(reason is None, reason or "")
    first, second = deployment.web_urls
    now = timezone.now()
    with WikiFarm(tmp_path / "wikis") as farm:
        local = farm.add("scaleoutwikiquote", "en", "Scale-out Wikiquote")
        editor = unique("Editor")
        with local.create_user(editor, PASSWORD, at=now - timedelta(days=3)) as session:
            session.create_page(unique("Page"), "* A quote. #SheSaid", "new #SheSaid")
        organiser = ConductAcceptedUserFactory(username=unique("organiser"))
        member = ConductAcceptedUserFactory(username=unique("member"))
        campaign = CampaignFactory(
            slug=unique("drive"),
            start=now - timedelta(days=5),
            end=now + timedelta(days=5),
            organisers=[organiser],
            on_wikis=[wiki_row(local)],
        )
        Participant.objects.create(campaign=campaign, wiki_username=editor, user=member)
        rule = AwardRuleFactory(
            kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION, target_key=campaign.slug, threshold=1
        )

        browser = _session_for(organiser)
        requested = _post_form(
            browser,
            f"{first}/campaigns/{campaign.slug}/",
            f"{second}/campaigns/{campaign.slug}/collect/",
            {},
        )
        assert requested.status_code == 200

        def collected():
            campaign.refresh_from_db()
            return campaign.last_synced_at is not None

        wait_for(collected, timeout=120, what="the campaign collected by a worker")
        wait_for(
            lambda: Assertion.objects.filter(recipient=member).exists(),
            timeout=30,
            what="the participation badge awarded",
        )
        time.sleep(3)  # a second run would show up by now

    # The wiki is gone: take the drive out of the periodic collections of later tests.
    Campaign.objects.filter(pk=campaign.pk).update(
        start=now - timedelta(days=400), end=now - timedelta(days=300)
    )
    ours = [job for job in _jobs(deployment, COLLECTION_TASK) if list(job.args) == [campaign.pk]]
    assert len(ours) == 1, [job.id for job in ours]
    assert ours[0].get_status() == "finished"
    assert len(ours[0].results()) == 1
    assert ours[0].return_value()["errors"] == []
    assert Revision.objects.filter(user=editor).count() == 1
    assert Assertion.objects.filter(recipient=member, badge_class=rule.badge_class).count() == 1
    assert Campaign.objects.get(pk=campaign.pk).last_synced_at is not None


# --- 4. periodic jobs ------------------------------------------------------------------------


def _enqueue_counts(stage: Deployment, names: list[str]) -> dict[str, int]:
    output = stage.logs_of("scheduler")
    return {name: output.count(f"enqueued {name}\n") for name in names}


def test_periodic_jobs_are_enqueued_once_per_interval_across_both_schedulers(deployment):
    from kuza.core import schedule
    from kuza.core.models import ScheduledRun

    names = [job.name for job in schedule.jobs()]
    assert len(deployment.of_kind("scheduler")) == 2
    # Both started at once; the first interval's jobs were enqueued once between them.
    wait_for(
        lambda: set(ScheduledRun.objects.values_list("name", flat=True)) == set(names),
        timeout=60,
        what="every periodic job enqueued at start",
    )
    counts = _enqueue_counts(deployment, names)
    assert counts == dict.fromkeys(names, 1), counts

    for interval in (2, 3):
        # Each job's interval (minutes to a day) is over: as if that much time had passed.
        for job in schedule.jobs():
            ScheduledRun.objects.filter(name=job.name).update(
                last_enqueued_at=timezone.now() - job.every
            )
        wait_for(
            lambda interval=interval: all(
                count >= interval for count in _enqueue_counts(deployment, names).values()
            ),
            timeout=30,
            what=f"interval {interval}'s jobs enqueued",
        )
        time.sleep(4)  # both schedulers pass several more times within the same interval
        counts = _enqueue_counts(deployment, names)
        assert counts == dict.fromkeys(names, interval), counts


# --- 5. a worker killed mid-task -------------------------------------------------------------


class _HangingWiki(socketserver.ThreadingTCPServer):
    """A wiki that accepts requests and never answers: a collection waits on it."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        self.called = threading.Event()
        self.release = threading.Event()
        outer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                outer.called.set()
                outer.release.wait(300)

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()


def _children_of(pid: int) -> list[int]:
    """Processes whose parent is `pid`, read from /proc (field 4 of stat is the parent)."""
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue
        # The command name (field 2) may hold spaces and parentheses: split after its end.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            children.append(int(entry))
    return children


def test_a_worker_killed_mid_task_leaves_the_job_failed_and_listed(deployment):
    from rq import Worker
    from rq.job import Job

    from kuza.accounts.tests.factories import ConductAcceptedUserFactory
    from kuza.campaigns.models import Participant
    from kuza.campaigns.tests.factories import CampaignFactory, WikiFactory

    first, second = deployment.web_urls
    hanging = _HangingWiki()
    try:
        wiki = WikiFactory(
            db_name=unique("hang").replace("-", "") + "wiki",
            api_url=f"http://127.0.0.1:{hanging.server_address[1]}/w/api.php",
        )
        organiser = ConductAcceptedUserFactory(username=unique("organiser"))
        # Over long ago, so the periodic collection leaves it alone.
        campaign = CampaignFactory(slug=unique("stuck"), organisers=[organiser], on_wikis=[wiki])
        Participant.objects.create(campaign=campaign, wiki_username=unique("Editor"))
        browser = _session_for(organiser)
        requested = _post_form(
            browser,
            f"{first}/campaigns/{campaign.slug}/",
            f"{first}/campaigns/{campaign.slug}/collect/",
            {},
        )
        assert requested.status_code == 200
        assert hanging.called.wait(60), "no worker started the collection"

        (job,) = [
            job for job in _jobs(deployment, COLLECTION_TASK) if list(job.args) == [campaign.pk]
        ]
        wait_for(lambda: job.get_status(refresh=True) == "started", timeout=30, what="started")
        worker = Worker.find_by_key(
            Worker.redis_worker_namespace_prefix + job.worker_name, connection=_redis(deployment)
        )
        victim = next(
            process
            for process in deployment.of_kind("worker")
            if process.alive and os.getpgid(worker.pid) == process.popen.pid
        )
        # RQ runs each task in a work horse with a process group of its own: find it first.
        horses = _children_of(worker.pid)
        victim.signal_group(signal.SIGKILL)  # the machine dies: worker and work horse at once
        for horse in horses:
            with contextlib.suppress(ProcessLookupError):
                os.kill(horse, signal.SIGKILL)
        victim.popen.wait(timeout=30)
        victim.start()  # and comes back, as systemd's Restart=always would have it
    finally:
        hanging.close()

    # RQ notices the dead worker when the job's heartbeat expires (about 90 s), then the
    # job is failed, never silently dropped; both servers and `kuza check` list it.
    def listed_everywhere():
        for url in (first, second):
            status, body = _health(url)
            failed = body["tasks"]["queues"][0]["failed_jobs"]
            if status != 200 or job.id not in [entry["id"] for entry in failed]:
                return False
        return True

    wait_for(listed_everywhere, timeout=180, every=3, what="the abandoned job listed as failed")
    assert Job.fetch(job.id, connection=_redis(deployment)).get_status() == "failed"
    checked = deployment.kuza("check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"failed job {job.id} {COLLECTION_TASK}" in checked.stdout
    wait_for(lambda: len(_workers_of(deployment, victim)) == 2, timeout=90, what="the worker back")


# --- 6. Redis stopped and started again ------------------------------------------------------


def test_without_redis_healthz_names_the_queue_pages_render_and_work_resumes(deployment):
    from kuza.core import schedule
    from kuza.core.models import ScheduledRun

    first, second = deployment.web_urls
    reader = _session_for(_person_with_password(unique("reader")))
    user = _person_with_password(unique("patient"))
    periodic = schedule.jobs()[0]
    enqueued_before = _enqueue_counts(deployment, [periodic.name])[periodic.name]
    deployment.redis.stop()
    try:
        # A periodic job falls due during the outage: its enqueue fails and it stays due.
        ScheduledRun.objects.filter(name=periodic.name).update(
            last_enqueued_at=timezone.now() - periodic.every
        )
        for url in (first, second):
            status, body = _health(url)
            assert status == 503, body
            assert body["database"]["ok"] is True
            assert f"queue '{QUEUE}' unreachable" in body["tasks"]["error"]
            for path in ("/", "/people/map/", "/people/map.svg", "/campaigns/", "/library/"):
                page = requests.get(f"{url}{path}", timeout=60)
                assert page.status_code == 200, (url, path, page.status_code)
            assert reader.get(f"{url}/people/me/", timeout=60).status_code == 200
        checked = deployment.kuza("check")
        assert checked.returncode == 1
        assert f"queue '{QUEUE}' unreachable" in checked.stdout
        # Signing in still works (allauth's rate limits fail open without their cache).
        visitor = requests.Session()
        signed_in = _post_form(
            visitor,
            f"{second}/accounts/login/",
            f"{second}/accounts/login/",
            {"login": user.username, "password": STRONG_PASSWORD},
        )
        assert signed_in.history and signed_in.history[0].status_code == 302, signed_in.status_code
        # A page that enqueues work is answered, and the work waits in the database.
        _request_password_reset(first, user.email)
        assert _health(second)[1]["tasks"]["deferred"] == 1
        time.sleep(3)  # the workers and schedulers meet the outage, and must live through it
        assert _enqueue_counts(deployment, [periodic.name])[periodic.name] == enqueued_before
    finally:
        deployment.redis.start()

    for url in (first, second):
        wait_for(lambda url=url: _health(url)[0] == 200, timeout=30, what=f"{url} healthy again")
    dead = [process.name for process in deployment.processes if not process.alive]
    assert not dead, f"processes did not survive the Redis outage: {dead}"
    wait_for(
        lambda: _reset_email_count(deployment, user.email) == 1,
        # The schedulers hand deferred tasks over every 30 s (more on a busy machine).
        timeout=120,
        what="the reset e-mail asked during the outage sent once the queue is back",
    )
    _request_password_reset(second, user.email)
    wait_for(
        lambda: _reset_email_count(deployment, user.email) == 2,
        timeout=90,
        what="a task enqueued after the outage run by a worker",
    )
    time.sleep(5)
    assert _reset_email_count(deployment, user.email) == 2, "an e-mail was sent twice"
    assert _health(first)[1]["tasks"]["deferred"] == 0
    wait_for(
        lambda: _enqueue_counts(deployment, [periodic.name])[periodic.name] == enqueued_before + 1,
        # A scheduler checks every 30 s (more on a busy machine): give it a few passes.
        timeout=120,
        what="the periodic job that fell due during the outage enqueued once",
    )


# --- 7. bounded load ---------------------------------------------------------------------------


def test_fifty_clients_for_a_minute_get_no_5xx_and_every_acknowledged_write_is_kept(deployment):
    from kuza.accounts.tests.factories import ConductAcceptedUserFactory
    from kuza.mentorship.models import CheckIn
    from kuza.mentorship.tests.factories import MentorshipFactory

    urls = deployment.web_urls
    run = uuid.uuid4().hex[:6]
    clients = []
    for number in range(LOAD_CLIENTS):
        learner = ConductAcceptedUserFactory(username=f"load-{run}-{number}")
        mentorship = MentorshipFactory(request__learner=learner)
        clients.append((number, _session_for(learner), mentorship.pk))

    statuses: list[int] = []
    latencies: list[float] = []
    failures: list[str] = []
    acknowledged: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + LOAD_SECONDS

    def timed(browser: requests.Session, method: str, url: str, **kwargs):
        started = time.monotonic()
        response = browser.request(method, url, timeout=60, **kwargs)
        with lock:
            latencies.append(time.monotonic() - started)
            statuses.extend(answer.status_code for answer in [*response.history, response])
        return response

    def client(number: int, browser: requests.Session, mentorship_id: int) -> None:
        iteration = 0
        while time.monotonic() < deadline:
            url = urls[(number + iteration) % len(urls)]
            detail = f"{url}/mentorship/{mentorship_id}/"
            try:
                timed(browser, "GET", f"{url}/" if iteration % 3 else f"{url}/people/map/")
                timed(browser, "GET", detail)
                note = f"load {run} client {number} write {iteration}"
                saved = timed(
                    browser,
                    "POST",
                    f"{detail}checkin/",
                    data={
                        "date": timezone.localdate().isoformat(),
                        "note": note,
                        "csrfmiddlewaretoken": browser.cookies.get(settings.CSRF_COOKIE_NAME),
                    },
                )
                if saved.status_code == 200 and "Your check-in is saved." in saved.text:
                    with lock:
                        acknowledged.append(note)
            except requests.RequestException as error:
                with lock:
                    failures.append(f"client {number}: {error}")
            iteration += 1

    threads = [threading.Thread(target=client, args=entry) for entry in clients]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=LOAD_SECONDS + 120)
    elapsed = time.monotonic() - started

    server_errors = [status for status in statuses if status >= 500]
    ordered = sorted(latencies)
    print(
        json.dumps(
            {
                "clients": LOAD_CLIENTS,
                "seconds": round(elapsed, 1),
                "requests": len(statuses),
                "requests_per_second": round(len(statuses) / elapsed, 1),
                "acknowledged_writes": len(acknowledged),
                "latency_median_s": round(statistics.median(ordered), 3) if ordered else None,
                "latency_p95_s": round(ordered[int(len(ordered) * 0.95)], 3) if ordered else None,
                "transport_failures": len(failures),
            }
        )
    )
    assert not server_errors, f"{len(server_errors)} answers were 5xx"
    assert not failures, failures[:5]
    assert acknowledged, "no write was acknowledged at all"
    stored = set(
        CheckIn.objects.filter(note__startswith=f"load {run} ").values_list("note", flat=True)
    )
    missing = set(acknowledged) - stored
    assert not missing, f"{len(missing)} acknowledged writes are not in the database"
    assert len(stored) == len(acknowledged)
