"""Recipient identities as Open Badges 2.0 publishes them: a salted SHA-256 of the email.

Pure functions; no Django. A verifier who knows the email and reads the salt from the assertion
recomputes the hash; nobody else learns the address.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SALT_BYTES = 16


def new_salt() -> str:
    return secrets.token_hex(SALT_BYTES)


def normalise_email(email: str) -> str:
    """Email addresses are compared case-insensitively and without surrounding space."""
    return email.strip().lower()


def hash_email(email: str, salt: str) -> str:
    """`sha256$<hex>` of the normalised email followed by the salt, as the spec defines."""
    digest = hashlib.sha256((normalise_email(email) + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def email_matches(email: str, identity: str, salt: str) -> bool:
    return hmac.compare_digest(hash_email(email, salt), identity.lower())
