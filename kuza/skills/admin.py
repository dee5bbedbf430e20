from django.contrib import admin

from kuza.skills.models import Skill, SkillCategory, SkillCategoryTranslation, SkillTranslation


class SkillCategoryTranslationInline(admin.TabularInline):
    model = SkillCategoryTranslation
    extra = 0


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SkillCategoryTranslationInline]


class SkillTranslationInline(admin.TabularInline):
    model = SkillTranslation
    extra = 0


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "category", "parent", "wikidata_id"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "translations__name"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["parent"]
    inlines = [SkillTranslationInline]
