from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from kuza.core import achievements
from kuza.credentials import images
from kuza.credentials.models import AwardRule
from kuza.people.picker import PersonField, PersonPickerForm

MAX_CSV_BYTES = 200 * 1024

IMAGE_ERRORS = {
    "too_large": _("The image is larger than %(size)s KB."),
    "not_png_or_svg": _("Upload a PNG or SVG image."),
    "broken_png": _("This PNG file cannot be read."),
    "bad_dimensions": _("A PNG badge must be between %(low)s and %(high)s pixels on each side."),
    "broken_svg": _("This SVG file cannot be read."),
    "unsafe_svg": _(
        "This SVG contains scripts, event handlers or links to other files; export a plain drawing."
    ),
}


IMAGE_LIMITS = {
    "size": images.MAX_IMAGE_BYTES // 1024,
    "low": images.MIN_PNG_SIDE,
    "high": images.MAX_PNG_SIDE,
}


def image_error(code: str) -> str:
    return str(IMAGE_ERRORS[code]) % IMAGE_LIMITS


def _check_image(upload) -> bytes | None:
    if not upload:
        return None
    if upload.size > images.MAX_IMAGE_BYTES:
        raise forms.ValidationError(image_error("too_large"))
    content = upload.read()
    try:
        images.check_upload(content)
    except images.ImageRejected as rejected:
        raise forms.ValidationError(image_error(rejected.code)) from rejected
    return content


class BadgeClassForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    criteria = forms.CharField(
        label=_("Criteria"),
        max_length=5000,
        help_text=_("What someone must do to earn this badge. Markdown."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("PNG or SVG, at most 256 KB. Leave empty for a generated medal."),
    )
    valid_for_days = forms.IntegerField(
        label=_("Valid for (days)"),
        required=False,
        min_value=1,
        max_value=36500,
        help_text=_("Leave empty for badges that never expire."),
    )
    is_certificate = forms.BooleanField(
        label=_("Holders can download a PDF certificate"), required=False
    )
    alignments = forms.CharField(
        label=_("Aligned skills"),
        required=False,
        max_length=4000,
        help_text=_("One per line: skill name | web address describing it."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_image(self) -> bytes | None:
        return _check_image(self.cleaned_data.get("image"))

    def clean_alignments(self) -> list[dict]:
        aligned = []
        validate = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(self.cleaned_data["alignments"].splitlines(), start=1):
            if not line.strip():
                continue
            name, separator, url = line.partition("|")
            name, url = name.strip(), url.strip()
            try:
                if not separator or not name:
                    raise forms.ValidationError("")
                validate(url)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("Line %(line)s: write a skill name, a | and a web address.")
                    % {"line": number}
                ) from error
            aligned.append({"targetName": name[:200], "targetUrl": url})
        return aligned


class ImageForm(forms.Form):
    image = forms.FileField(label=_("New image"), help_text=_("PNG or SVG, at most 256 KB."))

    def clean_image(self) -> bytes | None:
        return _check_image(self.cleaned_data.get("image"))


class AwardRuleForm(forms.Form):
    """A rule's achievement is picked from what the other apps describe (courses, cohorts,
    campaigns, mentorship), so a rule can never name something that does not exist."""

    achievement = forms.ChoiceField(label=_("What must be achieved"))
    threshold = forms.IntegerField(
        label=_("Threshold"),
        required=False,
        min_value=1,
        help_text=_("For campaigns: the least number of contributions."),
    )

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achievement"].choices = achievement_choices(viewer)

    def clean(self):
        cleaned = super().clean()
        kind, _colon, target_key = cleaned.get("achievement", "").partition(":")
        cleaned["kind"], cleaned["target_key"] = kind, target_key
        if kind == AwardRule.Kind.CAMPAIGN_PARTICIPATION and not cleaned.get("threshold"):
            self.add_error("threshold", _("A campaign rule needs a threshold."))
        return cleaned

    def rule_arguments(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("kind", "target_key", "threshold")}


def achievement_choices(viewer) -> list:
    """One group per kind of achievement: "any" first, then each target `viewer` may see.
    Values are "<kind>:<target key>"."""
    groups = []
    for kind, label in AwardRule.Kind.choices:
        source = achievements.source(kind)
        if source is None:
            continue
        options = [(f"{kind}:", f"{label}: {source.any_label}")]
        options += [
            (f"{kind}:{target.key}", f"{label}: {target.label}")
            for target in source.targets(viewer)
        ]
        groups.append((label, options))
    return groups


class ManualAwardForm(PersonPickerForm):
    person = PersonField(label=_("Recipient"))
    evidence_url = forms.URLField(
        label=_("Evidence (web address)"), required=False, assume_scheme="https"
    )
    narrative = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CsvAwardForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("One username per line; optionally a second column with an evidence link."),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s KB.") % {"size": MAX_CSV_BYTES // 1024}
            )
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("Save the file as UTF-8 text.")) from error


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Published in the issuer's revocation list."),
    )
