"""Lesson images: alt text required, resized and recompressed on upload, hidden in text only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kuza.learning.authoring import AuthoringError, lesson_image_add
from kuza.learning.images import compress_image
from kuza.learning.models import Lesson, LessonImage
from kuza.learning.tests.factories import UserFactory, make_course, png_bytes
from kuza.learning.views.common import TEXT_ONLY_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson():
    return Lesson.objects.filter(course=make_course(with_quiz=False)).first()


def test_an_upload_is_resized_to_1024_wide_and_recompressed(lesson):
    original = png_bytes(3000, 1500)
    image = lesson_image_add(lesson=lesson, data=original, alt_text="A teal square")
    assert (image.width, image.height) == (1024, 512)
    with image.image.open("rb") as handle:
        stored = handle.read()
    assert image.size_bytes == len(stored) < len(original)
    with Image.open(io.BytesIO(stored)) as decoded:
        assert decoded.format == "WEBP" and decoded.size == (1024, 512)


def test_a_small_image_is_not_enlarged_and_metadata_is_dropped():
    output = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Secret camera maker"
    Image.new("RGB", (300, 200), "red").save(output, format="JPEG", exif=exif)
    compressed = compress_image(output.getvalue())
    assert (compressed.width, compressed.height) == (300, 200)
    assert b"Secret camera maker" not in compressed.data


def test_alt_text_is_required_and_non_images_refused(lesson):
    with pytest.raises(AuthoringError):
        lesson_image_add(lesson=lesson, data=png_bytes(), alt_text="  ")
    with pytest.raises(AuthoringError):
        lesson_image_add(lesson=lesson, data=b"not an image", alt_text="Nothing")
    assert not LessonImage.objects.exists()


def test_upload_page_requires_alt_text_and_is_for_course_managers(client, lesson):
    url = reverse("learning:lesson_images", args=[lesson.course.slug, lesson.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(is_staff=True))
    upload = SimpleUploadedFile("photo.png", png_bytes(1500, 1000), content_type="image/png")
    response = client.post(url, {"image": upload, "alt_text": ""})
    assert response.status_code == 200 and not LessonImage.objects.exists()
    upload = SimpleUploadedFile("photo.png", png_bytes(1500, 1000), content_type="image/png")
    client.post(url, {"image": upload, "alt_text": "Participants at the edit-a-thon"})
    assert LessonImage.objects.get().width == 1024


def test_the_reader_sees_the_image_size(client, lesson):
    image = lesson_image_add(lesson=lesson, data=png_bytes(), alt_text="Chart of the gap")
    page = client.get(
        reverse("learning:lesson", args=[lesson.course.slug, lesson.pk])
    ).content.decode()
    assert f'src="{image.image.url}"' in page
    assert 'alt="Chart of the gap"' in page
    assert "Image, " in page and ("KB" in page or "bytes" in page)


def test_text_only_switch_removes_every_image_tag(client, lesson):
    lesson_image_add(lesson=lesson, data=png_bytes(), alt_text="Chart of the gap")
    lesson.body = "Intro\n\n![A map of red links](/media/learning/map.png)\n\nMore text."
    lesson.save()
    url = reverse("learning:lesson", args=[lesson.course.slug, lesson.pk])
    assert client.get(url).content.decode().count("<img") == 2

    response = client.post(reverse("learning:text_only"), {"text_only": "1", "next": url})
    assert response["Location"] == url
    assert response.cookies[TEXT_ONLY_COOKIE].value == "1"
    page = client.get(url).content.decode()
    assert "<img" not in page
    assert "Image: A map of red links" in page  # the text alternative stays
    assert "1 image hidden (text only)." in page

    client.post(reverse("learning:text_only"), {"text_only": "0", "next": url})
    assert client.get(url).content.decode().count("<img") == 2


def test_text_only_switch_refuses_redirects_elsewhere(client):
    response = client.post(
        reverse("learning:text_only"), {"text_only": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("learning:catalogue")
