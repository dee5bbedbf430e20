"""Amharic in real Chromium: Ethiopic glyphs come from a font that has them, not as tofu.

Kuza ships no web fonts; its system-font stack names Noto Sans Ethiopic (and the Windows and
Apple Ethiopic fonts) so that a phone or desktop with one of them draws Amharic. Chromium
reports which platform font drew each glyph of a node (DevTools' CSS.getPlatformFontsForNode).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from kuza.core.conftest_helpers import require
from kuza.core.tests.test_browser import chromium_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ETHIOPIC = re.compile(r"[\u1200-\u137f\u1380-\u139f\u2d80-\u2ddf]")


def _ethiopic_font_installed() -> bool:
    fc_list = shutil.which("fc-list")
    families = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True).stdout
    return "Noto Sans Ethiopic" in families


def test_an_amharic_page_is_drawn_with_an_ethiopic_font(live_server):
    require(
        shutil.which("fc-list") and _ethiopic_font_installed(),
        "Noto Sans Ethiopic is needed: apt-get install fonts-noto-core",
    )
    with chromium_page() as page:
        page.context.add_cookies(
            [{"name": "django_language", "value": "am", "url": live_server.url}]
        )
        page.goto(f"{live_server.url}/")
        assert page.locator("html").get_attribute("lang") == "am"
        assert page.locator("html").get_attribute("dir") == "ltr"
        heading = page.locator("main h1").first
        text = heading.inner_text()
        ethiopic = ETHIOPIC.findall(text)
        assert len(ethiopic) >= 3, text

        devtools = page.context.new_cdp_session(page)
        devtools.send("DOM.enable")
        devtools.send("CSS.enable")
        root = devtools.send("DOM.getDocument")["root"]["nodeId"]
        node = devtools.send("DOM.querySelector", {"nodeId": root, "selector": "main h1"})
        fonts = devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
        glyphs = {font["familyName"]: font["glyphCount"] for font in fonts}

        # Every glyph of the heading, Ethiopic letters and the spaces between them, was
        # drawn by Noto Sans Ethiopic, which has them all: no fallback font stood in and no
        # letter became a missing-glyph box (tofu).
        assert glyphs == {"Noto Sans Ethiopic": len(text)}, glyphs
