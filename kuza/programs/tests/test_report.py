"""The programme report: live values, definitions, daily snapshots, CSV, trend SVG."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kuza.core import schedule
from kuza.events.tests.factories import EventFactory
from kuza.programs import selectors, services
from kuza.programs.models import Snapshot
from kuza.programs.tasks import snapshot_key_results
from kuza.programs.tests.factories import (
    CohortFactory,
    MemberFactory,
    PersonFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    cohort = CohortFactory()
    programme = cohort.programme
    for country in ("KE", "SN", "FR"):
        member = MemberFactory(cohort=cohort)
        member.user.profile.country = country
        member.user.profile.save()
    organiser = programme.organisers.get()
    base = {"target": Decimal(11), "unit": "countries", "deadline": date(2026, 12, 31)}
    services.key_result_save(
        programme=programme, actor=organiser,
        fields={**base, "title": "Countries represented", "measure": "countries_represented"},
    )  # fmt: skip
    services.key_result_save(
        programme=programme, actor=organiser,
        fields={**base, "title": "=HYPERLINK(\"http://evil\")", "measure": "",
                "manual_value": Decimal(6), "source_note": "+monthly pilot reports"},
    )  # fmt: skip
    return programme


def test_the_report_shows_each_value_target_and_definition(client, programme):
    client.force_login(programme.organisers.get())

    page = client.get(reverse("programs:report", args=[programme.pk])).content.decode()

    assert "3 / 11 countries" in page
    assert "Different countries given on the profiles of the cohort members." in page
    assert "6 / 11 countries" in page and "+monthly pilot reports" in page
    assert 'media="print"' in page and "<script" not in page


def test_viewing_the_report_stores_one_snapshot_a_day(client, programme):
    client.force_login(programme.organisers.get())
    url = reverse("programs:report", args=[programme.pk])

    client.get(url)
    member = MemberFactory(cohort=programme.cohorts.get())
    member.user.profile.country = "MA"
    member.user.profile.save()
    client.get(url)

    snapshots = Snapshot.objects.filter(key_result__measure="countries_represented")
    assert list(snapshots.values_list("taken_on", "value")) == [(timezone.localdate(), Decimal(3))]
    # The daily job records the day's latest value.
    assert snapshot_key_results.call() == 2
    assert snapshots.get().value == Decimal(4)


def test_the_daily_job_is_scheduled():
    job = next(job for job in schedule.jobs() if job.name == "programs.snapshot-key-results")

    assert job.every == timedelta(days=1) and job.task is snapshot_key_results


def test_the_report_downloads_as_csv_with_formulas_defused(client, programme):
    client.force_login(MemberFactory(cohort=programme.cohorts.get()).user)

    response = client.get(reverse("programs:report_csv", args=[programme.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))

    assert response["Content-Type"].startswith("text/csv")
    assert rows[1][:6] == ["Countries represented", "11", "countries", "2026-12-31", "3", "27"]
    assert rows[2][0] == '\'=HYPERLINK("http://evil")'
    assert rows[2][8] == "'+monthly pilot reports"
    assert not Snapshot.objects.exists()  # a download is not a view of the report


def test_the_trend_is_an_svg_line_without_script(client, programme):
    key_result = programme.key_results.get(measure="countries_represented")
    Snapshot.objects.create(
        key_result=key_result, taken_on=timezone.localdate() - timedelta(days=7), value=1
    )
    client.force_login(programme.organisers.get())

    response = client.get(reverse("programs:trend", args=[programme.pk, key_result.pk]))
    page = client.get(reverse("programs:report", args=[programme.pk])).content.decode()

    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content and b"<script" not in response.content
    assert reverse("programs:trend", args=[programme.pk, key_result.pk]) in page


def test_people_outside_the_programme_get_no_report(client, programme):
    client.force_login(PersonFactory())
    for name in ("programs:report", "programs:report_csv"):
        assert client.get(reverse(name, args=[programme.pk])).status_code == 404
    key_result = programme.key_results.first()
    assert (
        client.get(reverse("programs:trend", args=[programme.pk, key_result.pk])).status_code == 404
    )
    assert client.get(f"/api/programmes/{programme.pk}/key-results").status_code == 404


def test_the_api_gives_participants_the_key_results_with_definitions(client, programme):
    client.force_login(MemberFactory(cohort=programme.cohorts.get()).user)

    results = client.get(f"/api/programmes/{programme.pk}/key-results").json()

    assert [(r["measure"], r["current"], r["percent"]) for r in results] == [
        ("countries_represented", "3", 27),  # the new member is in KE too
        ("manual", "6.00", 54),
    ]
    assert results[0]["definition"].startswith("Different countries")


def test_programmes_linked_to_an_event_are_those_the_viewer_may_see():
    event = EventFactory()
    listed = ProgrammeFactory(name="Listed")
    unlisted = ProgrammeFactory(name="Unlisted", listed=False)
    listed.events.add(event)
    unlisted.events.add(event)
    member = MemberFactory(cohort=CohortFactory(programme=unlisted)).user

    assert [p.name for p in selectors.programmes_linked_to(event, PersonFactory())] == ["Listed"]
    assert {p.name for p in selectors.programmes_linked_to(event, member)} == {"Listed", "Unlisted"}
    assert not selectors.programmes_linked_to(event, None).exists()
    assert not selectors.programmes_linked_to(member, member).exists()


def test_the_part_of_programmes_tag_names_the_programmes_the_viewer_may_see(rf):
    from django.template import Context, Template

    event = EventFactory()
    listed = ProgrammeFactory(name="Women leaders")
    ProgrammeFactory(name="Private circle", listed=False).events.add(event)
    listed.events.add(event)
    request = rf.get("/")
    request.user = PersonFactory()

    html = Template("{% load programmes %}{% part_of_programmes event %}").render(
        Context({"request": request, "event": event})
    )

    assert "Part of the programme:" in html and "Women leaders" in html
    assert "Private circle" not in html


def test_figures_read_as_numbers_in_the_readers_language(client, programme):
    organiser = programme.organisers.get()
    programme.key_results.filter(measure="countries_represented").update(position=3)
    services.key_result_save(
        programme=programme, actor=organiser,
        fields={"title": "Organisers engaged", "target": Decimal("150.00"), "unit": "organisers",
                "deadline": date(2030, 1, 1), "measure": "", "manual_value": Decimal("300"),
                "source_note": "Sign-in sheets"},
    )  # fmt: skip
    services.key_result_save(
        programme=programme, actor=organiser,
        fields={"title": "Hours", "target": Decimal("12.50"), "unit": "hours",
                "deadline": date(2030, 1, 1), "measure": "", "manual_value": Decimal("2.50"),
                "source_note": "Timesheets"},
    )  # fmt: skip
    client.force_login(organiser)
    url = reverse("programs:report", args=[programme.pk])

    english = client.get(url).content.decode()
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    csv_url = reverse("programs:report_csv", args=[programme.pk])
    rows = list(csv.reader(io.StringIO(client.get(csv_url).content.decode())))

    assert "300 / 150 organisers" in english and "E+" not in english
    assert "2.5 / 12.5 hours" in english
    assert "2,5 / 12,5 hours" in french
    met = next(row for row in rows if row[0] == "Organisers engaged")
    assert met[1] == "150" and met[4] == "300" and met[6] == "Target met"
    assert met[7] == "Entered by hand"
    # A new key result comes last, after those already there.
    assert [r.title for r in programme.key_results.all()][-2:] == ["Organisers engaged", "Hours"]


def test_programmes_are_listed_with_the_readers_list_separator(rf):
    from django.template import Context, Template
    from django.utils import translation

    event = EventFactory()
    ProgrammeFactory(name="Alpha").events.add(event)
    ProgrammeFactory(name="Beta").events.add(event)
    request = rf.get("/")
    request.user = PersonFactory()
    template = Template("{% load programmes %}{% part_of_programmes event %}")

    with translation.override("ar"):
        arabic = template.render(Context({"request": request, "event": event}))
    english = template.render(Context({"request": request, "event": event}))

    assert "</a>، <a" in arabic
    assert "</a>, <a" in english


def test_a_course_page_names_the_programmes_it_belongs_to(client):
    from kuza.learning.tests.factories import make_course

    course = make_course(with_quiz=False, title="Leading edit-a-thons")
    ProgrammeFactory(name="Women leaders").courses.add(course)
    ProgrammeFactory(name="Private circle", listed=False).courses.add(course)
    client.force_login(PersonFactory())

    page = client.get(f"/learn/{course.slug}/").content.decode()

    assert "Part of the programme:" in page and "Women leaders" in page
    assert "Private circle" not in page
