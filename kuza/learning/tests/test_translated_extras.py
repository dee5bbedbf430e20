"""The rest of a course's text reads in the learner's language too: image descriptions and
captions, links to media, the names of imported blocks Kuza cannot show, and cohort sessions."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kuza.learning import offline, services
from kuza.learning.authoring import AuthoringError, lesson_image_add, media_link_add
from kuza.learning.models import Lesson, Placeholder
from kuza.learning.tests.factories import SessionFactory, UserFactory, make_course, png_bytes
from kuza.translation.models import SourceUnit, UnitTranslation

pytestmark = pytest.mark.django_db


def translate(obj, field_name: str, text: str, language: str = "fr") -> None:
    unit = SourceUnit.objects.get(
        field__translatable__object_id=obj.pk,
        field__translatable__content_type__model=obj._meta.model_name,
        field__field_name=field_name,
        removed=False,
    )
    UnitTranslation.objects.create(
        unit=unit, language=language, text=text, source_hash_at_translation=unit.source_hash
    )


@pytest.fixture
def lesson():
    return Lesson.objects.filter(course=make_course(with_quiz=False)).first()


def main(client, lesson: Lesson, language: str) -> str:
    client.cookies["django_language"] = language
    page = client.get(reverse("learning:lesson", args=[lesson.course.slug, lesson.pk]))
    return re.search(r"<main[^>]*>(.*)</main>", page.content.decode(), re.S).group(1)


def test_images_and_media_links_read_in_french_with_english_fallback(client, lesson):
    image = lesson_image_add(
        lesson=lesson, data=png_bytes(40, 30), alt_text="A map of Africa", caption="Editors"
    )
    link = media_link_add(lesson=lesson, title="Recording of the webinar", url="https://v.example")
    translate(image, "alt_text", "Une carte de l’Afrique")
    translate(link, "title", "Enregistrement du webinaire")

    french = main(client, lesson, "fr")
    assert 'alt="Une carte de l’Afrique"' in french
    assert "Enregistrement du webinaire" in french
    assert "Editors" in french  # the caption is not translated yet: its source
    english = main(client, lesson, "en")
    assert 'alt="A map of Africa"' in english and "Recording of the webinar" in english

    copy = offline.offline_html(course=lesson.course, language="fr").decode()
    assert 'alt="Une carte de l’Afrique"' in copy and "Enregistrement du webinaire" in copy


def test_a_translated_description_cannot_break_out_of_the_alt_attribute(client, lesson):
    image = lesson_image_add(lesson=lesson, data=png_bytes(40, 30), alt_text="A map")
    translate(image, "alt_text", 'Carte" onerror="alert(1)')
    french = main(client, lesson, "fr")
    assert 'alt="Carte&quot; onerror=&quot;alert(1)"' in french
    assert 'onerror="' not in french


def test_placeholders_show_a_translated_name_and_explanation_to_learners(client, lesson):
    placeholder = Placeholder.objects.create(
        course=lesson.course,
        lesson=lesson,
        block_type="video",
        display_name="Welcome video",
        reason="Kuza has no equivalent of <video>, a video player",
        olx_key="video/v1",
    )
    translate(placeholder, "display_name", "Vidéo de bienvenue")
    learner = UserFactory()
    services.enrolment_create(user=learner, course=lesson.course)
    client.force_login(learner)

    french = main(client, lesson, "fr")
    assert "Vidéo de bienvenue" in french
    assert "Kuza has no equivalent" not in french  # the import report's English, for managers
    from django.utils import translation

    with translation.override("fr"):
        sentence = translation.gettext("This part of the original course cannot be shown here.")
    assert sentence != "This part of the original course cannot be shown here."
    assert sentence in french

    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert "Kuza has no equivalent" in main(client, lesson, "en")

    copy = offline.offline_html(course=lesson.course, language="fr").decode()
    assert "Vidéo de bienvenue" in copy


def test_cohort_sessions_read_in_french(client):
    session = SessionFactory(title="Webinar: sources", description="Bring a question.")
    translate(session, "title", "Webinaire : les sources")
    cohort = session.cohort
    user = UserFactory()
    services.enrolment_create(user=user, course=cohort.course, cohort=cohort)
    client.force_login(user)
    client.cookies["django_language"] = "fr"
    page = client.get(
        reverse("learning:cohort", args=[cohort.course.slug, cohort.slug])
    ).content.decode()
    assert "Webinaire : les sources" in page
    assert "Bring a question." in page  # untranslated: the source


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,hi", "ftp://example.org/f", "not a url"]
)
def test_media_links_are_web_addresses_only(lesson, url):
    with pytest.raises(AuthoringError):
        media_link_add(lesson=lesson, title="Video", url=url)
    assert not lesson.media_links.exists()


def test_a_media_link_needs_a_title_and_a_known_kind(lesson):
    with pytest.raises(AuthoringError):
        media_link_add(lesson=lesson, title=" ", url="https://v.example")
    with pytest.raises(AuthoringError):
        media_link_add(lesson=lesson, title="Video", url="https://v.example", kind="hologram")
    assert not lesson.media_links.exists()
