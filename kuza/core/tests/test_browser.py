"""A person in a real browser: sign up, log out, log in, switch to Arabic (right to left)."""

import os
import shutil

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


@pytest.fixture
def page(live_server):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    require(chromium, "Chromium is needed for browser tests: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; the Django calls made here
    # are ordinary blocking ones, which Django would otherwise refuse next to a loop.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.console_messages = []
        page.on("console", lambda message: page.console_messages.append(message.text))
        yield page
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def test_sign_up_log_in_and_read_kuza_in_arabic(page, live_server):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.fill("#id_email", "halima@example.org")
    page.fill("#id_username", "halima")
    page.fill("#id_password1", "a long and unusual passphrase")
    page.fill("#id_password2", "a long and unusual passphrase")
    page.check("#id_accept_code_of_conduct")
    page.click("main button[type=submit], main form button")
    page.wait_for_load_state()
    assert page.locator("header nav").get_by_text("My account").is_visible()

    page.locator("header nav form button").click()  # log out
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_login", "halima")
    page.fill("#id_password", "a long and unusual passphrase")
    page.locator("main form button").first.click()
    page.wait_for_load_state()
    assert page.locator("header nav").get_by_text("My account").is_visible()

    page.select_option("#language", "ar")
    page.locator("footer form.lang button").click()
    page.wait_for_load_state()

    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    assert page.locator("header nav").get_by_text("حسابي").is_visible()
    # Mirrored layout: the brand sits at the right edge in a right-to-left page.
    brand = page.locator("header .brand").bounding_box()
    assert brand["x"] > page.viewport_size["width"] / 2
    assert not [text for text in page.console_messages if "Content Security Policy" in text]
