"""Demo library: 26 resources in English, French, Arabic and Swahili (some also read in French
and Swahili through the translation app), two toolkits in English translated unit by unit into
French, a curator, and a plan the demo organiser shares with two co-organisers."""

from __future__ import annotations

from django.core.files.base import ContentFile

from kuza.core.demo_loader import DEMO_ORGANISER, DemoCommunity
from kuza.library.demo_resources import RESOURCES
from kuza.library.demo_toolkits import TOOLKITS
from kuza.library.models import Curator, Resource
from kuza.library.search import index_resources
from kuza.library.services import plans as plan_services
from kuza.library.services import resources as resource_services
from kuza.library.validation import ResourceInput, unknown_skills
from kuza.translation.models import SourceUnit, UnitTranslation
from kuza.translation.services import translation_sync_source
from kuza.translation.units import split_markdown

_INPUT_FIELDS = set(ResourceInput.__dataclass_fields__)


def _others(community: DemoCommunity, count: int) -> list:
    others = [user for name, user in sorted(community.users.items()) if name != DEMO_ORGANISER]
    return others[:count]


def _load_resources(community: DemoCommunity, organiser, member) -> dict[str, Resource]:
    created: dict[str, Resource] = {}
    all_slugs = sorted({slug for entry in RESOURCES for slug in entry["skills"]})
    unknown = unknown_skills(all_slugs)
    if unknown:  # the demo must show the taxonomy it claims to: fail rather than drop tags
        raise ValueError(f"demo resources name skills the taxonomy lacks: {unknown}")
    for entry in RESOURCES:
        fields = {name: value for name, value in entry.items() if name in _INPUT_FIELDS}
        author = member if entry.get("author") == "member" else organiser
        uploaded = None
        if "file" in entry:
            name, content = entry["file"]
            uploaded = ContentFile(content.encode("utf-8"), name=name)
        status = entry.get("status", Resource.Status.PUBLISHED)
        resource = resource_services.resource_propose(
            author=author,
            data=ResourceInput(**fields),
            uploaded_file=uploaded,
            translation_of=created.get(entry.get("translation_of", "")),
            submit=status != Resource.Status.DRAFT,
        )
        if status in {Resource.Status.PUBLISHED, Resource.Status.REJECTED}:
            resource_services.resource_review(
                resource=resource,
                curator=organiser,
                publish=status == Resource.Status.PUBLISHED,
                note=entry.get("review_note", ""),
            )
        created[entry["key"]] = resource
    return created


# English resources read in French and Swahili through the translation app (title and
# summary only: the text shows in English, with a note, until someone translates it).
RESOURCE_TRANSLATIONS = {
    "dashboard-en": {
        "fr": (
            "Mesurer une campagne : tableaux de bord et mots-dièse",
            "Comptez articles, modifications et fidélisation avec le Dashboard et les mots-dièse.",
        ),
        "sw": (
            "Kupima kampeni: dashibodi na alama za reli",
            "Hesabu makala, marekebisho na wanaoendelea kuhariri kwa Dashboard na alama za reli.",
        ),
    },
    "mentoring-en": {
        "fr": (
            "Accompagner une nouvelle contributrice : les quatre premières semaines",
            "Un plan semaine par semaine pour que les nouveaux continuent après leur premier mois.",
        ),
        "sw": (
            "Kumshauri mhariri mpya: wiki nne za kwanza",
            "Mpango wa kila wiki unaowasaidia wageni kuendelea kuhariri baada ya mwezi wa kwanza.",
        ),
    },
    "commons-en": {
        "fr": (
            "Téléverser vos photos sur Wikimedia Commons",
            "Ce que vous pouvez téléverser, l'assistant d'import, le consentement et la liberté "
            "de panorama.",
        ),
    },
}


class _Translations:
    """Unit translations made from demo texts, stored in one go."""

    def __init__(self, translator) -> None:
        self.translator = translator
        self.rows: list[UnitTranslation] = []

    def units(self, obj, field_name: str) -> list[SourceUnit]:
        translatable = translation_sync_source(obj=obj).translatable
        return list(
            SourceUnit.objects.filter(
                field__translatable=translatable, field__field_name=field_name, removed=False
            ).order_by("position")
        )

    def add(self, unit: SourceUnit, language: str, text: str) -> None:
        self.rows.append(
            UnitTranslation(
                unit=unit,
                language=language,
                text=text,
                source_hash_at_translation=unit.source_hash,
                translator=self.translator,
            )
        )

    def pair(self, obj, field_name: str, language: str, texts: list[str]) -> None:
        units = self.units(obj, field_name)
        if len(units) != len(texts):
            raise ValueError(f"{obj}: the {language} {field_name} does not pair with its units")
        for unit, text in zip(units, texts, strict=True):
            self.add(unit, language, text)

    def markdown(self, obj, field_name: str, language: str, text: str) -> None:
        self.pair(obj, field_name, language, [unit.text for unit in split_markdown(text).units])

    def save(self) -> None:
        UnitTranslation.objects.bulk_create(self.rows)


def _translate_resources(resources: dict[str, Resource], translations: _Translations) -> None:
    for key, languages in RESOURCE_TRANSLATIONS.items():
        resource = resources[key]
        for language, (title, summary) in languages.items():
            translations.pair(resource, "title", language, [title])
            translations.pair(resource, "summary", language, [summary])


def _load_toolkits(translations: _Translations) -> dict:
    """English toolkits, and their French versions as translations of every unit (title,
    summary, each step's title, guidance and checklist), so a French reader sees one toolkit
    in French and a plan started from it is in French."""
    toolkits: dict = {}
    for slug, title, summary, language, original, steps in TOOLKITS:
        if original is None:
            toolkits[slug] = plan_services.toolkit_create(
                slug=slug,
                title=title,
                summary=summary,
                language=language,
                steps=steps,
                publish=True,
            )
            continue
        toolkit = toolkits[original]
        translations.pair(toolkit, "title", language, [title])
        translations.markdown(toolkit, "summary", language, summary)
        for step, (step_title, guidance, items) in zip(toolkit.steps.all(), steps, strict=True):
            translations.pair(step, "title", language, [step_title])
            translations.markdown(step, "body", language, guidance)
            translations.pair(step, "checklist", language, list(items))
    return toolkits


def _load_plan(organiser, co_organisers, toolkit) -> None:
    plan = plan_services.plan_start(
        toolkit=toolkit, owner=organiser, title="Edit-a-thon: women scientists of Kenya"
    )
    for person in co_organisers:
        plan_services.plan_member_add(plan=plan, user=person, added_by=organiser)
    steps = list(plan.steps.prefetch_related("items"))
    team = [organiser, *co_organisers]
    for index, step in enumerate(steps):
        items = list(step.items.all())
        done = [item.pk for item in items] if index == 0 else [items[0].pk] if index == 1 else []
        plan_services.plan_step_update(
            step=step,
            user=organiser,
            assignee=team[index % len(team)],
            due_date=None,
            done_item_ids=done,
        )


def load(community: DemoCommunity) -> None:
    organiser = community.users[DEMO_ORGANISER]
    member, curator, co_organiser = _others(community, 3)
    Curator.objects.create(user=curator, granted_by=organiser)
    resources = _load_resources(community, organiser, member)
    community.extra["library_resources"] = resources
    translations = _Translations(translator=organiser)
    _translate_resources(resources, translations)
    toolkits = _load_toolkits(translations)
    translations.save()
    # Stored in bulk, without the signal that re-indexes: index the translated resources.
    index_resources(resources[key] for key in RESOURCE_TRANSLATIONS)
    community.extra["library_toolkits"] = toolkits
    _load_plan(organiser, [co_organiser, member], toolkits["host-an-edit-a-thon"])
