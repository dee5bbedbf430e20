"""Report links come from the reportables registry through one template tag."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template

from kuza.events.tests.factories import EventFactory
from kuza.safety import reportables

pytestmark = pytest.mark.django_db


def test_the_report_url_tag_names_the_kind_the_registry_gives_the_object():
    event = EventFactory()
    html = Template("{% load safety %}{% report_url event %}|{% report_url nothing %}").render(
        Context({"event": event, "nothing": None})
    )
    assert html == f"/safety/report/{reportables.for_model(type(event)).kind}/{event.pk}/|"


def test_no_template_spells_a_reportable_kind():
    kuza = Path(__file__).resolve().parents[2]
    spelled = re.compile(r"url 'safety:report' '")
    offenders = [
        str(path.relative_to(kuza))
        for path in kuza.glob("*/templates/**/*.html")
        if spelled.search(path.read_text())
    ]
    assert offenders == []
