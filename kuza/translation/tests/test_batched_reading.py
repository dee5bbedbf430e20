"""A page reads the translated fields of everything it shows in one query, not one per field."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kuza.accounts.models import CodeOfConduct
from kuza.translation import selectors
from kuza.translation.tests.factories import CodeOfConductFactory, translate_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def conducts():
    made = [
        CodeOfConductFactory(title=f"Code {n}", body=f"Be kind, {n}.\n\nListen, {n}.")
        for n in range(5)
    ]
    for conduct in made:
        translate_unit(conduct, f"Be kind, {conduct.title[5:]}.", "sw", "Kuwa mpole.")
    return _fresh(made)


def _fresh(conducts):
    """New instances of the same rows: nothing loaded on them yet."""
    return list(CodeOfConduct.objects.filter(pk__in=[c.pk for c in conducts]).order_by("pk"))


def _read_all(conducts, language):
    return [
        (
            selectors.translated_field(conduct, "title", language).text,
            selectors.translated_field(conduct, "body", language).html,
        )
        for conduct in conducts
    ]


def test_fields_of_many_objects_come_in_one_query_in_the_source_language(conducts):
    with CaptureQueriesContext(connection) as prefetching:
        selectors.prefetch_translations(conducts, "en")
    with CaptureQueriesContext(connection) as reading:
        shown = _read_all(conducts, "en")

    assert (len(prefetching), len(reading)) == (1, 0)
    assert shown[0][0] == "Code 0"


def test_translations_of_many_objects_come_in_three_queries(conducts):
    unbatched = _read_all(_fresh(conducts), "sw")

    with CaptureQueriesContext(connection) as prefetching:
        selectors.prefetch_translations(conducts, "sw")
    with CaptureQueriesContext(connection) as reading:
        shown = _read_all(conducts, "sw")

    assert (len(prefetching), len(reading)) == (3, 0)
    assert shown == unbatched
    assert all("Kuwa mpole." in body for _title, body in shown)


def test_one_object_read_field_by_field_asks_once_for_its_fields(conducts):
    conduct = conducts[0]

    with CaptureQueriesContext(connection) as reading:
        selectors.translated_field(conduct, "title", "en")
        selectors.translated_field(conduct, "body", "en")

    assert len(reading) == 1


def test_a_new_translation_is_read_after_the_object_is_saved_again(conducts):
    conduct = conducts[1]
    before = selectors.translated_field(conduct, "body", "sw").html

    translate_unit(conduct, "Listen, 1.", "sw", "Sikiliza.")
    conduct.save()

    assert "Sikiliza." not in before
    assert "Sikiliza." in selectors.translated_field(conduct, "body", "sw").html
