from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kuza.library.models import Resource
from kuza.library.validation import (
    ResourceInput,
    resource_problems,
    standard_language,
    validate_upload,
)
from kuza.people.picker import PersonField, PersonPickerForm

_ANY = [("", _("Any"))]
_SLUG = re.compile(r"[-a-z0-9_]+")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    audience = forms.ChoiceField(label=_("Audience"), required=False)

    def __init__(self, *args, languages=(), skills=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["kind"].choices = _ANY + list(Resource.Kind.choices)
        self.fields["level"].choices = _ANY + list(Resource.Level.choices)
        self.fields["audience"].choices = _ANY + list(Resource.Audience.choices)
        self.fields["language"].choices = _ANY + list(languages)
        self.fields["skill"].choices = _ANY + list(skills)


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Resource.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)
    language = forms.CharField(
        label=_("Language"),
        max_length=35,
        help_text=_("A language tag: en, fr, ar, sw, pt-BR..."),
    )
    level = forms.ChoiceField(label=_("Level"), choices=Resource.Level.choices)
    audience = forms.ChoiceField(label=_("Audience"), choices=Resource.Audience.choices)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Markdown. The tutorial itself, or a description of the link, file or episode."
        ),
    )
    url = forms.URLField(
        label=_("Address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("For a link: the page. For an episode: where to listen or watch."),
    )
    licence = forms.CharField(
        label=_("Licence"),
        max_length=100,
        required=False,
        help_text=_("For example CC BY-SA 4.0."),
    )
    last_checked = forms.DateField(
        label=_("Link last checked"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    file = forms.FileField(label=_("File"), required=False)
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), required=False, min_value=1, max_value=1000
    )
    transcript = forms.CharField(
        label=_("Transcript"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The full text of an episode, so people on slow connections can read it."),
    )
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=500,
        help_text=_("Short names of skills, separated by commas, e.g. wikidata, event-organising."),
    )
    submit = forms.BooleanField(label=_("Ask a curator to review it now"), required=False)

    def __init__(self, *args, has_file: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.has_file = has_file
        if not self.is_bound and not self.initial.get("language"):
            self.initial["language"] = get_language() or "en"

    def clean_language(self) -> str:
        return standard_language(self.cleaned_data["language"])

    def clean_skills(self) -> list[str]:
        raw = self.cleaned_data["skills"]
        slugs = [part.strip().lower() for part in raw.split(",") if part.strip()]
        if any(len(slug) > 80 or not _SLUG.fullmatch(slug) for slug in slugs):
            raise ValidationError(_("Use short names made of letters, digits and hyphens."))
        return sorted(set(slugs))

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            validate_upload(uploaded)
        return uploaded

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        problems = resource_problems(
            self.to_input(), has_file=self.has_file or bool(cleaned.get("file"))
        )
        for field, message in problems.items():
            self.add_error(field, message)
        return cleaned

    def to_input(self) -> ResourceInput:
        data = self.cleaned_data
        return ResourceInput(
            kind=data["kind"],
            title=data["title"],
            language=data["language"],
            level=data["level"],
            summary=data.get("summary", ""),
            body=data.get("body", ""),
            url=data.get("url", ""),
            licence=data.get("licence", ""),
            last_checked=data.get("last_checked"),
            duration_minutes=data.get("duration_minutes"),
            transcript=data.get("transcript", ""),
            audience=data["audience"],
            skills=data.get("skills", []),
        )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish")), ("reject", _("Send back to the author"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note for the author"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you send it back: say what to improve."),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("note", "").strip():
            self.add_error("note", _("Tell the author why, so they can improve it."))
        return cleaned


class PlanStartForm(forms.Form):
    title = forms.CharField(
        label=_("Name of your plan"),
        max_length=200,
        required=False,
        help_text=_("For example: Edit-a-thon at the Nairobi library, 8 March."),
    )


class TeamMemberForm(PersonPickerForm):
    person = PersonField(label=_("Co-organiser"))


class PlanStepForm(forms.Form):
    """One step of a plan: who does it, by when, and which checklist items are done."""

    assignee = forms.TypedChoiceField(label=_("Assigned to"), required=False, coerce=int)
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    done = forms.TypedMultipleChoiceField(
        label=_("Done"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    seen = forms.TypedMultipleChoiceField(
        required=False, coerce=int, widget=forms.MultipleHiddenInput
    )

    def __init__(self, *args, step, team, **kwargs) -> None:
        items = list(step.items.all())
        done_ids = [item.pk for item in items if item.is_done]
        kwargs.setdefault(
            "initial",
            {
                "assignee": step.assignee_id or "",
                "due_date": step.due_date,
                "done": done_ids,
                "seen": done_ids,
            },
        )
        kwargs.setdefault("prefix", f"step{step.pk}")
        super().__init__(*args, **kwargs)
        self.step_pk = step.pk
        self.team = {member.pk: member for member in team}
        self.fields["assignee"].choices = [("", _("Nobody yet"))] + [
            (member.pk, getattr(getattr(member, "profile", None), "display_name", "") or member)
            for member in team
        ]
        item_choices = [(item.pk, item.text) for item in items]
        self.fields["done"].choices = item_choices
        self.fields["seen"].choices = item_choices

    def clean_assignee(self):
        value = self.cleaned_data.get("assignee")
        return self.team.get(value) if value not in (None, "") else None
