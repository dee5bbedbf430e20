"""Fixtures for the whole suite, and the rule that CI never silently skips."""

from __future__ import annotations

import math
import os
import signal

import pytest
from django.core.cache import cache
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property tests judge answers, not speed: how fast examples are drawn or run depends on how
# busy the machine is (CI runs several suites on two cores), so neither may fail a test.
hypothesis_settings.register_profile(
    "kuza", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("kuza")

NO_SKIPS = os.environ.get("KUZA_NO_SKIPS", "") not in {"", "0", "false"}
# CI's second pass, on PostgreSQL, runs only the tests that reach the database: the others
# (pure code, catalogs, commands started on a SQLite home of their own) ran on SQLite already
# and would give the same answer at several minutes' cost.
DATABASE_TESTS_ONLY = os.environ.get("KUZA_DATABASE_TESTS_ONLY", "") not in {"", "0", "false"}
# pytest-django refuses database access to a test that asks for none of these (or the marker).
DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_setup", "live_server", "admin_user", "admin_client"}
)


def _reaches_the_database(item) -> bool:
    if item.get_closest_marker("one_database"):
        return False
    return bool(item.get_closest_marker("django_db")) or not DATABASE_FIXTURES.isdisjoint(
        getattr(item, "fixturenames", ())
    )


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    # The scale-out stage starts servers, workers and Redis: only when asked (-m scaleout).
    if "scaleout" not in (config.getoption("markexpr") or ""):
        # By marker, not keyword: keywords include folder names, which may be anything.
        stage = [item for item in items if item.get_closest_marker("scaleout")]
        if stage:
            config.hook.pytest_deselected(items=stage)
            items[:] = [item for item in items if not item.get_closest_marker("scaleout")]
    if connection.vendor == "postgresql":
        if DATABASE_TESTS_ONLY:
            elsewhere = [item for item in items if not _reaches_the_database(item)]
            config.hook.pytest_deselected(items=elsewhere)
            items[:] = [item for item in items if _reaches_the_database(item)]
        return
    # Deselected rather than skipped: they are not meant to run on this database at all.
    kept = [item for item in items if "postgres_only" not in item.keywords]
    deselected = [item for item in items if "postgres_only" in item.keywords]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if NO_SKIPS and skipped:
        reporter.write_line(
            f"KUZA_NO_SKIPS is set and {len(skipped)} test(s) were skipped: in CI every "
            "service and data set must be present.",
            red=True,
        )
        session.exitstatus = 1


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing scale-out test's report ends with the last lines of every process's log."""
    report = yield
    stage = getattr(item, "funcargs", {}).get("deployment")
    if report.failed and stage is not None and hasattr(stage, "describe_failure"):
        report.sections.append(("deployment logs", stage.describe_failure()))
    return report


@pytest.fixture(autouse=True)
def _isolated_environment(settings, tmp_path):
    """Each test gets its own upload folder, an empty cache and fast password hashing."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The on-disk cache under KUZA_HOME would be shared with any other test run.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    # Each process reads the stored interface corrections' revision every 30 seconds (one
    # query); here that would add a query to counted pages at random, and touch the database
    # in tests without it. test_interface_corrections makes the look due where it tests it.
    from kuza.translation import interface_corrections

    interface_corrections._next_check = math.inf
    yield
    cache.clear()
    # A request with a language cookie leaves its language active in this thread.
    translation.deactivate()


@pytest.fixture(autouse=True)
def _signal_handlers_restored():
    """The task worker, run in-process by some tests, installs shutdown handlers for these
    signals; left in place they would turn a later Ctrl-C or SIGTERM into a silent exit."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {number: signal.getsignal(number) for number in signals}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogs():
    from kuza.core.catalogs import compile_catalogs

    compile_catalogs()


class _DemoWorld:
    """The demo, loaded once for consecutive tests of one module that ask for it.

    Loading the demo is the slowest setup in the suite (about 5 s of CPU, and some modules ask
    for it in every interface language). It is loaded inside a transaction left open, and each
    test runs in a savepoint inside it, as Django's TestCase.setUpTestData does: a test's writes
    are rolled back before the next test. The world is rolled back as soon as a test that does
    not ask for it comes (or another module starts), so no other test ever sees demo data.
    """

    module = None
    atomic = None
    community = None
    media = None

    @classmethod
    def close(cls, django_db_blocker) -> None:
        if cls.atomic is None:
            return
        from django.db import transaction

        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            cls.atomic.__exit__(None, None, None)
        cls.module = cls.atomic = cls.community = cls.media = None


def _wants_transactions(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return "transactional_db" in request.fixturenames or bool(
        marker and marker.kwargs.get("transaction")
    )


@pytest.fixture(autouse=True)
def _django_db_marker(request, django_db_blocker):
    """pytest-django's fixture of this name (4.14), plus the shared demo world.

    A test's transaction must open inside the world's, and pytest-django opens it here for
    tests marked `django_db`, before any fixture the test asks for: so the world is opened (or
    rolled back, for a test that does not ask for it) here first.
    """
    wants_world = "demo_community" in request.fixturenames and not _wants_transactions(request)
    if _DemoWorld.atomic is not None and not (wants_world and _DemoWorld.module is request.module):
        _DemoWorld.close(django_db_blocker)
    if wants_world:
        request.getfixturevalue("_demo_world")
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")


@pytest.fixture(scope="session", autouse=True)
def _demo_world_closed_at_the_end(django_db_blocker):
    yield
    _DemoWorld.close(django_db_blocker)


@pytest.fixture(scope="module")
def no_demo_world(django_db_blocker):
    """For a module building data of its own for all its tests (the generated privacy test):
    the demo world an earlier module left open is rolled back first, so that closing it at the
    module's first test does not roll back that data with it."""
    _DemoWorld.close(django_db_blocker)


@pytest.fixture
def _demo_world(request, settings, django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import transaction

    from kuza.core.demo_loader import load_demo

    # Loaded under the test settings (fast password hashing, an empty cache of its own), which
    # this fixture, run before the other autouse fixtures, must ask for itself.
    request.getfixturevalue("_isolated_environment")
    if _DemoWorld.atomic is None:
        _DemoWorld.media = tmp_path_factory.mktemp("demo-media")
        settings.MEDIA_ROOT = _DemoWorld.media
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                community = load_demo()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        _DemoWorld.module, _DemoWorld.atomic, _DemoWorld.community = (
            request.module,
            atomic,
            community,
        )
    return _DemoWorld.community


@pytest.fixture
def demo_community(request, settings, db):
    import copy

    from kuza.core.demo_loader import load_demo

    if _wants_transactions(request):
        # Committed for real (the test sees other connections): no shared world.
        return load_demo()
    # Opened by _django_db_marker before the test's own transaction (`db`), which nests inside.
    world = request.getfixturevalue("_demo_world")
    settings.MEDIA_ROOT = _DemoWorld.media
    # Each test gets the objects as they were loaded, whatever an earlier test did to its copy.
    return copy.deepcopy(world)
