"""Opening an export given as a folder or a .tar.gz, without trusting the archive.

An archive is read as a stream, member by member, and refused as a whole (its temporary
folder deleted) at the first member that breaks a rule:
- a path that is absolute or leaves the folder, a link (symbolic or hard), a device;
- a limit of ArchiveLimits: the archive's own size is checked before anything is read,
  each member's declared size and the running totals before its data is read, and the
  bytes actually written while copying, so neither a lying header nor a decompression
  bomb can fill the disk.
Any damage (truncated, not gzip, not tar) is an OlxError naming the archive.
"""

from __future__ import annotations

import gzip
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from kuza.learning.olx.course import OlxError

MB = 1024 * 1024
_CHUNK = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


class UnsafeArchiveError(OlxError):
    """The archive has a member that could write outside the folder it is unpacked into."""


class ArchiveTooLargeError(OlxError):
    """The archive, one of its files, or all of them unpacked, exceed a configured limit."""


@dataclass(frozen=True)
class ArchiveLimits:
    archive_bytes: int = 100 * MB
    unpacked_bytes: int = 500 * MB
    files: int = 20_000
    file_bytes: int = 100 * MB


@contextmanager
def open_olx_export(path: Path, limits: ArchiveLimits | None = None) -> Iterator[Path]:
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
    limits = limits or ArchiveLimits()
    size = path.stat().st_size
    if size > limits.archive_bytes:
        raise ArchiveTooLargeError(
            f"{path}: the archive is {_megabytes(size)}, more than the limit of "
            f"{_megabytes(limits.archive_bytes)}"
        )
    with tempfile.TemporaryDirectory(prefix="kuza-olx-") as folder:
        extract_safely(path, Path(folder), limits)
        yield find_course_root(Path(folder))


def extract_safely(archive: Path, destination: Path, limits: ArchiveLimits) -> None:
    """Unpack into `destination`, raising OlxError at the first unsafe or oversized member.

    The caller deletes `destination` on error: nothing is ever written outside it.
    """
    try:
        with _decompressed(archive) as stream:
            # "r|" reads the archive as a stream: headers are checked as they come, so a
            # bomb is refused at its first oversized header, before its data is inflated.
            with tarfile.open(fileobj=stream, mode="r|") as tar:
                _Extraction(destination, limits).run(tar)
            # tarfile stops at the end-of-archive marker; reading on to the end makes gzip
            # check its length and CRC, so a cut in the zero padding or trailer is noticed.
            for _ in range(limits.unpacked_bytes // _CHUNK + 1):
                if not stream.read(_CHUNK):
                    break
            else:
                raise ArchiveTooLargeError(f"{archive}: data after the end of the archive")
    except OlxError:
        raise
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise OlxError(
            f"{archive}: not a readable .tar.gz archive, perhaps truncated or damaged "
            f"({error or type(error).__name__})"
        ) from error


@contextmanager
def _decompressed(archive: Path) -> Iterator[BinaryIO]:
    """The archive's tar bytes: gunzipped when it starts with gzip's magic number."""
    with open(archive, "rb") as raw:
        if raw.read(2) != _GZIP_MAGIC:
            raw.seek(0)
            yield raw
            return
        raw.seek(0)
        with gzip.GzipFile(fileobj=raw, mode="rb") as stream:
            yield stream  # type: ignore[misc]


class _Extraction:
    def __init__(self, destination: Path, limits: ArchiveLimits) -> None:
        self.destination = destination
        self.limits = limits
        self.files = 0
        self.unpacked = 0

    def run(self, tar: tarfile.TarFile) -> None:
        for member in tar:
            target = self.destination.joinpath(*_safe_parts(member))
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            self._check_declared(member)
            source = tar.extractfile(member)
            if source is None:  # pragma: no cover - regular files always have data
                raise UnsafeArchiveError(f"archive member {member.name!r} has no data")
            target.parent.mkdir(parents=True, exist_ok=True)
            with source, open(target, "wb") as output:
                self._copy(member.name, source, output)

    def _check_declared(self, member: tarfile.TarInfo) -> None:
        self.files += 1
        if self.files > self.limits.files:
            raise ArchiveTooLargeError(
                f"the archive holds more than {self.limits.files} files, the limit"
            )
        if member.size > self.limits.file_bytes:
            raise ArchiveTooLargeError(
                f"archive member {member.name!r} unpacks to {_megabytes(member.size)}, more "
                f"than the limit of {_megabytes(self.limits.file_bytes)} for one file"
            )
        if self.unpacked + member.size > self.limits.unpacked_bytes:
            raise ArchiveTooLargeError(
                f"the archive unpacks to more than {_megabytes(self.limits.unpacked_bytes)}, "
                "the limit"
            )

    def _copy(self, name: str, source, output) -> None:
        written = 0
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            self.unpacked += len(chunk)
            # Declared sizes were checked; counting real bytes holds even if a header lied.
            if written > self.limits.file_bytes or self.unpacked > self.limits.unpacked_bytes:
                raise ArchiveTooLargeError(
                    f"archive member {name!r} unpacks to more than the configured limits"
                )
            output.write(chunk)


def _safe_parts(member: tarfile.TarInfo) -> tuple[str, ...]:
    name = member.name
    if PurePosixPath(name).is_absolute() or name.startswith("\\") or name[1:2] == ":":
        raise UnsafeArchiveError(f"archive member {name!r} has an absolute path")
    # Backslashes count as separators too, as they are when unpacked on Windows.
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if ".." in parts:
        raise UnsafeArchiveError(f"archive member {name!r} points outside the archive")
    if member.issym() or member.islnk():
        raise UnsafeArchiveError(f"archive member {name!r} is a link, refused")
    if not (member.isfile() or member.isdir()) or member.issparse():
        # Devices and fifos have no place in a course export.
        raise UnsafeArchiveError(f"archive member {name!r} is not a plain file or folder")
    parts = tuple(part for part in parts if part not in {"", "."})
    if not parts and not member.isdir():
        raise UnsafeArchiveError(f"archive member {name!r} has no name")
    return parts


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"


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
