from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kuza.accounts.models import ApiToken, CodeOfConduct, ConductAcceptance, User

admin.site.register(User, UserAdmin)


@admin.register(CodeOfConduct)
class CodeOfConductAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "published_at"]


@admin.register(ConductAcceptance)
class ConductAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["user", "conduct", "accepted_at"]
    readonly_fields = ["user", "conduct", "accepted_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "secret_hash", "created_at", "last_used_at"]
