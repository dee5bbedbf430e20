"""Authentication backends: Django's and allauth's, loading the session's user with the
facts every page asks about the member (see `kuza.core.viewers.register_fact`), in one query."""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from kuza.core.viewers import with_facts


class _FactsLoadedWithTheUser:
    def get_user(self, user_id):
        users = get_user_model()._default_manager.filter(pk=user_id)
        user = with_facts(users).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_FactsLoadedWithTheUser, DjangoModelBackend):
    """Django's username and password backend."""


class AuthenticationBackend(_FactsLoadedWithTheUser, AllauthBackend):
    """allauth's backend (login by e-mail, social accounts)."""
