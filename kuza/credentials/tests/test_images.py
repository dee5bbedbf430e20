"""Badge artwork: what uploads are accepted, and baking that survives a round trip."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kuza.accounts.tests.factories import UserFactory
from kuza.credentials import images, services
from kuza.credentials.tests.factories import AssertionFactory, BadgeClassFactory

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'


def png(side: int = 128) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (side, side), "#0b6b2e").save(output, format="PNG")
    return output.getvalue()


def test_a_plain_png_and_a_plain_svg_are_accepted():
    assert images.check_upload(png()).kind == "png"
    assert images.check_upload(SVG.format('<circle r="4"/>').encode()).kind == "svg"


@pytest.mark.parametrize(
    "content,code",
    [
        (SVG.format("<script>alert(1)</script>").encode(), "unsafe_svg"),
        (SVG.format('<circle r="4" onload="alert(1)"/>').encode(), "unsafe_svg"),
        (SVG.format('<a href="javascript:alert(1)"><circle r="4"/></a>').encode(), "unsafe_svg"),
        (SVG.format('<image href="https://tracker.example/x.png"/>').encode(), "unsafe_svg"),
        (SVG.format("<foreignObject><p>hi</p></foreignObject>").encode(), "unsafe_svg"),
        (SVG.format('<rect style="fill:url(https://x.example/a)"/>').encode(), "unsafe_svg"),
        (
            b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>'
            + SVG.format("<text>&a;&a;</text>").encode(),
            "broken_svg",
        ),
        (b"<svg><unclosed></svg>", "broken_svg"),
        (png(32), "bad_dimensions"),
        (png(2048), "bad_dimensions"),
        (images.PNG_SIGNATURE + b"not really a png", "broken_png"),
        (b"GIF89a....", "not_png_or_svg"),
        (b"<svg>" + b" " * images.MAX_IMAGE_BYTES, "too_large"),
    ],
)
def test_unsafe_or_broken_images_are_refused_with_a_reason(content, code):
    with pytest.raises(images.ImageRejected) as rejected:
        images.check_upload(content)

    assert rejected.value.code == code


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_baking_embeds_the_assertion_and_unbaking_reads_it_back(kind):
    source = images.default_png("seed") if kind == "png" else images.default_svg("seed")
    assertion = json.dumps({"id": "https://kuza.example.org/badges/assertions/1.json"})

    baked = images.bake_image(source, assertion)

    unbaked = images.unbake_image(baked)
    if kind == "png":
        assert json.loads(unbaked) == json.loads(assertion)
    else:
        # The SVG baking spec gives a hosted assertion's URL as the verify attribute, which
        # is what unbaking returns; the JSON sits in the element's CDATA beside it.
        assert unbaked == "https://kuza.example.org/badges/assertions/1.json"
        assert b"<![CDATA[" + assertion.encode() + b"]]>" in baked


def test_a_png_only_badge_can_still_be_baked_as_svg():
    wrapper = images.svg_wrapping_png(png())

    assert images.check_upload(wrapper).kind == "svg"
    baked = images.bake_image(wrapper, '{"id": "https://kuza.example.org/a.json"}')
    assert images.unbake_image(baked) == "https://kuza.example.org/a.json"


def test_the_default_artwork_is_a_valid_png_and_svg():
    with Image.open(io.BytesIO(images.default_png("a"))) as drawn:
        assert drawn.size == (images.DEFAULT_SIDE, images.DEFAULT_SIDE)
    assert images.check_upload(images.default_svg("a")).kind == "svg"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["png", "svg"])
def test_the_downloaded_baked_badge_carries_the_hosted_assertion(client, kind):
    assertion = AssertionFactory(is_public=True)
    services.badge_class_set_image(badge_class=assertion.badge_class, actor=None, content=png())

    response = client.get(f"/badges/assertions/{assertion.uuid}/badge.{kind}")

    unbaked = images.unbake_image(response.content)
    hosted_url = f"/badges/assertions/{assertion.uuid}.json"
    if kind == "png":
        baked = json.loads(unbaked)
        assert baked["id"].endswith(hosted_url)
        assert baked["recipient"]["identity"] == assertion.recipient_identity
    else:
        assert unbaked.endswith(hosted_url)
        assert assertion.recipient_identity.encode() in response.content
    assert response["Content-Disposition"].endswith(f'.{kind}"')


@pytest.mark.django_db
def test_an_organiser_replaces_the_image_and_unsafe_uploads_are_refused(client):
    organiser = UserFactory(is_staff=True)
    badge_class = BadgeClassFactory()
    client.force_login(organiser)
    url = f"/badges/manage/classes/{badge_class.uuid}/image/"

    refused = client.post(
        url, {"image": SimpleUploadedFile("x.svg", SVG.format("<script/>").encode())}
    )
    accepted = client.post(url, {"image": SimpleUploadedFile("x.png", png())})

    badge_class.refresh_from_db()
    assert refused.status_code == 400
    assert "contains scripts" in refused.content.decode()
    assert accepted.status_code == 302 and badge_class.image_kind == "png"
    served = client.get(f"/badges/classes/{badge_class.uuid}/image.png")
    assert served["Content-Type"] == "image/png" and served.content == png()
