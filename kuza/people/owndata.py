"""A person's own data: download all of it, or delete the account.

Deleting an account removes personal data and keeps contributions anonymous:

- removed: profile details (the row stays, emptied and hidden, so other apps' links hold),
  languages, skill claims, memberships, contact requests sent *and* received (they are
  private conversations), blocks made and received, API tokens, email addresses and
  linked Wikimedia/social accounts, code-of-conduct acceptances stay (they hold no
  personal data beyond the anonymised user);
- kept, anonymised: the user row, renamed `deleted-<id>`, without email, name or usable
  password, and inactive, so that contributions other apps recorded (campaign edits,
  mentorship history, course progress) stay counted without naming anyone.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kuza.people.models import ContactRequest, Membership, Profile, Visibility
from kuza.people.services import PROFILE_FIELDS, map_changed
from kuza.safety.models import Block, SafetyPreferences
from kuza.safety.selectors import preferences_of

EXPORT_FORMAT = 1


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _name_of(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.display_name if profile else user.get_username()


def my_data_export(user) -> dict:
    """Everything Kuza's people app holds about `user`, as JSON-ready data."""
    profile = Profile.objects.filter(user=user).first()
    data: dict = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "profile": None,
        "languages": [],
        "skills": [],
    }
    if profile is not None:
        data["profile"] = {
            name: (str(getattr(profile, name)) if name == "country" else getattr(profile, name))
            for name in PROFILE_FIELDS
        }
        data["profile"]["wikimedia_verified"] = profile.wikimedia_verified
        data["profile"]["hide_from_map"] = preferences_of(user).hide_from_map
        data["languages"] = [
            {"tag": language.tag, "proficiency": language.proficiency}
            for language in profile.languages.all()
        ]
        data["skills"] = [
            {
                "skill": claim.skill.slug,
                "level": claim.level,
                "knows": claim.knows,
                "wants_to_learn": claim.wants_to_learn,
                "can_mentor": claim.can_mentor,
                "offers_service": claim.offers_service,
                "evidence_url": claim.evidence_url,
            }
            for claim in profile.skill_claims.select_related("skill").order_by("skill__slug")
        ]
    data["organisations"] = [
        {"organisation": membership.organisation.slug, "role": membership.role}
        for membership in Membership.objects.filter(user=user).select_related("organisation")
    ]
    data["contact_requests_sent"] = [
        {
            "to": _name_of(request.recipient),
            "message": request.message,
            "sent_at": _iso(request.created_at),
            "status": request.status,
            "answer": request.answer,
        }
        for request in ContactRequest.objects.filter(sender=user).select_related(
            "recipient__profile"
        )
    ]
    data["contact_requests_received"] = [
        {
            "from": _name_of(request.sender),
            "message": request.message,
            "received_at": _iso(request.created_at),
            "status": request.status,
            "answer": request.answer,
        }
        for request in ContactRequest.objects.filter(recipient=user).select_related(
            "sender__profile"
        )
    ]
    data["blocks"] = [
        {"blocked": _name_of(block.blocked), "since": _iso(block.created_at)}
        for block in Block.objects.filter(blocker=user).select_related("blocked__profile")
    ]
    data["api_tokens"] = [
        {"name": token.name, "created_at": _iso(token.created_at), "revoked": not token.is_active}
        for token in user.api_tokens.all()
    ]
    data["code_of_conduct_accepted"] = [
        {"version": acceptance.conduct.version, "accepted_at": _iso(acceptance.accepted_at)}
        for acceptance in user.conduct_acceptances.select_related("conduct")
    ]
    return data


def account_delete(*, user) -> None:
    """Remove `user`'s personal data and deactivate the account (see the module docstring)."""
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount

    with transaction.atomic():
        profile = Profile.objects.filter(user=user).first()
        if profile is not None:
            profile.languages.all().delete()
            profile.skill_claims.all().delete()
            blank = Profile(user=user, display_name="")
            for name in PROFILE_FIELDS:
                setattr(profile, name, getattr(blank, name))
            profile.visibility = Visibility.ONLY_ME
            profile.wikimedia_verified = False
            profile.save()
        Membership.objects.filter(user=user).delete()
        ContactRequest.objects.filter(sender=user).delete()
        ContactRequest.objects.filter(recipient=user).delete()
        Block.objects.filter(blocker=user).delete()
        Block.objects.filter(blocked=user).delete()
        SafetyPreferences.objects.update_or_create(user=user, defaults={"hide_from_map": True})
        user.api_tokens.all().delete()
        EmailAddress.objects.filter(user=user).delete()
        SocialAccount.objects.filter(user=user).delete()
        user.username = f"deleted-{user.pk}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
    map_changed()
