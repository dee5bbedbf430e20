"""Opening an export given as a folder or a .tar.gz, without trusting the archive."""

from __future__ import annotations

import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from kuza.learning.olx.course import OlxError


class UnsafeArchiveError(OlxError):
    """The archive has a member that could write outside the folder it is unpacked into."""


@contextmanager
def open_olx_export(path: Path) -> Iterator[Path]:
    """Yield the export's course folder (the one holding course.xml).

    An archive is unpacked into a temporary folder that is deleted on leaving the block, so
    the caller copies static files it needs (from `<course folder>/static/`) inside it.
    """
    path = Path(path)
    if path.is_dir():
        yield find_course_root(path)
        return
    if not path.is_file():
        raise OlxError(f"{path}: no such folder or file")
    if not tarfile.is_tarfile(path):
        raise OlxError(f"{path}: neither a folder nor a .tar.gz archive")
    with tempfile.TemporaryDirectory(prefix="kuza-olx-") as folder:
        extract_safely(path, Path(folder))
        yield find_course_root(Path(folder))


def extract_safely(archive: Path, destination: Path) -> None:
    """Unpack, refusing the whole archive if any member is unsafe, before writing anything."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            members = tar.getmembers()
            for member in members:
                _check_member(member)
            # The "data" filter repeats these checks inside tarfile and drops unsafe modes.
            tar.extractall(destination, members=members, filter="data")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise OlxError(f"{archive}: cannot unpack the archive ({error})") from error


def _check_member(member: tarfile.TarInfo) -> None:
    name = member.name
    path = PurePosixPath(name)
    if path.is_absolute() or name.startswith("\\") or (len(name) > 1 and name[1] == ":"):
        raise UnsafeArchiveError(f"archive member {name!r} has an absolute path")
    # Backslashes count as separators too, as they are when unpacked on Windows.
    if ".." in PurePosixPath(name.replace("\\", "/")).parts:
        raise UnsafeArchiveError(f"archive member {name!r} points outside the archive")
    if not (member.isfile() or member.isdir()):
        # Links can point anywhere and devices have no place in a course export.
        raise UnsafeArchiveError(f"archive member {name!r} is not a plain file or folder")


def find_course_root(folder: Path) -> Path:
    """The folder itself if it holds course.xml, else its only sub-folder that does.

    Open edX exports wrap everything in one top folder (usually "course/").
    """
    if (folder / "course.xml").is_file():
        return folder
    candidates = sorted(child for child in folder.iterdir() if (child / "course.xml").is_file())
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise OlxError(f"{folder}: no course.xml here or in a top-level folder")
    names = ", ".join(candidate.name for candidate in candidates)
    raise OlxError(f"{folder}: several top-level folders hold a course.xml ({names})")
