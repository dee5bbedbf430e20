"""Resources and toolkits are translated unit by unit through the translation app."""

import pytest
from django.urls import reverse
from django.utils import translation

from kuza.library.models import Resource
from kuza.library.reading import localise_titles, resource_texts, toolkit_texts
from kuza.library.selectors import Filters, library_search
from kuza.library.services.plans import plan_start, toolkit_create
from kuza.library.services.resources import resource_input_from, resource_update
from kuza.library.tests.factories import UserFactory, make_resource
from kuza.translation.models import SourceUnit, TranslatableObject, TranslatorRole
from kuza.translation.selectors import translatable_for
from kuza.translation.services import unit_translation_save

pytestmark = pytest.mark.django_db


def _unit(obj, field_name, key=None):
    units = SourceUnit.objects.filter(
        field__translatable=translatable_for(obj), field__field_name=field_name, removed=False
    ).order_by("position")
    return units.get(key=key) if key else units.first()


def _translate(obj, field_name, language, text, *, key=None, translator=None):
    translator = translator or UserFactory(is_staff=True)
    unit = _unit(obj, field_name, key)
    unit_translation_save(
        user=translator,
        unit_id=unit.pk,
        language=language,
        text=text,
        source_hash_seen=unit.source_hash,
    )


def titles(text, **filters):
    return [
        hit.resource.title for hit in library_search(text=text, filters=Filters(**filters))[0:20]
    ]


def test_a_published_resource_is_split_into_units_for_translators():
    resource = make_resource(
        title="Citing sources",
        summary="Why and how.",
        body="First paragraph.\n\nSecond paragraph.",
    )

    fields = {
        field: list(
            SourceUnit.objects.filter(
                field__translatable=translatable_for(resource), field__field_name=field
            )
            .order_by("position")
            .values_list("text", flat=True)
        )
        for field in ("title", "summary", "body", "transcript")
    }

    assert fields == {
        "title": ["Citing sources"],
        "summary": ["Why and how."],
        "body": ["First paragraph.", "Second paragraph."],
        "transcript": [],
    }
    assert translatable_for(resource).source_language == "en"


def test_drafts_never_reach_translators():
    draft = make_resource(title="My private draft", publish=False)

    assert translatable_for(draft) is None
    assert not TranslatableObject.objects.filter(title="My private draft").exists()


def test_readers_see_their_language_unit_by_unit_with_the_source_as_fallback(client):
    resource = make_resource(
        title="Citing sources", summary="Why and how.", body="First paragraph.\n\nSecond one."
    )
    _translate(resource, "title", "fr", "Citer ses sources")
    _translate(resource, "body", "fr", "Premier paragraphe.")

    french = resource_texts(resource, "fr")
    assert french.title.text == "Citer ses sources" and french.title.language == "fr"
    assert french.summary.text == "Why and how." and french.summary.language == "en"
    assert "Premier paragraphe." in french.body.html and "Second one." in french.body.html
    assert french.body.is_partial
    assert resource_texts(resource, "en").title.text == "Citing sources"

    page = client.get(
        reverse("library:resource", args=[resource.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Citer ses sources" in page and "Premier paragraphe." in page
    # The untranslated paragraph is marked as English inside the French page.
    assert '<span lang="en" dir="ltr">Second one.</span>' in page


def test_lists_show_translated_titles_in_one_query(django_assert_num_queries):
    resources = [make_resource(title=f"Guide {index}", summary="Short.") for index in range(3)]
    _translate(resources[0], "title", "sw", "Mwongozo 0")

    with django_assert_num_queries(1):
        localise_titles(resources, language="sw")

    assert [r.shown_title for r in resources] == ["Mwongozo 0", "Guide 1", "Guide 2"]
    assert [r.shown_title_language for r in resources] == ["sw", "en", "en"]
    assert resources[0].shown_summary == "Short." and resources[0].shown_summary_language == "en"


def test_an_edit_keeps_translations_of_unchanged_units_and_flags_edited_ones():
    resource = make_resource(
        title="Citing sources",
        body="Find two reliable sources for each article you write.\n\nThen cite them.",
    )
    _translate(resource, "body", "fr", "Trouvez deux sources fiables pour chaque article.")
    data = resource_input_from(resource)
    data.body = "Find three reliable sources for each article you write.\n\nThen cite them."

    resource_update(resource=resource, editor=UserFactory(is_staff=True), data=data)

    french = resource_texts(resource, "fr")
    assert french.body.outdated_units  # kept, shown, marked as maybe out of date
    assert "Trouvez deux sources" in french.body.html


@pytest.mark.parametrize(
    ("language", "source", "translated", "query"),
    [
        ("fr", "Organising an event", "Organiser un événement", "evenement"),
        ("sw", "Writing articles", "Kuandika makala", "MAKALA"),
        ("ar", "Code of conduct", "مُدَوَّنَة السلوك", "مدونة"),
    ],
)
def test_search_finds_a_resource_by_its_translated_text(
    django_capture_on_commit_callbacks, language, source, translated, query
):
    resource = make_resource(title=source, body="Plain English text.")
    make_resource(title="Something else", body="Unrelated.")
    assert titles(query) == []

    with django_capture_on_commit_callbacks(execute=True):
        _translate(resource, "title", language, translated)

    assert titles(query) == [source]


def test_a_translated_transcript_is_searchable(django_capture_on_commit_callbacks):
    episode = make_resource(
        kind="episode",
        title="Podcast 4",
        url="https://podcast.example/4",
        transcript="We talk about sources.\n\nAnd about safety.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        _translate(episode, "transcript", "sw", "Tunazungumza kuhusu vyanzo.")

    assert titles("vyanzo") == ["Podcast 4"]


def test_an_import_of_many_units_reindexes_the_resource_once(django_capture_on_commit_callbacks):
    resource = make_resource(title="Guide", body="One.\n\nTwo.\n\nThree.")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for unit in SourceUnit.objects.filter(field__translatable=translatable_for(resource)):
            unit_translation_save(
                user=UserFactory(is_staff=True),
                unit_id=unit.pk,
                language="fr",
                text=f"fr {unit.text}",
                source_hash_seen=unit.source_hash,
            )
    for callback in callbacks:
        callback()

    assert titles("fr") == ["Guide"]


def test_only_translators_get_the_translate_link(client):
    resource = make_resource(title="Citing sources")
    member = UserFactory()
    translator = UserFactory()
    TranslatorRole.objects.create(user=translator, language="fr")
    target = reverse("translation:object", args=[translatable_for(resource).pk])

    client.force_login(member)
    assert target not in client.get(resource.get_absolute_url()).content.decode()
    client.force_login(translator)
    assert target in client.get(resource.get_absolute_url()).content.decode()


def _toolkit():
    return toolkit_create(
        slug="host",
        title="Host an edit-a-thon",
        summary="Everything you need.",
        language="en",
        steps=[
            ("Choose a theme", "Pick one with a partner.", ["Agree the theme", "Fix the date"]),
            ("Invite people", "Use the partner's lists.", ["Send invitations"]),
        ],
        publish=True,
    )


def test_toolkit_steps_and_checklists_are_translated_and_plans_copy_the_reader_language():
    toolkit = _toolkit()
    first = toolkit.steps.get(order=1)
    first_items = list(first.items.all())
    _translate(toolkit, "title", "fr", "Organiser un edit-a-thon")
    _translate(first, "title", "fr", "Choisir un thème")
    _translate(first, "checklist", "fr", "Convenir du thème", key=f"item:{first_items[0].pk}")

    french = toolkit_texts(toolkit, "fr")
    assert french.title.text == "Organiser un edit-a-thon"
    assert french.steps[0].title.text == "Choisir un thème"
    assert [(item.text, item.language) for item in french.steps[0].items] == [
        ("Convenir du thème", "fr"),
        ("Fix the date", "en"),
    ]

    plan = plan_start(toolkit=toolkit, owner=UserFactory(), language="fr")
    steps = list(plan.steps.prefetch_related("items"))
    assert plan.title == "Organiser un edit-a-thon"
    assert steps[0].title == "Choisir un thème" and steps[1].title == "Invite people"
    assert [item.text for item in steps[0].items.all()] == ["Convenir du thème", "Fix the date"]

    english_plan = plan_start(toolkit=toolkit, owner=UserFactory(), language="en")
    assert english_plan.title == "Host an edit-a-thon"


def test_the_toolkit_page_is_shown_in_the_reader_language(client):
    toolkit = _toolkit()
    _translate(toolkit, "title", "sw", "Kuandaa edit-a-thon")

    with translation.override("sw"):
        page = client.get(toolkit.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="sw").content.decode()
        listing = client.get(reverse("library:toolkits"), HTTP_ACCEPT_LANGUAGE="sw")

    assert "Kuandaa edit-a-thon" in page and "Choose a theme" in page
    assert "Kuandaa edit-a-thon" in listing.content.decode()


def test_a_deleted_resource_leaves_nothing_for_translators():
    resource = make_resource(title="Temporary")
    pk = resource.pk

    Resource.objects.get(pk=pk).delete()

    assert not TranslatableObject.objects.filter(object_id=pk, title="Temporary").exists()
