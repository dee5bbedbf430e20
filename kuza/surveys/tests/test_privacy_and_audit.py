"""What a demanding reviewer tries: other members, non-organisers, visitors and the API
reaching private data; re-identification through the CSV or by watching figures change;
blocks; dates; answering in Arabic; and pages sent out of order."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone

from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import Membership
from kuza.people.services import map_version
from kuza.safety.services import block_create
from kuza.surveys import keys
from kuza.surveys.models import Answer, Invitation, Question, Response, Survey
from kuza.surveys.selectors import Respondent, surveys_for
from kuza.surveys.services import NotAllowed, SurveyError
from kuza.surveys.services.building import SurveyFields, section_move, survey_update
from kuza.surveys.services.invitations import invitations_send
from kuza.surveys.services.responding import response_save_section
from kuza.surveys.tests.factories import OrganisationFactory, SurveyFactory, question, section
from kuza.translation.models import SourceUnit, UnitTranslation
from kuza.translation.services import translation_sync_source

pytestmark = pytest.mark.django_db

K = Question.Kind


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def save(survey, person, data, index=0):
    return response_save_section(
        survey=survey,
        respondent=Respondent(key=keys.user_key(survey.pk, person.pk), user=person),
        section_index=index,
        data=data,
    )


def close(survey):
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now())
    survey.refresh_from_db()


def one_page(**fields):
    survey = SurveyFactory(**fields)
    page = section(survey)
    country = question(page, K.COUNTRY, text="Where?")
    hours = question(page, K.NUMBER, text="=SUM(A1:A9)", min_value=-10, max_value=10)
    note = question(page, K.TEXT, text="Anything else?")
    return survey, country, hours, note


def answer(survey, person, country, hours, note, *, where="KE", number=1, text=""):
    save(
        survey,
        person,
        {f"q{country.pk}": where, f"q{hours.pk}": str(number), f"q{note.pk}": text},
    )


# --- Anonymous surveys: nothing to watch change while open ------------------------------------


def test_an_open_anonymous_survey_shows_only_its_number_of_responses_even_to_organisers():
    survey, country, hours, note = one_page(anonymous=True)
    for index in range(4):
        answer(survey, UserFactory(), country, hours, note, text=f"Private note {index}")
    organiser = logged_in(survey.created_by)

    page = organiser.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert "Private note" not in page and "Where?" not in page and "<svg" not in page
    assert "shown once it closes" in page and ">4<" not in page.replace(" ", "")
    refused = organiser.get(f"/surveys/{survey.pk}/responses.csv", follow=True)
    assert "shown once it closes" in refused.content.decode()
    assert not refused["Content-Type"].startswith("text/csv")
    api = organiser.get(f"/api/surveys/{survey.pk}/results").json()
    assert api["held"] is True and api["questions"] == [] and api["responses"] == 4

    close(survey)
    page = organiser.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert "Private note 2" in page and "<svg" in page
    downloaded = organiser.get(f"/surveys/{survey.pk}/responses.csv")
    assert downloaded["Content-Type"].startswith("text/csv")
    assert organiser.get(f"/api/surveys/{survey.pk}/results").json()["held"] is False


# --- The CSV: anonymised, and safe in a spreadsheet -------------------------------------------


def test_the_csv_hides_a_rare_country_and_keeps_numbers_and_formulas_harmless():
    survey, country, hours, note = one_page(anonymous=True)
    people = [UserFactory() for _index in range(4)]
    for person in people[:3]:
        answer(
            survey, person, country, hours, note, where="KE", number=-3, text="@cmd|' /C calc'!A0"
        )
    answer(survey, people[3], country, hours, note, where="TG", number=7, text="+1 555")  # alone
    close(survey)

    body = logged_in(survey.created_by).get(f"/surveys/{survey.pk}/responses.csv")
    text = body.content.decode()
    rows = list(csv.reader(io.StringIO(text)))

    assert rows[0] == ["response", "Where?", "'=SUM(A1:A9)", "Anything else?"]
    assert sorted(row[1] for row in rows[1:]) == ["KE", "KE", "KE", "fewer than 3"]
    assert "TG" not in text and "Togo" not in text  # the one person from Togo stays unknown
    assert sorted(row[2] for row in rows[1:]) == ["-3", "-3", "-3", "7"]  # numbers, not text
    assert {row[3] for row in rows[1:]} == {"'@cmd|' /C calc'!A0", "'+1 555"}
    for person in people:  # no account, key or time of answering in the file
        assert person.username not in text
        assert keys.user_key(survey.pk, person.pk) not in text
    assert timezone.now().date().isoformat() not in text


# --- Who may see results: other members, visitors, the API ------------------------------------


def test_shared_results_reach_only_the_surveys_audience():
    group = OrganisationFactory()
    member, outsider = UserFactory(), UserFactory()
    Membership.objects.create(organisation=group, user=member)
    of_group, *_rest = one_page(
        audience=Survey.Audience.ORGANISATION, organisation=group, results_public=True
    )
    of_members, *_rest = one_page(audience=Survey.Audience.MEMBERS, results_public=True)
    of_link, *_rest = one_page(audience=Survey.Audience.LINK, results_public=True)
    for survey in (of_group, of_members, of_link):
        close(survey)
    visitor = Client()

    def status(client, survey):
        return client.get(f"/surveys/{survey.pk}/results/").status_code

    assert status(logged_in(member), of_group) == 200
    assert status(logged_in(outsider), of_group) == 404
    assert status(visitor, of_group) == 404
    assert status(logged_in(outsider), of_members) == 200
    assert status(visitor, of_members) == 404
    assert status(visitor, of_link) == 200
    assert logged_in(outsider).get(f"/api/surveys/{of_group.pk}/results").status_code == 404
    assert logged_in(member).get(f"/api/surveys/{of_group.pk}/results").status_code == 200


def test_the_api_gives_nothing_to_visitors_other_members_or_organisers_of_other_surveys():
    survey, country, hours, note = one_page(anonymous=False)
    for index in range(3):
        answer(survey, UserFactory(), country, hours, note, text=f"Named note {index}")
    other_survey, *_rest = one_page()
    visitor = Client()

    assert visitor.get("/api/surveys/").status_code == 401
    assert visitor.get(f"/api/surveys/{survey.pk}/results").status_code == 401
    for outsider in (UserFactory(), other_survey.created_by):
        assert logged_in(outsider).get(f"/api/surveys/{survey.pk}/results").status_code == 404
        assert logged_in(outsider).get(f"/surveys/{survey.pk}/responses.csv").status_code == 404
        assert logged_in(outsider).get(f"/surveys/{survey.pk}/results/").status_code == 404
    organiser_view = logged_in(survey.created_by).get(f"/api/surveys/{survey.pk}/results")
    assert organiser_view.status_code == 200
    assert "Named note" not in organiser_view.content.decode()  # free text: web page only


def test_a_visitor_cannot_reach_drafts_builder_or_csv():
    draft, *_rest = one_page(published=False)
    visitor = Client()
    assert visitor.get(f"/surveys/{draft.pk}/").status_code == 404
    assert visitor.get(f"/surveys/{draft.pk}/results/").status_code == 404
    assert visitor.get(f"/surveys/{draft.pk}/build/").status_code == 302  # to log in
    assert visitor.get(f"/surveys/{draft.pk}/responses.csv").status_code == 404
    assert visitor.post(f"/surveys/{draft.pk}/publish/").status_code == 302
    draft.refresh_from_db()
    assert not draft.published


# --- Blocks ------------------------------------------------------------------------------------


def test_a_member_blocked_either_way_with_an_organiser_cannot_answer_nor_is_invited():
    survey, country, hours, note = one_page()
    co_organiser = UserFactory(username="co")
    survey.organisers.add(co_organiser)
    blocked, blocker, other = (UserFactory(username=name) for name in ("bl", "bk", "ot"))
    block_create(blocker=co_organiser, blocked=blocked)
    block_create(blocker=blocker, blocked=co_organiser)

    for person in (blocked, blocker):
        assert survey not in surveys_for(person)
        with pytest.raises(NotAllowed):
            answer(survey, person, country, hours, note)
        page = logged_in(person).get(f"/surveys/{survey.pk}/answer/", follow=True)
        assert "You cannot answer this survey." in page.content.decode()
    answer(survey, other, country, hours, note)
    assert Response.objects.count() == 1

    invitations_send(user=survey.created_by, survey=survey)
    invited = set(Invitation.objects.values_list("user__username", flat=True))
    assert "ot" in invited and not invited & {"bl", "bk", "co"}


# --- Dates, audiences and settings after publishing -------------------------------------------


def test_a_survey_not_open_yet_accepts_nothing():
    later = timezone.now() + datetime.timedelta(days=2)
    survey, country, hours, note = one_page(
        opens_at=later, closes_at=later + datetime.timedelta(days=5)
    )
    person = UserFactory()
    with pytest.raises(NotAllowed):
        answer(survey, person, country, hours, note)
    page = logged_in(person).get(f"/surveys/{survey.pk}/").content.decode()
    assert "not open yet" in page and f"/surveys/{survey.pk}/answer/" not in page
    assert not Response.objects.exists()


def test_who_may_answer_cannot_change_after_publishing_and_closing_refreshes_the_map():
    group, other_group = OrganisationFactory(), OrganisationFactory()
    staff = UserFactory(is_staff=True)
    survey, *_rest = one_page(
        created_by=staff, audience=Survey.Audience.ORGANISATION, organisation=group
    )

    def fields(**changes):
        values = {
            "title": survey.title,
            "audience": Survey.Audience.ORGANISATION,
            "organisation": group,
            "anonymous": True,
            "opens_at": survey.opens_at,
            "closes_at": survey.closes_at,
        }
        return SurveyFields(**(values | changes))

    with pytest.raises(SurveyError):
        survey_update(user=staff, survey=survey, fields=fields(organisation=other_group))
    survey.refresh_from_db()
    assert survey.organisation == group

    before = map_version()
    survey_update(
        user=staff,
        survey=survey,
        fields=fields(closes_at=timezone.now() - datetime.timedelta(seconds=1)),
    )
    assert survey.is_closed() and map_version() > before


# --- Answering: pages in order, in Arabic, without script -------------------------------------


def test_a_page_sent_ahead_of_its_turn_is_refused_not_saved_as_another_page():
    survey = SurveyFactory()
    first = question(section(survey, "One"), K.TEXT, text="First?")
    second = question(section(survey, "Two"), K.TEXT, text="Second?")
    client = logged_in(UserFactory())

    sent = client.post(
        f"/surveys/{survey.pk}/answer/", {"page": "1", f"q{second.pk}": "Jumped"}, follow=True
    )

    assert "Please answer the earlier pages first." in sent.content.decode()
    assert not Answer.objects.exists()
    response = Response.objects.filter(survey=survey).first()
    assert response is None or (response.next_section == 0 and not response.submitted)
    assert first.pk  # the first page is still the one to answer
    assert "First?" in client.get(f"/surveys/{survey.pk}/answer/").content.decode()


def test_pages_follow_the_section_order_the_organiser_set():
    survey = SurveyFactory(published=False)
    question(section(survey, "Alpha page"), K.TEXT, text="Alpha?")
    later = section(survey, "Beta page")
    question(later, K.TEXT, text="Beta?")
    section_move(user=survey.created_by, section=later, direction=-1)
    Survey.objects.filter(pk=survey.pk).update(published=True)

    first_page = logged_in(UserFactory()).get(f"/surveys/{survey.pk}/answer/").content.decode()

    assert "Beta page" in first_page and "Alpha page" not in first_page


def test_a_member_answers_in_arabic_right_to_left_with_translated_texts_and_safe_help():
    survey = SurveyFactory()
    asked = question(
        section(survey, "About you"),
        K.SINGLE,
        text="Which format suits you?",
        help_text="<script>alert(1)</script>Pick one.",
        options=["Online", "In person"],
        required=True,
    )
    question(section(survey, "More"), K.TEXT)
    translatable = translation_sync_source(obj=survey).translatable
    arabic = {
        f"q{asked.pk}": "ما الصيغة التي تناسبك؟",
        f"q{asked.pk}.help": "اختر واحدة.",
        f"o{asked.options.get(label='Online').pk}": "عبر الإنترنت",
    }
    for unit in SourceUnit.objects.filter(field__translatable=translatable, key__in=arabic):
        UnitTranslation.objects.create(
            unit=unit,
            language="ar",
            text=arabic[unit.key],
            source_hash_at_translation=unit.source_hash,
        )
    client = logged_in(UserFactory())
    client.cookies["django_language"] = "ar"
    url = f"/surveys/{survey.pk}/answer/"

    page = client.get(url).content.decode()
    assert 'dir="rtl"' in page
    assert "ما الصيغة التي تناسبك؟ *" in page and "اختر واحدة." in page
    assert "عبر الإنترنت" in page and "In person" in page  # untranslated option falls back
    assert "<script>" not in page

    refused = client.post(url, {"page": "0"})
    assert refused.status_code == 400 and 'role="alert"' in refused.content.decode()
    online = asked.options.get(label="Online")
    assert client.post(url, {"page": "0", f"q{asked.pk}": str(online.pk)}).status_code == 302
    assert Answer.objects.get(question=asked).option == online


# --- Reports ----------------------------------------------------------------------------------


def test_a_member_can_report_a_published_survey_from_its_page_but_never_a_draft():
    published = SurveyFactory(title="Open needs survey")
    draft = SurveyFactory(title="Private draft survey", published=False)
    client = logged_in(UserFactory())

    page = client.get(f"/surveys/{published.pk}/").content.decode()
    report_page = client.get(f"/safety/report/survey/{published.pk}/")
    draft_report = client.get(f"/safety/report/survey/{draft.pk}/")

    assert f'href="/safety/report/survey/{published.pk}/"' in page
    assert report_page.status_code == 200 and "Open needs survey" in report_page.content.decode()
    assert draft_report.status_code == 404
    assert "Private draft survey" not in draft_report.content.decode()
    own_page = logged_in(published.created_by).get(f"/surveys/{published.pk}/").content.decode()
    assert "/safety/report/" not in own_page
