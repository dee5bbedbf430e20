"""Keeping stored units in step with the source: keys, outdated marking, removal, history."""

import io

import pytest
from django.core.management import call_command

from kuza.accounts.models import CodeOfConduct
from kuza.translation import registry, selectors
from kuza.translation.models import SourceUnit, TranslatableObject, UnitTranslation
from kuza.translation.services import translation_sync_source
from kuza.translation.tests.factories import CodeOfConductFactory
from kuza.translation.units import source_hash

pytestmark = pytest.mark.django_db

BODY = (
    "# Welcome\n\n"
    "Kuza is for everyone who grows open knowledge.\n\n"
    "- Listen first\n"
    "- Ask before sharing\n\n"
    "Report problems to the moderators.\n"
)


def _units(conduct, field_name="body"):
    return {
        unit.text: unit
        for unit in SourceUnit.objects.filter(
            field__translatable__object_id=conduct.pk, field__field_name=field_name
        )
    }


def _translate_all(conduct, language="fr"):
    for unit in SourceUnit.objects.filter(field__translatable__object_id=conduct.pk):
        UnitTranslation.objects.create(
            unit=unit,
            language=language,
            text=f"[{language}] {unit.text}",
            source_hash_at_translation=unit.source_hash,
        )


def _outdated_texts(conduct, language="fr"):
    return sorted(
        translation.unit.text
        for translation in UnitTranslation.objects.filter(
            unit__field__translatable__object_id=conduct.pk, language=language
        ).select_related("unit")
        if translation.is_outdated
    )


def test_saving_a_registered_object_splits_its_fields_into_keyed_units():
    conduct = CodeOfConductFactory(body=BODY, title="Our code")

    body = SourceUnit.objects.filter(
        field__translatable__object_id=conduct.pk, field__field_name="body"
    ).order_by("position")
    assert [(unit.key, unit.kind, unit.text) for unit in body] == [
        ("1", "heading", "Welcome"),
        ("2", "paragraph", "Kuza is for everyone who grows open knowledge."),
        ("3", "list_item", "Listen first"),
        ("4", "list_item", "Ask before sharing"),
        ("5", "paragraph", "Report problems to the moderators."),
    ]
    assert [unit.text for unit in _units(conduct, "title").values()] == ["Our code"]
    translatable = TranslatableObject.objects.get(object_id=conduct.pk)
    assert translatable.title == f"Our code v{conduct.version}"
    assert translatable.source_language == "en"


def test_syncing_an_unchanged_object_writes_nothing_and_takes_two_queries(
    django_assert_max_num_queries,
):
    conduct = CodeOfConductFactory(body=BODY)
    before = {unit.pk: unit.updated_at for unit in SourceUnit.objects.all()}

    with django_assert_max_num_queries(3):  # content type (cached after first use) + 2
        result = translation_sync_source(obj=conduct)

    assert not result.changed
    assert {unit.pk: unit.updated_at for unit in SourceUnit.objects.all()} == before


def test_editing_one_paragraph_keeps_every_key_and_outdates_only_its_translations():
    conduct = CodeOfConductFactory(body=BODY)
    keys_before = {text: unit.key for text, unit in _units(conduct).items()}
    _translate_all(conduct)

    conduct.body = BODY.replace("grows open knowledge", "grows open knowledge together")
    conduct.save()

    units = _units(conduct)
    edited = units["Kuza is for everyone who grows open knowledge together."]
    assert edited.key == keys_before["Kuza is for everyone who grows open knowledge."]
    assert {text: unit.key for text, unit in units.items() if unit is not edited} == {
        text: key
        for text, key in keys_before.items()
        if text != "Kuza is for everyone who grows open knowledge."
    }
    assert _outdated_texts(conduct) == ["Kuza is for everyone who grows open knowledge together."]
    # The outdated translation keeps its text for the translator to update.
    assert UnitTranslation.objects.get(unit=edited, language="fr").text == (
        "[fr] Kuza is for everyone who grows open knowledge."
    )


def test_inserting_a_paragraph_shifts_no_key_and_outdates_nothing():
    conduct = CodeOfConductFactory(body=BODY)
    keys_before = {text: unit.key for text, unit in _units(conduct).items()}
    _translate_all(conduct)

    conduct.body = BODY.replace("# Welcome\n\n", "# Welcome\n\nA new first paragraph.\n\n")
    result = translation_sync_source(obj=conduct)
    conduct.save()

    units = _units(conduct)
    assert units["A new first paragraph."].key == "6"
    assert {text: units[text].key for text in keys_before} == keys_before
    assert _outdated_texts(conduct) == []
    assert result.fields["body"].new == ("6",)


def test_a_removed_unit_keeps_its_history_but_leaves_progress_and_its_key_is_never_reused():
    conduct = CodeOfConductFactory(body=BODY)
    _translate_all(conduct)
    removed_key = _units(conduct)["Listen first"].key

    conduct.body = BODY.replace("- Listen first\n", "")
    conduct.save()
    conduct.body = BODY.replace("- Listen first\n", "- Something else entirely, brand new\n")
    conduct.save()

    units = _units(conduct)
    assert units["Listen first"].removed
    assert UnitTranslation.objects.filter(unit=units["Listen first"]).exists()
    assert units["Something else entirely, brand new"].key not in {removed_key}
    assert int(units["Something else entirely, brand new"].key) > 5
    progress = selectors.object_progress(conduct)["fr"]
    assert (progress.total, progress.translated, progress.missing) == (6, 5, 1)


def test_editing_a_plain_field_outdates_its_translation():
    conduct = CodeOfConductFactory(title="Our code")
    _translate_all(conduct)

    conduct.title = "Our shared code"
    conduct.save()

    assert _outdated_texts(conduct) == ["Our shared code"]


def test_deleting_an_object_forgets_its_units_and_translations():
    conduct = CodeOfConductFactory(body=BODY)
    _translate_all(conduct)

    conduct.delete()

    assert not TranslatableObject.objects.exists()
    assert not UnitTranslation.objects.exists()


def test_an_update_that_bypasses_save_is_caught_by_the_sync_and_readers_see_the_source():
    conduct = CodeOfConductFactory(body=BODY)
    _translate_all(conduct)
    CodeOfConduct.objects.filter(pk=conduct.pk).update(body="Completely new text.")
    conduct.refresh_from_db()

    stale = selectors.translated_field(conduct, "body", "fr")
    translation_sync_source(obj=conduct)
    synced = selectors.translated_field(conduct, "body", "fr")

    assert "Completely new text." in stale.html and stale.language == "en"
    assert synced.progress.missing == 1 and synced.language == "en"


@pytest.fixture
def conduct_with_named_parts():
    """The code of conduct declared with named parts, as a quiz declares its options."""
    original = registry.spec_for(CodeOfConduct)
    registry.register(
        CodeOfConduct,
        fields={"title": registry.PLAIN},
        named={
            "quiz": lambda conduct: {
                "question": conduct.title,
                **{
                    f"option:{number}": line
                    for number, line in enumerate(conduct.body.splitlines(), start=1)
                },
            }
        },
    )
    yield
    registry.register(
        CodeOfConduct,
        fields=original.fields,
        named=original.named,
        source_language=original.source_language,
        title=original.title,
    )


def test_named_parts_keep_caller_keys_and_outdate_only_edited_parts(conduct_with_named_parts):
    conduct = CodeOfConductFactory(title="Which is kind?", body="Listen\nShout\nShare")
    _translate_all(conduct)

    conduct.body = "Listen\nWhisper\nShare"
    conduct.save()
    parts, progress = selectors.translated_parts(conduct, "quiz", "fr")

    assert {key: unit.text for key, unit in _units_by_key(conduct, "quiz").items()} == {
        "question": "Which is kind?",
        "option:1": "Listen",
        "option:2": "Whisper",
        "option:3": "Share",
    }
    assert parts["option:1"].text == "[fr] Listen" and not parts["option:1"].is_outdated
    assert parts["option:2"].text == "[fr] Shout" and parts["option:2"].is_outdated
    assert (progress.translated, progress.outdated) == (3, 1)
    assert source_hash("Whisper") == _units_by_key(conduct, "quiz")["option:2"].source_hash


def _units_by_key(conduct, field_name):
    return {unit.key: unit for unit in _units(conduct, field_name).values()}


def test_the_sync_command_catches_up_with_updates_that_bypassed_save():
    conduct = CodeOfConductFactory(body=BODY)
    CodeOfConduct.objects.filter(pk=conduct.pk).update(body=BODY + "\nA closing line.\n")
    output = io.StringIO()

    call_command("translation_sync", stdout=output)
    call_command("translation_sync", stdout=output)

    assert "A closing line." in _units(conduct)
    assert output.getvalue().splitlines()[-1].startswith("0 object(s)")
