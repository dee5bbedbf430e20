"""Picking a person by name, the one way every form asks for someone.

A `PersonField` takes part of a name (or a username). On submit it looks among the people the
viewer may see (`people_visible_to`, so hidden, blocked and suspended people are never
offered): one match is the person; several make the form come back with the matches as radio
buttons under the box (the search step, no script needed); none is a clear error.

A form with person fields takes the viewer: subclass `PersonPickerForm` (or call
`bind_viewer(form, viewer)`) and build it with `viewer=request.user`.
"""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
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
        if isinstance(field, PersonField | PeopleField):
            field.viewer = viewer


class PersonPickerForm(forms.Form):
    """A form whose person fields search among the people `viewer` may see."""

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        bind_viewer(self, viewer)


# --- Several people --------------------------------------------------------------------------

_NAMED = re.compile(r"^(?P<name>.*)\((?P<username>[^()]+)\)\s*$")


def _label(user) -> str:
    profile = getattr(user, "profile", None)
    name = profile.display_name if profile is not None else user.get_username()
    return f"{name} ({user.get_username()})"


class PeoplePickerWidget(forms.TextInput):
    """The names box (commas between people), then the people matching the parts that named
    several, as boxes to tick (the search step, no script needed)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.matches: list[tuple[int, str]] = []
        self.shown_text: str | None = None

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        text = [value for value in values if value and not str(value).startswith(CHOSEN)]
        chosen = [value for value in values if value and str(value).startswith(CHOSEN)]
        return (text[0] if text else "", chosen)

    def format_value(self, value):
        if self.shown_text is not None:
            return self.shown_text
        if isinstance(value, tuple):
            value = value[0]
        if isinstance(value, list | tuple | set) or hasattr(value, "model"):
            value = ", ".join(_label(user) for user in value)
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, value, attrs, renderer)
        if not self.matches:
            return box
        options = format_html_join(
            "",
            '<li><input type="checkbox" name="{}" value="{}{}" id="{}-{}">'
            ' <label for="{}-{}" dir="auto">{}</label></li>',
            ((name, CHOSEN, pk, name, pk, name, pk, label) for pk, label in self.matches),
        )
        return format_html('{}<ul class="picker">{}</ul>', box, options)


class PeopleField(forms.Field):
    """Several people by name, separated by commas; cleans to a list of accounts.

    Each part is a username, "Name (username)" as the form shows people already chosen, or part
    of a name among the people the viewer may see. `keep` (ids) are accounts already in the list:
    they stay even while hidden from the viewer or suspended, so the form can always be saved.
    """

    widget = PeoplePickerWidget
    default_error_messages = {
        "none": _("Nobody you can see matches “%(text)s”. Try another part of their name."),
        "several": _("Several people match “%(text)s”: tick the right ones below."),
    }

    def __init__(self, *, viewer=None, **kwargs):
        kwargs.setdefault(
            "help_text", _("Type part of each name, separated by commas; or their usernames.")
        )
        super().__init__(**kwargs)
        self.viewer = viewer
        self.keep: frozenset[int] = frozenset()
        self.widget.attrs.setdefault("autocomplete", "off")

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.widget.matches = []
        copy.widget.shown_text = None
        return copy

    def to_python(self, value):
        if isinstance(value, tuple):
            return value
        return (value or "", [])

    def validate(self, value):
        text, chosen = value
        if self.required and not text.strip() and not chosen:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def _accounts(self):
        return get_user_model().objects.select_related("profile")

    def clean(self, value):
        text, chosen = self.to_python(value)
        self.validate((text, chosen))
        visible = people_visible_to(self.viewer)
        reachable = self._accounts().filter(
            Q(pk__in=visible.values("user_id")) | Q(pk__in=self.keep)
        )
        found: dict[int, object] = {}
        ids = [value.removeprefix(CHOSEN) for value in chosen]
        for user in reachable.filter(pk__in=[pk for pk in ids if pk.isdigit()]):
            found[user.pk] = user
        unknown, several = [], []
        kept_parts = []
        for part in (piece.strip() for piece in text.replace("\n", ",").split(",")):
            if not part:
                continue
            named = _NAMED.match(part)
            username = named.group("username").strip() if named else part
            user = reachable.filter(username__iexact=username).first()
            if user is None:
                matches = list(
                    visible.filter(
                        Q(display_name__icontains=part) | Q(user__username__icontains=part)
                    )
                    .select_related("user__profile")
                    .order_by("display_name", "pk")[: MAX_MATCHES + 1]
                )
                if len(matches) == 1:
                    user = matches[0].user
                elif matches:
                    several.append(part)
                    self.widget.matches += [
                        (profile.user_id, _label(profile.user)) for profile in matches[:MAX_MATCHES]
                    ]
                    continue
                else:
                    unknown.append(part)
                    continue
            found[user.pk] = user
            kept_parts.append(_label(user))
        if unknown or several:
            # The box keeps who was found; the ticked boxes keep their choice on the next try.
            self.widget.shown_text = ", ".join(kept_parts)
            errors = [
                forms.ValidationError(self.error_messages["none"], params={"text": part})
                for part in unknown
            ] + [
                forms.ValidationError(self.error_messages["several"], params={"text": part})
                for part in several
            ]
            raise forms.ValidationError(errors)
        # Shown again (another field refused), the box names everyone chosen.
        self.widget.shown_text = ", ".join(_label(user) for user in found.values())
        return list(found.values())
