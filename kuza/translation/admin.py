from django import forms
from django.contrib import admin

from kuza.translation.forms import language_choices
from kuza.translation.models import TranslatableObject, TranslatorRole, UnitTranslation


class TranslatorRoleForm(forms.ModelForm):
    language = forms.ChoiceField(choices=language_choices)

    class Meta:
        model = TranslatorRole
        fields = ["user", "language"]


@admin.register(TranslatorRole)
class TranslatorRoleAdmin(admin.ModelAdmin):
    form = TranslatorRoleForm
    list_display = ["user", "language", "granted_by", "granted_at"]
    list_filter = ["language"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]
    readonly_fields = ["granted_by", "granted_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(TranslatableObject)
class TranslatableObjectAdmin(admin.ModelAdmin):
    list_display = ["title", "content_type", "object_id", "source_language", "synced_at"]
    list_filter = ["content_type", "source_language"]
    search_fields = ["title"]
    readonly_fields = ["content_type", "object_id", "title", "source_language", "synced_at"]


@admin.register(UnitTranslation)
class UnitTranslationAdmin(admin.ModelAdmin):
    list_display = ["unit", "language", "translator", "updated_at"]
    list_filter = ["language"]
    raw_id_fields = ["unit", "translator"]
