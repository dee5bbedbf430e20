"""Who may translate, see progress and grant translator roles.

- A translator for a language has a TranslatorRole for it; staff may translate any language.
- Organisers are people with the "organiser" role (people.Membership) in any organisation.
  They, and staff, grant and revoke translator roles and see every object's progress.
- Translators see progress too (of every object, in every language), and export and import
  files for their languages.
Everyone, signed in or not, reads translated content.
"""

from __future__ import annotations

from kuza.accounts.selectors import is_signed_in
from kuza.people.models import Membership
from kuza.translation.models import TranslatorRole


def is_organiser(user) -> bool:
    return (
        is_signed_in(user)
        and Membership.objects.filter(user=user, role=Membership.Role.ORGANISER).exists()
    )


def can_manage_translators(user) -> bool:
    return is_signed_in(user) and (user.is_staff or is_organiser(user))


def translator_languages(user) -> frozenset[str]:
    if not is_signed_in(user):
        return frozenset()
    return frozenset(TranslatorRole.objects.filter(user=user).values_list("language", flat=True))


def can_translate(user, language: str) -> bool:
    if not is_signed_in(user):
        return False
    return user.is_staff or TranslatorRole.objects.filter(user=user, language=language).exists()


def can_view_progress(user) -> bool:
    if not is_signed_in(user):
        return False
    return user.is_staff or is_organiser(user) or TranslatorRole.objects.filter(user=user).exists()
