"""Skill tags become foreign keys to the skills taxonomy (kuza.skills).

Each existing tag's slug is looked up in skills.Skill. A slug that names no skill is not
dropped: the row keeps it in `unmatched_slug` (shown to curators in the admin and on the edit
form, never to readers), and the migration lists every such slug on standard output and in
the `kuza.library` log, so whoever runs `kuza migrate` sees what to fix.
"""

import logging

import django.db.models.deletion
from django.db import migrations, models

logger = logging.getLogger("kuza.library")


def link_tags_to_skills(apps, schema_editor):
    Tag = apps.get_model("library", "ResourceSkillTag")
    Skill = apps.get_model("skills", "Skill")
    alias = schema_editor.connection.alias
    skills = dict(Skill.objects.using(alias).values_list("slug", "pk"))
    unmatched: dict[str, list[int]] = {}
    for tag in Tag.objects.using(alias).order_by("pk").iterator():
        skill_id = skills.get(tag.skill_slug)
        if skill_id is None:
            tag.unmatched_slug = tag.skill_slug
            unmatched.setdefault(tag.skill_slug, []).append(tag.resource_id)
        else:
            tag.skill_id = skill_id
        tag.save(update_fields=["skill", "unmatched_slug"])
    for slug, resource_ids in sorted(unmatched.items()):
        message = (
            f"library: skill tag {slug!r} names no skill of the taxonomy; kept as unmatched "
            f"on resources {', '.join(str(pk) for pk in resource_ids)}"
        )
        logger.warning(message)
        print(message)  # noqa: T201 - the operator running the migration must see it
    _settle(schema_editor)


def _settle(schema_editor):
    # PostgreSQL defers foreign-key checks to the end of the transaction, and refuses to
    # ALTER a table with such checks pending: run them now.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def slugs_back(apps, schema_editor):
    Tag = apps.get_model("library", "ResourceSkillTag")
    alias = schema_editor.connection.alias
    for tag in Tag.objects.using(alias).select_related("skill").iterator():
        tag.skill_slug = tag.skill.slug if tag.skill_id else tag.unmatched_slug
        tag.save(update_fields=["skill_slug"])
    _settle(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0002_full_text_search"),
        ("skills", "0002_seed_taxonomy"),
    ]

    operations = [
        migrations.AddField(
            model_name="resourceskilltag",
            name="skill",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="library_tags",
                to="skills.skill",
                verbose_name="skill",
            ),
        ),
        migrations.AddField(
            model_name="resourceskilltag",
            name="unmatched_slug",
            field=models.SlugField(
                blank=True,
                help_text="A tag whose short name matched no skill of the taxonomy; fix or remove it.",
                max_length=80,
                verbose_name="unknown skill",
            ),
        ),
        migrations.RemoveConstraint(model_name="resourceskilltag", name="library_one_tag"),
        migrations.RemoveIndex(
            model_name="resourceskilltag", name="library_res_skill_s_0922f2_idx"
        ),
        migrations.RunPython(link_tags_to_skills, slugs_back, elidable=False),
        # A default, so that unapplying this migration can add the column back to existing
        # rows before slugs_back fills it.
        migrations.AlterField(
            model_name="resourceskilltag",
            name="skill_slug",
            field=models.SlugField(default="", max_length=80, verbose_name="skill"),
        ),
        migrations.RemoveField(model_name="resourceskilltag", name="skill_slug"),
        migrations.AlterModelOptions(
            name="resourceskilltag",
            options={
                "ordering": ["pk"],
                "verbose_name": "skill tag",
                "verbose_name_plural": "skill tags",
            },
        ),
        migrations.AddConstraint(
            model_name="resourceskilltag",
            constraint=models.UniqueConstraint(
                fields=("resource", "skill"), name="library_one_skill_tag"
            ),
        ),
        migrations.AddConstraint(
            model_name="resourceskilltag",
            constraint=models.CheckConstraint(
                condition=models.Q(("skill__isnull", False), ("unmatched_slug", ""))
                | models.Q(("skill__isnull", True), models.Q(("unmatched_slug", ""), _negated=True)),
                name="library_tag_skill_or_unmatched",
            ),
        ),
        migrations.AddIndex(
            model_name="resourceskilltag",
            index=models.Index(fields=["skill", "resource"], name="library_tag_skill_idx"),
        ),
    ]
