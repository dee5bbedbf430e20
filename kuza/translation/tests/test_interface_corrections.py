"""Translators review Kuza's interface catalogs on the site: status page, PO download and upload,
corrections applied over the shipped catalogs and kept across deploys."""

from __future__ import annotations

import re
import shutil

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from kuza.core import catalogs
from kuza.translation import interface_corrections
from kuza.translation.models import InterfaceCorrection
from kuza.translation.tests.factories import TranslatorRoleFactory

pytestmark = pytest.mark.django_db

CORRECTED = "Código de conduta (revisto)"


@pytest.fixture(autouse=True)
def corrections_dir(settings, tmp_path):
    """Corrections written for this test only, first in LOCALE_PATHS as in settings.py."""
    folder = tmp_path / "locale-corrections"
    settings.KUZA_INTERFACE_CORRECTIONS_DIR = folder
    settings.LOCALE_PATHS = [folder, catalogs.KUZA_DIR / "locale"]
    yield folder
    shutil.rmtree(folder, ignore_errors=True)
    interface_corrections.reload_translations()


@pytest.fixture
def translator(client):
    role = TranslatorRoleFactory(language="pt")
    client.force_login(role.user)
    return role.user


def _download(client, language="pt") -> str:
    response = client.get(reverse("translation:interface_download", args=[language]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="kuza-{language}.po"'
    return response.content.decode()


def _with_entry(po_text: str, msgid: str, msgstr: str, *, fuzzy: bool = False) -> str:
    entry = re.compile(
        r'(?:#, [^\n]*\n)?msgid "' + re.escape(msgid) + r'"\nmsgstr "(?:[^"\\]|\\.)*"\n'
    )
    replacement = f'{"#, fuzzy" + chr(10) if fuzzy else ""}msgid "{msgid}"\nmsgstr "{msgstr}"\n'
    changed, count = entry.subn(lambda _match: replacement, po_text)
    assert count == 1, msgid
    return changed


def _upload(client, po_text: str, language="pt"):
    return client.post(
        reverse("translation:interface_upload", args=[language]),
        {"file": SimpleUploadedFile(f"kuza-{language}.po", po_text.encode())},
    )


def _footer_link(client) -> str:
    client.cookies["django_language"] = "pt"
    html = client.get("/").content.decode()
    return re.search(r'<a href="/code-of-conduct/">([^<]*)</a>', html).group(1)


def test_the_status_page_lists_every_language_as_a_draft_until_reviewed(client):
    html = client.get(reverse("translation:interface")).content.decode()

    for language in catalogs.TRANSLATED_LANGUAGES:
        assert f'<span lang="{language}">' in html
    assert html.count("<td>Draft</td>") == len(catalogs.TRANSLATED_LANGUAGES)
    assert "Download PO" not in html  # only translators download


def test_only_the_language_s_translators_download_and_upload(client, translator):
    other = TranslatorRoleFactory(language="ha").user

    assert client.get(reverse("translation:interface_download", args=["ha"])).status_code == 403
    client.force_login(other)
    assert client.get(reverse("translation:interface_download", args=["pt"])).status_code == 403
    assert _upload(client, "").status_code == 403


def test_a_correction_is_applied_over_the_shipped_catalog_and_marked_reviewed(client, translator):
    po_text = _download(client)
    assert '"X-Kuza-Revision: 0\\n"' in po_text

    response = _upload(client, _with_entry(po_text, "Code of conduct", CORRECTED))

    assert "1 entry corrected and marked reviewed" in response.content.decode()
    assert _footer_link(client) == CORRECTED
    with translation.override("pt"):
        assert translation.gettext("Code of conduct") == CORRECTED
    row = InterfaceCorrection.objects.get(language="pt", msgid="Code of conduct")
    assert (row.strings, row.reviewed, row.translator, row.revision) == (
        [CORRECTED],
        True,
        translator,
        1,
    )
    again = _download(client)
    assert f"#. Reviewed by {translator.profile.display_name or translator.username}" in again
    assert f'msgid "Code of conduct"\nmsgstr "{CORRECTED}"' in again
    status = client.get(reverse("translation:interface")).content.decode()
    assert re.search(r"<td>0% <small>\(1/\d+\)</small></td>", status)


def test_a_broken_entry_changes_nothing_and_names_its_line(client, translator):
    po_text = _with_entry(_download(client), "Code of conduct", CORRECTED)
    broken = _with_entry(po_text, "Log in", "Entrar %(nome)s")
    line = broken.split("\n").index('msgid "Log in"') + 1

    response = _upload(client, broken)

    html = response.content.decode()
    assert f"Line {line} (“Log in”): %(nome)s is not in the English text." in html
    assert not InterfaceCorrection.objects.exists()
    assert _footer_link(client) != CORRECTED


def test_an_upload_s_problems_are_worded_in_the_reader_s_language(client, translator):
    broken = _with_entry(_download(client), "Log in", "Entrar %(nome)s")
    line = broken.split("\n").index('msgid "Log in"') + 1
    client.cookies["django_language"] = "pt"

    html = _upload(client, broken).content.decode()

    assert f"Linha {line} (“Log in”): %(nome)s não está no texto em inglês." in html
    assert "is not in the English text" not in html


def test_an_entry_corrected_by_someone_else_since_the_download_is_a_conflict(client, translator):
    downloaded = _download(client)
    colleague = TranslatorRoleFactory(language="pt").user
    client.force_login(colleague)
    _upload(client, _with_entry(downloaded, "Code of conduct", CORRECTED))

    client.force_login(translator)
    response = _upload(client, _with_entry(downloaded, "Code of conduct", "Regras"))

    html = response.content.decode()
    assert "1 conflict: not saved" in html
    assert CORRECTED in html and "Regras" in html
    row = InterfaceCorrection.objects.get(language="pt", msgid="Code of conduct")
    assert (row.strings, row.translator) == ([CORRECTED], colleague)


def test_a_fuzzy_change_is_a_draft_and_uploading_twice_changes_nothing(client, translator):
    po_text = _with_entry(_download(client), "Code of conduct", CORRECTED, fuzzy=True)

    first = _upload(client, po_text).content.decode()
    second = _upload(client, po_text).content.decode()

    assert "1 entry changed but still fuzzy: saved as a draft" in first
    assert "0 entries changed but still fuzzy" in second
    row = InterfaceCorrection.objects.get(language="pt", msgid="Code of conduct")
    assert (row.reviewed, row.revision) == (False, 1)


def test_corrections_survive_a_deploy_that_replaces_the_files(client, translator, corrections_dir):
    _upload(client, _with_entry(_download(client), "Code of conduct", CORRECTED))
    shutil.rmtree(corrections_dir)  # a new machine, or a release replacing the folder
    interface_corrections.reload_translations()
    assert _footer_link(client) != CORRECTED

    call_command("interface_corrections")  # what `kuza run` does at start

    assert _footer_link(client) == CORRECTED


def test_another_machine_reads_the_stored_revision_from_the_database(
    client, translator, corrections_dir
):
    _upload(client, _with_entry(_download(client), "Code of conduct", CORRECTED))
    shutil.rmtree(corrections_dir)  # this "machine" never wrote them
    cache.clear()  # a cache restarted, or one not shared: the database alone must tell
    interface_corrections.reload_translations()
    assert _footer_link(client) != CORRECTED  # its look at the database is not due yet

    interface_corrections._next_check = 0.0  # now it is

    assert _footer_link(client) == CORRECTED
    assert interface_corrections.written_revision() == 1


def test_a_machine_follows_the_database_when_it_holds_another_revision(
    client, translator, corrections_dir
):
    _upload(client, _with_entry(_download(client), "Code of conduct", CORRECTED))
    InterfaceCorrection.objects.all().delete()  # e.g. a backup from before the upload restored
    interface_corrections._next_check = 0.0

    assert _footer_link(client) != CORRECTED
    assert interface_corrections.written_revision() == 0


def test_a_starting_web_process_writes_the_stored_corrections(client, translator, corrections_dir):
    _upload(client, _with_entry(_download(client), "Code of conduct", CORRECTED))
    shutil.rmtree(corrections_dir)
    interface_corrections.reload_translations()
    assert _footer_link(client) != CORRECTED

    interface_corrections.write_corrections_at_start()  # what kuza/wsgi.py runs

    assert (corrections_dir / "pt" / "LC_MESSAGES" / "django.mo").exists()
    assert _footer_link(client) == CORRECTED
