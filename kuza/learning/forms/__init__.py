from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kuza.learning.images import UPLOAD_MAX_WIDTH
from kuza.learning.rendering import ShownQuestion

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class LessonImageForm(forms.Form):
    image = forms.ImageField(
        label=_("Image"),
        help_text=_("Resized to at most %(width)s pixels wide and compressed when uploaded.")
        % {"width": UPLOAD_MAX_WIDTH},
    )
    alt_text = forms.CharField(
        label=_("Text alternative"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it or hide images."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Images up to 10 MB, please."))
        return image

    def clean_alt_text(self) -> str:
        text = self.cleaned_data["alt_text"].strip()
        if not text:
            raise forms.ValidationError(_("Describe the image for people who cannot see it."))
        return text


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Markdown.")
    )


class TimeZoneForm(forms.Form):
    tz = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        required=False,
        help_text=_("A place name such as Africa/Nairobi, Africa/Lagos or Europe/Paris."),
    )


def quiz_form_class(questions: list[ShownQuestion]) -> type[forms.Form]:
    """A form with one field per question: radio buttons, checkboxes or a text box."""
    fields: dict[str, forms.Field] = {}
    for question in questions:
        label = _("Question %(number)s") % {"number": question.position}
        choices = [(option.key, option.html) for option in question.options]
        if question.kind == "single":
            fields[question.field_name] = forms.ChoiceField(
                label=label, choices=choices, widget=forms.RadioSelect, required=False
            )
        elif question.kind == "multiple":
            fields[question.field_name] = forms.MultipleChoiceField(
                label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=False
            )
        else:
            attrs = {"inputmode": "decimal"} if question.kind == "numeric" else {}
            fields[question.field_name] = forms.CharField(
                label=label,
                max_length=500,
                required=False,
                widget=forms.TextInput(attrs={"autocomplete": "off", **attrs}),
            )
    return type("QuizForm", (forms.Form,), fields)
