"""Downloadable files: a size limit, allowed types checked by content, served from MEDIA."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kuza.library.models import Resource
from kuza.library.services.resources import resource_propose, resource_review
from kuza.library.tests.factories import UserFactory
from kuza.library.validation import ResourceInput, validate_upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def file_resource(uploaded):
    return resource_propose(
        author=UserFactory(),
        data=ResourceInput(
            kind="file", title="Sign-in sheet", language="en", level="beginner", licence="CC0"
        ),
        uploaded_file=uploaded,
    )


def test_an_allowed_file_is_stored_in_media_with_its_size(settings):
    resource = file_resource(SimpleUploadedFile("sheet.pdf", PDF, "application/pdf"))

    assert resource.file_size == len(PDF)
    assert resource.file.url.startswith(settings.MEDIA_URL + "library/")
    assert resource.file.path.startswith(str(settings.MEDIA_ROOT))
    with resource.file.open("rb") as stored:
        assert stored.read() == PDF


def test_files_over_the_limit_are_refused(settings):
    settings.KUZA_LIBRARY_MAX_UPLOAD_BYTES = 10

    with pytest.raises(ValidationError, match="limit"):
        validate_upload(SimpleUploadedFile("sheet.pdf", PDF))


@pytest.mark.parametrize(
    "name,content",
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
        ("run.exe", b"MZ\x90\x00"),
        ("noextension", b"%PDF-1.4"),
    ],
)
def test_types_that_are_not_allowed_are_refused(name, content):
    with pytest.raises(ValidationError, match="cannot be shared"):
        validate_upload(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    "name,content",
    [
        ("report.pdf", b"<html>not a pdf</html>"),
        ("slides.odp", b"%PDF-1.4"),
        ("notes.txt", b"\x00\x01binary"),
        ("photo.png", b"\xff\xd8\xffjpeg"),
    ],
)
def test_content_must_match_the_file_name(name, content):
    with pytest.raises(ValidationError, match="does not match"):
        validate_upload(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    "name,content",
    [
        ("sheet.csv", "Nom,Prénom\nDiop,Awa\n".encode()),
        ("guide.odt", b"PK\x03\x04rest-of-zip"),
        ("notes.md", ("مُدَوَّنَة " * 400).encode()),  # the head cuts a character in two
    ],
)
def test_text_and_office_files_pass(name, content):
    assert validate_upload(SimpleUploadedFile(name, content)) == name.rsplit(".", 1)[1]


def test_the_propose_form_refuses_a_disguised_file(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("library:propose"),
        {
            "kind": "file",
            "title": "Slides",
            "language": "fr",
            "level": "beginner",
            "audience": "everyone",
            "licence": "CC BY-SA 4.0",
            "file": SimpleUploadedFile("slides.pdf", b"<html></html>"),
        },
    )

    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Resource.objects.exists()


def test_a_published_file_is_offered_for_download_and_served(client):
    author = UserFactory()
    client.force_login(author)
    client.post(
        reverse("library:propose"),
        {
            "kind": "file",
            "title": "Sign-in sheet",
            "language": "en",
            "level": "beginner",
            "audience": "organisers",
            "licence": "CC0",
            "file": SimpleUploadedFile("sheet.pdf", PDF, "application/pdf"),
            "submit": "on",
        },
    )
    resource = Resource.objects.get(title="Sign-in sheet")
    resource_review(resource=resource, curator=UserFactory(is_staff=True), publish=True)
    client.logout()

    page = client.get(reverse("library:resource", args=[resource.pk])).content.decode()
    download = client.get(resource.file.url)

    assert f'href="{resource.file.url}" download' in page and "CC0" in page
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
