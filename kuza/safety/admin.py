from django.contrib import admin

from kuza.safety.models import (
    HiddenContent,
    ModerationLogEntry,
    ModeratorRole,
    Report,
    Suspension,
)


@admin.register(ModeratorRole)
class ModeratorRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "created_at"]
    list_filter = ["organisation"]
    raw_id_fields = ["user"]


@admin.register(ModerationLogEntry)
class ModerationLogEntryAdmin(admin.ModelAdmin):
    """Read only: the audit log is never changed or deleted, not even by superusers."""

    list_display = ["created_at", "actor_name", "action", "report", "subject_name"]
    list_filter = ["action"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Staff handle reports on the moderation pages, which keep the log; here they only read."""

    list_display = ["pk", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Suspension)
class SuspensionAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "until", "lifted_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(HiddenContent)
class HiddenContentAdmin(SuspensionAdmin):
    list_display = ["content_type", "object_id", "created_at"]


# Blocks and preferences are personal: not listed in the administration.
