import shutil

import pytest
from django.utils import translation

from kuza.core import catalogs
from kuza.core.conftest_helpers import require


def test_every_interface_string_is_translated_in_every_language():
    require(
        shutil.which("xgettext") and shutil.which("msgmerge"),
        "GNU gettext is needed to extract strings: apt-get install gettext",
    )

    problems = catalogs.check_catalogs()

    assert problems == [], "\n".join(str(problem) for problem in problems[:50])


def test_the_check_reports_untranslated_and_fuzzy_entries(tmp_path):
    po_path = tmp_path / "django.po"
    po_path.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Goodbye"\nmsgstr "Au revoir"\n\n'
        'msgid "Yes"\nmsgstr "Oui"\n',
        encoding="utf-8",
    )
    problems = catalogs.catalog_problems(po_path, "sample/fr")
    assert [(problem.msgid, problem.problem) for problem in problems] == [
        ("Hello", "untranslated"),
        ("Goodbye", "fuzzy"),
    ]


@pytest.mark.parametrize(
    "language,expected",
    [
        ("fr", "Code de conduite"),
        ("ar", "مدونة السلوك"),
        ("sw", "Kanuni za maadili"),
    ],
)
def test_compiled_catalogs_are_used(language, expected):
    with translation.override(language):
        assert translation.gettext("Code of conduct") == expected


def test_kuza_translates_the_third_party_strings_it_shows_in_swahili():
    from allauth.account.forms import LoginForm, SignupForm

    with translation.override("sw"):
        login, signup = LoginForm(), SignupForm()
        assert str(login.fields["password"].label) == "Nenosiri"
        assert str(login.fields["login"].label) == "Kuingia"
        assert str(signup.fields["password2"].label) == "Nenosiri (tena)"
        assert translation.gettext("Successfully signed in as %(name)s.") == (
            "Umeingia kama %(name)s."
        )
    third_party = catalogs.KUZA_DIR / "locale" / "sw" / "LC_MESSAGES" / "django.po"
    assert catalogs.catalog_problems(third_party, "kuza/sw") == []


def test_catalogs_carry_each_language_s_plural_rule(tmp_path):
    po_dir = tmp_path / "ar" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    po_path = po_dir / "django.po"
    po_path.write_text(
        'msgid ""\nmsgstr ""\n"Language: \\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
        encoding="utf-8",
    )
    assert [problem.problem for problem in catalogs.catalog_problems(po_path, "x/ar")] == [
        "wrong plural rule"
    ]
    assert catalogs.normalise_headers(po_path)
    assert catalogs.catalog_problems(po_path, "x/ar") == []
    for po_file in catalogs.po_files():
        problems = catalogs.catalog_problems(po_file, str(po_file))
        assert "wrong plural rule" not in {problem.problem for problem in problems}, po_file


@pytest.mark.parametrize(
    "count,expected",
    [
        (1, "حُفظت ترجمة واحدة"),
        (2, "حُفظت ترجمتان"),
        (5, "حُفظت 5 ترجمات"),
        (11, "حُفظت 11 ترجمة"),
    ],
)
def test_arabic_picks_each_of_its_plural_forms(count, expected):
    with translation.override("ar"):
        text = translation.ngettext(
            "%(count)s translation saved", "%(count)s translations saved", count
        )
    assert text % {"count": count} == expected
