"""Four people through a real `kuza run` demo server, at phone width, in English and Arabic.

A visitor, a new member, the demo organiser and a platform moderator each do what they came
for; the test asserts what they see and saves a screenshot of each step in the artefacts
folder (KUZA_ARTEFACTS, printed by .ci/run), for a person to look at.
"""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kuza.campaigns.testing import LocalWiki
from kuza.core.demo_loader import DEMO_ORGANISER, DEMO_PASSWORD
from kuza.core.tests.test_browser import PHONE_WIDTH, chromium_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=False)]

PHONE_HEIGHT = 740
MODERATOR = "thandeka.dlamini"
# A plain member: not staff, organising no user group (Neema co-organises one).
MEMBER = "aisha.bello"


def artefacts() -> Path:
    folder = Path(os.environ.get("KUZA_ARTEFACTS", "var/artefacts")) / "journeys"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(params=["en", "ar"])
def phone(request, demo_server):
    """A phone-sized page with the interface language set, and a `shot(name)` helper."""
    language = request.param
    with chromium_page() as page:
        page.set_viewport_size({"width": PHONE_WIDTH, "height": PHONE_HEIGHT})
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": demo_server}]
        )
        page.base, page.language = demo_server, language

        def shot(name: str) -> None:
            page.screenshot(path=str(artefacts() / f"{request.node.name}-{name}.png"))

        page.shot = shot
        yield page


def tr(page, english: str, arabic: str) -> str:
    return arabic if page.language == "ar" else english


def heading_on_first_screen(page) -> str:
    heading = page.locator("main h1").first
    box = heading.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE_HEIGHT, box
    return heading.inner_text()


def log_in(page, username: str) -> None:
    page.goto(f"{page.base}/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main form button").first.click()
    page.wait_for_load_state()


def open_account_menu(page) -> None:
    page.locator("header details.account summary").click()


def test_a_visitor_sees_every_capability_and_a_menu_that_fits(phone):
    page = phone
    page.goto(f"{page.base}/")

    assert page.locator("html").get_attribute("dir") == tr(page, "ltr", "rtl")
    heading_on_first_screen(page)
    offers = page.locator("main .offers").inner_text()
    expected = {
        "en": ["Mentorship", "Skill swaps", "Programmes", "Surveys", "Translation", "Courses"],
        "ar": ["الإرشاد", "تبادل المهارات", "الدورات"],
    }[page.language]
    assert all(capability in offers for capability in expected), offers
    # At most six groups and the two account links: the menu stays short on a phone.
    assert page.locator("header nav > ul > li").count() <= 8
    page.shot("home")

    page.locator("header nav summary").first.click()
    assert page.locator("header nav details[open] a").first.is_visible()
    page.shot("menu-open")

    page.goto(f"{page.base}/no-such-page/")
    assert heading_on_first_screen(page) == tr(page, "Page not found", "الصفحة غير موجودة")
    assert page.locator("main a[href='/']").is_visible()
    page.shot("404")


def sign_up(page, username: str) -> None:
    """A new member signs up (accepting the code of conduct) and lands on the onboarding."""
    page.goto(f"{page.base}/accounts/signup/")
    page.fill("#id_email", f"{username}@example.org")
    page.fill("#id_username", username)
    page.fill("#id_password1", "a long and unusual passphrase")
    page.fill("#id_password2", "a long and unusual passphrase")
    page.check("#id_accept_code_of_conduct")
    page.locator("main form button").first.click()
    page.wait_for_load_state()
    assert "/people/welcome/" in page.url


def test_a_new_member_signs_up_answers_the_onboarding_and_lands_on_the_mentor_search(phone):
    page = phone
    sign_up(page, f"halima{page.language}")
    heading_on_first_screen(page)
    page.shot("onboarding")
    page.fill("#id_display_name", "Halima Yusuf")
    page.check("input[name=reason][value=mentor]")
    page.locator("main form button").first.click()
    page.wait_for_load_state()

    assert "/mentorship/find/" in page.url
    heading_on_first_screen(page)
    page.shot("mentor-search")

    page.goto(f"{page.base}/learn/gender-gap-initiative/")
    page.locator("main form button").first.click()  # enrol (self-paced)
    page.wait_for_load_state()
    page.goto(f"{page.base}/")
    assert "Halima Yusuf" in heading_on_first_screen(page)
    next_section = page.locator("main section[aria-labelledby=next]").inner_text()
    assert tr(page, "You are enrolled", "أنت مسجَّل") in next_section
    page.shot("home")


def test_the_organiser_sees_what_waits_and_a_count_on_the_menu(phone):
    page = phone
    log_in(page, DEMO_ORGANISER)

    page.goto(f"{page.base}/")
    heading_on_first_screen(page)
    waiting = page.locator("main section[aria-labelledby=waiting]").inner_text()
    assert tr(page, "A member asks you to mentor them", "يطلب منك عضو") in waiting
    assert int(page.locator("header details.account .count").inner_text()) >= 1
    page.shot("home")

    page.goto(f"{page.base}/campaigns/new/")
    assert page.locator("main form").count() >= 1
    heading_on_first_screen(page)
    page.shot("campaign-new")


def test_a_member_is_told_why_a_page_is_refused(phone):
    page = phone
    log_in(page, MEMBER)

    page.goto(f"{page.base}/campaigns/new/")

    assert heading_on_first_screen(page) == tr(
        page, "You may not open this page", "لا يمكنك فتح هذه الصفحة"
    )
    assert tr(page, "organisers", "منظّموه") in page.locator("main").inner_text()
    page.shot("403")


def test_the_moderator_goes_from_home_to_the_queue(phone):
    page = phone
    log_in(page, MODERATOR)

    page.goto(f"{page.base}/")
    waiting = page.locator("main section[aria-labelledby=waiting]")
    assert tr(page, "moderation queue", "قائمة الإشراف") in waiting.inner_text()
    page.shot("home")

    waiting.locator("a[href='/safety/moderation/']").click()
    page.wait_for_load_state()
    assert page.url.endswith("/safety/moderation/")
    heading_on_first_screen(page)
    page.shot("queue")


def test_the_organiser_goes_from_her_badge_to_its_certificate_pdf(phone):
    page = phone
    log_in(page, DEMO_ORGANISER)

    page.goto(f"{page.base}/badges/backpack/")
    heading_on_first_screen(page)
    link = page.locator("main a[href$='/certificate.pdf']").first
    assert link.is_visible()
    page.shot("backpack")

    pdf = page.request.get(f"{page.base}{link.get_attribute('href')}")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")


def test_the_organiser_adds_a_badge_rule_and_awards_those_who_already_qualify(phone):
    page = phone
    log_in(page, DEMO_ORGANISER)
    page.goto(f"{page.base}/badges/manage/")
    # Staff, she manages the platform's issuer too; #SheSaid's badge is her organisation's.
    page.locator("main a", has_text="Wiki Women of East Africa").first.click()
    page.wait_for_load_state()
    page.locator("main a", has_text="#SheSaid contributor").first.click()
    page.wait_for_load_state()

    page.select_option("#id_achievement", "campaign_participation:shesaid-2025")
    # One contribution: fewer than the existing rule's ten, so some people qualify only now.
    page.fill("#id_threshold", "1")
    page.locator("main form", has=page.locator("#id_achievement")).locator("button").click()
    page.wait_for_load_state()

    if "/apply/" not in page.url:
        # Only after the English run, which awarded everyone who qualifies: saved, nobody left.
        assert page.language == "ar", page.url
        assert page.locator(".messages, [role=status]").first.is_visible()
        page.shot("saved")
        return
    heading_on_first_screen(page)
    page.shot("qualify")
    page.locator("main form button").first.click()
    page.wait_for_load_state()
    assert "/apply/" not in page.url
    assert page.locator(".messages, [role=status]").first.is_visible()
    page.shot("awarded")


def test_the_organiser_picks_a_co_organiser_by_name(phone):
    page = phone
    log_in(page, DEMO_ORGANISER)
    page.goto(f"{page.base}/events/new/")
    heading_on_first_screen(page)
    page.fill("#id_title", tr(page, "Quote-a-thon in Arusha", "ماراثون الاقتباسات في أروشا"))
    page.fill("#id_description", tr(page, "We add quotes of women.", "نضيف اقتباسات النساء."))
    page.fill("#id_starts", "2031-03-10T16:00")
    page.fill("#id_ends", "2031-03-10T18:00")
    page.fill("#id_time_zone", "Africa/Dar_es_Salaam")

    # A letter names many people: the form comes back with them to tick, nothing lost.
    page.fill("#id_organiser_names", "a")
    page.locator("main form button").last.click()
    page.wait_for_load_state()
    choices = page.locator("main ul.picker input[type=checkbox]")
    assert choices.count() >= 2
    assert page.locator("main ul.picker label").first.is_visible()
    assert page.locator("#id_starts").input_value() == "2031-03-10T16:00"
    page.shot("co-organiser-choices")

    # A whole name is that one person: the event is saved with her as an organiser.
    page.fill("#id_organiser_names", "Neema Mushi")
    page.locator("main form button").last.click()
    page.wait_for_load_state()
    assert page.url.endswith("/questions/"), page.locator("main").inner_text()
    page.goto(page.url.removesuffix("questions/") + "edit/")  # saved, with her among organisers
    assert "neema.mushi" in page.locator("#id_organiser_names").input_value()
    page.shot("co-organiser")


def test_a_member_reports_someone_and_the_moderator_warns_her(phone):
    page = phone
    log_in(page, MEMBER)
    page.goto(f"{page.base}/people/?q=Mushi")
    page.locator("main a", has_text="Neema Mushi").first.click()
    page.wait_for_load_state()
    page.locator("main a[href*='/safety/report/']").first.click()
    page.wait_for_load_state()
    heading_on_first_screen(page)
    page.fill(
        "#id_description", tr(page, "She insulted me at the edit-a-thon.", "أهانتني في الفعالية.")
    )
    page.locator("main form button").last.click()
    page.wait_for_load_state()
    assert "/safety/report/" not in page.url
    page.shot("reported")

    # The moderator, on the same phone: the member's session ends, the language stays.
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "django_language", "value": page.language, "url": page.base}]
    )
    log_in(page, MODERATOR)
    page.goto(f"{page.base}/safety/moderation/?status=new")
    page.locator("main tr", has_text="Neema Mushi").first.locator("a").first.click()
    page.wait_for_load_state()
    heading_on_first_screen(page)
    assert tr(page, "She insulted me", "أهانتني") in page.locator("main").inner_text()

    warning = page.locator("main form[action$='/warn/']")
    warning.locator("textarea").fill(
        tr(page, "Please keep to the code of conduct.", "يُرجى الالتزام بمدونة السلوك.")
    )
    warning.locator("button").click()
    page.wait_for_load_state()

    assert "/safety/moderation/" in page.url
    assert tr(page, "Warning sent.", "") in page.locator("body").inner_text()
    page.shot("warned")

    page.goto(f"{page.base}/safety/moderation/log/")
    heading_on_first_screen(page)
    page.shot("log")


def answer_the_quiz(page, spec: dict) -> None:
    """Give the right answers, read from the demo course's spec, as the learner would."""
    for position, question in enumerate(spec["questions"], start=1):
        field = f"q{position}"
        if question["kind"] in {"single", "multiple"}:
            boxes = page.locator(f"main input[name={field}]")
            for index, (_text, correct, _feedback) in enumerate(question["options"]):
                if correct:
                    boxes.nth(index).check()
        elif question["kind"] == "text":
            page.fill(f"main input[name={field}]", question["accepted"][0])
        else:
            page.fill(f"main input[name={field}]", f"{question['answer']:g}")
    page.locator("main form button").last.click()
    page.wait_for_load_state()


def test_a_new_member_takes_the_demo_course_to_its_badge_and_certificate(phone):
    from kuza.learning.demo_course import MODULES

    page = phone
    sign_up(page, f"kofi{page.language}")
    course = f"{page.base}/learn/gender-gap-initiative/"
    page.goto(course)
    page.locator("main form[action$='/enrol/'] button").click()
    page.wait_for_load_state()
    page.locator("main section ol a").first.click()  # the first lesson of the contents
    page.wait_for_load_state()

    passed = []
    for _step in range(40):  # every lesson and quiz of the course, with room to spare
        if "/quizzes/" not in page.url:
            # The lesson's main button: mark as read and go to what follows, lesson or quiz.
            page.locator("main form[action$='/read/'] button").click()
            page.wait_for_load_state()
            continue
        spec = MODULES[len(passed)]["quiz"]
        assert heading_on_first_screen(page) == spec["title"][0]
        answer_the_quiz(page, spec)
        result = page.locator("main [role=status]").inner_text()
        assert tr(page, "Passed.", "ناجح.") in result, page.locator("main").inner_text()
        passed.append(page.url)
        if len(passed) == 1:
            page.shot("quiz-passed")
        if len(passed) == len(MODULES):
            break
        page.locator("main a.button[href*='/lessons/']").click()  # passed: the next lesson
        page.wait_for_load_state()
    assert len(passed) == len(MODULES), page.url
    # Passing the last quiz completed the course, and the page says so.
    assert (
        tr(page, "you have completed this course", "لقد أتممت هذا المقرر")
        in page.locator(".messages").inner_text()
    )
    page.shot("course-completed")

    page.goto(f"{page.base}/")
    next_section = page.locator("main section[aria-labelledby=next]")
    assert tr(page, "A new badge", "شارة جديدة") in next_section.inner_text()
    next_section.locator("a", has_text="Gender-gap initiative starter").click()
    page.wait_for_load_state()
    assert heading_on_first_screen(page) == "Gender-gap initiative starter"
    page.shot("badge")

    link = page.locator("main a[href$='/certificate.pdf']").first
    assert link.is_visible()
    pdf = page.request.get(f"{page.base}{link.get_attribute('href')}")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")


@pytest.fixture
def tagged_wiki(phone, wiki_farm) -> LocalWiki:
    """A wiki of the local farm for this language's run, with two edits tagged #KuzaJourney;
    its own, so each run registers a wiki Kuza does not list yet."""
    wiki = wiki_farm.add(f"journey{phone.language}wiki", "en", f"Journey {phone.language}")
    with wiki.create_user("Zawadi Journey", "Kuza-journey-password-1") as editor:
        editor.create_page("Wangari Maathai", "A quote.", "Added a quote #KuzaJourney")
        editor.create_page("Miriam Makeba", "A quote.", "Added a quote #KuzaJourney")
    return wiki


def test_the_organiser_creates_a_campaign_on_a_local_wiki_collects_it_and_reads_its_status(
    phone, tagged_wiki
):
    page = phone
    log_in(page, DEMO_ORGANISER)

    # The wiki is not listed yet: she adds it by its API address.
    page.goto(f"{page.base}/campaigns/wikis/add/")
    heading_on_first_screen(page)
    page.fill("#id_api_url", tagged_wiki.api_url)
    page.locator("main form button").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/campaigns/"), page.locator("main").inner_text()
    added = page.locator(".messages").inner_text()
    assert f"Journey {page.language}" in added, added
    assert tr(page, "can now be chosen", "يمكن الآن اختيار") in added, added
    page.shot("wiki-added")

    page.goto(f"{page.base}/campaigns/new/")
    today = datetime.now(UTC).date()
    page.fill("#id_name", tr(page, "Journey quotes", "اقتباسات الرحلة"))
    page.fill("#id_slug", f"journey-{page.language}")
    page.fill("#id_hashtag", "#KuzaJourney")
    page.fill("#id_start", f"{today - timedelta(days=1)}T00:00")
    page.fill("#id_end", f"{today + timedelta(days=7)}T00:00")
    page.check("#id_is_open")
    page.locator("main label", has_text=f"({tagged_wiki.spec.db_name})").click()
    page.locator("main form button").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/campaigns/journey-{page.language}/"), page.locator(
        "main"
    ).inner_text()
    heading_on_first_screen(page)
    page.shot("campaign-created")

    page.locator("main form[action$='/collect/'] button").click()
    page.wait_for_load_state()
    queued = page.locator(".messages").inner_text()
    assert tr(page, "Collection queued", "أُدرج الجمع") in queued, queued
    page.shot("collect-queued")

    # The demo server's worker collects; the page says so once it is done (bounded wait).
    done = {
        "en": re.compile(r"collected on .+, 2 new edits\."),
        "ar": re.compile(r"جُمع في .+، تعديلان جديدان"),
    }[page.language]
    row = page.locator("main section[aria-labelledby=collection] li", has_text="Journey")
    deadline = time.monotonic() + 120
    while not done.search(row.inner_text()) and time.monotonic() < deadline:
        time.sleep(1)
        page.reload()
    assert done.search(row.inner_text()), row.inner_text()
    row.scroll_into_view_if_needed()
    page.shot("collected")
