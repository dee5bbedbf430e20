"""Skill tags are foreign keys to the taxonomy; moderation and suspensions reach the library."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from kuza.library.models import Resource, ResourceSkillTag
from kuza.library.selectors import (
    Filters,
    library_search,
    review_queue,
    skills_in_use,
    unpublished_resources,
)
from kuza.library.services.resources import resource_input_from, resource_propose, resource_update
from kuza.library.tests.factories import CuratorFactory, UserFactory, make_resource
from kuza.library.validation import ResourceInput
from kuza.safety import reportables
from kuza.safety.models import HiddenContent
from kuza.skills.models import Skill, SkillCategory

pytestmark = pytest.mark.django_db


def test_tags_point_at_skills_of_the_taxonomy():
    resource = make_resource(title="Queries", skills=["sparql-queries", "wikidata"])

    tags = ResourceSkillTag.objects.filter(resource=resource).select_related("skill")
    assert sorted(tag.skill.slug for tag in tags) == ["sparql-queries", "wikidata"]
    assert all(tag.skill == Skill.objects.get(slug=tag.skill.slug) for tag in tags)


def test_the_skill_menu_offers_broader_skills_and_names_them_in_the_reader_language():
    make_resource(title="Queries", skills=["sparql-queries"])

    english = dict(skills_in_use())
    from django.utils import translation

    with translation.override("fr"):
        french = dict(skills_in_use())

    assert set(english) == {"sparql-queries", "wikidata"}
    assert (
        french["sparql-queries"] != ""
        and french["sparql-queries"]
        == Skill.objects.get(slug="sparql-queries").translations.get(language="fr").name
    )


def test_a_skill_in_use_cannot_be_deleted_from_the_taxonomy():
    from django.db.models import ProtectedError

    make_resource(title="Photos", skills=["photography"])

    with pytest.raises(ProtectedError):
        Skill.objects.get(slug="photography").delete()


@pytest.mark.django_db(transaction=True)
def test_the_migration_maps_slugs_to_skills_and_reports_unknown_ones(capsys):
    # An earlier transactional test on this worker may have emptied the seeded taxonomy.
    category, _ = SkillCategory.objects.get_or_create(
        slug="technical", defaults={"name": "Technical"}
    )
    Skill.objects.get_or_create(
        slug="wikidata", defaults={"name": "Wikidata", "category": category}
    )
    executor = MigrationExecutor(connection)
    executor.migrate([("library", "0002_full_text_search")])
    old_apps = executor.loader.project_state([("library", "0002_full_text_search")]).apps
    OldResource = old_apps.get_model("library", "Resource")
    OldTag = old_apps.get_model("library", "ResourceSkillTag")
    resource = OldResource.objects.create(
        kind="tutorial",
        title="Old",
        body="Text.",
        language="en",
        level="beginner",
        status="published",
    )
    OldTag.objects.create(resource=resource, skill_slug="wikidata")
    OldTag.objects.create(resource=resource, skill_slug="retired-skill")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    report = capsys.readouterr().out
    assert "'retired-skill'" in report and str(resource.pk) in report
    tags = ResourceSkillTag.objects.filter(resource_id=resource.pk).order_by("pk")
    assert [(tag.skill.slug if tag.skill else None, tag.unmatched_slug) for tag in tags] == [
        ("wikidata", ""),
        (None, "retired-skill"),
    ]
    # Readers never see the unknown tag; an editor sees it and must fix it before saving.
    migrated = Resource.objects.get(pk=resource.pk)
    data = resource_input_from(migrated)
    assert data.skills == ["retired-skill", "wikidata"]
    with pytest.raises(Exception, match="retired-skill"):
        resource_update(resource=migrated, editor=UserFactory(is_staff=True), data=data)
    data.skills = ["wikidata"]
    resource_update(resource=migrated, editor=UserFactory(is_staff=True), data=data)
    assert list(migrated.skill_tags.values_list("skill__slug", "unmatched_slug")) == [
        ("wikidata", "")
    ]


# --- safety ------------------------------------------------------------------------------------


def test_library_resources_can_be_reported(client):
    resource = make_resource(title="Dubious advice")
    reporter = UserFactory()

    entry = reportables.for_model(Resource)
    assert entry is not None and entry.person_of(resource) == resource.author
    client.force_login(reporter)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert reverse("safety:report", args=["library-resource", resource.pk]) in page
    assert (
        client.get(reverse("safety:report", args=["library-resource", resource.pk])).status_code
        == 200
    )


def test_a_draft_cannot_be_reported_by_someone_who_cannot_read_it(client):
    draft = make_resource(title="Private draft", publish=False)
    client.force_login(UserFactory())

    assert (
        client.get(reverse("safety:report", args=["library-resource", draft.pk])).status_code == 404
    )


def _hide(resource):
    from django.contrib.contenttypes.models import ContentType

    HiddenContent.objects.create(
        content_type=ContentType.objects.get_for_model(Resource), object_id=resource.pk
    )


def test_hidden_resources_leave_search_listings_pages_and_the_api(client):
    hidden = make_resource(title="Hidden safety advice")
    shown = make_resource(title="Good safety advice")
    _hide(hidden)

    assert [hit.resource.pk for hit in library_search(text="safety", filters=Filters())[0:10]] == [
        shown.pk
    ]
    assert list(library_search(text="", filters=Filters())) == [shown]
    assert "Hidden safety advice" not in client.get(reverse("library:index")).content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    api = client.get("/api/library/resources", {"q": "safety"}).json()
    assert [row["id"] for row in api["results"]] == [shown.pk] and api["count"] == 1
    assert client.get(f"/api/library/resources/{hidden.pk}").status_code == 404
    # The author and curators still reach it, to understand or appeal.
    client.force_login(hidden.author)
    assert client.get(hidden.get_absolute_url()).status_code == 200


def test_a_suspended_author_proposals_leave_the_review_queue(client):
    author = UserFactory()
    curator = CuratorFactory().user
    proposal = resource_propose(
        author=author,
        data=ResourceInput(
            kind="tutorial", title="Pending", body="Text.", language="en", level="beginner"
        ),
        submit=True,
    )
    assert list(review_queue(user=curator)) == [proposal]

    author.is_active = False  # what safety's member_suspend does
    author.save(update_fields=["is_active"])

    assert list(review_queue(user=curator)) == []
    assert list(unpublished_resources(user=curator, status="in_review", filters=Filters())) == []
    client.force_login(curator)
    assert "Pending" not in client.get(reverse("library:review")).content.decode()
    assert client.get(proposal.get_absolute_url()).status_code == 200  # curators may still look
    client.force_login(UserFactory())
    assert client.get(proposal.get_absolute_url()).status_code == 404
