"""PO and XLIFF files: export from the database, translate elsewhere, import, read."""

import io
from copy import deepcopy

import pytest
from babel.messages.pofile import read_po, write_po
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from kuza.translation import selectors
from kuza.translation.models import TranslatableObject, UnitTranslation
from kuza.translation.tests.factories import CodeOfConductFactory, TranslatorRoleFactory
from kuza.translation.xliff import XLIFF_NAMESPACE, parse_xml_safely

pytestmark = pytest.mark.django_db

BODY = "# Be kind\n\nEveryone is welcome here.\n\n- Listen first\n- Ask before sharing\n"
FRENCH = {
    "Community code": "Code de la communauté",
    "Be kind": "Soyez bienveillant",
    "Everyone is welcome here.": "Tout le monde est bienvenu ici.",
    "Listen first": "Écouter d'abord",
    "Ask before sharing": "Demander avant de partager",
}


@pytest.fixture
def translator(client):
    role = TranslatorRoleFactory(language="fr")
    client.force_login(role.user)
    return role.user


@pytest.fixture
def conduct():
    return CodeOfConductFactory(body=BODY, title="Community code")


def _export(client, conduct, file_format="po", language="fr") -> bytes:
    translatable = TranslatableObject.objects.get(object_id=conduct.pk)
    response = client.get(
        reverse("translation:export_object", args=[translatable.pk, language, file_format])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def _translate_po(data: bytes, translations: dict[str, str]) -> bytes:
    catalog = read_po(io.BytesIO(data))
    for message in catalog:
        if message.id in translations:
            message.string = translations[message.id]
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    return buffer.getvalue()


def _upload(client, data: bytes, name: str, language="fr"):
    return client.post(
        reverse("translation:import"),
        {"language": language, "file": SimpleUploadedFile(name, data)},
    )


def test_po_round_trip_exports_translates_imports_and_shows_the_page_in_french(
    client, translator, conduct
):
    exported = _export(client, conduct)
    catalog = read_po(io.BytesIO(exported))
    assert {message.id for message in catalog if message.id} == set(FRENCH)
    assert all(
        message.context.startswith("accounts.codeofconduct:") for message in catalog if message.id
    )

    response = _upload(client, _translate_po(exported, FRENCH), "conduct.fr.po")

    assert response.status_code == 200
    assert "5 translations saved" in response.content.decode()
    assert UnitTranslation.objects.filter(language="fr", translator=translator).count() == 5
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("code_of_conduct")).content.decode()
    assert "<h2>Soyez bienveillant</h2>" in page and "<li>Écouter d'abord</li>" in page
    assert 'role="note"' not in page.split("<main")[1]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(client, translator, conduct):
    translated = _translate_po(_export(client, conduct), FRENCH)
    _upload(client, translated, "conduct.fr.po")
    stamps = list(UnitTranslation.objects.order_by("pk").values_list("updated_at", flat=True))

    response = _upload(client, translated, "conduct.fr.po")

    assert "0 translations saved" in response.content.decode()
    assert (
        list(UnitTranslation.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    )


def test_an_import_after_the_source_changed_reports_the_conflict_and_keeps_the_old_state(
    client, translator, conduct
):
    exported = _export(client, conduct)
    conduct.body = BODY.replace("Everyone is welcome here.", "Everyone is welcome here, always.")
    conduct.save()

    response = _upload(client, _translate_po(exported, FRENCH), "conduct.fr.po")

    page = response.content.decode()
    assert "1 conflict: not imported" in page
    assert "Everyone is welcome here, always." in page  # the current source, beside the file's
    assert not UnitTranslation.objects.filter(unit__text__startswith="Everyone").exists()
    assert UnitTranslation.objects.filter(language="fr").count() == 4


def test_entries_for_deleted_units_are_listed_as_unknown(client, translator, conduct):
    exported = _export(client, conduct)
    conduct.body = BODY.replace("- Listen first\n", "")
    conduct.save()

    page = _upload(client, _translate_po(exported, FRENCH), "conduct.fr.po").content.decode()

    assert "1 unknown part: not imported" in page
    assert f"accounts.codeofconduct:{conduct.pk}:body:3" in page


def test_xliff_round_trip_through_the_upload_form(client, translator, conduct):
    exported = _export(client, conduct, "xliff")
    root = parse_xml_safely(exported)
    namespace = {"x": XLIFF_NAMESPACE}
    for unit in root.iterfind(".//x:trans-unit", namespace):
        source = unit.find("x:source", namespace).text
        target = unit.makeelement(f"{{{XLIFF_NAMESPACE}}}target", {"state": "translated"})
        target.text = FRENCH[source]
        unit.append(target)
    import xml.etree.ElementTree as ET

    response = _upload(client, ET.tostring(root, encoding="utf-8"), "conduct.xlf")

    assert "5 translations saved" in response.content.decode()
    rendered = selectors.translated_field(conduct, "body", "fr")
    assert rendered.progress.percent == 100


def test_a_file_for_another_language_is_refused_with_a_clear_error(client, translator, conduct):
    spanish = _export(client, conduct, language="fr").replace(b"Language: fr", b"Language: es")

    response = _upload(client, spanish, "conduct.po")

    assert (
        "The file cannot be imported: The PO file is for the language es, not fr."
        in response.content.decode()
    )
    assert not UnitTranslation.objects.exists()


def test_a_refused_file_is_explained_in_the_reader_s_language(client, translator, conduct):
    exported = _export(client, conduct)
    broken = exported + b'\nmsgctxt "x"\nmsgid "Hello"\nmsgstr "Bonjour\n'
    line = broken.count(b"\n")
    client.cookies["django_language"] = "fr"

    html = _upload(client, broken, "conduct.po").content.decode()

    assert (
        f"Le fichier ne peut pas être importé : La ligne {line} n&#x27;est pas un mot-clé "
        "suivi d&#x27;une chaîne entre guillemets complète : msgstr &quot;Bonjour"
    ) in html
    assert "is not a keyword" not in html
    assert not UnitTranslation.objects.exists()


def test_the_command_line_import_reports_outcomes(client, translator, conduct, tmp_path):
    path = tmp_path / "conduct.fr.po"
    path.write_bytes(_translate_po(_export(client, conduct), FRENCH))
    output = io.StringIO()

    call_command("translation_import", str(path), "--language", "fr", stdout=output)

    assert "new: 5" in output.getvalue()
    assert selectors.translated_field(conduct, "title", "fr").text == "Code de la communauté"


def test_an_outdated_translation_is_exported_fuzzy_and_confirmed_by_clearing_the_flag(
    client, translator, conduct
):
    _upload(client, _translate_po(_export(client, conduct), FRENCH), "conduct.fr.po")
    conduct.body = BODY.replace("Listen first", "Listen first, always")
    conduct.save()

    catalog = read_po(io.BytesIO(_export(client, conduct)))
    fuzzy = [message for message in catalog if message.id and message.fuzzy]
    assert [(message.id, message.string) for message in fuzzy] == [
        ("Listen first, always", "Écouter d'abord")
    ]
    fuzzy[0].string = "Écouter d'abord, toujours"
    fuzzy[0].flags.discard("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    _upload(client, buffer.getvalue(), "conduct.fr.po")

    rendered = selectors.translated_field(conduct, "body", "fr")
    assert rendered.outdated_units == () and "toujours" in rendered.html


def _po_with_a_second_translation(translated: bytes, source: str, other: str) -> bytes:
    """The PO file with one entry repeated with another translation, as when two
    translators' files are pasted together."""
    catalog = read_po(io.BytesIO(translated))
    entry = next(message for message in catalog if message.id == source)
    block = f'\nmsgctxt "{entry.context}"\nmsgid "{entry.id}"\nmsgstr "{other}"\n'.encode()
    return translated + block


def test_a_po_file_giving_a_part_two_translations_reports_a_conflict_and_saves_neither(
    client, translator, conduct
):
    translated = _translate_po(_export(client, conduct), FRENCH)
    twice = _po_with_a_second_translation(translated, "Be kind", "Sois gentil")

    page = _upload(client, twice, "conduct.fr.po").content.decode()

    assert "1 conflict: not imported" in page
    assert "Soyez bienveillant" in page and "Sois gentil" in page
    assert "4 translations saved" in page
    assert not UnitTranslation.objects.filter(unit__text="Be kind").exists()


def test_the_command_line_lists_a_part_given_two_translations(
    tmp_path, conduct, client, translator
):
    translated = _translate_po(_export(client, conduct), FRENCH)
    path = tmp_path / "conduct.fr.po"
    path.write_bytes(_po_with_a_second_translation(translated, "Be kind", "Sois gentil"))
    out = io.StringIO()
    call_command("translation_import", str(path), "--language", "fr", stdout=out)
    assert "conflict: 1" in out.getvalue()
    assert "the file gives different translations: 'Soyez bienveillant' | 'Sois gentil'" in (
        out.getvalue()
    )


@pytest.mark.parametrize("where", ["two targets in one unit", "the unit twice"])
def test_an_xliff_file_giving_a_part_two_translations_reports_a_conflict(
    client, translator, conduct, where
):
    import xml.etree.ElementTree as ET

    root = parse_xml_safely(_export(client, conduct, "xliff"))
    namespace = {"x": XLIFF_NAMESPACE}
    body = root.find(".//x:body", namespace)
    for unit in list(body):
        source = unit.find("x:source", namespace).text
        target = unit.makeelement(f"{{{XLIFF_NAMESPACE}}}target", {"state": "translated"})
        target.text = FRENCH[source]
        unit.append(target)
        if source == "Be kind":
            other = unit.makeelement(f"{{{XLIFF_NAMESPACE}}}target", {"state": "translated"})
            other.text = "Sois gentil"
            if where == "two targets in one unit":
                unit.append(other)
            else:
                copy = deepcopy(unit)
                copy.remove(copy.find("x:target", namespace))
                copy.append(other)
                body.append(copy)

    page = _upload(client, ET.tostring(root, encoding="utf-8"), "conduct.xlf").content.decode()

    assert "1 conflict: not imported" in page and "Sois gentil" in page
    assert not UnitTranslation.objects.filter(unit__text="Be kind").exists()


def test_a_text_xliff_cannot_carry_is_explained_and_the_po_file_offered(client, translator):
    conduct = CodeOfConductFactory(body="Ring the bell \x07 to start.\n", title="Bell")
    translatable = TranslatableObject.objects.get(object_id=conduct.pk)
    client.cookies["django_language"] = "fr"

    response = client.get(
        reverse("translation:export_object", args=[translatable.pk, "fr", "xliff"])
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "contient le caractère U+0007, que XML 1.0 ne peut pas transporter" in html
    po_url = reverse("translation:export_object", args=[translatable.pk, "fr", "po"])
    assert f'href="{po_url}"' in html
    assert client.get(po_url).status_code == 200


def test_the_command_line_import_words_a_refused_file_s_problem(
    client, translator, conduct, tmp_path
):
    path = tmp_path / "conduct.es.po"
    path.write_bytes(_export(client, conduct).replace(b"Language: fr", b"Language: es"))

    with pytest.raises(CommandError, match="The PO file is for the language es, not fr."):
        call_command("translation_import", str(path), "--language", "fr")
    assert not UnitTranslation.objects.exists()
