"""Writes for resources: propose, edit, translate, submit, review; curator roles.

Every write keeps three things in step, in one transaction: the resource, a revision
snapshot, and its search document.
"""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.accounts.selectors import is_signed_in
from kuza.library import permissions
from kuza.library.models import Curator, Resource, ResourceRevision, ResourceSkillTag
from kuza.library.revisions import snapshot_of
from kuza.library.search import index_resources
from kuza.library.validation import (
    ResourceInput,
    resource_problems,
    standard_language,
    validate_upload,
)
from kuza.skills.models import Skill
from kuza.translation.services import translation_sync_source

_INPUT_FIELDS = [name for name in ResourceInput.__dataclass_fields__ if name != "skills"]


def _checked(data: ResourceInput, *, has_file: bool) -> ResourceInput:
    problems = resource_problems(data, has_file=has_file)
    try:
        data.language = standard_language(data.language)
    except ValidationError as error:
        problems["language"] = error.messages[0]
    if problems:
        raise ValidationError(problems)
    data.skills = sorted(set(data.skills))
    return data


def _set_skills(resource: Resource, slugs: list[str]) -> None:
    """Tag `resource` with exactly the skills named by `slugs` (already checked to exist).

    Unmatched tags left by migration 0003 go too: the editor saw them on the form, where
    they fail validation until removed or replaced by a skill of the taxonomy.
    """
    wanted = dict(Skill.objects.filter(slug__in=slugs).values_list("pk", "slug"))
    current = set(resource.skill_tags.exclude(skill=None).values_list("skill_id", flat=True))
    resource.skill_tags.exclude(skill_id__in=wanted).delete()
    ResourceSkillTag.objects.bulk_create(
        [
            ResourceSkillTag(resource=resource, skill_id=skill_id)
            for skill_id in sorted(set(wanted) - current)
        ]
    )


def _tag_slugs(resource: Resource) -> list[str]:
    return sorted(
        slug
        for slug, unmatched in resource.skill_tags.values_list("skill__slug", "unmatched_slug")
        for slug in [slug or unmatched]
    )


def _record(resource: Resource, *, author) -> ResourceRevision:
    """Snapshot the resource as saved, and re-index it."""
    skills = _tag_slugs(resource)
    last = resource.revisions.aggregate(last=Max("number"))["last"] or 0
    revision = ResourceRevision.objects.create(
        resource=resource,
        number=last + 1,
        author=author,
        snapshot=snapshot_of(resource, skills),
    )
    if resource.status == Resource.Status.PUBLISHED:
        # Only published text goes to translators (drafts are private); translations of
        # units that did not change stay, edited ones become outdated.
        translation_sync_source(obj=resource)
    index_resources([resource])
    return revision


def _store_file(resource: Resource, uploaded) -> None:
    validate_upload(uploaded)
    resource.file = uploaded
    resource.file_size = uploaded.size


def resource_propose(
    *,
    author,
    data: ResourceInput,
    uploaded_file=None,
    translation_of: Resource | None = None,
    submit: bool = False,
) -> Resource:
    """A member proposes a resource (or a translation of one); it starts as a draft."""
    if not is_signed_in(author):
        raise PermissionDenied
    has_file = uploaded_file is not None or bool(translation_of and translation_of.file)
    data = _checked(data, has_file=has_file)
    if translation_of is not None:
        translation_of = translation_of.original
        if not permissions.can_view_resource(author, translation_of):
            raise PermissionDenied
        if data.language == translation_of.language or (
            translation_of.translations.filter(language=data.language).exists()
        ):
            raise ValidationError({"language": _("This resource already exists in that language.")})
    with transaction.atomic():
        resource = Resource(
            author=author,
            translation_of=translation_of,
            **{name: getattr(data, name) for name in _INPUT_FIELDS},
        )
        if uploaded_file is not None:
            _store_file(resource, uploaded_file)
        elif translation_of is not None and translation_of.file:
            # A translated description of the same file shares the file.
            resource.file, resource.file_size = translation_of.file, translation_of.file_size
        if submit:
            resource.status = Resource.Status.IN_REVIEW
        resource.save()
        _set_skills(resource, data.skills)
        _record(resource, author=author)
    return resource


def resource_update(
    *, resource: Resource, editor, data: ResourceInput, uploaded_file=None
) -> Resource:
    """The author (before publication) or a curator changes a resource."""
    if not permissions.can_edit_resource(editor, resource):
        raise PermissionDenied
    data = _checked(data, has_file=uploaded_file is not None or bool(resource.file))
    if resource.translation_of_id and data.language != resource.language:
        siblings = Resource.objects.filter(
            translation_of_id=resource.translation_of_id, language=data.language
        ).exclude(pk=resource.pk)
        if siblings.exists() or data.language == resource.translation_of.language:
            raise ValidationError({"language": _("This resource already exists in that language.")})
    with transaction.atomic():
        for name in _INPUT_FIELDS:
            setattr(resource, name, getattr(data, name))
        if uploaded_file is not None:
            _store_file(resource, uploaded_file)
        resource.save()
        _set_skills(resource, data.skills)
        _record(resource, author=editor)
    return resource


def resource_submit(*, resource: Resource, user) -> Resource:
    """The author (or a curator) asks for review of a draft or a rejected resource."""
    if not permissions.can_submit_resource(user, resource):
        raise PermissionDenied
    with transaction.atomic():
        resource.status = Resource.Status.IN_REVIEW
        resource.save(update_fields=["status", "updated_at"])
        _record(resource, author=user)
    return resource


def resource_review(*, resource: Resource, curator, publish: bool, note: str = "") -> Resource:
    """A curator publishes a resource in review, or rejects it with a note for the author."""
    if not permissions.can_review_resource(curator, resource):
        raise PermissionDenied
    note = note.strip()
    if not publish and not note:
        raise ValidationError({"note": _("Tell the author why, so they can improve it.")})
    with transaction.atomic():
        resource.review_note = note
        resource.reviewed_by = curator
        if publish:
            resource.status = Resource.Status.PUBLISHED
            resource.published_at = resource.published_at or timezone.now()
        else:
            resource.status = Resource.Status.REJECTED
        resource.save()
        _record(resource, author=curator)
    return resource


def resource_input_from(resource: Resource) -> ResourceInput:
    """The current values of a resource, as input to edit or to translate."""
    data = ResourceInput(
        **{name: getattr(resource, name) for name in _INPUT_FIELDS},
        skills=_tag_slugs(resource),
    )
    return data


def resource_input_dict(data: ResourceInput) -> dict:
    return asdict(data)


def curator_grant(*, user, granted_by) -> Curator:
    if not (is_signed_in(granted_by) and granted_by.is_staff):
        raise PermissionDenied
    curator, _created = Curator.objects.get_or_create(
        user=user, defaults={"granted_by": granted_by}
    )
    return curator


def curator_revoke(*, user, revoked_by) -> None:
    if not (is_signed_in(revoked_by) and revoked_by.is_staff):
        raise PermissionDenied
    Curator.objects.filter(user=user).delete()
