import pytest

from kuza.safety import selectors
from kuza.safety.models import ModeratorRole, Report, Suspension

pytestmark = pytest.mark.django_db


def test_the_demo_has_both_kinds_of_moderator_and_reports_in_every_state(demo_community):
    users = demo_community.users

    assert ModeratorRole.objects.filter(organisation__isnull=True).count() == 1
    assert ModeratorRole.objects.filter(organisation__isnull=False).count() == 1
    assert set(Report.objects.values_list("status", flat=True)) == set(Report.Status.values)
    assert Suspension.objects.filter(lifted_at__isnull=True).count() == 1
    platform = selectors.moderation_queue(users["thandeka.dlamini"])
    local = selectors.moderation_queue(users["wanjiru.kamau"])
    assert platform.count() == 4
    # East Africa's moderator sees the two reports about Namubiru only.
    assert {report.reported_user.username for report in local} == {"namubiru.mukasa"}
    assert selectors.unread_notice_count(users["namubiru.mukasa"]) == 1
