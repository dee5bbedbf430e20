from django.contrib import admin

from kuza.people.models import Membership, Organisation, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "country", "region"]
    search_fields = ["display_name", "user__username"]


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
