"""Images embedded in an export's HTML as `data:` URIs: found, decoded and checked.

Open edX authors paste screenshots straight into the HTML editor, which stores them as
`<img src="data:image/png;base64,...">`. Kuza's sanitiser allows only web addresses in `src`,
so such an image would vanish silently; instead the import decodes each one here, the
Django layer stores it as a lesson image (recompressed like an upload) and points the
`<img>` at the stored file.

Checked before anything is stored, so that a bad image fails the whole import with a
message naming its file (as any unreadable file does): the media type must be a raster
format Kuza can recompress (SVG is refused: it can carry script), the data must decode,
start with that format's signature, and stay under a size limit. No Django here.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

# Each format's first bytes; WebP is "RIFF", a 4-byte size, then "WEBP".
_SIGNATURES: dict[str, Callable[[bytes], bool]] = {
    "image/png": lambda data: data.startswith(b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": lambda data: data.startswith(b"\xff\xd8\xff"),
    "image/gif": lambda data: data[:6] in {b"GIF87a", b"GIF89a"},
    "image/webp": lambda data: data[:4] == b"RIFF" and data[8:12] == b"WEBP",
}
ACCEPTED_MEDIA_TYPES = tuple(sorted(_SIGNATURES))
# The default limit on one decoded image (KUZA_OLX_MAX_DATA_IMAGE_MB sets the import's).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
# src="data:..." in an <img>, quoted either way; group "uri" is the whole data: URI.
_DATA_SRC = re.compile(r"""(\bsrc\s*=\s*)(["'])\s*(?P<uri>data:[^"']*)\2""", re.I)
_ALT = re.compile(r"""\balt\s*=\s*(["'])(?P<alt>[^"']*)\1""", re.I)


class DataImageError(ValueError):
    """A data: image that Kuza refuses; the message says which one and why."""


@dataclass(frozen=True)
class DataImage:
    digest: str  # SHA-256 of the decoded bytes: the same picture is stored once per lesson
    media_type: str
    data: bytes
    source: str = ""  # the export file it was first found in, for error messages

    def __repr__(self) -> str:  # the bytes would flood any test failure or log line
        return f"DataImage({self.digest[:12]}, {self.media_type}, {len(self.data)} bytes)"


def decode_data_uri(uri: str, *, max_bytes: int) -> DataImage:
    """The image a `data:` URI holds, or DataImageError saying what is wrong with it."""
    header, comma, payload = html_lib.unescape(uri).strip().partition(",")
    if not comma or not header.lower().startswith("data:"):
        raise DataImageError("it is not a well-formed data: address (no comma)")
    parameters = [part.strip().lower() for part in header[len("data:") :].split(";")]
    media_type = parameters[0] or "text/plain"
    if media_type not in _SIGNATURES:
        accepted = ", ".join(ACCEPTED_MEDIA_TYPES)
        raise DataImageError(f"its type {media_type} is not one of {accepted}")
    if "base64" in parameters[1:]:
        compact = re.sub(r"\s+", "", payload)
        # Refuse by the encoded length before decoding anything large into memory.
        if len(compact) * 3 // 4 > max_bytes + 2:
            raise DataImageError(_too_large(len(compact) * 3 // 4, max_bytes))
        try:
            data = base64.b64decode(compact, validate=True)
        except (binascii.Error, ValueError) as error:
            raise DataImageError(f"its base64 data cannot be decoded ({error})") from error
    else:
        if len(payload) > 3 * max_bytes:
            raise DataImageError(_too_large(len(payload) // 3, max_bytes))
        data = unquote_to_bytes(payload)
    if len(data) > max_bytes:
        raise DataImageError(_too_large(len(data), max_bytes))
    if not data:
        raise DataImageError("it is empty")
    if not _SIGNATURES[media_type](data):
        raise DataImageError(f"its data is not a {media_type} image")
    return DataImage(hashlib.sha256(data).hexdigest(), media_type, data)


def _too_large(size: int, max_bytes: int) -> str:
    return f"it is {size:,} bytes, more than the limit of {max_bytes:,} bytes"


def data_images(html: str, *, max_bytes: int, source: str = "") -> tuple[DataImage, ...]:
    """Every distinct data: image of the HTML's <img> elements, in order of appearance.

    Raises DataImageError naming the image by its position ("image 2") on the first bad one.
    """
    found: dict[str, DataImage] = {}
    for position, uri in enumerate(_data_uris(html), start=1):
        try:
            image = decode_data_uri(uri, max_bytes=max_bytes)
        except DataImageError as error:
            raise DataImageError(f"data: image {position} is refused: {error}") from error
        found.setdefault(
            image.digest, DataImage(image.digest, image.media_type, image.data, source)
        )
    return tuple(found.values())


def _data_uris(html: str) -> list[str]:
    return [
        match["uri"]
        for tag in _IMG_TAG.finditer(html or "")
        for match in _DATA_SRC.finditer(tag[0])
    ]


def replace_data_images(html: str, url_for: Callable[[str, str], str], *, max_bytes: int) -> str:
    """Point each data: <img> at `url_for(digest, alt text)` instead of its inline bytes.

    The HTML must have passed `data_images` with the same limit (the import checks every
    image before it stores anything), so decoding cannot fail here.
    """

    def one_tag(tag: re.Match[str]) -> str:
        alt_match = _ALT.search(tag[0])
        alt = " ".join(html_lib.unescape(alt_match["alt"]).split()) if alt_match else ""

        def one_src(match: re.Match[str]) -> str:
            image = decode_data_uri(match["uri"], max_bytes=max_bytes)
            url = html_lib.escape(url_for(image.digest, alt), quote=True)
            return f"{match[1]}{match[2]}{url}{match[2]}"

        return _DATA_SRC.sub(one_src, tag[0])

    return _IMG_TAG.sub(one_tag, html or "")
