import pytest
from django.db.models import Count
from django.urls import reverse

from kuza.core.pagecheck import check_page
from kuza.library.models import Plan, Resource, Toolkit
from kuza.library.reading import toolkit_texts
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
    toolkits = list(Toolkit.objects.annotate(steps_count=Count("steps")).order_by("slug"))

    assert [toolkit.slug for toolkit in toolkits] == [
        "event-safety-and-risk-checklist",
        "host-an-edit-a-thon",
    ]
    for toolkit in toolkits:
        assert toolkit.language == "en" and toolkit.steps_count >= 5
        french = toolkit_texts(toolkit, "fr")
        # Every unit is translated: title, summary, each step's title, guidance, checklist.
        assert french.title.language == "fr" and french.summary.progress.missing == 0
        for step in french.steps:
            assert step.title.language == "fr" and step.body.progress.missing == 0
            assert step.items and all(item.language == "fr" for item in step.items)
    assert toolkit_texts(toolkits[1], "fr").title.text == "Organiser un edit-a-thon"


def test_the_demo_search_finds_the_french_edit_a_thon_guide_without_accents(demo_community):
    results = library_search(text="edit a thon evenement", filters=Filters(language="fr"))

    assert [hit.resource.title for hit in results[0:5]][0].startswith("Organiser un edit-a-thon")


def test_the_demo_organiser_shares_a_plan_with_two_co_organisers(demo_community):
    plan = Plan.objects.get(owner=demo_community.users["amina"])

    assert plan.members.count() == 3
    assert plan.steps.filter(assignee__isnull=False).count() == plan.steps.count()


@pytest.mark.parametrize("language", ["en", "fr", "ar", "sw"])
def test_every_demo_library_page_fits_the_budget(client, demo_community, language):
    """The longest tutorials, transcripts and toolkits too, in every language, RTL included."""
    client.cookies["django_language"] = language
    client.force_login(demo_community.users["amina"])
    urls = [reverse("library:index"), reverse("library:toolkits"), reverse("library:plans")]
    urls += [resource.get_absolute_url() for resource in Resource.objects.all()]
    urls += [toolkit.get_absolute_url() for toolkit in Toolkit.objects.all()]
    urls += [plan.get_absolute_url() for plan in Plan.objects.all()]

    problems = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        report = check_page(url, response.content)
        assert (report.lang, report.direction) == (language, "rtl" if language == "ar" else "ltr")
        if report.problems():
            problems[url] = report.problems()

    assert not problems
