"""PDF certificates with shaped text in Latin, Arabic, Ethiopic and Devanagari scripts.

fpdf2 shapes text with HarfBuzz (uharfbuzz), so Arabic letters join and Devanagari clusters
form; Noto fonts cover the scripts. Kuza ships them (subsets of the OFL Noto fonts, with their
licence, in `data/fonts/`), so certificates render on any machine; the KUZA_CERTIFICATE_FONT_DIR
setting names another folder holding the same files. Without them the certificate refuses to
render with a clear error, and `kuza check` reports it (`check_certificate_fonts`).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

import segno
from django.conf import settings
from fpdf import FPDF

FONT_FILES = {
    "latin": "NotoSans-Regular.ttf",
    "latin-bold": "NotoSans-Bold.ttf",
    "arabic": "NotoSansArabic-Regular.ttf",
    "ethiopic": "NotoSansEthiopic-Regular.ttf",
    "devanagari": "NotoSansDevanagari-Regular.ttf",
}
BUNDLED_FONT_DIR = Path(__file__).resolve().parent / "data" / "fonts"
# fontTools logs every table of every font subset at INFO: dozens of lines per certificate.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class CertificateFontsMissing(RuntimeError):
    """The Noto fonts that certificates need are not installed."""


@dataclass(frozen=True)
class CertificateText:
    """Everything printed on a certificate, already translated and formatted."""

    heading: str
    preamble: str
    recipient_name: str
    achievement_intro: str
    achievement: str
    issued_line: str
    issuer_line: str
    verify_line: str
    verification_url: str


def font_dirs() -> list[Path]:
    """The configured folder alone when there is one, else the fonts Kuza ships."""
    configured = getattr(settings, "KUZA_CERTIFICATE_FONT_DIR", "") or ""
    if configured:
        return [Path(configured)]
    return [BUNDLED_FONT_DIR]


def find_fonts() -> dict[str, Path]:
    """The path of each font a certificate needs, or CertificateFontsMissing naming the fix."""
    for directory in font_dirs():
        found = {role: directory / name for role, name in FONT_FILES.items()}
        if all(path.is_file() for path in found.values()):
            return found
    searched = ", ".join(str(directory) for directory in font_dirs())
    raise CertificateFontsMissing(
        f"Certificates need the Noto fonts {', '.join(sorted(FONT_FILES.values()))}; none of "
        f"{searched} holds them all. Unset KUZA_CERTIFICATE_FONT_DIR to use the fonts Kuza "
        "ships, or point it at a folder that has them (Debian: /usr/share/fonts/truetype/noto "
        "from fonts-noto-core)."
    )


def check_certificate_fonts(app_configs=None, **kwargs) -> list:
    """Django system check: certificates can find their fonts (`kuza check` reports it)."""
    from django.core import checks

    try:
        find_fonts()
    except CertificateFontsMissing as missing:
        return [checks.Error(str(missing), id="credentials.E001")]
    return []


def qr_png(url: str) -> bytes:
    output = io.BytesIO()
    segno.make(url, error="m").save(output, kind="png", scale=8, border=4)
    return output.getvalue()


def render_certificate(text: CertificateText) -> bytes:
    """An A4 landscape PDF certificate."""
    fonts = find_fonts()
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_creator("Kuza")
    pdf.set_title(f"{text.heading}: {text.achievement}")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(20, 18, 20)
    for role, path in fonts.items():
        pdf.add_font(role, fname=str(path))
    pdf.set_fallback_fonts(["arabic", "ethiopic", "devanagari"])
    pdf.set_text_shaping(True)
    pdf.add_page()

    pdf.set_draw_color(138, 43, 6)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, pdf.w - 22, pdf.h - 22)

    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_y(26)
    _line(pdf, "latin-bold", 30, text.heading, width, 16)
    pdf.ln(4)
    _line(pdf, "latin", 14, text.preamble, width, 9)
    _line(pdf, "latin-bold", 28, text.recipient_name, width, 16)
    pdf.ln(2)
    _line(pdf, "latin", 14, text.achievement_intro, width, 9)
    _line(pdf, "latin-bold", 20, text.achievement, width, 12)
    pdf.ln(4)
    _line(pdf, "latin", 12, text.issued_line, width, 7)
    _line(pdf, "latin", 12, text.issuer_line, width, 7)

    qr_side = 42
    pdf.image(
        io.BytesIO(qr_png(text.verification_url)),
        x=pdf.w - 20 - qr_side,
        y=pdf.h - 24 - qr_side,
        w=qr_side,
    )
    pdf.set_xy(pdf.l_margin, pdf.h - 40)
    pdf.set_font("latin", size=10)
    pdf.multi_cell(width - qr_side - 6, 5, text.verify_line, align="L")
    pdf.set_x(pdf.l_margin)
    pdf.multi_cell(
        width - qr_side - 6, 5, text.verification_url, align="L", link=text.verification_url
    )
    return bytes(pdf.output())


def _line(pdf: FPDF, font: str, size: int, value: str, width: float, height: float) -> None:
    pdf.set_font(font, size=size)
    pdf.set_x(pdf.l_margin)
    pdf.multi_cell(width, height, value, align="C")
