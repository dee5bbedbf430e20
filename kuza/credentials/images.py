"""Badge artwork: checking uploads, drawing a default, and baking assertions into images.

Uploaded SVG is served from Kuza's own origin, so it is accepted only when it holds nothing
that can run or fetch: no script, no event attributes, no foreign objects, no external links.
PNG is accepted when Pillow decodes it and its size is sensible. Baking follows the Open Badges
baking specification through openbadges-bakery (an iTXt chunk in PNG, an
<openbadges:assertion> element in SVG).
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
from dataclasses import dataclass

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from openbadges_bakery import bake, unbake
from PIL import Image, ImageDraw, UnidentifiedImageError

MAX_IMAGE_BYTES = 256 * 1024
MAX_PNG_SIDE = 1024
MIN_PNG_SIDE = 64
DEFAULT_SIDE = 256

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
FORBIDDEN_SVG_ELEMENTS = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
    "handler",
    "listener",
}


class ImageRejected(ValueError):
    """The upload is not an image Kuza will serve; `code` names the reason for the form."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CheckedImage:
    kind: str  # "png" or "svg"
    content: bytes


def check_upload(content: bytes) -> CheckedImage:
    """The upload as a PNG or SVG Kuza can serve safely, or ImageRejected."""
    if len(content) > MAX_IMAGE_BYTES:
        raise ImageRejected("too_large")
    if content.startswith(PNG_SIGNATURE):
        _check_png(content)
        return CheckedImage("png", content)
    if b"<svg" in content[:4096]:
        _check_svg(content)
        return CheckedImage("svg", content)
    raise ImageRejected("not_png_or_svg")


def _check_png(content: bytes) -> None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
            width, height = image.size
            image_format = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ImageRejected("broken_png") from error
    if image_format != "PNG":
        raise ImageRejected("not_png_or_svg")
    if not (MIN_PNG_SIDE <= width <= MAX_PNG_SIDE and MIN_PNG_SIDE <= height <= MAX_PNG_SIDE):
        raise ImageRejected("bad_dimensions")


def _local_name(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _check_svg(content: bytes) -> None:
    try:
        root = ElementTree.fromstring(content, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        raise ImageRejected("broken_svg") from error
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        raise ImageRejected("broken_svg")
    for element in root.iter():
        if _local_name(str(element.tag)) in FORBIDDEN_SVG_ELEMENTS:
            raise ImageRejected("unsafe_svg")
        for attribute, value in element.attrib.items():
            name = _local_name(attribute)
            lowered = value.strip().lower()
            if name.startswith("on") or "javascript:" in lowered:
                raise ImageRejected("unsafe_svg")
            if name == "href" and not (
                lowered.startswith("#") or lowered.startswith("data:image/png")
            ):
                raise ImageRejected("unsafe_svg")
            if name == "style" and "url(" in lowered and "url(#" not in lowered:
                raise ImageRejected("unsafe_svg")
        if _local_name(str(element.tag)) == "style" and "@import" in (element.text or ""):
            raise ImageRejected("unsafe_svg")


# --- Default artwork ---------------------------------------------------------------------------

PALETTE = ["#8a2b06", "#0b6b2e", "#1f4e8c", "#6a1b9a", "#9c6500", "#00695c", "#ad1457"]


def _colour(seed: str) -> str:
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def _star_points(centre: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = math.pi / 2 + index * math.pi / 5
        points.append((centre + radius * math.cos(angle), centre - radius * math.sin(angle)))
    return points


def default_svg(seed: str) -> bytes:
    """A medal with a star in a colour chosen from `seed`: the artwork until one is uploaded."""
    colour = _colour(seed)
    centre = DEFAULT_SIDE / 2
    star = " ".join(f"{x:.1f},{y:.1f}" for x, y in _star_points(centre, 70, 30))
    return (
        f'<svg xmlns="{SVG_NAMESPACE}" width="{DEFAULT_SIDE}" height="{DEFAULT_SIDE}" '
        f'viewBox="0 0 {DEFAULT_SIDE} {DEFAULT_SIDE}" role="img">'
        f'<circle cx="{centre}" cy="{centre}" r="124" fill="{colour}"/>'
        f'<circle cx="{centre}" cy="{centre}" r="104" fill="none" stroke="#ffffff" '
        f'stroke-width="6"/>'
        f'<polygon points="{star}" fill="#ffffff"/></svg>'
    ).encode()


def default_png(seed: str) -> bytes:
    """The same medal as `default_svg`, drawn as a PNG for places that need a raster image."""
    colour = _colour(seed)
    centre = DEFAULT_SIDE / 2
    image = Image.new("RGBA", (DEFAULT_SIDE, DEFAULT_SIDE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, DEFAULT_SIDE - 4, DEFAULT_SIDE - 4), fill=colour)
    draw.ellipse((24, 24, DEFAULT_SIDE - 24, DEFAULT_SIDE - 24), outline="#ffffff", width=6)
    draw.polygon(_star_points(centre, 70, 30), fill="#ffffff")
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def svg_wrapping_png(png: bytes) -> bytes:
    """An SVG document that shows a PNG, so a PNG-only badge can also be baked as SVG."""
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    encoded = base64.b64encode(png).decode("ascii")
    return (
        f'<svg xmlns="{SVG_NAMESPACE}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><image width="{width}" height="{height}" '
        f'href="data:image/png;base64,{encoded}"/></svg>'
    ).encode()


# --- Baking ------------------------------------------------------------------------------------


def bake_image(image: bytes, assertion_json: str) -> bytes:
    """`image` (PNG or SVG) with the assertion embedded as the baking specification says."""
    output = io.BytesIO()
    bake(io.BytesIO(image), assertion_json, output)
    return output.getvalue()


def unbake_image(image: bytes) -> str | None:
    """The assertion carried by a baked image, or None."""
    return unbake(io.BytesIO(image))
