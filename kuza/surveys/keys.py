"""Respondent keys and invitation tokens: how anonymous responses stay unlinkable.

A response to an anonymous survey stores `respondent_key` instead of an account:
an HMAC (keyed with the server's secret key, salted per purpose) of the survey id and either
the account id or the invitation token. The key lets the server find the person's own
response again — to resume it from another device once logged in, and to refuse a second
response — but reading the database (organisers, staff in the admin, a leaked backup, a CSV
export) gives no way back to the account: the hash cannot be reversed, and without the
secret key no one can compute the key of a given member to compare. Tokens themselves are
never stored: an `InvitationToken` row holds only the token's SHA-256, and the
response's key is a different, keyed hash of it, so the two rows cannot be joined either.

Limits, stated plainly: someone holding both the database and the server's secret key could
recompute every member's key for a survey and match it (the server does this itself, without
showing anything, to leave out suspended or hidden members). Responses keep only the day they
were submitted, and invitation tokens no time of use, to make matching by time harder.
"""

from __future__ import annotations

import hashlib
import secrets

from django.utils.crypto import salted_hmac

_SALT = "kuza.surveys.respondent"


def user_key(survey_id: int, user_id: int) -> str:
    return salted_hmac(_SALT, f"survey:{survey_id}:user:{user_id}", algorithm="sha256").hexdigest()


def token_key(survey_id: int, token: str) -> str:
    return salted_hmac(_SALT, f"survey:{survey_id}:token:{token}", algorithm="sha256").hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(18)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
