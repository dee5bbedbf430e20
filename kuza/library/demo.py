"""Demo library: 26 resources in English, French, Arabic and Swahili, two toolkits in English
and French, a curator, and a plan the demo organiser shares with two co-organisers."""

from __future__ import annotations

from django.core.files.base import ContentFile

from kuza.core.demo_loader import DEMO_ORGANISER, DemoCommunity
from kuza.library.demo_resources import RESOURCES
from kuza.library.demo_toolkits import TOOLKITS
from kuza.library.models import Curator, Resource
from kuza.library.services import plans as plan_services
from kuza.library.services import resources as resource_services
from kuza.library.validation import ResourceInput, unknown_skills

_INPUT_FIELDS = set(ResourceInput.__dataclass_fields__)


def _others(community: DemoCommunity, count: int) -> list:
    others = [user for name, user in sorted(community.users.items()) if name != DEMO_ORGANISER]
    return others[:count]


def _load_resources(community: DemoCommunity, organiser, member) -> dict[str, Resource]:
    created: dict[str, Resource] = {}
    all_slugs = sorted({slug for entry in RESOURCES for slug in entry["skills"]})
    unknown = set(unknown_skills(all_slugs))
    for entry in RESOURCES:
        fields = {name: value for name, value in entry.items() if name in _INPUT_FIELDS}
        fields["skills"] = [slug for slug in entry["skills"] if slug not in unknown]
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


def _load_toolkits() -> dict:
    toolkits: dict = {}
    for slug, title, summary, language, original, steps in TOOLKITS:
        toolkits[slug] = plan_services.toolkit_create(
            slug=slug,
            title=title,
            summary=summary,
            language=language,
            steps=steps,
            translation_of=toolkits.get(original),
            publish=True,
        )
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
    community.extra["library_resources"] = _load_resources(community, organiser, member)
    toolkits = _load_toolkits()
    community.extra["library_toolkits"] = toolkits
    _load_plan(organiser, [co_organiser, member], toolkits["host-an-edit-a-thon"])
