"""Hostile archives built by the test: bombs, huge files, too many files, a huge archive."""

from __future__ import annotations

import gzip
import io
import struct
import tarfile
import zlib
from pathlib import Path

import pytest

from kuza.learning.olx import MB, ArchiveLimits, ArchiveTooLargeError, open_olx_export
from kuza.learning.tests.olx_exports import COURSE_XML

GIB = 1024 * MB


def zero_bomb(path: Path, name: str, size: int) -> Path:
    """A .tar.gz, one gzip stream, whose member `name` is `size` bytes of zeros.

    Cheap to build: after a full flush zlib's state is reset, so every 16 MB of zeros
    compresses to the same ~16 KB, written as often as needed. The gzip trailer's CRC is left
    at zero (computing it over 2 GiB costs seconds); a safe importer stops long before it.
    """
    chunk = 16 * MB
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip framing
    header = tarfile.TarInfo(name)
    header.size = size
    padded = size + (-size % tarfile.BLOCKSIZE) + 2 * tarfile.BLOCKSIZE  # + end-of-archive
    whole, rest = divmod(padded, chunk)
    with open(path, "wb") as out:
        out.write(compressor.compress(header.tobuf(format=tarfile.GNU_FORMAT)))
        out.write(compressor.flush(zlib.Z_FULL_FLUSH))
        compressed_chunk = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
        out.write(compressed_chunk * whole)
        out.write(compressor.compress(bytes(rest)) + compressor.flush(zlib.Z_SYNC_FLUSH))
        final = zlib.compressobj(9, zlib.DEFLATED, -15)
        out.write(final.flush())  # an empty final block ends the deflate stream
        out.write(struct.pack("<II", 0, (header.size + len(header.tobuf())) % 2**32))
    return path


def unpack(archive: Path, limits: ArchiveLimits | None = None) -> None:
    with open_olx_export(archive, limits):
        pass


def test_the_bomb_really_is_a_tar_gz_of_zeros(tmp_path):
    bomb = zero_bomb(tmp_path / "bomb.tar.gz", "course/zeros.bin", 2 * GIB)
    with gzip.open(bomb) as stream:
        header = tarfile.TarInfo.frombuf(stream.read(tarfile.BLOCKSIZE), "utf-8", "strict")
        assert (header.name, header.size) == ("course/zeros.bin", 2 * GIB)
        assert stream.read(32 * MB) == bytes(32 * MB)


def test_a_2_mb_archive_that_unpacks_to_2_gib_is_refused_before_its_data_is_read(tmp_path):
    bomb = zero_bomb(tmp_path / "bomb.tar.gz", "course/zeros.bin", 2 * GIB)
    assert bomb.stat().st_size < 3 * MB
    with pytest.raises(ArchiveTooLargeError, match="zeros.bin' unpacks to 2048.0 MB"):
        unpack(bomb)


def test_many_files_each_under_the_limit_are_refused_once_the_total_is_reached(tmp_path):
    bomb = tmp_path / "spread.tar.gz"
    with tarfile.open(bomb, "w:gz") as tar:
        for number in range(6):
            member = tarfile.TarInfo(f"course/part{number}.bin")
            member.size = 3 * MB
            tar.addfile(member, io.BytesIO(bytes(member.size)))
    limits = ArchiveLimits(unpacked_bytes=10 * MB, file_bytes=5 * MB)
    with pytest.raises(ArchiveTooLargeError, match="unpacks to more than 10.0 MB"):
        unpack(bomb, limits)


def test_an_archive_larger_than_the_limit_is_refused_before_it_is_opened(tmp_path):
    huge = tmp_path / "huge.tar.gz"
    with open(huge, "wb") as out:
        out.truncate(200 * MB)  # sparse: 200 MB on paper, nothing on disk
    with pytest.raises(ArchiveTooLargeError, match="the archive is 200.0 MB, more than"):
        unpack(huge)


def test_too_many_files_are_refused(tmp_path):
    archive = tmp_path / "many.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for number in range(11):
            member = tarfile.TarInfo(f"course/static/f{number}.txt")
            member.size = 1
            tar.addfile(member, io.BytesIO(b"x"))
    with pytest.raises(ArchiveTooLargeError, match="more than 10 files"):
        unpack(archive, ArchiveLimits(files=10))


def test_an_archive_within_the_limits_unpacks(tmp_path):
    archive = tmp_path / "fine.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        member = tarfile.TarInfo("course/course.xml")
        member.size = len(COURSE_XML)
        tar.addfile(member, io.BytesIO(COURSE_XML.encode()))
    limits = ArchiveLimits(archive_bytes=MB, unpacked_bytes=len(COURSE_XML), files=1)
    with open_olx_export(archive, limits) as folder:
        assert (folder / "course.xml").read_text() == COURSE_XML
