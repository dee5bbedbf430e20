import datetime
import gettext
import shutil

import pytest
from babel import dates as babel_dates
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import dateformat, translation

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


def _msgids(po_path) -> set:
    with po_path.open("rb") as po_file:
        return {(message.context, message.id) for message in read_po(po_file) if message.id}


def test_every_language_has_a_complete_third_party_catalog_for_every_allauth_string():
    # Swahili's catalog lists the allauth strings Kuza shows; every language covers them all.
    allauth_strings = _msgids(catalogs.third_party_po_file("sw"))
    for language in catalogs.TRANSLATED_LANGUAGES:
        po_path = catalogs.third_party_po_file(language)
        if language not in catalogs.NEEDS_THIRD_PARTY_CATALOG:  # allauth and Django ship it
            assert not po_path.exists()
            continue
        assert allauth_strings <= _msgids(po_path), language
        assert catalogs.catalog_problems(po_path, f"kuza/{language}") == []


@pytest.mark.parametrize(
    "language,password,signed_in",
    [
        ("pt", "Palavra-passe", "Iniciou a sessão como %(name)s."),
        ("ha", "Kalmar sirri", "An shiga cikin nasara a matsayin %(name)s."),
        ("yo", "Ọ̀rọ̀ aṣínà", "O ti wọlé ní àṣeyọrí gẹ́gẹ́ bí %(name)s."),
        ("ig", "Paswọọdụ", "Ị banyela nke ọma dị ka %(name)s."),
        ("am", "የይለፍ ቃል", "እንደ %(name)s በተሳካ ሁኔታ ገብተዋል።"),
    ],
)
def test_allauth_pages_speak_the_new_languages(language, password, signed_in):
    from allauth.account.forms import LoginForm

    with translation.override(language):
        assert str(LoginForm().fields["password"].label) == password
        assert translation.gettext("Successfully signed in as %(name)s.") == signed_in


@pytest.mark.parametrize("language", ["ha", "yo", "ig", "am"])
def test_django_s_own_strings_are_translated_where_django_ships_no_catalog(language):
    from django.contrib.auth.password_validation import CommonPasswordValidator
    from django.core.exceptions import ValidationError
    from django.forms import CharField

    with translation.override(language):
        with pytest.raises(ValidationError) as required:
            CharField().clean("")
        with pytest.raises(ValidationError) as common:
            CommonPasswordValidator().validate("password")
        month = dateformat.format(datetime.date(2026, 3, 5), "j F")
        messages = [*required.value.messages, *common.value.messages]
    assert messages[0] not in {"", "This field is required."}
    assert messages[1] not in {"", "This password is too common."}
    if language != "ig":  # Django's Igbo catalog names the months itself
        cldr_month = babel_dates.format_date(datetime.date(2026, 3, 5), "MMMM", locale=language)
        assert month == f"5 {cldr_month}"
    assert "March" not in month


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


def _plural_index(rule: str):
    expression = rule.split("plural=", 1)[1].strip().rstrip(";")
    return gettext.c2py(expression)


# Every n up to 2000 and the millions (Portuguese and French CLDR 'many').
_COUNTS = [*range(2001), 1_000_000, 1_000_001, 2_000_000, 10_000_000]


@pytest.mark.parametrize("language", catalogs.TRANSLATED_LANGUAGES)
def test_each_language_s_plural_rule_is_cldr_s_as_babel_gives_it(language):
    declared = catalogs.PLURAL_FORMS[language]
    cldr = get_plural(language)
    assert catalogs.plural_count(declared) == cldr.num_plurals
    declared_index, cldr_index = _plural_index(declared), _plural_index(cldr.plural_forms)
    assert [declared_index(n) for n in _COUNTS] == [cldr_index(n) for n in _COUNTS]


def test_the_nine_interface_languages_are_english_and_the_translated_ones():
    codes = [code for code, _name in settings.LANGUAGES]
    assert len(codes) == 9
    assert set(codes) == {settings.LANGUAGE_CODE, *catalogs.TRANSLATED_LANGUAGES}


def test_a_plural_entry_with_too_few_forms_is_reported(tmp_path):
    po_dir = tmp_path / "pt" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    po_path = po_dir / "django.po"
    po_path.write_text(
        'msgid ""\nmsgstr ""\n"Language: pt\\n"\n'
        f'"Plural-Forms: {catalogs.PLURAL_FORMS["pt"]}\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "%(n)s book"\nmsgid_plural "%(n)s books"\n'
        'msgstr[0] "%(n)s livro"\nmsgstr[1] "%(n)s livros"\nmsgstr[2] "%(n)s livros"\n\n'
        'msgid "%(n)s day"\nmsgid_plural "%(n)s days"\n'
        'msgstr[0] "%(n)s dia"\nmsgstr[1] "%(n)s dias"\n',
        encoding="utf-8",
    )
    problems = catalogs.catalog_problems(po_path, "x/pt")
    assert [(problem.msgid, problem.problem) for problem in problems] == [
        ("('%(n)s day', '%(n)s days')", "untranslated")
    ]


def test_an_untranslated_plural_entry_falls_back_to_english_not_to_the_singular(tmp_path):
    po_path = tmp_path / "django.po"
    po_path.write_text(
        'msgid ""\nmsgstr ""\n"Language: yo\\n"\n'
        f'"Plural-Forms: {catalogs.PLURAL_FORMS["yo"]}\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "%(n)s module"\nmsgid_plural "%(n)s modules"\nmsgstr[0] ""\n\n'
        'msgid "%(n)s lesson"\nmsgid_plural "%(n)s lessons"\nmsgstr[0] "ẹ̀kọ́ %(n)s"\n',
        encoding="utf-8",
    )
    mo_path = tmp_path / "django.mo"

    catalogs.compile_catalog(po_path, mo_path)

    with mo_path.open("rb") as mo_file:
        yoruba = gettext.GNUTranslations(mo_file)
    assert yoruba.ngettext("%(n)s module", "%(n)s modules", 3) == "%(n)s modules"
    assert yoruba.ngettext("%(n)s lesson", "%(n)s lessons", 3) == "ẹ̀kọ́ %(n)s"
