from django.contrib import admin

from kuza.people.models import (
    ContactRequest,
    Membership,
    Organisation,
    OrganisationLanguage,
    OrganisationSkill,
    Profile,
    ProfileLanguage,
    SkillClaim,
)


class ProfileLanguageInline(admin.TabularInline):
    model = ProfileLanguage
    extra = 0


class SkillClaimInline(admin.TabularInline):
    model = SkillClaim
    extra = 0
    raw_id_fields = ["skill"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "country", "region", "visibility"]
    list_filter = ["visibility", "country"]
    search_fields = ["display_name", "user__username"]
    raw_id_fields = ["user"]
    inlines = [ProfileLanguageInline, SkillClaimInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["user"]


class OrganisationLanguageInline(admin.TabularInline):
    model = OrganisationLanguage
    extra = 0


class OrganisationSkillInline(admin.TabularInline):
    model = OrganisationSkill
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, OrganisationLanguageInline, OrganisationSkillInline]


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    """Staff see who wrote to whom and when (for safety reports), not the messages' text."""

    list_display = ["sender", "recipient", "created_at", "status"]
    list_filter = ["status"]
    raw_id_fields = ["sender", "recipient"]
    exclude = ["message", "answer"]
    readonly_fields = ["sender", "recipient", "created_at", "status", "answered_at"]
