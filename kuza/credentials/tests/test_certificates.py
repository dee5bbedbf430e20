"""PDF certificates: names in four scripts, and a QR code that leads to the verification page.

Text is read back with pypdf. fpdf2 writes each shaped glyph run with a ToUnicode map, so
extraction gives the letters back; for Arabic, extraction returns words in visual (right to
left) order, and Devanagari reordered vowel signs can come with stray control characters. So
names are compared as sets of words after NFC normalisation with control characters removed,
which checks every letter of every word without depending on the order of words on the page.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from kuza.accounts.tests.factories import UserFactory
from kuza.credentials import certificates, selectors, services
from kuza.credentials.tests.factories import AssertionFactory, BadgeClassFactory

pytestmark = pytest.mark.django_db

NAMES = {
    "latin": "Akosua Mensah-Owusu",
    "arabic": "فاطمة الزهراء بنعلي",
    "ethiopic": "ሰላም ተስፋዬ በቀለ",
    "devanagari": "प्रिया शर्मा",
}


def words(text: str) -> set[str]:
    cleaned = "".join(
        character
        for character in unicodedata.normalize("NFC", text)
        if unicodedata.category(character) != "Cc" or character in "\n "
    )
    return set(re.split(r"\s+", cleaned.strip()))


def certificate_for(name: str, settings):
    settings.SITE_URL = "https://kuza.example.org"
    holder = UserFactory()
    holder.profile.display_name = name
    holder.profile.save()
    badge_class = BadgeClassFactory(name="Wikipedia Editing Basics", is_certificate=True)
    return AssertionFactory(badge_class=badge_class, recipient=holder)


@pytest.mark.parametrize("script", sorted(NAMES))
def test_the_name_is_in_the_pdf_text_in_its_own_script(script, settings):
    assertion = certificate_for(NAMES[script], settings)

    reader = PdfReader(io.BytesIO(services.certificate_render(assertion=assertion)))
    text = "\n".join(page.extract_text() for page in reader.pages)

    assert words(NAMES[script]) <= words(text), text
    assert "Wikipedia Editing Basics" in text
    assert assertion.badge_class.issuer.name in text
    assert len(reader.pages) == 1


def test_the_qr_code_decodes_to_the_verification_page_that_confirms_it(client, settings):
    assertion = certificate_for(NAMES["arabic"], settings)
    reader = PdfReader(io.BytesIO(services.certificate_render(assertion=assertion)))

    [image] = reader.pages[0].images
    decoded = [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.data)))]

    expected = (
        f"https://kuza.example.org/badges/assertions/{assertion.uuid}/"
        f"?code={selectors.certificate_key(assertion)}"
    )
    assert decoded == [expected]
    html = client.get(expected.removeprefix("https://kuza.example.org")).content.decode()
    assert NAMES["arabic"] in html
    assert "The certificate code is correct" in html
    assert "Valid" in html


def test_the_holder_downloads_the_certificate_and_others_may_not(client, settings):
    assertion = certificate_for(NAMES["latin"], settings)
    url = f"/badges/assertions/{assertion.uuid}/certificate.pdf"

    assert client.get(url).status_code == 404
    client.force_login(assertion.recipient)
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_badges_that_are_not_certificates_have_no_pdf(client):
    assertion = AssertionFactory()
    client.force_login(assertion.recipient)

    assert client.get(f"/badges/assertions/{assertion.uuid}/certificate.pdf").status_code == 404


def test_missing_fonts_give_a_clear_error_naming_the_package(settings, tmp_path):
    (tmp_path / "NotoSans-Regular.ttf").write_bytes(b"only one of the fonts")
    settings.KUZA_CERTIFICATE_FONT_DIR = str(tmp_path)

    with pytest.raises(certificates.CertificateFontsMissing, match="fonts-noto-core"):
        certificates.find_fonts()


def test_without_fonts_the_download_explains_instead_of_crashing(client, settings, tmp_path):
    assertion = certificate_for(NAMES["latin"], settings)
    settings.KUZA_CERTIFICATE_FONT_DIR = str(tmp_path)
    client.force_login(assertion.recipient)

    response = client.get(f"/badges/assertions/{assertion.uuid}/certificate.pdf")

    assert response.status_code == 503
    assert "fonts they need are not installed" in response.content.decode()
