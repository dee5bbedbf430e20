"""Making images light enough for people who pay per megabyte: resize and recompress.

Pure (Pillow only): bytes in, bytes out, so uploads and offline copies share one routine.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

# Wide enough for a laptop column, a third of what phone cameras produce.
UPLOAD_MAX_WIDTH = 1024
UPLOAD_QUALITY = 70
# Offline copies carry every image of a course in one file: smaller still.
OFFLINE_MAX_WIDTH = 480
OFFLINE_QUALITY = 45
# Decompression bombs: refuse anything larger than a 50-megapixel photograph.
MAX_PIXELS = 50_000_000


class ImageError(ValueError):
    """Not an image Kuza can read."""


@dataclass(frozen=True)
class CompressedImage:
    data: bytes
    width: int
    height: int
    format: str  # "WEBP" or "JPEG"

    @property
    def extension(self) -> str:
        return ".webp" if self.format == "WEBP" else ".jpg"

    @property
    def content_type(self) -> str:
        return "image/webp" if self.format == "WEBP" else "image/jpeg"


def compress_image(
    data: bytes,
    *,
    max_width: int = UPLOAD_MAX_WIDTH,
    quality: int = UPLOAD_QUALITY,
    fmt: str = "WEBP",
) -> CompressedImage:
    """Resize to at most `max_width` pixels wide (never enlarge) and recompress.

    Transparency is kept in WebP and flattened onto white in JPEG. Metadata (EXIF, with the
    place a photo was taken) is dropped, which also protects the people who upload.
    """
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as source:
            source.load()
            image = ImageOps.exif_transpose(source)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise ImageError(str(error)) from error
    if image.width > max_width:
        height = max(1, round(image.height * max_width / image.width))
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    has_alpha = image.mode in {"RGBA", "LA"} or (image.mode == "P" and "transparency" in image.info)
    if fmt == "JPEG" or not has_alpha:
        if has_alpha:
            background = Image.new("RGB", image.size, "white")
            background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
            image = background
        else:
            image = image.convert("RGB")
    else:
        image = image.convert("RGBA")
    output = io.BytesIO()
    if fmt == "WEBP":
        image.save(output, format=fmt, quality=quality, method=4)
    else:
        image.save(output, format=fmt, quality=quality, optimize=True, progressive=True)
    return CompressedImage(output.getvalue(), image.width, image.height, fmt)
