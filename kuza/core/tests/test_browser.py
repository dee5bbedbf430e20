"""A person in a real browser: sign up, log out, log in, switch to Arabic (right to left)."""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from kuza.core.conftest_helpers import require

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium_page():
    """A page in Debian's Chromium with JavaScript off, as on a cheap phone's data saver."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    require(chromium, "Chromium is needed for browser tests: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; the Django calls made here
    # are ordinary blocking ones, which Django would otherwise refuse next to a loop.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            context = browser.new_context(java_script_enabled=False)
            page = context.new_page()
            page.console_messages = []
            page.on("console", lambda message: page.console_messages.append(message.text))
            yield page
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(live_server):
    with chromium_page() as page:
        yield page


def test_sign_up_log_in_and_read_kuza_in_arabic(page, live_server):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.fill("#id_email", "halima@example.org")
    page.fill("#id_username", "halima")
    page.fill("#id_password1", "a long and unusual passphrase")
    page.fill("#id_password2", "a long and unusual passphrase")
    page.check("#id_accept_code_of_conduct")
    page.click("main button[type=submit], main form button")
    page.wait_for_load_state()
    assert "/people/welcome/" in page.url  # the onboarding follows sign-up
    page.locator("header details.account summary").click()
    assert page.locator("header nav").get_by_text("My account").is_visible()

    page.locator("header nav form button").click()  # log out
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_login", "halima")
    page.fill("#id_password", "a long and unusual passphrase")
    page.locator("main form button").first.click()
    page.wait_for_load_state()
    page.locator("header details.account summary").click()
    assert page.locator("header nav").get_by_text("My account").is_visible()

    page.select_option("#language", "ar")
    page.locator("footer form.lang button").click()
    page.wait_for_load_state()

    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    page.locator("header details.account summary").click()
    assert page.locator("header nav").get_by_text("حسابي").is_visible()
    # Mirrored layout: the brand sits at the right edge in a right-to-left page.
    brand = page.locator("header .brand").bounding_box()
    assert brand["x"] > page.viewport_size["width"] / 2
    assert not [text for text in page.console_messages if "Content Security Policy" in text]


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def kuza_run(home, startup_seconds: int = 240, environment: dict[str, str] | None = None):
    """What `make run` does: prepare, load the demo, serve with gunicorn and a worker;
    `environment` adds KUZA_* options.

    Yields the base URL and, once the block ends (Ctrl-C sent), the process to inspect."""
    import signal
    import subprocess
    import sys
    import time
    import urllib.request

    port = _free_port()
    env = {
        **os.environ,
        "KUZA_HOME": str(home),
        "PORT": str(port),
        "DATABASE_URL": "",
        "KUZA_LOAD_DEMO": "true",
        "KUZA_WEB_WORKERS": "1",
        **(environment or {}),
    }
    # Into a file, not a pipe nobody reads until the end: a server shared by many tests logs
    # more than a pipe holds (64 KB), and would then block on its next log line.
    log_path = Path(home) / "kuza-run.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "kuza.cli", "run"],
        env=env,
        text=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    run = {"url": f"http://127.0.0.1:{port}", "server": server, "output": "", "log": log_path}
    try:
        deadline, health = time.monotonic() + startup_seconds, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"{run['url']}/healthz") as response:
                    health = response.status
                    break
            except OSError:
                time.sleep(1)
        assert health == 200, "kuza run did not answer /healthz"
        yield run
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
        log.close()
        run["output"] = log_path.read_text()


@pytest.mark.django_db(transaction=False)
def test_kuza_run_serves_the_demo_and_stops_cleanly_on_ctrl_c(tmp_path):
    import urllib.request

    with kuza_run(tmp_path) as run:
        with urllib.request.urlopen(f"{run['url']}/") as response:
            home = response.read().decode()
        assert "Grow skills and leaders together" in home
        with urllib.request.urlopen(f"{run['url']}/static/kuza/kuza.css") as css:
            assert css.status == 200
    assert run["server"].returncode == 0, run["output"]
    assert f"Kuza is running at {run['url']}/" in run["output"]
    assert "Log in as the demo organiser: user 'amina', password 'kuza-demo'." in run["output"]
    assert "Kuza stopped." in run["output"]


PHONE_WIDTH = 360


def test_no_page_an_organiser_reaches_scrolls_sideways_on_a_phone(demo_server):
    """Wide tables scroll inside the page and images shrink: the page itself never widens."""
    from urllib.parse import urldefrag, urlsplit

    from kuza.core.demo_loader import DEMO_ORGANISER, DEMO_PASSWORD
    from kuza.core.tests.test_page_budget import FILE_SUFFIXES, MAX_PAGES, NOT_PAGES

    too_wide, visited = {}, []
    base = demo_server
    with chromium_page() as page:
        page.set_viewport_size({"width": PHONE_WIDTH, "height": 740})
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_login", DEMO_ORGANISER)
        page.fill("#id_password", DEMO_PASSWORD)
        page.locator("main form button").first.click()
        page.wait_for_load_state()
        for language in ("en", "ar"):
            page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
            # The first MAX_PAGES pages found, breadth first, as the page-budget crawl does.
            seen, queue = {"/"}, ["/"]
            while queue and len(seen) < MAX_PAGES:
                url = queue.pop(0)
                page.goto(f"{base}{url}")
                visited.append(url)
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > PHONE_WIDTH:
                    too_wide[f"{language} {url}"] = width
                for href in page.eval_on_selector_all(
                    "a[href]", "as => as.map(a => a.getAttribute('href'))"
                ):
                    target, _fragment = urldefrag(href)
                    parts = urlsplit(target)
                    if parts.scheme or parts.netloc or not target.startswith("/"):
                        continue
                    if target.startswith(NOT_PAGES) or parts.path.endswith(FILE_SUFFIXES):
                        continue
                    if target.startswith("/accounts/logout") or target in seen:
                        continue
                    seen.add(target)
                    queue.append(target)

    assert len(set(visited)) > 50 and "/programmes/" in visited and "/account/" in visited
    assert not too_wide, sorted(too_wide.items())
