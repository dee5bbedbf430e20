"""Calendar files and time zones: an event's own zone, and the viewer's."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuza.events.ics import event_calendar
from kuza.events.models import Event
from kuza.events.tests.factories import EventFactory, MemberFactory, RegistrationFactory
from kuza.events.timezones import (
    NonexistentLocalTime,
    local_to_utc,
    utc_to_local,
    viewer_time_zone,
)

ZONES = ["Africa/Nairobi", "Africa/Lagos", "Africa/Casablanca", "Europe/Paris", "America/Lima"]


def parse(body: bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(body)
    events = [component for component in calendar.walk("VEVENT")]
    assert len(events) == 1
    return events[0]


@pytest.mark.django_db
def test_the_ics_file_parses_back_to_the_same_instants_in_the_events_zone(client):
    starts = datetime(2031, 7, 1, 13, 0, tzinfo=UTC)
    event = EventFactory(
        title="#SheSaid edit-a-thon",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        time_zone="Africa/Nairobi",
        format=Event.Format.HYBRID,
        location="Kenya National Library",
    )

    response = client.get(f"/events/{event.pk}/calendar.ics")

    assert response["Content-Type"].startswith("text/calendar")
    entry = parse(response.content)
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Africa/Nairobi"]
    assert str(entry["SUMMARY"]) == "#SheSaid edit-a-thon"
    assert entry.decoded("DTSTART") == starts
    assert entry.decoded("DTSTART").hour == 16  # 13:00 UTC is 16:00 in Nairobi
    assert entry["DTSTART"].params["TZID"] == "Africa/Nairobi"
    assert entry.decoded("DTEND") == starts + timedelta(hours=8)
    assert "Kenya National Library" in str(entry["LOCATION"])
    assert str(entry["UID"]).startswith(f"event-{event.pk}@")
    assert f"/events/{event.pk}/" in str(entry["DESCRIPTION"])


@pytest.mark.django_db
def test_the_ics_keeps_the_wall_clock_across_a_daylight_saving_change():
    # 10:00 in Paris on the Monday after clocks went forward is 08:00 UTC, not 09:00.
    starts = local_to_utc(datetime(2031, 3, 31, 10, 0), "Europe/Paris")
    event = EventFactory(
        starts_at=starts, ends_at=starts + timedelta(hours=1), time_zone="Europe/Paris"
    )

    entry = parse(event_calendar(event))

    assert starts == datetime(2031, 3, 31, 8, 0, tzinfo=UTC)
    assert entry.decoded("DTSTART").replace(tzinfo=None) == datetime(2031, 3, 31, 10, 0)


@pytest.mark.django_db
def test_the_ics_of_a_registered_person_carries_the_online_link(client):
    event = EventFactory(online_url="https://meet.example.org/room-42")
    registration = RegistrationFactory(event=event)
    client.force_login(registration.user)

    entry = parse(client.get(f"/events/{event.pk}/calendar.ics").content)

    assert str(entry["URL"]) == "https://meet.example.org/room-42"
    assert "room-42" in str(entry["LOCATION"])


@pytest.mark.django_db
def test_the_event_page_shows_the_events_time_and_the_viewers_own(client):
    starts = datetime(2031, 7, 1, 13, 0, tzinfo=UTC)
    event = EventFactory(
        starts_at=starts, ends_at=starts + timedelta(hours=2), time_zone="Africa/Nairobi"
    )
    viewer = MemberFactory()
    viewer.profile.time_zone = "Africa/Lagos"
    viewer.profile.save()

    anonymous_page = client.get(f"/events/{event.pk}/").content.decode()
    client.force_login(viewer)
    member_page = client.get(f"/events/{event.pk}/").content.decode()

    assert "16:00" in anonymous_page and "(Africa/Nairobi)" in anonymous_page
    assert (
        "Your time:" in anonymous_page and "13:00" in anonymous_page and "(UTC)" in anonymous_page
    )
    assert "14:00" in member_page and "(Africa/Lagos)" in member_page


@pytest.mark.django_db
def test_no_second_time_is_shown_when_the_viewer_is_in_the_events_zone(client):
    event = EventFactory(time_zone="Africa/Nairobi")
    viewer = MemberFactory()
    viewer.profile.time_zone = "Africa/Nairobi"
    viewer.profile.save()
    client.force_login(viewer)
    assert "Your time:" not in client.get(f"/events/{event.pk}/").content.decode()


def test_a_viewer_without_a_profile_or_zone_sees_utc():
    class Visitor:
        pass

    class WithProfile:
        class profile:  # noqa: N801 - mimics user.profile
            time_zone = "Not/AZone"

    assert viewer_time_zone(None) == "UTC"
    assert viewer_time_zone(Visitor()) == "UTC"
    assert viewer_time_zone(WithProfile()) == "UTC"


def test_a_time_skipped_by_the_clocks_is_refused():
    with pytest.raises(NonexistentLocalTime):
        local_to_utc(datetime(2031, 3, 30, 2, 30), "Europe/Paris")


def test_a_repeated_time_means_its_first_occurrence():
    # 02:30 happens twice in Paris on 26 October 2031; the first is still summer time.
    assert local_to_utc(datetime(2031, 10, 26, 2, 30), "Europe/Paris") == datetime(
        2031, 10, 26, 0, 30, tzinfo=UTC
    )


@given(
    instant=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2060, 1, 1)),
    zone_name=st.sampled_from(ZONES),
)
def test_utc_to_local_and_back_is_the_same_instant(instant, zone_name):
    aware = instant.replace(tzinfo=UTC)
    wall_clock = utc_to_local(aware, zone_name)
    back = local_to_utc(wall_clock, zone_name)
    # A repeated wall-clock time maps to its first occurrence, at most an hour earlier.
    assert back == aware or (
        aware - back <= timedelta(hours=1) and utc_to_local(back, zone_name) == wall_clock
    )
    assert back.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None) == wall_clock
