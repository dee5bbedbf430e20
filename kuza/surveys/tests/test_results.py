"""Results: the small-group rule, breakdowns, free text for organisers only, the CSV, and
what blocks and suspensions change."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone

from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import Profile
from kuza.safety.services import block_create
from kuza.surveys import keys
from kuza.surveys.models import Question, Survey
from kuza.surveys.results import csv_rows, survey_results
from kuza.surveys.selectors import Respondent
from kuza.surveys.services import NotAllowed
from kuza.surveys.services.responding import response_save_section
from kuza.surveys.tests.factories import SurveyFactory, question, section

pytestmark = pytest.mark.django_db

K = Question.Kind


def build(**fields):
    survey = SurveyFactory(**fields)
    page = section(survey)
    country = question(page, K.COUNTRY, text="Where?")
    choice = question(page, K.SINGLE, text="Format?", options=["Online", "In person"])
    scale = question(page, K.SCALE, text="Confidence?")
    text = question(page, K.TEXT, text="Anything else?")
    return survey, country, choice, scale, text


def answer(survey, person, country, choice, scale, text, *, where="KE", option=0, level=3, note=""):
    response_save_section(
        survey=survey,
        respondent=Respondent(key=keys.user_key(survey.pk, person.pk), user=person),
        section_index=0,
        data={
            f"q{country.pk}": where,
            f"q{choice.pk}": str(list(choice.options.all())[option].pk),
            f"q{scale.pk}": str(level),
            f"q{text.pk}": note,
        },
    )


def close(survey):
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now())
    survey.refresh_from_db()


def by_key(rows):
    return {row.label: row.count.value for row in rows}


def test_counts_below_3_are_shown_as_fewer_than_3_and_averages_need_3_answers():
    survey, country, choice, scale, text = build(anonymous=False)
    for index in range(4):  # 4 online, 2 in person
        answer(survey, UserFactory(), country, choice, scale, text, option=0, level=index + 1)
    answers_so_far = survey_results(viewer=survey.created_by, survey=survey)
    for _index in range(2):
        answer(survey, UserFactory(), country, choice, scale, text, option=1, level=5)

    report = survey_results(viewer=survey.created_by, survey=survey)
    results = {result.question.pk: result for result in report.questions}

    assert report.responses.value == 6
    assert by_key(results[choice.pk].rows) == {"Online": 4, "In person": None}
    assert results[scale.pk].summary.mean == round((1 + 2 + 3 + 4 + 5 + 5) / 6, 1)
    # The chart draws the small group as a stub with words, never its number.
    svg = results[choice.pk].svg
    assert "fewer than 3" in svg and ">2<" not in svg
    assert answers_so_far.responses.value == 4

    few = SurveyFactory(anonymous=False)
    page = section(few)
    lone_scale = question(page, K.SCALE)
    response_save_section(
        survey=few,
        respondent=Respondent(key="k" * 64, user=UserFactory()),
        section_index=0,
        data={f"q{lone_scale.pk}": "2"},
    )
    lonely = survey_results(viewer=few.created_by, survey=few)
    assert lonely.responses.is_small
    assert lonely.questions[0].summary.mean is None


def test_breakdowns_hide_every_figure_of_a_group_smaller_than_3(client):
    survey, country, choice, scale, text = build()
    for _index in range(4):
        answer(survey, UserFactory(), country, choice, scale, text, where="KE", option=0)
    for _index in range(3):
        answer(survey, UserFactory(), country, choice, scale, text, where="GH", option=0)
    for _index in range(2):
        answer(survey, UserFactory(), country, choice, scale, text, where="SN", option=1)
    close(survey)

    report = survey_results(viewer=survey.created_by, survey=survey, breakdown="country")
    result = next(result for result in report.questions if result.question.pk == choice.pk)
    groups = {group.label: group for group in result.groups}

    assert groups["Kenya"].responses.value == 4
    assert by_key(groups["Kenya"].rows) == {"Online": 4, "In person": 0}  # zero is shown
    assert groups["Senegal"].responses.is_small and groups["Senegal"].rows == ()
    # Overall minus Kenya minus Ghana would give the two Senegalese answers: Ghana, the
    # smallest group shown, is hidden too.
    assert by_key(result.rows) == {"Online": 7, "In person": None}
    assert groups["Ghana"].responses.value == 3 and groups["Ghana"].rows == ()

    client.force_login(survey.created_by)
    page = client.get(f"/surveys/{survey.pk}/results/?by=country").content.decode()
    assert "Senegal" in page and "too few responses to show" in page


def test_free_text_is_listed_to_organisers_only_and_never_by_the_page_of_shared_results():
    survey, country, choice, scale, text = build(results_public=True)
    for index in range(3):
        answer(survey, UserFactory(), country, choice, scale, text, note=f"Secret idea {index}")
    organiser, member = survey.created_by, UserFactory()
    url = f"/surveys/{survey.pk}/results/"
    visitor = Client()
    visitor.force_login(member)

    assert visitor.get(url).status_code == 404  # still open: results not shared yet
    organiser_client = Client()
    organiser_client.force_login(organiser)
    assert "Secret idea 1" not in organiser_client.get(url).content.decode()  # held: open

    close(survey)
    assert "Secret idea 1" in organiser_client.get(url).content.decode()
    shared = visitor.get(url)
    assert shared.status_code == 200
    assert "Format?" in shared.content.decode() and "Secret idea" not in shared.content.decode()
    assert visitor.get(f"/surveys/{survey.pk}/responses.csv").status_code == 404
    assert Client().get(f"/surveys/{survey.pk}/responses.csv").status_code == 404
    with pytest.raises(NotAllowed):
        csv_rows(viewer=member, survey=survey)


def test_results_are_not_shared_unless_the_organisers_chose_so():
    survey, *_questions = build(results_public=False)
    close(survey)
    member = Client()
    member.force_login(UserFactory())

    assert member.get(f"/surveys/{survey.pk}/results/").status_code == 404
    with pytest.raises(NotAllowed):
        survey_results(viewer=UserFactory(), survey=survey)


def test_the_csv_has_one_anonymised_row_per_response_with_every_answer(client):
    survey, country, choice, scale, text = build(anonymous=False)
    people = [UserFactory(username=f"respondent{index}") for index in range(3)]
    for index, person in enumerate(people):
        answer(survey, person, country, choice, scale, text, option=index % 2, level=index + 1,
               note="=HYPERLINK(\"http://evil\")" if index == 0 else f"note {index}")  # fmt: skip
    client.force_login(survey.created_by)

    response = client.get(f"/surveys/{survey.pk}/responses.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))

    assert response["Content-Type"].startswith("text/csv")
    assert rows[0] == ["response", "Where?", "Format?", "Confidence?", "Anything else?"]
    assert sorted(row[0] for row in rows[1:]) == ["1", "2", "3"]
    assert sorted(row[3] for row in rows[1:]) == ["1", "2", "3"]
    assert {row[1] for row in rows[1:]} == {"KE"}
    assert sorted(row[2] for row in rows[1:]) == ["In person", "Online", "Online"]
    assert '\'=HYPERLINK("http://evil")' in {row[4] for row in rows[1:]}  # no formula
    body = response.content.decode()
    for person in people:  # no names, usernames or account ids
        assert person.username not in body and person.profile.display_name not in body


def test_suspended_members_answers_are_left_out_in_identified_and_anonymous_surveys():
    for anonymous in (False, True):
        survey, country, choice, scale, text = build(anonymous=anonymous)
        people = [UserFactory() for _index in range(4)]
        for person in people:
            answer(survey, person, country, choice, scale, text, note=f"by {person.username}")
        suspended = people[0]
        type(suspended).objects.filter(pk=suspended.pk).update(is_active=False)
        close(survey)

        report = survey_results(viewer=survey.created_by, survey=survey)
        rows = csv_rows(viewer=survey.created_by, survey=survey)

        assert report.responses.value == 3
        texts = {item.text for result in report.questions for item in result.texts}
        assert f"by {suspended.username}" not in texts and len(texts) == 3
        assert len(rows) == 1 + 3


def test_an_identified_respondent_blocked_with_the_author_is_shown_to_them_without_a_name():
    survey, country, choice, scale, text = build(anonymous=False)
    author = survey.created_by
    blocker, blocked, other = (UserFactory(username=name) for name in ("zawadi", "yusuf", "xavi"))
    for person in (blocker, blocked, other):
        answer(survey, person, country, choice, scale, text, note=f"note of {person.username}")
    block_create(blocker=blocker, blocked=author)  # the respondent blocked the author
    block_create(blocker=author, blocked=blocked)  # the author blocked a respondent

    report = survey_results(viewer=author, survey=survey)
    authors = {item.text: item.author for result in report.questions for item in result.texts}

    assert authors["note of zawadi"] is None
    assert authors["note of yusuf"] is None
    assert authors["note of xavi"] == Profile.objects.get(user=other).display_name
    co_organiser = UserFactory()
    survey.organisers.add(co_organiser)
    shown_to_co = survey_results(viewer=co_organiser, survey=survey)
    assert {item.author for r in shown_to_co.questions for item in r.texts} >= {
        Profile.objects.get(user=blocker).display_name
    }


def test_anonymous_results_never_name_anyone():
    survey, country, choice, scale, text = build(anonymous=True)
    for index in range(3):
        answer(survey, UserFactory(), country, choice, scale, text, note=f"idea {index}")
    close(survey)

    report = survey_results(viewer=survey.created_by, survey=survey)

    assert report.questions
    assert all(item.author is None for r in report.questions for item in r.texts)


def test_only_organisers_see_results_of_an_open_survey(client):
    survey, *_questions = build()
    client.force_login(UserFactory())
    assert client.get(f"/surveys/{survey.pk}/results/").status_code == 404
    assert client.get(f"/surveys/{survey.pk}/build/").status_code == 404
    old = SurveyFactory(closes_at=timezone.now() - datetime.timedelta(seconds=1),
                        opens_at=timezone.now() - datetime.timedelta(days=3))  # fmt: skip
    assert client.get(f"/surveys/{old.pk}/results/").status_code == 404
