"""The interface PO file, without Django: export, and the checks an upload goes through."""

from __future__ import annotations

import pytest

from kuza.core.catalogs import PLURAL_FORMS
from kuza.translation.interface_catalog import (
    Correction,
    ShippedEntry,
    UploadError,
    UploadOutcome,
    export_po,
    read_upload,
    reconcile,
)

SHIPPED = {
    ("", "Save"): ShippedEntry("", "Save", "", ("Guardar",), ("core",)),
    ("", "Hello %(name)s"): ShippedEntry("", "Hello %(name)s", "", ("Olá %(name)s",), ("core",)),
    ("", "%(count)s book"): ShippedEntry(
        "",
        "%(count)s book",
        "%(count)s books",
        ("um livro", "%(count)s livros", "%(count)s livros"),
        ("library",),
    ),
    ("", 'Read <a href="%(url)s">more</a>'): ShippedEntry(
        "", 'Read <a href="%(url)s">more</a>', "", ('Ler <a href="%(url)s">mais</a>',), ("core",)
    ),
    ("month", "May"): ShippedEntry("month", "May", "", ("maio",), ("allauth+django",)),
    ("", "Untranslated"): ShippedEntry("", "Untranslated", "", ("",), ("core",)),
}


def _upload(text: str) -> bytes:
    return (
        'msgid ""\nmsgstr ""\n"Language: pt\\n"\n'
        f'"Plural-Forms: {PLURAL_FORMS["pt"]}\\n"\n'
        '"X-Kuza-Revision: 3\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + text
    ).encode()


def _outcomes(text: str, corrections=None, base=None) -> dict:
    entries, revision = read_upload(_upload(text), language="pt", nplurals=3)
    report = reconcile(
        entries, SHIPPED, corrections or {}, base_revision=revision if base is None else base
    )
    return {result.entry.msgid: result.outcome for result in report.results}


def test_the_download_marks_unreviewed_entries_fuzzy_and_names_reviewers():
    corrections = {("", "Save"): Correction(("Gravar",), True, "Ana Tembe", 2)}

    text = export_po(SHIPPED, corrections, language="pt", revision=2).decode()

    assert '"X-Kuza-Revision: 2\\n"' in text
    assert '#. Reviewed by Ana Tembe\nmsgid "Save"\nmsgstr "Gravar"' in text
    assert '#, fuzzy, python-format\nmsgid "Hello %(name)s"' in text
    assert 'msgctxt "month"\nmsgid "May"' in text
    assert 'msgid "Untranslated"\nmsgstr ""' in text and 'fuzzy\nmsgid "Untranslated"' not in text
    assert "#. Used in: library" in text


def test_a_downloaded_file_uploaded_as_it_is_changes_nothing():
    data = export_po(SHIPPED, {}, language="pt", revision=0)
    entries, revision = read_upload(data, language="pt", nplurals=3)

    report = reconcile(entries, SHIPPED, {}, base_revision=revision)

    assert report.to_save == ()
    assert {result.outcome for result in report.results} == {
        UploadOutcome.UNCHANGED,
        UploadOutcome.UNTRANSLATED,
    }


def test_clearing_fuzzy_reviews_a_changed_text_corrects_and_fuzzy_changes_are_drafts():
    outcomes = _outcomes(
        'msgid "Save"\nmsgstr "Guardar"\n\n'
        '#, fuzzy\nmsgid "Hello %(name)s"\nmsgstr "Bom dia %(name)s"\n\n'
        'msgid "%(count)s book"\nmsgid_plural "%(count)s books"\n'
        'msgstr[0] "%(count)s livro"\nmsgstr[1] "%(count)s de livros"\n'
        'msgstr[2] "%(count)s livros"\n\n'
        'msgid "Untranslated"\nmsgstr ""\n\n'
        'msgid "Not in Kuza"\nmsgstr "Não"\n'
    )

    assert outcomes == {
        "Save": UploadOutcome.REVIEWED,
        "Hello %(name)s": UploadOutcome.DRAFT,
        "%(count)s book": UploadOutcome.CORRECTED,
        "Untranslated": UploadOutcome.UNTRANSLATED,
        "Not in Kuza": UploadOutcome.UNKNOWN,
    }


def test_an_entry_changed_on_the_site_since_the_download_is_a_conflict():
    corrections = {("", "Save"): Correction(("Salvar",), True, "", 4)}  # after revision 3

    assert _outcomes('msgid "Save"\nmsgstr "Gravar"\n', corrections) == {
        "Save": UploadOutcome.CONFLICT
    }
    # The same text as the site's is no conflict; a change made before the download neither.
    assert _outcomes('msgid "Save"\nmsgstr "Salvar"\n', corrections) == {
        "Save": UploadOutcome.UNCHANGED
    }
    assert _outcomes('msgid "Save"\nmsgstr "Gravar"\n', corrections, base=4) == {
        "Save": UploadOutcome.CORRECTED
    }


def test_an_entry_given_twice_differently_is_a_conflict():
    outcomes = _outcomes('msgid "Save"\nmsgstr "Gravar"\n\nmsgid "Save"\nmsgstr "Salvar"\n')

    assert outcomes == {"Save": UploadOutcome.CONFLICT}


@pytest.mark.parametrize(
    "entry,problem",
    [
        (
            'msgid "Hello %(name)s"\nmsgstr "Olá %(nome)s"\n',
            (
                "entry_placeholder_unknown",
                {"line": 11, "msgid": "Hello %(name)s", "placeholders": "%(nome)s"},
            ),
        ),
        (
            'msgid "Hello %(name)s"\nmsgstr "Olá"\n',
            (
                "entry_placeholder_missing",
                {"line": 11, "msgid": "Hello %(name)s", "placeholder": "%(name)s"},
            ),
        ),
        (
            'msgid "Read <a href=\\"%(url)s\\">more</a>"\nmsgstr "Ler <script>x</script>"\n',
            (
                "entry_tag_unknown",
                {"line": 11, "msgid": 'Read <a href="%(url)s">more</a>', "tags": "<script>"},
            ),
        ),
        (
            'msgid "%(count)s book"\nmsgid_plural "%(count)s books"\n'
            'msgstr[0] "um livro"\nmsgstr[1] "%(count)s livros"\n',
            ("entry_plural_incomplete", {"line": 11, "msgid": "%(count)s book", "last": 2}),
        ),
        (
            'msgid "%(count)s book"\nmsgid_plural "%(count)s books"\nmsgstr[0] "um livro"\n'
            'msgstr[1] "%(count)s livros"\nmsgstr[2] "%(count)s <b>livros</b>"\n',
            (
                "entry_tag_unknown_in_form",
                {"line": 11, "msgid": "%(count)s book", "form": 2, "tags": "<b>"},
            ),
        ),
        (
            'msgid "Save"\nmsgstr "Gravar\n',
            ("po_line_unterminated", {"line": 12, "text": 'msgstr "Gravar'}),
        ),
    ],
)
def test_a_broken_entry_refuses_the_file_naming_its_line(entry, problem):
    good = 'msgid "Save"\nmsgstr "Gravar"\n\n'
    # The good entry takes lines 8-10; the broken one starts on line 11.
    with pytest.raises(UploadError) as refused:
        _outcomes(good + entry)

    found = [(found.code, dict(found.params)) for found in refused.value.problems]
    assert problem in found  # with any other problem of the same entry, each on its line
    assert {params["line"] for _code, params in found} == {problem[1]["line"]}


def test_a_file_for_another_language_or_plural_rule_is_refused():
    with pytest.raises(UploadError) as refused:
        read_upload(_upload('msgid "Save"\nmsgstr "Gravar"\n'), language="ha", nplurals=2)
    (problem,) = refused.value.problems
    assert (problem.code, dict(problem.params)) == (
        "po_language_other",
        {"found": "pt", "expected": "ha"},
    )
    two_forms = _upload("").replace(b"nplurals=3", b"nplurals=2")
    with pytest.raises(UploadError) as refused:
        read_upload(two_forms, language="pt", nplurals=3)
    (problem,) = refused.value.problems
    assert (problem.code, dict(problem.params)) == (
        "po_plural_forms_other",
        {"found": 2, "expected": 3},
    )
