"""Contributions: members propose, curators review; drafts stay private; history is kept."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kuza.library.models import Resource
from kuza.library.services.resources import (
    curator_grant,
    resource_input_from,
    resource_propose,
    resource_review,
    resource_submit,
    resource_update,
)
from kuza.library.tests.factories import CuratorFactory, UserFactory, make_resource
from kuza.library.validation import ResourceInput

pytestmark = pytest.mark.django_db


def tutorial(**fields):
    values = {"kind": "tutorial", "title": "Citing sources", "body": "Text.", "language": "en"}
    values["level"] = "beginner"
    return ResourceInput(**{**values, **fields})


def test_a_proposal_starts_as_a_draft_and_goes_through_review_to_publication():
    author, curator = UserFactory(), CuratorFactory().user
    resource = resource_propose(author=author, data=tutorial())
    assert resource.status == Resource.Status.DRAFT

    resource_submit(resource=resource, user=author)
    assert resource.status == Resource.Status.IN_REVIEW

    resource_review(resource=resource, curator=curator, publish=True)
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED
    assert resource.published_at is not None
    assert resource.reviewed_by == curator


def test_a_rejection_needs_a_note_and_the_author_can_resubmit():
    author, curator = UserFactory(), CuratorFactory().user
    resource = resource_propose(author=author, data=tutorial(), submit=True)

    with pytest.raises(ValidationError):
        resource_review(resource=resource, curator=curator, publish=False, note="  ")
    resource_review(resource=resource, curator=curator, publish=False, note="Add sources.")
    assert resource.status == Resource.Status.REJECTED
    assert resource.review_note == "Add sources."

    data = resource_input_from(resource)
    data.body = "Text with sources."
    resource_update(resource=resource, editor=author, data=data)
    resource_submit(resource=resource, user=author)
    assert resource.status == Resource.Status.IN_REVIEW


def test_members_cannot_review_or_publish():
    author, other = UserFactory(), UserFactory()
    resource = resource_propose(author=author, data=tutorial(), submit=True)

    for person in (author, other):
        with pytest.raises(PermissionDenied):
            resource_review(resource=resource, curator=person, publish=True)
    resource.refresh_from_db()
    assert resource.status == Resource.Status.IN_REVIEW


def test_staff_are_curators_and_staff_grant_the_curator_role():
    staff, member = UserFactory(is_staff=True), UserFactory()
    resource = resource_propose(author=UserFactory(), data=tutorial(), submit=True)

    with pytest.raises(PermissionDenied):
        curator_grant(user=member, granted_by=UserFactory())
    curator_grant(user=member, granted_by=staff)
    resource_review(resource=resource, curator=member, publish=True)

    assert resource.status == Resource.Status.PUBLISHED


def test_authors_edit_until_publication_then_only_curators_do():
    author, other, curator = UserFactory(), UserFactory(), CuratorFactory().user
    resource = resource_propose(author=author, data=tutorial())
    data = resource_input_from(resource)

    with pytest.raises(PermissionDenied):
        resource_update(resource=resource, editor=other, data=data)
    resource_submit(resource=resource, user=author)
    resource_review(resource=resource, curator=curator, publish=True)
    with pytest.raises(PermissionDenied):
        resource_update(resource=resource, editor=author, data=data)
    data.title = "Citing sources well"
    resource_update(resource=resource, editor=curator, data=data)

    assert Resource.objects.get(pk=resource.pk).title == "Citing sources well"


def test_every_save_keeps_a_revision_with_its_author_and_changes():
    author, curator = UserFactory(), CuratorFactory().user
    resource = resource_propose(author=author, data=tutorial())
    data = resource_input_from(resource)
    data.title = "Citing sources on Wikiquote"
    resource_update(resource=resource, editor=author, data=data)
    resource_submit(resource=resource, user=author)
    resource_review(resource=resource, curator=curator, publish=True)

    revisions = list(resource.revisions.order_by("number"))

    assert [revision.number for revision in revisions] == [1, 2, 3, 4]
    assert [revision.author for revision in revisions] == [author, author, author, curator]
    assert revisions[0].snapshot["title"] == "Citing sources"
    assert revisions[1].snapshot["title"] == "Citing sources on Wikiquote"
    assert revisions[3].snapshot["status"] == "published"


@pytest.mark.parametrize(
    "fields,field",
    [
        ({"body": ""}, "body"),
        ({"kind": "link", "url": "", "licence": "CC BY-SA 4.0"}, "url"),
        ({"kind": "link", "url": "https://example.org"}, "licence"),
        ({"kind": "episode", "url": "https://example.org/ep", "transcript": ""}, "transcript"),
        ({"kind": "file", "licence": "CC0"}, "file"),
        ({"language": "not a language"}, "language"),
        ({"title": "   "}, "title"),
        # Readers follow these addresses: web pages only, whoever calls the service.
        (
            {
                "kind": "link",
                "url": "javascript:alert(1)",
                "licence": "CC0",
                "last_checked": datetime.date(2026, 1, 1),
            },
            "url",
        ),
        ({"kind": "episode", "url": "data:text/html,hi", "transcript": "Words."}, "url"),
    ],
)
def test_each_kind_requires_what_makes_it_usable(fields, field):
    with pytest.raises(ValidationError) as raised:
        resource_propose(author=UserFactory(), data=tutorial(**fields))

    assert field in raised.value.error_dict


def test_language_tags_are_stored_in_their_standard_form():
    resource = resource_propose(author=UserFactory(), data=tutorial(language="PT-br"))

    assert resource.language == "pt-BR"


def test_a_translation_is_a_linked_resource_one_per_language():
    original = make_resource(title="Wikidata basics")
    translation = resource_propose(
        author=UserFactory(),
        data=tutorial(title="Les bases", language="fr"),
        translation_of=original,
    )

    assert translation.translation_of == original
    for language in ("fr", "en"):
        with pytest.raises(ValidationError):
            resource_propose(
                author=UserFactory(),
                data=tutorial(title="Encore", language=language),
                translation_of=translation,
            )


def test_drafts_are_hidden_from_other_members_and_visitors(client):
    author = UserFactory()
    draft = resource_propose(author=author, data=tutorial(title="Secret draft"))
    url = reverse("library:resource", args=[draft.pk])

    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(reverse("library:history", args=[draft.pk])).status_code == 404
    client.force_login(author)
    assert client.get(url).status_code == 200
    client.force_login(CuratorFactory().user)
    assert client.get(url).status_code == 200


def test_history_is_shown_to_curators_and_the_author_only(client):
    author = UserFactory()
    resource = make_resource(author=author, title="Public tutorial")
    url = reverse("library:history", args=[resource.pk])

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(author)
    page = client.get(url)
    assert page.status_code == 200 and b"Public tutorial" in page.content
    client.force_login(CuratorFactory().user)
    assert client.get(url).status_code == 200


def test_curators_review_from_the_page_and_members_cannot_post_a_review(client):
    resource = resource_propose(author=UserFactory(), data=tutorial(), submit=True)
    url = reverse("library:review_resource", args=[resource.pk])

    client.force_login(UserFactory())
    assert client.post(url, {"decision": "publish"}).status_code == 404
    curator = CuratorFactory().user
    client.force_login(curator)
    assert b"Review" in client.get(reverse("library:review")).content
    response = client.post(url, {"decision": "reject", "note": ""})
    resource.refresh_from_db()
    assert response.status_code == 302 and resource.status == Resource.Status.IN_REVIEW
    client.post(url, {"decision": "publish", "note": ""})
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED


def test_the_review_queue_is_for_curators(client):
    client.force_login(UserFactory())

    assert client.get(reverse("library:review")).status_code == 403


def test_a_member_proposes_and_submits_through_the_form(client):
    author = UserFactory()
    client.force_login(author)

    response = client.post(
        reverse("library:propose"),
        {
            "kind": "tutorial",
            "title": "Kuandika makala",
            "language": "sw",
            "level": "beginner",
            "audience": "newcomers",
            "body": "# Hatua\n\n<script>alert(1)</script> **Anza** hapa.",
            "skills": "",
            "submit": "on",
        },
    )

    resource = Resource.objects.get(title="Kuandika makala")
    assert response.status_code == 302
    assert resource.status == Resource.Status.IN_REVIEW and resource.author == author
    page = client.get(reverse("library:resource", args=[resource.pk])).content.decode()
    assert "<strong>Anza</strong>" in page and "<script>alert" not in page


def test_the_form_shows_what_a_link_is_missing(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("library:propose"),
        {
            "kind": "link",
            "title": "Pillars",
            "language": "en",
            "level": "beginner",
            "audience": "everyone",
            "url": "https://en.wikipedia.org/wiki/W:5P",
        },
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"licence", "last_checked"}
    assert not Resource.objects.exists()


def test_a_translation_through_the_page_links_to_the_original(client):
    original = make_resource(title="Wikidata basics")
    client.force_login(UserFactory())

    client.post(
        reverse("library:translate", args=[original.pk]),
        {
            "kind": "tutorial",
            "title": "Misingi ya Wikidata",
            "language": "sw",
            "level": "beginner",
            "audience": "everyone",
            "body": "Vipengee.",
        },
    )

    translation = Resource.objects.get(title="Misingi ya Wikidata")
    assert translation.translation_of == original
    assert translation.status == Resource.Status.DRAFT


def test_skill_tags_must_name_skills_of_the_taxonomy():
    with pytest.raises(ValidationError) as raised:
        resource_propose(author=UserFactory(), data=tutorial(skills=["no-such-skill"]))
    resource = resource_propose(author=UserFactory(), data=tutorial(skills=["wikidata"]))

    assert "no-such-skill" in str(raised.value.error_dict["skills"])
    assert not Resource.objects.filter(title=tutorial().title).exclude(pk=resource.pk).exists()
    assert list(resource.skill_tags.values_list("skill__slug", flat=True)) == ["wikidata"]
