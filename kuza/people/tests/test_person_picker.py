"""Picking a person by part of their name, among the people the viewer may see."""

import pytest
from django.http import QueryDict

from kuza.people.models import Visibility
from kuza.people.picker import CHOSEN, PeopleField, PersonField, PersonPickerForm
from kuza.people.tests.factories import make_person
from kuza.safety.services import block_create

pytestmark = pytest.mark.django_db


class PickOneForm(PersonPickerForm):
    person = PersonField(label="Co-organiser")


def pick(viewer, text: str) -> PickOneForm:
    form = PickOneForm({"person": text}, viewer=viewer)
    form.is_valid()
    return form


def test_part_of_a_name_finds_the_one_person_it_matches():
    viewer = make_person("amina").user
    mame = make_person("mame", display_name="Mame Ndiaye").user

    form = pick(viewer, "ndiaye")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["person"] == mame


def test_several_matches_come_back_as_choices_and_the_choice_is_the_person():
    viewer = make_person("amina").user
    first = make_person("mame", display_name="Mame Ndiaye").user
    make_person("mamadou", display_name="Mamadou Diallo")

    form = pick(viewer, "mam")

    assert not form.is_valid()
    rendered = str(form["person"])
    assert "Mame Ndiaye (mame)" in rendered and "Mamadou Diallo (mamadou)" in rendered
    assert f'value="{CHOSEN}{first.pk}"' in rendered

    # The browser sends both the box and the radio button of the same name.
    data = QueryDict(mutable=True)
    data.setlist("person", ["mam", f"{CHOSEN}{first.pk}"])
    chosen = PickOneForm(data, viewer=viewer)
    assert chosen.is_valid(), chosen.errors
    assert chosen.cleaned_data["person"] == first


def test_no_match_says_so_in_words():
    viewer = make_person("amina").user

    form = pick(viewer, "Nobody Like This")

    assert "Nobody you can see matches" in str(form.errors["person"])


def test_people_the_viewer_may_not_see_are_never_offered_nor_chosen():
    viewer = make_person("amina").user
    hidden = make_person("secret", display_name="Secret Ndiaye", visibility=Visibility.ONLY_ME)
    blocker = make_person("blocker", display_name="Blocking Ndiaye").user
    block_create(blocker=blocker, blocked=viewer)

    assert "person" in pick(viewer, "ndiaye").errors
    assert "person" in pick(viewer, "secret").errors
    assert "person" in pick(viewer, f"{CHOSEN}{hidden.user_id}").errors
    assert "person" in pick(viewer, f"{CHOSEN}{blocker.pk}").errors
    assert "Secret" not in str(pick(viewer, "ndiaye")["person"])


def test_a_username_typed_in_full_picks_that_person_among_several_matches():
    viewer = make_person("amina").user
    mame = make_person("mame", display_name="Mame Ndiaye").user
    make_person("mame2", display_name="Mame Diop")

    form = pick(viewer, "MAME")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["person"] == mame


class PickSeveralForm(PersonPickerForm):
    people = PeopleField(label="Co-organisers")


def test_several_people_by_name_with_a_search_step_for_a_name_that_matches_several():
    viewer = make_person("amina").user
    mame = make_person("mame", display_name="Mame Ndiaye").user
    mamadou = make_person("mamadou", display_name="Mamadou Diallo").user
    neema = make_person("neema", display_name="Neema Mushi").user

    first = PickSeveralForm({"people": "mushi, mam"}, viewer=viewer)

    assert not first.is_valid()
    assert "Several people match “mam”: tick the right ones below." in str(first.errors)
    rendered = str(first["people"])
    assert 'value="Neema Mushi (neema)"' in rendered  # who was found stays in the box
    assert f'type="checkbox" name="people" value="{CHOSEN}{mame.pk}"' in rendered
    assert "Mamadou Diallo (mamadou)" in rendered

    data = QueryDict(mutable=True)
    data.setlist("people", ["Neema Mushi (neema)", f"{CHOSEN}{mame.pk}", f"{CHOSEN}{mamadou.pk}"])
    second = PickSeveralForm(data, viewer=viewer)
    assert second.is_valid(), second.errors
    assert set(second.cleaned_data["people"]) == {neema, mame, mamadou}


def test_people_hidden_from_the_viewer_are_not_found_unless_already_kept():
    viewer = make_person("amina").user
    hidden = make_person("zawadi", display_name="Zawadi Secret", visibility=Visibility.ONLY_ME).user

    form = PickSeveralForm({"people": "Zawadi"}, viewer=viewer)
    assert "Nobody you can see matches “Zawadi”" in str(form.errors)

    kept = PickSeveralForm({"people": "Zawadi Secret (zawadi)"}, viewer=viewer)
    kept.fields["people"].keep = frozenset({hidden.pk})
    assert kept.is_valid(), kept.errors
    assert kept.cleaned_data["people"] == [hidden]
