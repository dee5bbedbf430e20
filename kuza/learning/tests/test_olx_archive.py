"""Exports given as .tar.gz archives: unpacked safely, or refused as a whole."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from kuza.learning.olx import OlxError, UnsafeArchiveError, open_olx_export, parse_olx
from kuza.learning.tests.olx_exports import one_vertical_export


def make_archive(archive: Path, folder: Path, top_folder: str = "course") -> Path:
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=top_folder)
    return archive


def add_member(archive: Path, member: tarfile.TarInfo, data: bytes = b"") -> None:
    member.size = len(data)
    with tarfile.open(archive, "w:gz") as tar:
        tar.addfile(member, io.BytesIO(data))


def test_archive_with_a_top_folder_parses_like_the_folder(tmp_path):
    folder = one_vertical_export(
        tmp_path / "export",
        '<html url_name="h1"><img src="/static/logo.png"/></html>',
        {"static/logo.png": "png"},
    )
    archive = make_archive(tmp_path / "course.tar.gz", folder)
    assert parse_olx(archive) == parse_olx(folder)
    assert parse_olx(archive).missing_static_files == ()


def test_static_files_are_readable_inside_the_context_and_removed_after(tmp_path):
    folder = one_vertical_export(tmp_path / "export", "", {"static/logo.png": "the logo"})
    archive = make_archive(tmp_path / "course.tar.gz", folder)
    with open_olx_export(archive) as course_folder:
        assert (course_folder / "static" / "logo.png").read_text() == "the logo\n"
        assert course_folder.name == "course"
    assert not course_folder.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../escaped.txt", "points outside the archive"),
        ("course/../../escaped.txt", "points outside the archive"),
        ("course\\..\\..\\escaped.txt", "points outside the archive"),
        ("/tmp/escaped.txt", "absolute path"),
    ],
)
def test_member_writing_outside_the_folder_refuses_the_archive(tmp_path, name, message):
    archive = tmp_path / "evil.tar.gz"
    add_member(archive, tarfile.TarInfo(name), b"gotcha")
    with pytest.raises(UnsafeArchiveError, match=message):
        parse_olx(archive)
    assert not (tmp_path / "escaped.txt").exists()


def test_link_member_refuses_the_archive(tmp_path):
    archive = tmp_path / "link.tar.gz"
    link = tarfile.TarInfo("course/course.xml")
    link.type = tarfile.SYMTYPE
    link.linkname = "/etc/passwd"
    add_member(archive, link)
    with pytest.raises(UnsafeArchiveError, match="is a link, refused"):
        parse_olx(archive)


def test_hard_link_member_refuses_the_archive_and_writes_nothing(tmp_path):
    archive = tmp_path / "hardlink.tar.gz"
    link = tarfile.TarInfo("course/course.xml")
    link.type = tarfile.LNKTYPE
    link.linkname = "/etc/passwd"
    add_member(archive, link)
    with pytest.raises(UnsafeArchiveError, match="is a link, refused"):
        parse_olx(archive)


def test_file_that_is_not_an_archive_is_a_clear_error(tmp_path):
    not_archive = tmp_path / "course.tar.gz"
    not_archive.write_text("plain text")
    with pytest.raises(OlxError, match="not a readable .tar.gz archive"):
        parse_olx(not_archive)


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(OlxError, match="no such folder or file"):
        parse_olx(tmp_path / "nothing-here")


def test_archive_without_course_xml_is_a_clear_error(tmp_path):
    (tmp_path / "export" / "chapter").mkdir(parents=True)
    (tmp_path / "export" / "chapter" / "a.xml").write_text("<chapter/>")
    archive = make_archive(tmp_path / "course.tar.gz", tmp_path / "export")
    with pytest.raises(OlxError, match="no course.xml here or in a top-level folder"):
        parse_olx(archive)


def test_two_courses_in_one_folder_is_a_clear_error(tmp_path):
    one_vertical_export(tmp_path / "parent" / "a", "")
    one_vertical_export(tmp_path / "parent" / "b", "")
    with pytest.raises(OlxError, match=r"several top-level folders hold a course.xml \(a, b\)"):
        parse_olx(tmp_path / "parent")


def test_a_truncated_archive_is_a_clear_error_at_any_cut(tmp_path):
    folder = one_vertical_export(tmp_path / "export", '<html url_name="h1"><p>Hi</p></html>')
    whole = make_archive(tmp_path / "course.tar.gz", folder).read_bytes()
    # Cut inside the gzip header, inside the data, and just before the gzip trailer.
    for cut in (5, 60, len(whole) // 2, len(whole) - 4):
        truncated = tmp_path / f"cut-{cut}.tar.gz"
        truncated.write_bytes(whole[:cut])
        with pytest.raises(OlxError, match=r"cut-\d+\.tar\.gz: not a readable \.tar\.gz archive"):
            parse_olx(truncated)
