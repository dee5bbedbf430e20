"""People, their skills and languages, organisations, and contact between members.

Privacy: every profile and every group of fields has a `Visibility`. A viewer is granted a
tier for each profile (see `kuza.people.visibility`) and sees a field only when both the
profile's and the field's visibility are within that tier.
"""

from __future__ import annotations

from functools import cache

import langcodes
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from kuza.core.timezones import is_time_zone


class Visibility(models.IntegerChoices):
    """Who may see something; ordered from most open to most private."""

    PUBLIC = 0, _("Everyone, also visitors who are not logged in")
    MEMBERS = 1, _("Members of Kuza")
    MENTORS_AND_ORGANISERS = 2, _("My mentors and organisers only")
    ONLY_ME = 3, _("Only me")


def validate_time_zone(value: str) -> None:
    if value and not is_time_zone(value):
        raise ValidationError(
            _("“%(value)s” is not a time zone name; use one like Africa/Nairobi."),
            params={"value": value},
        )


def validate_language_tag(value: str) -> None:
    if not langcodes.tag_is_valid(value):
        raise ValidationError(
            _("“%(value)s” is not a language tag; use one like sw, fr, ar or pcm."),
            params={"value": value},
        )


def visibility_field(label) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, choices=Visibility.choices, default=Visibility.MEMBERS
    )


class Profile(models.Model):
    """What a person tells the community about themself."""

    class Contact(models.TextChoices):
        PLATFORM = "platform", _("A message on Kuza")
        EMAIL_RELAY = "email_relay", _("Email, relayed by Kuza (my address stays hidden)")
        TALK_PAGE = "talk_page", _("My talk page on the wiki")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=100)
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    wikimedia_username = models.CharField(_("Wikimedia username"), max_length=85, blank=True)
    wikimedia_verified = models.BooleanField(_("Wikimedia username verified"), default=False)
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_time_zone]
    )
    affiliations = models.CharField(
        _("affiliations"),
        max_length=300,
        blank=True,
        help_text=_("Groups, chapters, universities or employers you want to mention."),
    )
    bio = models.TextField(
        _("about me"),
        blank=True,
        validators=[MaxLengthValidator(2000)],
        help_text=_("A few lines; Markdown is allowed."),
    )
    availability_hours = models.PositiveSmallIntegerField(
        _("available hours per month"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(200)],
    )
    preferred_contact = models.CharField(
        _("preferred contact"), max_length=20, choices=Contact.choices, default=Contact.PLATFORM
    )
    visibility = visibility_field(_("who can see my profile"))
    pronouns_visibility = visibility_field(_("who can see my pronouns"))
    location_visibility = visibility_field(_("who can see my country and region"))
    time_zone_visibility = visibility_field(_("who can see my time zone"))
    languages_visibility = visibility_field(_("who can see my languages"))
    affiliations_visibility = visibility_field(_("who can see my affiliations and organisations"))
    bio_visibility = visibility_field(_("who can see my bio"))
    availability_visibility = visibility_field(_("who can see my availability"))
    skills_visibility = visibility_field(_("who can see my skills"))
    wikimedia_visibility = visibility_field(_("who can see my Wikimedia username"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Copies kept by kuza.people.listing (never set them elsewhere), so that searches read
    # what they filter on from the rows they scan: the account is active (not suspended),
    # and the person is on the capacity map (active, and did not leave it).
    active = models.BooleanField(default=True, editable=False)
    on_map = models.BooleanField(default=True, editable=False)
    # Whether any of the person's claims has each role (searching a role without a skill).
    any_can_mentor = models.BooleanField(default=False, editable=False)
    any_knows = models.BooleanField(default=False, editable=False)
    any_wants_to_learn = models.BooleanField(default=False, editable=False)
    any_offers_service = models.BooleanField(default=False, editable=False)
    # The person's language tags, " en fr sw-KE " (see `language_tags_text`): a search by
    # language reads them from the row it already has.
    language_tags = models.CharField(max_length=400, blank=True, editable=False)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        indexes = [
            models.Index(fields=["country", "region"], name="profile_country_region"),
            models.Index(fields=["visibility", "skills_visibility"], name="profile_visibility"),
            # Search results are sorted by name: the first page reads the index in order,
            # among active people only.
            models.Index(
                fields=["display_name", "id"],
                name="profile_active_name_order",
                condition=models.Q(active=True),
            ),
            # The same within one country (most searches name one).
            models.Index(
                fields=["country", "display_name", "id"],
                name="profile_active_country_name",
                condition=models.Q(active=True),
            ),
            # The same among mentors, and among people offering a service: few of everyone,
            # so "mentors who speak Arabic" reads them, not every profile (61 -> 30 ms at
            # 100,000 profiles). Knowing and wanting to learn are most people's: no gain.
            models.Index(
                fields=["display_name", "id"],
                name="profile_mentor_name_order",
                condition=models.Q(active=True, any_can_mentor=True),
            ),
            models.Index(
                fields=["display_name", "id"],
                name="profile_service_name_order",
                condition=models.Q(active=True, any_offers_service=True),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name


def language_tags_text(tags) -> str:
    """Profile.language_tags: each tag between spaces, so " sw " and " sw-" find a language."""
    return f" {' '.join(sorted(tags))} " if tags else ""


def speaks_q(tag: str, prefix: str = "") -> models.Q:
    """Rows (of `prefix` + a model with language_tags) whose person speaks `tag` or a
    regional variant of it ("sw" also finds "sw-KE")."""
    column = f"{prefix}language_tags__contains"
    return models.Q(**{column: f" {tag} "}) | models.Q(**{column: f" {tag}-"})


class ProfileLanguage(models.Model):
    class Proficiency(models.IntegerChoices):
        BASIC = 1, _("Basic")
        INTERMEDIATE = 2, _("Intermediate")
        ADVANCED = 3, _("Advanced")
        NATIVE = 4, _("Native or fluent")

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    tag = models.CharField(
        _("language"),
        max_length=35,
        validators=[validate_language_tag],
        help_text=_("A language tag such as sw, fr, ar, yo or pcm."),
    )
    proficiency = models.PositiveSmallIntegerField(
        _("proficiency"), choices=Proficiency.choices, default=Proficiency.INTERMEDIATE
    )

    class Meta:
        ordering = ["-proficiency", "tag"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "tag"], name="one_entry_per_language"),
        ]
        indexes = [models.Index(fields=["tag", "profile"], name="profile_language_tag")]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return f"{self.tag} ({self.proficiency})"

    @property
    def name(self) -> str:
        """The language's name in that language itself, e.g. Kiswahili, العربية."""
        return language_own_name(self.tag)


@cache
def language_own_name(tag: str) -> str:
    try:
        return langcodes.Language.get(tag).display_name(tag)
    except (LookupError, ValueError):
        return tag


# What a skill claim copies from its person's profile (see SkillClaim) and its role flags.
SEARCH_COPIES = (
    "user_id",
    "language_tags",
    "display_name",
    "country",
    "availability_hours",
    "visibility",
    "skills_visibility",
    "location_visibility",
    "languages_visibility",
    "availability_visibility",
)
ROLE_COLUMNS = ("can_mentor", "knows", "wants_to_learn", "offers_service")


class SkillClaim(models.Model):
    """What a person says about one skill: knows it, wants to learn it, mentors, offers it."""

    class Level(models.IntegerChoices):
        BEGINNER = 1, _("1 – beginner")
        PRACTISING = 2, _("2 – practising")
        CONFIDENT = 3, _("3 – confident")
        EXPERT = 4, _("4 – expert, can teach it")

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skill_claims")
    skill = models.ForeignKey(
        "skills.Skill", on_delete=models.CASCADE, related_name="claims", verbose_name=_("skill")
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=Level.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    knows = models.BooleanField(_("I know it"), default=False)
    wants_to_learn = models.BooleanField(_("I want to learn it"), default=False)
    can_mentor = models.BooleanField(_("I can mentor it"), default=False)
    offers_service = models.BooleanField(_("I offer it as a one-time service"), default=False)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Copies of the person's profile kept by kuza.people.listing (never set them elsewhere),
    # named as on Profile so that `visibility.visible_q` reads them as they are: a search by
    # skill filters, ranks and counts from the claims' own index, without visiting each
    # person's profile. Until they are copied, the claim is hidden from everyone.
    user_id = models.IntegerField(default=0, editable=False)
    active = models.BooleanField(default=False, editable=False)
    language_tags = models.CharField(max_length=400, blank=True, editable=False)
    display_name = models.CharField(max_length=100, blank=True, editable=False)
    country = models.CharField(max_length=2, blank=True, editable=False)
    availability_hours = models.PositiveSmallIntegerField(null=True, editable=False)
    visibility = models.PositiveSmallIntegerField(default=Visibility.ONLY_ME, editable=False)
    skills_visibility = models.PositiveSmallIntegerField(default=Visibility.ONLY_ME, editable=False)
    location_visibility = models.PositiveSmallIntegerField(
        default=Visibility.ONLY_ME, editable=False
    )
    languages_visibility = models.PositiveSmallIntegerField(
        default=Visibility.ONLY_ME, editable=False
    )
    availability_visibility = models.PositiveSmallIntegerField(
        default=Visibility.ONLY_ME, editable=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="one_claim_per_skill"),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=4),
                name="claim_level_1_to_4",
            ),
        ]
        indexes = [
            # Covering (on PostgreSQL): searches and the map read the flags from the index.
            models.Index(
                fields=["skill", "profile"],
                name="claim_skill_profile_flags",
                include=["can_mentor", "knows", "wants_to_learn", "offers_service", "level"],
            ),
            # Search by skill: the active people's claims of a skill (in one country, when
            # the search names one), with everything the search filters on and ranks by
            # (on PostgreSQL, read from the index alone).
            models.Index(
                fields=["skill", "country", "profile"],
                name="claim_search",
                condition=models.Q(active=True),
                include=[*SEARCH_COPIES, *ROLE_COLUMNS, "level"],
            ),
        ]
        verbose_name = _("skill claim")
        verbose_name_plural = _("skill claims")

    def __str__(self) -> str:
        return f"{self.profile} – {self.skill}"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        USER_GROUP = "user_group", _("User group")
        CHAPTER = "chapter", _("Chapter")
        THEMATIC = "thematic", _("Thematic organisation")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    website = models.URLField(_("website"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        MEMBER = "member", _("Member")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership"),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.role})"


class OrganisationLanguage(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="languages"
    )
    tag = models.CharField(_("language"), max_length=35, validators=[validate_language_tag])

    class Meta:
        ordering = ["tag"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "tag"], name="one_organisation_language"
            ),
        ]
        verbose_name = _("organisation language")
        verbose_name_plural = _("organisation languages")

    def __str__(self) -> str:
        return self.tag

    @property
    def name(self) -> str:
        return language_own_name(self.tag)


class OrganisationSkill(models.Model):
    class Kind(models.TextChoices):
        NEEDS = "needs", _("Needs")
        OFFERS = "offers", _("Offers")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(
        "skills.Skill", on_delete=models.CASCADE, related_name="organisations"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "skill", "kind"], name="one_organisation_skill_kind"
            ),
        ]
        verbose_name = _("organisation skill")
        verbose_name_plural = _("organisation skills")

    def __str__(self) -> str:
        return f"{self.organisation} {self.kind} {self.skill}"


class ContactRequest(models.Model):
    """A short first message from one member to another; email addresses are never shared."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")
        IGNORED = "ignored", _("Ignored")
        BLOCKED = "blocked", _("Sender blocked")

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_requests_sent"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
    )
    message = models.TextField(_("message"), validators=[MaxLengthValidator(1000)])
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    answer = models.TextField(_("answer"), blank=True, validators=[MaxLengthValidator(1000)])
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "status"], name="contact_inbox"),
            models.Index(fields=["sender", "created_at"], name="contact_sent"),
        ]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}"


class CapacityCount(models.Model):
    """Precomputed capacity map figures: the people of one tier bucket in one country for one
    filter (see kuza.people.capacity_contribution). Kept by kuza.people.listing."""

    key = models.CharField(max_length=24)
    language = models.CharField(max_length=35)
    tier = models.PositiveSmallIntegerField()
    country = models.CharField(max_length=2)
    people = models.IntegerField(default=0)
    mentors = models.IntegerField(default=0)
    knows = models.IntegerField(default=0)
    learners = models.IntegerField(default=0)
    services = models.IntegerField(default=0)
    offers = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "language", "tier", "country"], name="one_capacity_count"
            ),
        ]
        verbose_name = _("capacity count")
        verbose_name_plural = _("capacity counts")

    def __str__(self) -> str:
        return f"{self.key or '*'}/{self.language or '*'}/{self.tier}/{self.country}"


class CapacityContribution(models.Model):
    """What one profile adds to CapacityCount now, to take it back when the profile changes.

    Not a foreign key: it outlives its profile until the map subtracts it.
    """

    profile_id = models.IntegerField(primary_key=True)
    user_id = models.IntegerField(db_index=True)
    buckets = models.JSONField(default=list)  # [[key, language, tier, country, *figures]]
    # Counted only from the "my mentors and organisers" tier on, for some filter.
    close_only = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["user_id"],
                name="contribution_close_only",
                condition=models.Q(close_only=True),
            )
        ]

    def __str__(self) -> str:
        return f"profile {self.profile_id}"
