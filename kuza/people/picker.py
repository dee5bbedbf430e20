"""Picking a person by name, the one way every form asks for someone.

A `PersonField` takes part of a name (or a username). On submit it looks among the people the
viewer may see (`people_visible_to`, so hidden, blocked and suspended people are never
offered): one match is the person; several make the form come back with the matches as radio
buttons under the box (the search step, no script needed); none is a clear error.

A form with person fields takes the viewer: subclass `PersonPickerForm` (or call
`bind_viewer(form, viewer)`) and build it with `viewer=request.user`.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from kuza.people.selectors import people_visible_to

# A chosen match comes back as this prefix and the account's id.
CHOSEN = "person:"
MAX_MATCHES = 10


class PersonPickerWidget(forms.TextInput):
    """The name box, followed by the people matching the last search, if there were several."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.matches: list[tuple[int, str]] = []

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        chosen = [value for value in values if value and str(value).startswith(CHOSEN)]
        return chosen[0] if chosen else (values[0] if values else None)

    def format_value(self, value):
        return "" if value and str(value).startswith(CHOSEN) else super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, value, attrs, renderer)
        if not self.matches:
            return box
        options = format_html_join(
            "",
            '<li><input type="radio" name="{}" value="{}{}" id="{}-{}">'
            ' <label for="{}-{}" dir="auto">{}</label></li>',
            ((name, CHOSEN, pk, name, pk, name, pk, label) for pk, label in self.matches),
        )
        return format_html('{}<ul class="picker">{}</ul>', box, options)


class PersonField(forms.Field):
    widget = PersonPickerWidget
    default_error_messages = {
        "none": _("Nobody you can see matches “%(text)s”. Try another part of their name."),
        "several": _("Several people match “%(text)s”: choose one below."),
    }

    def __init__(self, *, viewer=None, **kwargs):
        kwargs.setdefault("help_text", _("Type part of their name, or their username."))
        super().__init__(**kwargs)
        self.viewer = viewer
        self.widget.attrs.setdefault("autocomplete", "off")

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.widget.matches = []
        return copy

    def to_python(self, value):
        return (value or "").strip()[:150]

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        people = people_visible_to(self.viewer).select_related("user")
        if text.startswith(CHOSEN):
            pk = text.removeprefix(CHOSEN)
            profile = people.filter(user_id=pk).first() if pk.isdigit() else None
            if profile is None:
                raise forms.ValidationError(self.error_messages["none"], params={"text": ""})
            return profile.user
        exact = people.filter(user__username__iexact=text).first()
        if exact is not None:
            return exact.user
        matches = list(
            people.filter(
                Q(display_name__icontains=text) | Q(user__username__icontains=text)
            ).order_by("display_name", "pk")[: MAX_MATCHES + 1]
        )
        if len(matches) == 1:
            return matches[0].user
        if not matches:
            raise forms.ValidationError(self.error_messages["none"], params={"text": text})
        self.widget.matches = [
            (profile.user_id, f"{profile.display_name} ({profile.user.username})")
            for profile in matches[:MAX_MATCHES]
        ]
        raise forms.ValidationError(self.error_messages["several"], params={"text": text})


def bind_viewer(form: forms.BaseForm, viewer) -> None:
    for field in form.fields.values():
        if isinstance(field, PersonField):
            field.viewer = viewer


class PersonPickerForm(forms.Form):
    """A form whose person fields search among the people `viewer` may see."""

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        bind_viewer(self, viewer)
