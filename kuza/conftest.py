"""Fixtures for the whole suite, and the rule that CI never silently skips."""

from __future__ import annotations

import os
import signal

import pytest
from django.core.cache import cache
from django.utils import translation

NO_SKIPS = os.environ.get("KUZA_NO_SKIPS", "") not in {"", "0", "false"}


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


@pytest.fixture
def demo_community(db):
    from kuza.core.demo_loader import load_demo

    return load_demo()
