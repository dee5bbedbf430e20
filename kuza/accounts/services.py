"""Writes for accounts: code-of-conduct acceptance and personal API tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.accounts.models import ApiToken, CodeOfConduct, ConductAcceptance, User

TOKEN_PREFIX = "kuza"  # noqa: S105 - a public marker, not a secret


class AccountError(Exception):
    """A request about an account that cannot be honoured, with a message for the person."""


def conduct_accept(*, user: User, conduct: CodeOfConduct) -> ConductAcceptance:
    acceptance, _created = ConductAcceptance.objects.get_or_create(
        user=user, conduct=conduct, defaults={"accepted_at": timezone.now()}
    )
    return acceptance


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    plaintext: str  # shown to the person once, never stored


def api_token_create(*, user: User, name: str) -> IssuedToken:
    name = name.strip()
    if not name:
        raise AccountError(_("Give the token a name so you can recognise it later."))
    if len(name) > 100:
        raise AccountError(_("A token name can have at most 100 characters."))
    if user.api_tokens.filter(revoked_at__isnull=True).count() >= 20:
        raise AccountError(_("You have 20 active tokens; revoke one before creating another."))
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=prefix, secret_hash=hash_secret(secret)
        )
    return IssuedToken(token=token, plaintext=f"{TOKEN_PREFIX}_{prefix}_{secret}")


def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise AccountError(_("That token does not exist."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(plaintext: str) -> User | None:
    """The active, unsuspended owner of a presented token, or None."""
    parts = plaintext.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=parts[1], revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(parts[2])):
        return None
    now = timezone.now()
    # Writing on every call would turn each API read into a write; a minute is precise enough.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
