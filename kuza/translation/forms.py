from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kuza.people.picker import PersonField, PersonPickerForm
from kuza.translation.languages import content_languages, language_label

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def language_choices(codes=None) -> list[tuple[str, str]]:
    return [(code, language_label(code)) for code in (codes or content_languages())]


class UnitTranslationForm(forms.Form):
    text = forms.CharField(
        label=_("Translation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    source_hash = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[("save", "save"), ("confirm", "confirm")])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "save" and not cleaned.get("text", "").strip():
            self.add_error("text", _("Write a translation before saving."))
        return cleaned


class ImportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the translations"))
    file = forms.FileField(
        label=_("PO or XLIFF file"),
        help_text=_("A file exported from Kuza, translated with any translation tool."),
    )

    def __init__(self, *args, languages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(languages)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it by object."))
        return upload


class GrantRoleForm(PersonPickerForm):
    person = PersonField(label=_("Translator"))
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()


class InterfaceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("PO file"),
        help_text=_(
            "The file downloaded from this page, corrected in any translation tool. Clear the "
            "“fuzzy” (needs work) mark of each entry you have reviewed."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
