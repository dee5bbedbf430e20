"""Forms of the people app: validation at the edge, with translatable messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from kuza.core.languages import LanguageNamesWidget
from kuza.core.timezones import TimeZoneField
from kuza.people.capacity import METRICS
from kuza.people.contact import MESSAGE_LIMIT
from kuza.people.models import Organisation, Profile, ProfileLanguage, SkillClaim
from kuza.people.services import PROFILE_FIELDS, PeopleError, normalise_language_tag
from kuza.skills.models import Skill
from kuza.skills.selectors import category_list, skill_list

ROLE_CHOICES = [
    ("", _("Any role")),
    ("mentor", _("Can mentor")),
    ("learner", _("Wants to learn")),
    ("service", _("Offers a one-time service")),
    ("knows", _("Knows it")),
]


def _skill_choices(empty_label) -> list[tuple[str, str]]:
    return [("", empty_label)] + [(skill.slug, skill.label) for skill in skill_list()]


def _country_choices(empty_label) -> list[tuple[str, str]]:
    return [("", empty_label)] + [(code, name) for code, name in countries]


def _clean_language(value: str) -> str:
    if not value:
        return ""
    try:
        return normalise_language_tag(value)
    except PeopleError as error:
        raise forms.ValidationError(str(error)) from error


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField(label=_("time zone"), required=False)

    class Meta:
        model = Profile
        fields = [name for name in PROFILE_FIELDS]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        }
        help_texts = {
            "wikimedia_username": _(
                "Shown as verified when you log in with your Wikimedia account."
            ),
        }

    # Each "who can see" choice comes right after the fields it governs, not at the bottom of a
    # long form; languages and skills are edited on their own pages, so their choices close it.
    field_order = [
        "display_name",
        "visibility",
        "pronouns",
        "pronouns_visibility",
        "country",
        "region",
        "location_visibility",
        "time_zone",
        "time_zone_visibility",
        "affiliations",
        "affiliations_visibility",
        "bio",
        "bio_visibility",
        "availability_hours",
        "availability_visibility",
        "preferred_contact",
        "wikimedia_username",
        "wikimedia_visibility",
        "languages_visibility",
        "skills_visibility",
    ]


class LanguageForm(forms.Form):
    tag = forms.CharField(
        label=_("Language"),
        max_length=60,
        required=False,
        widget=LanguageNamesWidget,
        help_text=_("Its name, e.g. Kiswahili or French."),
    )
    proficiency = forms.TypedChoiceField(
        label=_("Proficiency"),
        choices=ProfileLanguage.Proficiency.choices,
        coerce=int,
        initial=ProfileLanguage.Proficiency.INTERMEDIATE,
    )

    def clean_tag(self) -> str:
        return _clean_language(self.cleaned_data["tag"])


LanguageFormSet = forms.formset_factory(LanguageForm, extra=2, max_num=20, validate_max=True)


class SkillClaimForm(forms.Form):
    skill = forms.ChoiceField(label=_("Skill"))
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=[("", _("No level"))] + SkillClaim.Level.choices,
        coerce=int,
        empty_value=None,
        required=False,
    )
    knows = forms.BooleanField(label=_("I know it"), required=False)
    wants_to_learn = forms.BooleanField(label=_("I want to learn it"), required=False)
    can_mentor = forms.BooleanField(label=_("I can mentor it"), required=False)
    offers_service = forms.BooleanField(label=_("I offer it as a one-time service"), required=False)
    evidence_url = forms.URLField(
        label=_("Evidence link"),
        required=False,
        assume_scheme="https",
        help_text=_("Optional: a page that shows your work, e.g. a dashboard or an article."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = _skill_choices(_("Choose a skill"))

    def clean_skill(self) -> Skill:
        skill = Skill.objects.filter(slug=self.cleaned_data["skill"]).first()
        if skill is None:
            raise forms.ValidationError(_("Choose a skill from the list."))
        return skill

    def clean(self) -> dict:
        data = super().clean()
        flags = ("knows", "wants_to_learn", "can_mentor", "offers_service")
        if not any(data.get(flag) for flag in flags) and data.get("level") is None:
            raise forms.ValidationError(
                _("Say at least one thing: you know it, want to learn it, mentor it or offer it.")
            )
        return data


class WelcomeForm(forms.Form):
    """The short onboarding after sign-up: who you are, a skill each way, what brings you."""

    MENTOR, COURSE, CAMPAIGN, LOOKING = "mentor", "course", "campaign", "looking"
    REASONS = [
        (MENTOR, _("A mentor")),
        (COURSE, _("A course")),
        (CAMPAIGN, _("A campaign")),
        (LOOKING, _("Just looking around")),
    ]

    display_name = forms.CharField(label=_("Your name, as others will see it"), max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    knows = forms.ChoiceField(label=_("A skill you know"), required=False)
    wants = forms.ChoiceField(label=_("A skill you want to learn"), required=False)
    reason = forms.ChoiceField(
        label=_("What brings you to Kuza?"),
        choices=REASONS,
        initial=LOOKING,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices(_("Choose a country"))
        skills = _skill_choices(_("Choose a skill"))
        self.fields["knows"].choices = skills
        self.fields["wants"].choices = skills

    def _skill(self, field: str) -> Skill | None:
        slug = self.cleaned_data[field]
        return Skill.objects.filter(slug=slug).first() if slug else None

    def clean_knows(self) -> Skill | None:
        return self._skill("knows")

    def clean_wants(self) -> Skill | None:
        return self._skill("wants")


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=ROLE_CHOICES)
    language = forms.CharField(
        label=_("Language"), required=False, max_length=35, help_text=_("e.g. sw, fr, ar")
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.CharField(label=_("Region"), required=False, max_length=100)
    min_hours = forms.IntegerField(
        label=_("At least this many hours a month"), required=False, min_value=0, max_value=200
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = _skill_choices(_("Any skill"))
        self.fields["country"].choices = _country_choices(_("Any country"))

    def clean_language(self) -> str:
        return _clean_language(self.cleaned_data["language"])


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    kind = forms.ChoiceField(
        label=_("Skill is"),
        required=False,
        choices=[("", _("Needed or offered")), ("needs", _("Needed")), ("offers", _("Offered"))],
    )
    language = forms.CharField(label=_("Language"), required=False, max_length=35)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = _skill_choices(_("Any skill"))
        self.fields["country"].choices = _country_choices(_("Any country"))

    def clean_language(self) -> str:
        return _clean_language(self.cleaned_data["language"])


class MapForm(forms.Form):
    metric = forms.ChoiceField(
        label=_("Show on the map"), required=False, choices=list(METRICS.items())
    )
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    language = forms.CharField(label=_("Language"), required=False, max_length=35)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = _skill_choices(_("Any skill"))
        self.fields["category"].choices = [("", _("Any category"))] + [
            (category.slug, category.label) for category in category_list()
        ]

    def clean_language(self) -> str:
        return _clean_language(self.cleaned_data["language"])


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say who you are and why you write. Your email address is not shared."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=MESSAGE_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )


class OrganisationForm(forms.ModelForm):
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        max_length=300,
        widget=LanguageNamesWidget,
        help_text=_("Their names separated by commas, e.g. Kiswahili, English, French."),
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    needs = forms.MultipleChoiceField(label=_("Skills we need"), required=False)
    offers = forms.MultipleChoiceField(label=_("Skills we can offer"), required=False)

    class Meta:
        model = Organisation
        fields = ["name", "kind", "country", "region", "description", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(skill.slug, skill.label) for skill in skill_list()]
        self.fields["needs"].choices = choices
        self.fields["offers"].choices = choices

    def clean_languages(self) -> list[str]:
        tags = [tag for tag in self.cleaned_data["languages"].split(",") if tag.strip()]
        return [_clean_language(tag) for tag in tags]

    def _skills(self, name: str) -> list[Skill]:
        return list(Skill.objects.filter(slug__in=self.cleaned_data[name]))

    def clean_needs(self) -> list[Skill]:
        return self._skills("needs")

    def clean_offers(self) -> list[Skill]:
        return self._skills("offers")


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type your username to confirm"),
        max_length=150,
        help_text=_("This cannot be undone."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm(self) -> str:
        if self.cleaned_data["confirm"].strip() != self.user.get_username():
            raise forms.ValidationError(_("That is not your username."))
        return self.cleaned_data["confirm"]
