"""Uploaded files are served from the MEDIA_ROOT in force when they are asked for."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_uploaded_file_is_served_from_the_current_media_folder(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "notes.txt").write_text("Bring a charged phone.")

    response = client.get("/media/lessons/notes.txt")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Bring a charged phone."


def test_a_missing_file_is_not_found(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert client.get("/media/missing.txt").status_code == 404


def test_nothing_outside_the_media_folder_is_served(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    (tmp_path / "secret_key").write_text("do-not-serve")

    response = client.get("/media/../secret_key")

    assert response.status_code in (400, 404)  # Django refuses the path as suspicious
    assert b"do-not-serve" not in response.content


def test_media_cannot_be_posted_to(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "file.txt").write_text("x")
    assert client.post("/media/file.txt").status_code == 405
