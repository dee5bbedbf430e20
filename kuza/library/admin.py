from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kuza.library.models import (
    Curator,
    Resource,
    ResourceRevision,
    ResourceSkillTag,
    Toolkit,
    ToolkitItem,
    ToolkitStep,
)
from kuza.translation.services import translation_sync_source


class SkillTagInline(admin.TabularInline):
    model = ResourceSkillTag
    extra = 0
    autocomplete_fields = ["skill"]


class UnmatchedSkillFilter(admin.SimpleListFilter):
    """Resources still carrying a tag that matched no skill when tags became foreign keys."""

    title = _("skill tags")
    parameter_name = "unmatched_skills"

    def lookups(self, request, model_admin):
        return [("yes", _("With an unknown skill"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(skill_tags__skill__isnull=True).distinct()
        return queryset


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    """Read-mostly: edits go through the library pages so revisions and search stay in step."""

    list_display = ["title", "kind", "language", "level", "status", "updated_at"]
    list_filter = ["status", "kind", "level", "language", UnmatchedSkillFilter]
    search_fields = ["title"]
    readonly_fields = [field.name for field in Resource._meta.fields]
    inlines = [SkillTagInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ResourceRevision)
class ResourceRevisionAdmin(admin.ModelAdmin):
    list_display = ["resource", "number", "author", "created_at"]
    readonly_fields = ["resource", "number", "author", "created_at", "snapshot"]


class ToolkitItemInline(admin.TabularInline):
    model = ToolkitItem
    extra = 1


@admin.register(ToolkitStep)
class ToolkitStepAdmin(admin.ModelAdmin):
    list_display = ["title", "toolkit", "order"]
    inlines = [ToolkitItemInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # The checklist is part of the step's translatable content: re-sync once items saved.
        translation_sync_source(obj=form.instance)


class ToolkitStepInline(admin.StackedInline):
    model = ToolkitStep
    extra = 0
    show_change_link = True


@admin.register(Toolkit)
class ToolkitAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "is_published"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ToolkitStepInline]


@admin.register(Curator)
class CuratorAdmin(admin.ModelAdmin):
    list_display = ["user", "granted_by", "granted_at"]
    raw_id_fields = ["user", "granted_by"]
