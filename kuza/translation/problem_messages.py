"""The words for every problem a translation file can have, in the reader's language.

The checks (catalog.py, po.py, xliff.py, interface_catalog.py) are pure and report problems
as codes with parameters (kuza.core.problems); a page renders them here, with gettext, when
it shows them. Every code those modules raise has a message (a test reads their source).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kuza.core.problems import ProblemMessages

UPLOAD_PROBLEMS = ProblemMessages(
    {
        # Languages
        "language_code_invalid": _(
            "“%(language)s” is not a language code such as ar, pt-BR or zh_Hans."
        ),
        "po_language_missing": _(
            "The PO file's Language header is missing; it should be %(expected)s."
        ),
        "po_language_other": _("The PO file is for the language %(found)s, not %(expected)s."),
        "xliff_language_missing": _(
            "An XLIFF <file> element has no target-language; it should be %(expected)s."
        ),
        "xliff_language_other": _(
            "An XLIFF <file> element is for the language %(found)s, not %(expected)s."
        ),
        # PO files
        "po_unreadable": _("This is not a readable PO file."),
        "po_line_invalid": _("This is not a readable PO file: line %(line)s is out of place."),
        "po_not_decodable": _(
            "This is not a readable PO file: line %(line)s is not valid %(encoding)s text."
        ),
        "po_line_unterminated": _(
            "Line %(line)s is not a keyword with one complete quoted string: %(text)s"
        ),
        "po_plural_entry": _(
            "Line %(line)s (“%(msgid)s”) has plural forms; the texts translated here have none."
        ),
        "po_plural_forms_other": _(
            "The file's Plural-Forms header says nplurals=%(found)s; this language has "
            "nplurals=%(expected)s."
        ),
        # XLIFF and XML
        "xliff_not_1_2": _("This is not an XLIFF 1.2 file."),
        "xliff_unit_without_id": _("An XLIFF <trans-unit> element has no id."),
        "xliff_unit_without_source": _("The trans-unit “%(unit)s” has no <source>."),
        "xliff_inline_markup": _(
            "The trans-unit “%(unit)s” has inline markup (<%(tag)s>); the texts translated "
            "here are plain Markdown."
        ),
        "xml_doctype": _("XML with a DOCTYPE (a DTD or entities) is refused."),
        "xml_malformed": _("This is not well-formed XML (line %(line)s, column %(column)s)."),
        "xml_character_invalid": _(
            "The part “%(context)s” contains the character %(character)s, which XML 1.0 "
            "cannot carry; use a PO file instead."
        ),
        # Units Kuza writes (not from a file: a bug if ever seen)
        "unit_context_invalid": _("The part “%(context)s” has a blank or unusable name."),
        "unit_without_source": _("The part “%(context)s” has no source text."),
        "unit_context_twice": _("The part “%(context)s” is given twice."),
        # Entries of the interface catalog a translator uploads
        "entry_plural_expected": _(
            "Line %(line)s (“%(msgid)s”): Kuza's entry has plural forms; give msgid_plural "
            "and every msgstr[n]."
        ),
        "entry_plural_unexpected": _(
            "Line %(line)s (“%(msgid)s”): Kuza's entry has no plural forms."
        ),
        "entry_plural_incomplete": _(
            "Line %(line)s (“%(msgid)s”): every plural form, msgstr[0] to msgstr[%(last)s], "
            "needs a translation."
        ),
        "entry_placeholder_unknown": _(
            "Line %(line)s (“%(msgid)s”): %(placeholders)s is not in the English text."
        ),
        "entry_placeholder_unknown_in_form": _(
            "Line %(line)s (“%(msgid)s”), msgstr[%(form)s]: %(placeholders)s is not in the "
            "English text."
        ),
        "entry_tag_unknown": _(
            "Line %(line)s (“%(msgid)s”): the HTML tag %(tags)s is not in the English text."
        ),
        "entry_tag_unknown_in_form": _(
            "Line %(line)s (“%(msgid)s”), msgstr[%(form)s]: the HTML tag %(tags)s is not in "
            "the English text."
        ),
        "entry_placeholder_missing": _(
            "Line %(line)s (“%(msgid)s”): the translation lacks %(placeholder)s."
        ),
        "entry_positional_count": _(
            "Line %(line)s (“%(msgid)s”): the translation must keep %(placeholders)s, "
            "each as often as the English text."
        ),
    }
)
