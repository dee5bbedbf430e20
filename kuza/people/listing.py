"""The one place that keeps people search's and the capacity map's copies fresh.

Copies, each made from the rules that own the facts:
- `Profile.active`: the account is active (not suspended), `visibility.suspended_user_ids`;
- `Profile.on_map`: active and not left the map, `safety.selectors.users_hidden_from_map`;
- `Profile.any_<role>`: any of the person's claims has that role (`models.ROLE_COLUMNS`);
- on each `SkillClaim`, its person's `active`, name, country, availability and visibilities
  (`models.SEARCH_COPIES`), which people search by skill reads instead of the profile;
- `CapacityCount`: the capacity map's figures per filter, tier bucket and country, as sums of
  each person's `CapacityContribution` (see `capacity_contribution`).

`refresh(user_ids=..., profile_ids=...)` brings them in line with the people's current facts,
in the caller's transaction; it is idempotent and order-free (it subtracts what it stored
last time and adds what holds now), so calling it once more never hurts. Saves and deletes
of profiles, claims, languages, safety preferences, accounts and skills call it through the
signals `connect()` wires; writes that bypass signals (`QuerySet.update`, `bulk_create`) call
it themselves. `rebuild()` recomputes everything (the data migration, the bench).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps as installed_apps
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Subquery

from kuza.people.capacity_contribution import (
    CLOSEST_SHARED_TIER,
    FIGURES,
    Bucket,
    Claim,
    Figures,
    PersonFacts,
    Taxonomy,
    contribution,
    difference,
)

BATCH = 2000


def _model(apps, name: str):
    app_label, model = name.split(".")
    return apps.get_model(app_label, model)


def _taxonomy(apps) -> Taxonomy:
    rows = list(_model(apps, "skills.Skill").objects.values_list("pk", "parent_id", "category_id"))
    return Taxonomy(
        parent={pk: parent for pk, parent, _category in rows},
        category={pk: category for pk, _parent, category in rows},
    )


def _sync_flags(apps, profiles) -> None:
    """Profile.active and Profile.on_map from the account and the safety preference."""
    if apps is installed_apps:
        from kuza.people.visibility import suspended_user_ids
        from kuza.safety.selectors import users_hidden_from_map

        inactive = suspended_user_ids()
        hidden = users_hidden_from_map()
    else:  # a data migration: the same rules, on the historical models
        from django.conf import settings
        from django.db.models import Q

        user_model = apps.get_model(settings.AUTH_USER_MODEL)
        inactive = user_model.objects.filter(is_active=False).values("pk")
        hidden = user_model.objects.filter(
            Q(safety_preferences__hide_from_map=True) | Q(is_active=False)
        ).values("pk")
    profiles.exclude(active=True, on_map=True).update(active=True, on_map=True)
    profiles.filter(user_id__in=hidden).update(on_map=False)
    profiles.filter(user_id__in=inactive).update(active=False)
    if _has(profiles.model, "any_knows"):  # from migration 0011 on
        from kuza.people.models import ROLE_COLUMNS

        claims = _model(apps, "people.SkillClaim").objects.filter(profile_id=OuterRef("pk"))
        profiles.update(
            **{f"any_{flag}": Exists(claims.filter(**{flag: True})) for flag in ROLE_COLUMNS}
        )
    if _has(profiles.model, "language_tags"):  # from migration 0013 on
        _sync_language_tags(apps, profiles)
    copy_to_claims(apps, profiles)


def _sync_language_tags(apps, profiles) -> None:
    """Profile.language_tags from the person's languages: one update per distinct text."""
    from kuza.people.models import language_tags_text

    tags: dict[int, list[str]] = defaultdict(list)
    for profile_id, tag in (
        _model(apps, "people.ProfileLanguage")
        .objects.filter(profile_id__in=profiles.values("pk"))
        .values_list("profile_id", "tag")
    ):
        tags[profile_id].append(tag)
    by_text: dict[str, list[int]] = defaultdict(list)
    for pk, stored in profiles.values_list("pk", "language_tags"):
        text = language_tags_text(tags.get(pk, ()))
        if text != stored:
            by_text[text].append(pk)
    profile_model = _model(apps, "people.Profile")
    for text, ids in by_text.items():
        for start in range(0, len(ids), 500):
            profile_model.objects.filter(pk__in=ids[start : start + 500]).update(language_tags=text)


def sync_copies(apps=installed_apps) -> None:
    """Every person's copies (flags, roles, the claims' copies), without the map's counts."""
    with transaction.atomic():
        _sync_flags(apps, _model(apps, "people.Profile").objects.all())


def copy_to_claims(apps, profiles) -> None:
    """Each claim of `profiles` gets its person's current copies (after `active` is synced)."""
    from kuza.people.models import SEARCH_COPIES

    claim_model = _model(apps, "people.SkillClaim")
    profile_model = _model(apps, "people.Profile")
    # An earlier data migration runs on models that have only some of the copies yet.
    names = [
        name
        for name in (*SEARCH_COPIES, "active")
        if _has(claim_model, name) and _has(profile_model, name)
    ]
    if not _has(claim_model, "user_id"):
        return
    person = profile_model.objects.filter(pk=OuterRef("profile_id"))
    claim_model.objects.filter(profile_id__in=profiles.values("pk")).update(
        **{name: Subquery(person.values(name)[:1]) for name in names}
    )


def _has(model, name: str) -> bool:
    """Whether `model` has a column `name` (a field's name, or its attname: "user_id")."""
    return any(
        name in (field.name, getattr(field, "attname", None)) for field in model._meta.get_fields()
    )


def _facts(apps, profile_ids: list[int]) -> dict[int, tuple[int, PersonFacts]]:
    """(user id, facts) per existing profile."""
    profile_model = _model(apps, "people.Profile")
    claims: dict[int, list[Claim]] = defaultdict(list)
    for profile_id, *row in (
        _model(apps, "people.SkillClaim")
        .objects.filter(profile_id__in=profile_ids)
        .values_list(
            "profile_id", "skill_id", "knows", "wants_to_learn", "can_mentor", "offers_service"
        )
    ):
        claims[profile_id].append(Claim(*row))
    tags: dict[int, list[str]] = defaultdict(list)
    for profile_id, tag in (
        _model(apps, "people.ProfileLanguage")
        .objects.filter(profile_id__in=profile_ids)
        .values_list("profile_id", "tag")
    ):
        tags[profile_id].append(tag)
    result = {}
    for row in profile_model.objects.filter(pk__in=profile_ids).values(
        "pk",
        "user_id",
        "on_map",
        "country",
        "visibility",
        "skills_visibility",
        "location_visibility",
        "languages_visibility",
    ):
        pk = row.pop("pk")
        user_id = row.pop("user_id")
        result[pk] = (
            user_id,
            PersonFacts(
                **row, language_tags=tuple(tags.get(pk, ())), claims=tuple(claims.get(pk, ()))
            ),
        )
    return result


def _add(apps, changes: dict[Bucket, Figures]) -> None:
    """Add `changes` to CapacityCount in one statement per batch (insert or increment)."""
    if not changes:
        return
    table = _model(apps, "people.CapacityCount")._meta.db_table
    quote = connection.ops.quote_name
    columns = ["key", "language", "tier", "country", *FIGURES]
    increments = ", ".join(
        f"{quote(name)} = {quote(table)}.{quote(name)} + excluded.{quote(name)}" for name in FIGURES
    )
    rows = [(*bucket, *figures) for bucket, figures in changes.items()]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(chunk))
            # Quoted names of our own table and columns; every value is a parameter.
            statement = (
                f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
                f"VALUES {placeholders} "
                f"ON CONFLICT ({', '.join(quote(c) for c in columns[:4])}) "
                f"DO UPDATE SET {increments}"
            )
            cursor.execute(statement, [value for row in chunk for value in row])


def _stored(buckets: list) -> dict[Bucket, Figures]:
    return {tuple(row[:4]): tuple(row[4:]) for row in buckets}


def _contribution_rows(apps, facts, taxonomy) -> tuple[list, dict[Bucket, Figures]]:
    """New CapacityContribution objects and their summed figures."""
    contribution_model = _model(apps, "people.CapacityContribution")
    rows, total = [], defaultdict(lambda: (0,) * len(FIGURES))
    for profile_id, (user_id, person) in facts.items():
        buckets = contribution(person, taxonomy)
        if not buckets:
            continue
        for bucket, figures in buckets.items():
            total[bucket] = tuple(a + b for a, b in zip(total[bucket], figures, strict=True))
        rows.append(
            contribution_model(
                profile_id=profile_id,
                user_id=user_id,
                buckets=[[*bucket, *figures] for bucket, figures in buckets.items()],
                close_only=any(bucket[2] == CLOSEST_SHARED_TIER for bucket in buckets),
            )
        )
    return rows, dict(total)


def refresh(
    *, user_ids: Iterable[int] = (), profile_ids: Iterable[int] = (), apps=installed_apps
) -> None:
    """Bring the copies of these people (by account or profile) in line with their facts."""
    profile_model = _model(apps, "people.Profile")
    contribution_model = _model(apps, "people.CapacityContribution")
    user_ids, profile_ids = list(user_ids), set(profile_ids)
    if user_ids:
        profile_ids |= set(
            profile_model.objects.filter(user_id__in=user_ids).values_list("pk", flat=True)
        )
        profile_ids |= set(
            contribution_model.objects.filter(user_id__in=user_ids).values_list(
                "profile_id", flat=True
            )
        )
    ids = sorted(profile_ids)
    for start in range(0, len(ids), BATCH):
        _refresh(apps, ids[start : start + BATCH])


def _refresh(apps, ids: list[int]) -> None:
    profile_model = _model(apps, "people.Profile")
    contribution_model = _model(apps, "people.CapacityContribution")
    with transaction.atomic():
        # One refresh of a person at a time: the second reads what the first stored.
        list(profile_model.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
        _sync_flags(apps, profile_model.objects.filter(pk__in=ids))
        old = contribution_model.objects.select_for_update().filter(profile_id__in=ids)
        before: dict[Bucket, Figures] = defaultdict(lambda: (0,) * len(FIGURES))
        for row in old:
            for bucket, figures in _stored(row.buckets).items():
                before[bucket] = tuple(a + b for a, b in zip(before[bucket], figures, strict=True))
        rows, after = _contribution_rows(apps, _facts(apps, ids), _taxonomy(apps))
        _add(apps, difference(after, before))
        contribution_model.objects.filter(profile_id__in=ids).delete()
        contribution_model.objects.bulk_create(rows)


def rebuild(apps=installed_apps) -> None:
    """Recompute every copy from scratch."""
    profile_model = _model(apps, "people.Profile")
    with transaction.atomic():
        _sync_flags(apps, profile_model.objects.all())
        _model(apps, "people.CapacityCount").objects.all().delete()
        _model(apps, "people.CapacityContribution").objects.all().delete()
        taxonomy = _taxonomy(apps)
        ids = list(profile_model.objects.order_by("pk").values_list("pk", flat=True))
        total: dict[Bucket, Figures] = defaultdict(lambda: (0,) * len(FIGURES))
        for start in range(0, len(ids), BATCH):
            rows, figures = _contribution_rows(
                apps, _facts(apps, ids[start : start + BATCH]), taxonomy
            )
            _model(apps, "people.CapacityContribution").objects.bulk_create(rows)
            for bucket, values in figures.items():
                total[bucket] = tuple(a + b for a, b in zip(total[bucket], values, strict=True))
        _add(apps, dict(total))
    if connection.vendor == "postgresql":  # the planner's estimates for the new rows
        with connection.cursor() as cursor:
            for name in (
                "people.CapacityCount",
                "people.CapacityContribution",
                "people.Profile",
                "people.SkillClaim",
            ):
                cursor.execute(
                    f"ANALYZE {connection.ops.quote_name(_model(apps, name)._meta.db_table)}"
                )


# --- Signals: every save and delete of what the copies are made of -------------------------


def _on_profile(sender, instance, **kwargs) -> None:
    refresh(profile_ids=[instance.pk])


def _on_profile_part(sender, instance, **kwargs) -> None:
    refresh(profile_ids=[instance.profile_id])


def _on_preferences(sender, instance, **kwargs) -> None:
    refresh(user_ids=[instance.user_id])


def _on_user(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and "is_active" not in update_fields:
        return  # e.g. last_login on each login: nothing the copies read
    refresh(user_ids=[instance.pk])


def _before_skill(sender, instance, **kwargs) -> None:
    instance._listing_place = (
        type(instance)
        .objects.filter(pk=instance.pk)
        .values_list("parent_id", "category_id")
        .first()
    )


def _on_skill(sender, instance, created=False, **kwargs) -> None:
    before = getattr(instance, "_listing_place", None)
    if created or before == (instance.parent_id, instance.category_id):
        return  # nobody claims it yet, or it stays where it was (a new name, a description)
    from kuza.skills.selectors import skill_with_descendants_ids

    claims = _model(installed_apps, "people.SkillClaim").objects.filter(
        skill_id__in=skill_with_descendants_ids(instance)
    )
    refresh(profile_ids=set(claims.values_list("profile_id", flat=True)))


def connect() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save, pre_save

    from kuza.people.models import Profile, ProfileLanguage, SkillClaim
    from kuza.safety.models import SafetyPreferences
    from kuza.skills.models import Skill

    for signal in (post_save, post_delete):
        name = signal is post_save and "save" or "delete"
        signal.connect(_on_profile, sender=Profile, dispatch_uid=f"listing.profile.{name}")
        for part in (SkillClaim, ProfileLanguage):
            signal.connect(
                _on_profile_part, sender=part, dispatch_uid=f"listing.{part.__name__}.{name}"
            )
        signal.connect(
            _on_preferences, sender=SafetyPreferences, dispatch_uid=f"listing.prefs.{name}"
        )
        signal.connect(_on_user, sender=get_user_model(), dispatch_uid=f"listing.user.{name}")
    pre_save.connect(_before_skill, sender=Skill, dispatch_uid="listing.skill.before")
    post_save.connect(_on_skill, sender=Skill, dispatch_uid="listing.skill.save")
