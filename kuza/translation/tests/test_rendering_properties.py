"""Properties of the reader rendering's unit markers, for any Markdown document."""

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from kuza.translation.keys import UNCONFIRMED_SOURCE_HASH, Translation, assign_keys
from kuza.translation.registry import MARKERS
from kuza.translation.rendering import render_markdown_units
from kuza.translation.tests.markdown_documents import markdown_documents
from kuza.translation.units import split_markdown

_VOID = {"br", "hr", "img"}


class _NestingChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


STATES = st.sampled_from(["missing", "translated", "outdated"])


@settings(max_examples=100, deadline=None)
@given(document=markdown_documents(), data=st.data())
def test_markers_become_well_nested_html_and_one_note_per_outdated_unit(document, data):
    parsed = split_markdown(document.text)
    units = assign_keys([], parsed.units, last_minted=0).units
    states = data.draw(st.lists(STATES, min_size=len(units), max_size=len(units)))
    translations = {
        unit.key: Translation(
            unit.text, unit.source_hash if state == "translated" else UNCONFIRMED_SOURCE_HASH
        )
        for unit, state in zip(units, states, strict=True)
        if state != "missing"
    }

    rendered = render_markdown_units(
        parsed, units, translations, source_language="en", requested_language="ar"
    )

    checker = _NestingChecker()
    checker.feed(str(rendered.html))
    checker.close()
    assert checker.problems == [] and checker.stack == []
    assert not set(MARKERS) & set(rendered.html)
    assert rendered.html.count('class="muted outdated"') == states.count("outdated")
    assert rendered.html.count("<span") == rendered.html.count("</span>")
