"""Answering: each kind of question's checks, page by page, once, and never after closing."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import Membership
from kuza.skills.models import Skill, SkillCategory
from kuza.surveys import keys
from kuza.surveys.models import Answer, InvitationToken, Question, Response, Survey
from kuza.surveys.selectors import Respondent
from kuza.surveys.services import AlreadySubmitted, NotAllowed
from kuza.surveys.services.invitations import invitation_tokens_create
from kuza.surveys.services.responding import AnswersInvalid, response_save_section
from kuza.surveys.tests.factories import OrganisationFactory, SurveyFactory, question, section

pytestmark = pytest.mark.django_db

K = Question.Kind


@pytest.fixture
def skills():
    category = SkillCategory.objects.create(slug="test-cat", name="Test category")
    return [
        Skill.objects.create(slug=f"test-skill-{n}", name=f"Test skill {n}", category=category)
        for n in range(3)
    ]


def respondent(survey: Survey, user) -> Respondent:
    return Respondent(key=keys.user_key(survey.pk, user.pk), user=user)


def save(survey, user, data, index=0):
    return response_save_section(
        survey=survey, respondent=respondent(survey, user), section_index=index, data=data
    )


def errors_of(survey, user, data) -> dict:
    with pytest.raises(AnswersInvalid) as caught:
        save(survey, user, data)
    assert not Answer.objects.filter(response__survey=survey).exists()  # nothing half-saved
    return caught.value.form.errors


def one_question_survey(kind, **fields):
    survey = SurveyFactory()
    page = section(survey)
    created = question(page, kind, **fields)
    # A second page, so that the first one does not submit the response.
    question(section(survey), K.TEXT)
    return survey, created


def test_single_choice_takes_one_of_its_options_only():
    survey, asked = one_question_survey(K.SINGLE, options=["Yes", "No"], required=True)
    other_survey, other = one_question_survey(K.SINGLE, options=["Elsewhere"])
    person = UserFactory()
    name = f"q{asked.pk}"

    assert name in errors_of(survey, person, {})  # required
    foreign = other.options.get().pk
    assert name in errors_of(survey, person, {name: str(foreign)})  # another question's option
    assert name in errors_of(survey, person, {name: "not-a-number"})

    yes = asked.options.get(label="Yes")
    save(survey, person, {name: str(yes.pk)})
    assert list(Answer.objects.values_list("option_id", flat=True)) == [yes.pk]


def test_multiple_choice_keeps_every_valid_option_and_refuses_unknown_ones():
    survey, asked = one_question_survey(K.MULTIPLE, options=["A", "B", "C"])
    person = UserFactory()
    name = f"q{asked.pk}"
    a, _b, c = asked.options.all()

    assert name in errors_of(survey, person, {name: [str(a.pk), "999999"]})
    save(survey, person, {name: [str(a.pk), str(c.pk)]})
    assert sorted(Answer.objects.values_list("option_id", flat=True)) == [a.pk, c.pk]


@pytest.mark.parametrize("value", ["0", "6", "2.5", "three"])
def test_scale_accepts_only_whole_numbers_from_1_to_5(value):
    survey, asked = one_question_survey(K.SCALE, scale_low_label="Low", scale_high_label="High")
    name = f"q{asked.pk}"

    assert name in errors_of(survey, UserFactory(), {name: value})


def test_scale_stores_the_number_chosen():
    survey, asked = one_question_survey(K.SCALE)
    save(survey, UserFactory(), {f"q{asked.pk}": "4"})
    assert Answer.objects.get().number == 4


def test_number_respects_the_bounds_the_organiser_set():
    survey, asked = one_question_survey(K.NUMBER, min_value=0, max_value=40)
    person = UserFactory()
    name = f"q{asked.pk}"

    assert name in errors_of(survey, person, {name: "41"})
    assert name in errors_of(survey, person, {name: "-1"})
    assert name in errors_of(survey, person, {name: "ten"})
    save(survey, person, {name: "40"})
    assert Answer.objects.get().number == 40


def test_skills_need_and_offer_only_the_listed_skills(skills):
    listed, unlisted = skills[:2], skills[2]
    survey, asked = one_question_survey(K.SKILLS, skills=listed, required=True)
    person = UserFactory()
    need, offer = f"q{asked.pk}", f"q{asked.pk}_offer"

    assert need in errors_of(survey, person, {})  # required: at least one either way
    assert need in errors_of(survey, person, {need: [str(unlisted.pk)]})
    assert offer in errors_of(survey, person, {offer: [str(unlisted.pk)]})

    save(survey, person, {need: [str(listed[0].pk)], offer: [str(listed[1].pk)]})
    assert set(Answer.objects.values_list("skill_id", "skill_need")) == {
        (listed[0].pk, True),
        (listed[1].pk, False),
    }


def test_country_language_and_organisation_must_be_real_ones():
    survey = SurveyFactory()
    page = section(survey)
    country = question(page, K.COUNTRY, required=True)
    language = question(page, K.LANGUAGE)
    organisation = question(page, K.ORGANISATION)
    question(section(survey), K.TEXT)
    group = OrganisationFactory()
    person = UserFactory()
    names = (f"q{country.pk}", f"q{language.pk}", f"q{organisation.pk}")

    errors = errors_of(survey, person, {names[0]: "XX", names[1]: "klingon", names[2]: "999999"})
    assert set(names) <= set(errors)

    save(survey, person, {names[0]: "SN", names[1]: "wo", names[2]: str(group.pk)})
    stored = {answer.question_id: answer for answer in Answer.objects.all()}
    assert stored[country.pk].code == "SN"
    assert stored[language.pk].code == "wo"
    assert stored[organisation.pk].organisation_id == group.pk


def test_free_text_is_limited_in_length_and_kept_as_written():
    survey, asked = one_question_survey(K.TEXT, required=True)
    person = UserFactory()
    name = f"q{asked.pk}"

    assert name in errors_of(survey, person, {name: "   "})  # blank is no answer
    assert name in errors_of(survey, person, {name: "x" * 4001})
    save(survey, person, {name: "  <b>More trainings</b> "})
    assert Answer.objects.get().text == "<b>More trainings</b>"


def two_page_survey(**fields):
    survey = SurveyFactory(**fields)
    first = question(section(survey, "About you"), K.SINGLE, options=["Yes", "No"], required=True)
    second = question(section(survey, "More"), K.TEXT)
    return survey, first, second


def test_the_last_page_submits_once_and_a_replay_changes_nothing():
    survey, first, second = two_page_survey()
    person = UserFactory()
    yes, no = first.options.all()

    result = save(survey, person, {f"q{first.pk}": str(yes.pk)})
    assert not result.submitted and result.next_section == 1
    result = save(survey, person, {f"q{second.pk}": "Thanks"}, index=1)
    assert result.submitted

    # The same last page sent again (double click), and the first page replayed.
    with pytest.raises(AlreadySubmitted):
        save(survey, person, {f"q{second.pk}": "Changed"}, index=1)
    with pytest.raises(AlreadySubmitted):
        save(survey, person, {f"q{first.pk}": str(no.pk)})

    response = Response.objects.get()
    assert response.submitted
    assert Answer.objects.get(question=first).option_id == yes.pk
    assert Answer.objects.get(question=second).text == "Thanks"


def test_pages_cannot_be_skipped():
    survey, _first, second = two_page_survey()

    with pytest.raises(NotAllowed):
        save(survey, UserFactory(), {f"q{second.pk}": "Skipping"}, index=1)
    assert not Response.objects.filter(submitted=True).exists()


def test_nothing_is_accepted_after_closing_not_even_the_last_page():
    survey, first, second = two_page_survey()
    person = UserFactory()
    save(survey, person, {f"q{first.pk}": str(first.options.first().pk)})
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now())

    with pytest.raises(NotAllowed):
        save(survey, person, {f"q{second.pk}": "Late"}, index=1)
    assert not Response.objects.filter(submitted=True).exists()
    assert not Answer.objects.filter(question=second).exists()


def test_a_closed_or_unpublished_survey_refuses_the_form_page(client):
    closed, first, _second = two_page_survey(
        opens_at=timezone.now() - datetime.timedelta(days=5),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    person = UserFactory()
    client.force_login(person)

    page = client.post(
        f"/surveys/{closed.pk}/answer/",
        {"page": "0", f"q{first.pk}": str(first.options.first().pk)},
        follow=True,
    )
    assert "This survey is closed" in page.content.decode()
    assert not Response.objects.exists()

    draft, _first, _second = two_page_survey(published=False)
    assert client.get(f"/surveys/{draft.pk}/").status_code == 404


def test_answering_in_the_browser_page_by_page_and_resuming_on_another_device():
    survey, first, second = two_page_survey(anonymous=False)
    person = UserFactory()
    phone, laptop = Client(), Client()
    phone.force_login(person)
    laptop.force_login(person)
    url = f"/surveys/{survey.pk}/answer/"

    invalid = phone.post(url, {"page": "0"})
    assert invalid.status_code == 400
    assert "Some answers need correcting" in invalid.content.decode()

    yes = first.options.get(label="Yes")
    moved_on = phone.post(url, {"page": "0", f"q{first.pk}": str(yes.pk)})
    assert moved_on.status_code == 302 and moved_on["Location"].endswith("?page=1")

    # The laptop continues where the phone stopped, and sees the first page's answer kept.
    resumed = laptop.get(url)
    assert "Page 2 of 2" in resumed.content.decode()
    back = laptop.get(url + "?page=0").content.decode()
    assert f'value="{yes.pk}"' in back and "checked" in back

    done = laptop.post(url, {"page": "1", f"q{second.pk}": "All good"})
    assert done["Location"] == f"/surveys/{survey.pk}/thanks/"
    assert Response.objects.get().user == person  # identified survey: the account is kept

    again = phone.post(url, {"page": "1", f"q{second.pk}": "Twice"})
    assert again["Location"] == f"/surveys/{survey.pk}/thanks/"
    assert Answer.objects.get(question=second).text == "All good"


def test_an_anonymous_response_stores_no_account():
    survey, first, second = two_page_survey(anonymous=True)
    person = UserFactory()
    save(survey, person, {f"q{first.pk}": str(first.options.first().pk)})
    save(survey, person, {f"q{second.pk}": "Hello"}, index=1)

    response = Response.objects.get()
    assert response.user_id is None
    assert response.respondent_key == keys.user_key(survey.pk, person.pk)
    assert response.submitted_on is not None  # a day, no time of day


def test_an_organisation_survey_is_for_its_members_only(client):
    group = OrganisationFactory()
    survey, first, _second = two_page_survey(
        audience=Survey.Audience.ORGANISATION, organisation=group
    )
    outsider, member = UserFactory(), UserFactory()
    Membership.objects.create(organisation=group, user=member)

    with pytest.raises(NotAllowed):
        save(survey, outsider, {f"q{first.pk}": str(first.options.first().pk)})
    save(survey, member, {f"q{first.pk}": str(first.options.first().pk)})
    assert Response.objects.count() == 1


def test_an_invitation_link_works_for_one_response_only():
    survey, first, second = two_page_survey(audience=Survey.Audience.LINK, anonymous=True)
    (token,) = invitation_tokens_create(user=survey.created_by, survey=survey, count=1)
    visitor = Client()
    link = f"/surveys/{survey.pk}/i/{token}/"

    # Without an account or a link, a visitor cannot answer.
    assert Client().get(f"/surveys/{survey.pk}/answer/")["Location"] == f"/surveys/{survey.pk}/"

    assert visitor.get(link)["Location"] == f"/surveys/{survey.pk}/answer/"
    visitor.post(
        f"/surveys/{survey.pk}/answer/",
        {"page": "0", f"q{first.pk}": str(first.options.first().pk)},
    )
    visitor.post(f"/surveys/{survey.pk}/answer/", {"page": "1", f"q{second.pk}": "From a link"})
    response = Response.objects.get()
    assert response.submitted and response.user_id is None
    assert response.respondent_key == keys.token_key(survey.pk, token)
    stored = InvitationToken.objects.get()
    assert stored.used and token not in stored.token_hash

    # The same link again, in another browser: refused, and nothing new is stored.
    other = Client()
    reused = other.get(link, follow=True)
    assert "not valid or has already been used" in reused.content.decode()
    with pytest.raises(NotAllowed):
        response_save_section(
            survey=survey,
            respondent=Respondent(key=keys.token_key(survey.pk, token), token=token),
            section_index=0,
            data={f"q{first.pk}": str(first.options.first().pk)},
        )
    assert Response.objects.count() == 1


def test_a_made_up_token_is_refused():
    survey, _first, _second = two_page_survey(audience=Survey.Audience.LINK)
    page = Client().get(f"/surveys/{survey.pk}/i/made-up-token/", follow=True)
    assert "not valid or has already been used" in page.content.decode()
