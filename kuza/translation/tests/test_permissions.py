"""Only translators of a language change its translations; organisers and staff grant roles."""

import pytest
from django.urls import reverse

from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import Membership
from kuza.translation import services
from kuza.translation.models import SourceUnit, TranslatableObject, TranslatorRole, UnitTranslation
from kuza.translation.tests.factories import (
    CodeOfConductFactory,
    MembershipFactory,
    TranslatorRoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    conduct = CodeOfConductFactory(body="Be kind.\n", title="Code")
    return SourceUnit.objects.get(field__translatable__object_id=conduct.pk, text="Be kind.")


def _save_url(unit, language="fr"):
    return reverse("translation:unit_save", args=[unit.field.translatable_id, language, unit.pk])


def _post_translation(client, unit, language="fr"):
    return client.post(
        _save_url(unit, language),
        {"text": "Soyez bienveillant.", "source_hash": unit.source_hash, "action": "save"},
    )


def _persona(kind: str):
    if kind == "member":
        return MembershipFactory().user
    if kind == "organiser":
        return MembershipFactory(role=Membership.Role.ORGANISER).user
    if kind == "translator of another language":
        return TranslatorRoleFactory(language="sw").user
    if kind == "translator":
        return TranslatorRoleFactory(language="fr").user
    if kind == "staff":
        return UserFactory(is_staff=True)
    raise AssertionError(kind)


def test_an_anonymous_post_is_sent_to_log_in_and_saves_nothing(client, unit):
    response = _post_translation(client, unit)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not UnitTranslation.objects.exists()


@pytest.mark.parametrize(
    "kind,allowed",
    [
        ("member", False),
        ("organiser", False),
        ("translator of another language", False),
        ("translator", True),
        ("staff", True),
    ],
)
def test_only_translators_of_the_language_and_staff_save_translations(client, unit, kind, allowed):
    client.force_login(_persona(kind))

    response = _post_translation(client, unit)

    if allowed:
        assert response.status_code == 302
        assert UnitTranslation.objects.get(unit=unit, language="fr").text == "Soyez bienveillant."
    else:
        assert response.status_code == 403
        assert not UnitTranslation.objects.exists()


@pytest.mark.parametrize(
    "kind,status",
    [("member", 403), ("translator of another language", 403), ("translator", 200), ("staff", 200)],
)
def test_the_editor_opens_only_for_translators_of_its_language(client, unit, kind, status):
    client.force_login(_persona(kind))

    response = client.get(reverse("translation:editor", args=[unit.field.translatable_id, "fr"]))

    assert response.status_code == status


def test_the_service_refuses_a_non_translator_whatever_the_interface(unit):
    with pytest.raises(services.TranslationPermissionError):
        services.unit_translation_save(
            user=_persona("translator of another language"),
            unit_id=unit.pk,
            language="fr",
            text="Soyez bienveillant.",
            source_hash_seen=unit.source_hash,
        )
    with pytest.raises(services.TranslationPermissionError):
        services.translation_import(
            user=_persona("member"), data=b"", language="fr", file_format="po"
        )


def test_members_see_how_to_become_a_translator_instead_of_progress(client, unit):
    client.force_login(_persona("member"))

    dashboard = client.get(reverse("translation:dashboard"))
    detail = client.get(reverse("translation:object", args=[TranslatableObject.objects.get().pk]))

    assert dashboard.status_code == 200 and "Ask an organiser" in dashboard.content.decode()
    assert "Code v" not in dashboard.content.decode()
    assert detail.status_code == 403


@pytest.mark.parametrize(
    "kind,allowed",
    [("member", False), ("translator", False), ("organiser", True), ("staff", True)],
)
def test_organisers_and_staff_grant_translator_roles(client, kind, allowed):
    newcomer = UserFactory(username="newcomer")
    client.force_login(_persona(kind))

    response = client.post(
        reverse("translation:translators"), {"person": "newcomer", "language": "sw"}
    )

    assert response.status_code == (302 if allowed else 403)
    assert TranslatorRole.objects.filter(user=newcomer, language="sw").exists() == allowed


def test_organisers_revoke_roles_and_members_cannot(client):
    role = TranslatorRoleFactory(language="ar")
    client.force_login(_persona("member"))
    refused = client.post(reverse("translation:translator_revoke", args=[role.pk]))
    client.force_login(_persona("organiser"))
    accepted = client.post(reverse("translation:translator_revoke", args=[role.pk]))

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert not TranslatorRole.objects.exists()


def test_granting_to_an_unknown_person_shows_an_error(client):
    client.force_login(_persona("staff"))

    response = client.post(
        reverse("translation:translators"), {"person": "nobody", "language": "sw"}
    )

    assert response.status_code == 200
    assert "Nobody you can see matches" in response.content.decode()


def test_downloads_need_a_translator_organiser_or_staff(client, unit):
    url = reverse("translation:export_object", args=[unit.field.translatable_id, "fr", "po"])
    client.force_login(_persona("member"))
    refused = client.get(url)
    client.force_login(_persona("organiser"))
    allowed = client.get(url)

    assert refused.status_code == 403
    assert allowed.status_code == 200 and b"Be kind." in allowed.content


def test_removing_a_translator_asks_first(client):
    role = TranslatorRoleFactory(language="ar")
    url = reverse("translation:translator_revoke", args=[role.pk])
    client.force_login(_persona("member"))
    assert client.get(url).status_code == 403
    client.force_login(_persona("organiser"))

    html = client.get(url).content.decode()

    assert "<h1>Remove a translator?</h1>" in html and f'action="{url}"' in html
    assert TranslatorRole.objects.filter(pk=role.pk).exists()
    assert (
        client.get(reverse("translation:translators")).content.decode().count(f'href="{url}"') == 1
    )
