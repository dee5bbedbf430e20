from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kuza.campaigns.hashtags import normalize_hashtag
from kuza.campaigns.models import Campaign, Wiki
from kuza.campaigns.selectors import wiki_choices
from kuza.campaigns.services import MAX_BULK_NAMES, parse_worklist
from kuza.core.timezones import TimeZoneField
from kuza.translation.languages import content_languages, language_name

_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class _LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=_LOCAL_FORMAT)


class CampaignForm(forms.ModelForm):
    """Start and end are typed as wall-clock times in the campaign's own time zone."""

    start = forms.DateTimeField(
        label=_("Start"), widget=_LocalDateTimeInput(), input_formats=[_LOCAL_FORMAT]
    )
    end = forms.DateTimeField(
        label=_("End"),
        widget=_LocalDateTimeInput(),
        input_formats=[_LOCAL_FORMAT],
        help_text=_("The first moment no longer counted, in the campaign's time zone."),
    )
    time_zone = TimeZoneField(label=_("Time zone"), initial="UTC")
    language = forms.ChoiceField(
        label=_("Language of the texts"),
        required=False,
        help_text=_("The language you write the name and description in; translators add others."),
    )
    wikis = forms.ModelMultipleChoiceField(
        label=_("Wikis"), queryset=wiki_choices(), widget=forms.CheckboxSelectMultiple
    )
    worklist = forms.CharField(
        label=_("Worklist (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One page per line as wiki id, colon, title (frwikiquote: Maya Angelou). When "
            "given, only these pages count."
        ),
    )

    series_name = forms.CharField(
        label=_("Series (optional)"),
        required=False,
        max_length=200,
        help_text=_(
            "The name shared by every edition of a recurring campaign, for example SheSaid; "
            "the series page adds the editions up."
        ),
    )

    class Meta:
        model = Campaign
        fields = [
            "name",
            "slug",
            "language",
            "description",
            "hashtag",
            "time_zone",
            "start",
            "end",
            "is_open",
            "hashtag_required",
            "exclude_bots",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The wiki id is what worklist lines start with, so it is shown with each name.
        self.fields["language"].choices = [
            (code, language_name(code)) for code in content_languages()
        ]
        self.fields["wikis"].label_from_instance = lambda wiki: f"{wiki.name} ({wiki.db_name})"
        campaign = self.instance
        if campaign.pk:
            del self.fields["slug"]  # addresses of published pages stay stable
            zone = ZoneInfo(campaign.time_zone)
            self.initial["start"] = campaign.start.astimezone(zone).replace(tzinfo=None)
            self.initial["end"] = campaign.end.astimezone(zone).replace(tzinfo=None)
            self.initial["wikis"] = list(campaign.wikis.all())
            self.initial["series_name"] = campaign.series.name if campaign.series else ""
            self.initial["worklist"] = "\n".join(
                f"{row.wiki.db_name}: {title}"
                for row in campaign.campaign_wikis.select_related("wiki")
                for title in row.worklist_titles()
            )

    def clean_language(self) -> str:
        # Left empty (an older form, a script): the campaign keeps the language it has.
        return self.cleaned_data.get("language") or self.instance.language

    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"].strip()
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(_("Unknown time zone; try a name like Africa/Lagos.")) from None
        return name

    def clean_hashtag(self) -> str:
        raw = self.cleaned_data["hashtag"].strip()
        if not raw:
            return ""
        try:
            return "#" + normalize_hashtag(raw)
        except ValueError:
            raise ValidationError(
                _("A hashtag is letters, digits and underscores, like #SheSaid.")
            ) from None

    def clean(self) -> dict:
        data = super().clean()
        zone_name = data.get("time_zone")
        start, end = data.get("start"), data.get("end")
        if zone_name and isinstance(start, datetime) and isinstance(end, datetime):
            zone = ZoneInfo(zone_name)
            data["start"] = start.replace(tzinfo=None).replace(tzinfo=zone)
            data["end"] = end.replace(tzinfo=None).replace(tzinfo=zone)
            if data["start"] >= data["end"]:
                self.add_error("end", _("The campaign must end after it starts."))
        if data.get("is_open") and not data.get("hashtag"):
            self.add_error("hashtag", _("An open campaign counts edits by their hashtag."))
        if data.get("hashtag_required") and not data.get("hashtag"):
            self.add_error("hashtag", _("Give the hashtag that edits must carry."))
        wikis = list(data.get("wikis") or [])
        if wikis:
            try:
                parse_worklist(data.get("worklist", ""), wikis)
            except ValidationError as error:
                self.add_error("worklist", error)
        return data


class JoinForm(forms.Form):
    wiki_username = forms.CharField(
        label=_("Your user name on the wikis"),
        max_length=255,
        help_text=_("As it appears in page histories, for example Amina Odhiambo."),
    )
    hidden_from_leaderboard = forms.BooleanField(
        label=_("Hide me from the leaderboard (my edits still count in the totals)"),
        required=False,
    )


class HideForm(forms.Form):
    hidden = forms.BooleanField(required=False)


class BulkAddForm(forms.Form):
    usernames = forms.CharField(
        label=_("Wiki user names, one per line"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["usernames"].help_text = gettext(
            "Up to %(count)d at once. Each name is checked on the campaign's wikis; names no "
            "wiki knows are reported and not added."
        ) % {"count": MAX_BULK_NAMES}


class WikiAddForm(forms.Form):
    api_url = forms.URLField(
        label=_("Address of the wiki's api.php"),
        max_length=300,
        assume_scheme="https",
        help_text=_("For example https://fr.wikiquote.org/w/api.php."),
    )


class GoalForm(forms.Form):
    metric = forms.ChoiceField(label=_("Figure"))
    target = forms.IntegerField(label=_("Target"), min_value=1, max_value=10**9)

    def __init__(self, *args, **kwargs) -> None:
        from kuza.campaigns.catalogue import goal_metrics

        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [(m.key, m.label) for m in goal_metrics()]


class InvitationListForm(forms.Form):
    wiki = forms.ModelChoiceField(label=_("Wiki"), queryset=Wiki.objects.none())
    titles = forms.CharField(
        label=_("Page titles, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    category = forms.CharField(
        label=_("Or a category"),
        required=False,
        max_length=255,
        help_text=_("Its articles are used instead of the titles, for example Women writers."),
    )
    days = forms.IntegerField(
        label=_("Over the last days"), min_value=1, max_value=3650, initial=365
    )

    def __init__(self, *args, campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wiki"].queryset = campaign.wikis.all()

    def clean(self) -> dict:
        data = super().clean()
        if not (data.get("titles") or "").strip() and not (data.get("category") or "").strip():
            raise ValidationError(_("Give page titles or a category."))
        return data


class OptOutForm(forms.Form):
    opted_out = forms.BooleanField(
        label=_("Do not suggest me to campaign organisers looking for editors to invite"),
        required=False,
    )
