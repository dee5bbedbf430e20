"""Images embedded in an export's HTML as data: URIs: checked, stored as lesson images, shown
in place; a bad one fails the import with its file named and nothing changed."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from kuza.learning.models import Course, Lesson, LessonImage, Quiz
from kuza.learning.olx import OlxError, parse_olx
from kuza.learning.olx.datauris import (
    DataImageError,
    data_images,
    decode_data_uri,
    replace_data_images,
)
from kuza.learning.tests.olx_exports import one_vertical_export

MAX = 100_000


def png(width: int = 40, height: int = 30, colour: str = "red") -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(output, format="PNG")
    return output.getvalue()


def uri(data: bytes, media_type: str = "image/png") -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode()}"


# --- The pure checks --------------------------------------------------------------------------


def test_a_base64_png_decodes_to_its_bytes_and_their_digest():
    image = decode_data_uri(uri(png()), max_bytes=MAX)
    assert image.data == png() and image.media_type == "image/png"
    assert len(image.digest) == 64


def test_line_breaks_inside_the_base64_data_are_ignored():
    encoded = base64.b64encode(png()).decode()
    wrapped = "\n".join(encoded[i : i + 60] for i in range(0, len(encoded), 60))
    assert decode_data_uri(f"data:image/png;base64,{wrapped}", max_bytes=MAX).data == png()


@pytest.mark.parametrize(
    "value,reason",
    [
        (uri(b"<svg onload='alert(1)'/>", "image/svg+xml"), "type image/svg+xml is not one of"),
        ("data:text/html;base64,PHNjcmlwdD4=", "type text/html is not one of"),
        ("data:image/png;base64,@@not base64@@", "cannot be decoded"),
        (uri(b"GIF89a....", "image/png"), "is not a image/png image"),
        (uri(png(400, 400, "blue") + b"\0" * MAX), "more than the limit of 100,000 bytes"),
        ("data:image/png;base64", "no comma"),
        ("data:image/png;base64,", "it is empty"),
    ],
)
def test_a_bad_data_uri_is_refused_saying_why(value, reason):
    with pytest.raises(DataImageError, match=re.escape(reason)):
        decode_data_uri(value, max_bytes=MAX)


def test_the_images_of_some_html_are_listed_once_each_in_order_and_others_left_alone():
    red, blue = png(colour="red"), png(colour="blue")
    html = (
        f'<p><img alt="Red" src="{uri(red)}"> <img src="/static/a.png">'
        f"<img src='{uri(blue)}'> <img src=\"{uri(red)}\"></p>"
        '<p>A link to <a href="data:text/html,x">data</a> is not an image.</p>'
    )
    found = data_images(html, max_bytes=MAX, source="html/a.html")
    assert [image.data for image in found] == [red, blue]
    assert {image.source for image in found} == {"html/a.html"}

    replaced = replace_data_images(
        html, lambda digest, alt: f"/media/{digest[:6]}?alt={alt}", max_bytes=MAX
    )
    assert "data:image" not in replaced and 'src="/static/a.png"' in replaced
    assert replaced.count(f"/media/{found[0].digest[:6]}?alt=Red") == 1
    assert f"/media/{found[0].digest[:6]}?alt=" in replaced  # the second red one, no alt
    assert f"/media/{found[1].digest[:6]}" in replaced


def test_the_first_bad_image_is_named_by_its_position():
    html = f'<img src="{uri(png())}"><img src="{uri(b"nope")}">'
    with pytest.raises(DataImageError, match="data: image 2 is refused: its data is not a"):
        data_images(html, max_bytes=MAX)


# --- The import -------------------------------------------------------------------------------


def _export(root: Path, html: str, problem_text: str = "") -> Path:
    return one_vertical_export(
        root,
        '<html url_name="intro"/><problem url_name="p1"/>',
        {
            "html/intro.xml": '<html filename="intro" display_name="Intro"/>',
            "html/intro.html": html,
            "problem/p1.xml": f"""
                <problem display_name="Colour">
                  <multiplechoiceresponse>
                    {problem_text}
                    <label>Which colour?</label>
                    <choicegroup type="MultipleChoice">
                      <choice correct="true">Red</choice><choice correct="false">Blue</choice>
                    </choicegroup>
                  </multiplechoiceresponse>
                </problem>
            """,
        },
    )


def run_import(path: Path) -> dict:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_olx", str(path), stdout=out, stderr=err)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_data_images_are_stored_as_lesson_images_and_shown_in_their_place(client, tmp_path):
    red, blue = png(2000, 1000, "red"), png(colour="blue")
    export = _export(
        tmp_path / "export",
        f'<p>Before <img alt="A red flag" src="{uri(red)}"> after.</p>'
        f'<p><img alt="A red flag again" src="{uri(red)}"></p>',
        problem_text=f'<p>Look: <img alt="A blue square" src="{uri(blue)}"/></p>',
    )
    summary = run_import(export)

    lesson = Lesson.objects.get()
    images = {image.alt_text: image for image in LessonImage.objects.filter(lesson=lesson)}
    assert set(images) == {"A red flag", "A blue square"}  # the same picture once per lesson
    assert summary["data_images"] == 2 and summary["data_images_stored"] == 2
    flag = images["A red flag"]
    # Recompressed like an upload: WebP, at most 1024 px wide.
    assert flag.image.name.endswith(".webp") and (flag.width, flag.height) == (1024, 512)
    with flag.image.open("rb") as handle:
        assert Image.open(handle).format == "WEBP"
    assert "data:" not in lesson.body
    assert (
        lesson.body.index("Before") < lesson.body.index(flag.image.url) < lesson.body.index("after")
    )
    quiz = Quiz.objects.get()
    assert images["A blue square"].image.url in quiz.questions.get().prompt

    page = client.get(reverse("learning:lesson", args=[lesson.course.slug, lesson.pk]))
    html = page.content.decode()
    assert re.search(rf'<img [^>]*src="{re.escape(flag.image.url)}"', html)
    assert "<figure>" not in html  # shown in the text, not listed again below it


@pytest.mark.django_db
def test_a_reimport_finds_its_data_images_again_instead_of_storing_copies(tmp_path):
    export = _export(tmp_path / "export", f'<p><img alt="Flag" src="{uri(png())}"></p>')
    run_import(export)
    first = LessonImage.objects.get()
    summary = run_import(export)
    assert summary["data_images_stored"] == 0
    assert list(LessonImage.objects.all()) == [first]
    assert first.image.url in Lesson.objects.get().body


@pytest.mark.django_db
def test_a_data_image_pillow_cannot_read_fails_the_import_and_changes_nothing(tmp_path):
    good = _export(tmp_path / "good", "<p>First version.</p>")
    run_import(good)
    # A PNG signature followed by garbage: it passes the parser's checks, not Pillow's.
    broken = uri(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20)
    bad = _export(tmp_path / "bad", f'<p>Second version <img alt="x" src="{broken}"></p>')

    with pytest.raises(CommandError, match=r"html/intro\.html: a data: image \(image/png\)"):
        run_import(bad)
    assert "First version" in Lesson.objects.get().body
    assert not LessonImage.objects.exists() and Course.objects.count() == 1


@pytest.mark.django_db
def test_a_data_image_over_the_limit_is_refused_naming_its_file(tmp_path, settings):
    settings.KUZA_OLX_MAX_DATA_IMAGE_MB = 1
    large = png(1000, 1000) + b"\0" * (1024 * 1024)
    export = _export(tmp_path / "export", f'<p><img alt="Big" src="{uri(large)}"></p>')
    with pytest.raises(CommandError) as raised:
        run_import(export)
    message = str(raised.value)
    assert "html/intro.html: data: image 1 is refused" in message
    assert "more than the limit of 1,048,576 bytes" in message
    assert not Course.objects.exists() and not LessonImage.objects.exists()


def test_an_svg_in_a_problem_fails_parsing_naming_the_problem_file(tmp_path):
    export = _export(
        tmp_path / "export",
        "<p>Plain.</p>",
        problem_text=f'<p><img src="{uri(b"<svg/>", "image/svg+xml")}"/></p>',
    )
    with pytest.raises(OlxError, match=r"problem/p1\.xml: data: image 1 is refused.*svg"):
        parse_olx(export)
