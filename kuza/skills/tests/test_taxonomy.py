import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kuza.skills.models import Skill, SkillCategory, SkillTranslation
from kuza.skills.selectors import (
    category_skill_ids,
    skill_by_slug,
    skill_list,
    skill_with_descendants_ids,
)

pytestmark = pytest.mark.django_db

NAMED_BY_THE_COMMUNITY = [
    "wikicite",
    "wikidata",
    "board-training",
    "making-presentations",
    "project-management",
    "storytelling",
    "lessons-for-new-users",
    "in-depth-leadership",
    "partnerships",
    "strategic-planning",
    "outreach",
    "event-organising",
    "gender-gap-campaigning",
    "wikiquote-editing",
    "commons-structured-data",
    "grant-writing",
    "mentoring",
    "conflict-resolution",
    "online-facilitation",
]


def test_the_five_categories_and_at_least_forty_skills_are_seeded():
    assert list(SkillCategory.objects.values_list("slug", flat=True)) == [
        "individual",
        "organizational",
        "technical",
        "governance",
        "leadership",
    ]
    assert Skill.objects.count() >= 40
    assert set(NAMED_BY_THE_COMMUNITY) <= set(Skill.objects.values_list("slug", flat=True))


def test_every_skill_has_a_name_and_description_in_every_interface_language():
    for language in ["fr", "ar", "sw"]:
        translated = SkillTranslation.objects.filter(language=language).exclude(name="")
        assert translated.exclude(description="").count() == Skill.objects.count(), language


@pytest.mark.parametrize(
    "language,name",
    [("en", "Grant writing"), ("fr", "Rédaction de demandes de subvention"),
     ("ar", "كتابة طلبات المنح"), ("sw", "Kuandika maombi ya ruzuku")],
)  # fmt: skip
def test_names_follow_the_readers_language(language, name):
    with translation.override(language):
        assert skill_by_slug("grant-writing").label == name
        assert any(skill.label == name for skill in skill_list())


def test_descendants_include_children_and_grandchildren():
    wikidata = Skill.objects.get(slug="wikidata")
    sparql = Skill.objects.get(slug="sparql-queries")
    deeper = Skill.objects.create(
        slug="federated-queries", category=wikidata.category, parent=sparql, name="Federated"
    )

    ids = skill_with_descendants_ids(wikidata)

    assert {wikidata.pk, sparql.pk, deeper.pk} <= ids
    assert Skill.objects.get(slug="storytelling").pk not in ids
    assert skill_with_descendants_ids(deeper) == {deeper.pk}


def test_category_skill_ids():
    technical = SkillCategory.objects.get(slug="technical")
    assert Skill.objects.get(slug="wikidata").pk in category_skill_ids(technical)
    assert Skill.objects.get(slug="storytelling").pk not in category_skill_ids(technical)


@pytest.mark.parametrize("value", ["Q", "q42", "Q0", "42", "Q12a", "Q1234567890123"])
def test_wikidata_ids_are_validated(value):
    skill = Skill(slug="x", category=SkillCategory.objects.first(), name="X", wikidata_id=value)
    with pytest.raises(ValidationError):
        skill.full_clean()


def test_a_skill_cannot_be_its_own_ancestor():
    wikidata = Skill.objects.get(slug="wikidata")
    wikidata.parent = Skill.objects.get(slug="sparql-queries")
    with pytest.raises(ValidationError):
        wikidata.full_clean()


def test_skill_pages_link_to_people_map_and_organisations(client):
    index = client.get("/skills/").content.decode()
    detail = client.get("/skills/wikidata/").content.decode()

    assert "Individual (on-wiki editing)" in index and 'href="/skills/sparql-queries/"' in index
    assert "SPARQL queries" in detail and "Q2013" in detail
    assert "/people/?skill=wikidata&amp;role=mentor" in detail
    assert "/people/map/?skill=wikidata" in detail
    assert client.get("/skills/no-such-skill/").status_code == 404


def test_skills_api_in_the_requested_language(client):
    skills = client.get("/api/skills/", {"lang": "sw", "category": "technical"}).json()
    one = client.get("/api/skills/sparql-queries").json()
    categories = client.get("/api/skills/categories", {"lang": "fr"}).json()

    assert {"slug": "wikidata", "name": "Wikidata"}.items() <= next(
        skill for skill in skills if skill["slug"] == "wikidata"
    ).items()
    assert all(skill["category"] == "technical" for skill in skills)
    assert one["parent"] == "wikidata" and one["wikidata_id"] == "Q54871"
    assert categories[2]["name"] == "Techniques (outils)"
    assert client.get("/api/skills/nothing").status_code == 404
