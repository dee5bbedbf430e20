"""Forms of mentorship: validation at the edge, with translatable messages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kuza.core.languages import LanguageNamesWidget
from kuza.mentorship.models import MAX_CAPACITY, TEXT_LIMIT, Format, TimeFrame
from kuza.mentorship.services import MAX_LANGUAGES
from kuza.mentorship.suggestions import standard_tag
from kuza.skills.models import Skill
from kuza.skills.selectors import skill_list


def _skill_choices() -> list[tuple[int, str]]:
    return [(skill.pk, skill.label) for skill in skill_list()]


def _clean_languages(value: str) -> list[str]:
    tags = [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
    if len(tags) > MAX_LANGUAGES:
        raise forms.ValidationError(
            _("Give at most %(count)d languages."), params={"count": MAX_LANGUAGES}
        )
    for tag in tags:
        if standard_tag(tag) is None:
            raise forms.ValidationError(
                _(
                    "“%(value)s” is not a language we know: type its name, such as Kiswahili "
                    "or French."
                ),
                params={"value": tag},
            )
    return tags


class SkillChoiceField(forms.TypedChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(coerce=int, **kwargs)

    def clean(self, value):
        skill_id = super().clean(value)
        return Skill.objects.get(pk=skill_id) if skill_id not in ("", None) else None


class RequestForm(forms.Form):
    skill = SkillChoiceField(label=_("Skill"))
    goals = forms.CharField(
        label=_("Your goals"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What do you want to be able to do at the end?"),
    )
    languages = forms.CharField(
        label=_("Preferred languages"),
        required=False,
        max_length=200,
        widget=LanguageNamesWidget,
        help_text=_(
            "Their names in order of preference, e.g. Kiswahili, English. Empty: your profile's."
        ),
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)
    time_frame = forms.ChoiceField(label=_("Time frame"), choices=TimeFrame.choices)
    round = forms.TypedChoiceField(
        label=_("Round"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Submit into an open round of your organisation; its organisers assign."),
    )

    def __init__(self, *args, rounds=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = _skill_choices()
        self.rounds = {item.pk: item for item in rounds}
        if self.rounds:
            self.fields["round"].choices = [("", _("No round: I choose my mentor"))] + [
                (item.pk, f"{item.title} ({item.organisation.name})")
                for item in self.rounds.values()
            ]
        else:
            del self.fields["round"]

    def clean_languages(self) -> list[str]:
        return _clean_languages(self.cleaned_data["languages"])

    def clean_round(self):
        value = self.cleaned_data.get("round")
        return self.rounds.get(value) if value else None


class AcceptForm(forms.Form):
    goals = forms.CharField(
        label=_("Agreed goals"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Empty keeps the learner's goals."),
    )


class GoalsForm(forms.Form):
    goals = forms.CharField(
        label=_("Agreed goals"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )


class CheckInForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(value, str(value)) for value in range(5, 0, -1)],
        help_text=_("5 is best."),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MentorSettingsForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("How many people I can mentor at once"),
        min_value=0,
        max_value=MAX_CAPACITY,
        help_text=_("0 pauses new requests; your current mentorships go on."),
    )


class RoundForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=150)

    def __init__(self, *args, organisations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {item.pk: item for item in organisations}
        self.fields["organisation"].choices = [
            (item.pk, item.name) for item in self.organisations.values()
        ]

    def clean_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]


class SwapPoolForm(forms.Form):
    offers = forms.TypedMultipleChoiceField(
        label=_("Skills I can teach"), coerce=int, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    wants = forms.TypedMultipleChoiceField(
        label=_("Skills I want to learn"),
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    languages = forms.CharField(
        label=_("Languages I can use"),
        max_length=200,
        widget=LanguageNamesWidget,
        help_text=_("Their names separated by commas, e.g. Kiswahili, English, French."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = _skill_choices()
        self.fields["offers"].choices = choices
        self.fields["wants"].choices = choices

    def clean_languages(self) -> list[str]:
        tags = _clean_languages(self.cleaned_data["languages"])
        if not tags:
            raise forms.ValidationError(_("Give at least one language."))
        return tags
