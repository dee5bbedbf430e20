"""An offline copy opens in Chromium with the network off and shows the lessons."""

import os
import shutil

import pytest

from kuza.core.conftest_helpers import require
from kuza.core.tests.test_browser import CHROMIUM_FLAGS
from kuza.learning import offline
from kuza.learning.authoring import lesson_image_add
from kuza.learning.models import Lesson
from kuza.learning.tests.factories import make_course, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def browser_context():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    require(chromium, "Chromium is needed for browser tests: apt-get install chromium")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        context = browser.new_context(java_script_enabled=False)
        yield context
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def offline_file(tmp_path):
    # Written before the browser starts: Playwright's event loop and the test database's
    # connection do not mix.
    course = make_course(modules=2, lessons_per_module=2)
    lesson = Lesson.objects.filter(course=course).first()
    lesson_image_add(lesson=lesson, data=png_bytes(1200, 600), alt_text="A teal banner")
    path = tmp_path / offline.offline_filename(course)
    path.write_bytes(offline.offline_html(course=course))
    return path


def test_offline_course_file_opens_without_a_network_and_shows_the_lessons(
    offline_file, browser_context
):
    browser_context.set_offline(True)
    requests = []
    page = browser_context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(offline_file.as_uri())

    headings = page.locator("main h3").all_inner_texts()
    assert headings == ["Lesson 1.1", "Lesson 1.2", "Lesson 2.1", "Lesson 2.2"]
    assert page.get_by_text("Text of lesson 2.2.").is_visible()
    image = page.locator("img[alt='A teal banner']")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 480
    # Answers stay folded until asked for.
    details = page.locator("details").first
    assert not details.evaluate("element => element.open")
    details.locator("summary").click()
    assert details.evaluate("element => element.open")
    assert all(url.startswith(("file:", "data:")) for url in requests)
