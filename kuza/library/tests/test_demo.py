import pytest
from django.db.models import Count

from kuza.library.models import Plan, Resource, Toolkit
from kuza.library.selectors import Filters, library_search

pytestmark = pytest.mark.django_db


def test_the_demo_library_has_twenty_published_resources_of_every_kind(demo_community):
    published = Resource.objects.filter(status=Resource.Status.PUBLISHED)

    assert published.count() >= 20
    assert set(published.values_list("kind", flat=True)) == set(Resource.Kind.values)
    assert {"en", "fr", "ar", "sw"} <= set(published.values_list("language", flat=True))
    episode = published.filter(kind=Resource.Kind.EPISODE).first()
    assert len(episode.transcript) > 500


def test_the_demo_toolkits_are_complete_in_english_and_french(demo_community):
    toolkits = Toolkit.objects.annotate(steps_count=Count("steps")).order_by("slug")

    assert {(toolkit.language, toolkit.steps_count >= 5) for toolkit in toolkits} == {
        ("en", True),
        ("fr", True),
    }
    french = Toolkit.objects.get(slug="organiser-un-edit-a-thon")
    assert french.translation_of.slug == "host-an-edit-a-thon"
    assert all(step.items.exists() for step in french.steps.all())


def test_the_demo_search_finds_the_french_edit_a_thon_guide_without_accents(demo_community):
    results = library_search(text="edit a thon evenement", filters=Filters(language="fr"))

    assert [hit.resource.title for hit in results[0:5]][0].startswith("Organiser un edit-a-thon")


def test_the_demo_organiser_shares_a_plan_with_two_co_organisers(demo_community):
    plan = Plan.objects.get(owner=demo_community.users["amina"])

    assert plan.members.count() == 3
    assert plan.steps.filter(assignee__isnull=False).count() == plan.steps.count()
