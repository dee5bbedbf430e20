"""The demo programme: its cohort and content, and its pages within the 2G budget."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kuza.core.pagecheck import check_page
from kuza.programs import measures
from kuza.programs.models import Plan, Programme

pytestmark = pytest.mark.django_db


def _pages(programme, plan):
    pk = programme.pk
    return [
        reverse("programs:list"),
        reverse("programs:detail", args=[pk]),
        reverse("programs:report", args=[pk]),
        reverse("programs:support", args=[pk]),
        reverse("programs:my_plan", args=[pk]),
        plan.get_absolute_url(),
    ]


def test_the_demo_programme_fits_the_brief_and_its_pages_the_budget(client, demo_community):
    programme = Programme.objects.get(name="Women leaders coaching programme")
    countries = set(programme.members.values_list("user__profile__country", flat=True))
    plans = Plan.objects.filter(member__programme=programme)

    assert programme.members.count() == 18
    assert "FR" in countries and len(countries - {"FR"}) == 10
    assert set(plans.values_list("status", flat=True)) == set(Plan.Status.values)
    assert programme.courses.exists() and programme.events.exists()
    assert programme.campaigns.exists()
    assert {bool(result.measure) for result in programme.key_results.all()} == {True, False}
    assert measures.countries_represented(programme) == Decimal(11)
    assert all(r.snapshots.count() > 1 for r in programme.key_results.all())

    # A member with a plan, and an organiser, see every programme page within the budget.
    plan = plans.filter(status=Plan.Status.ACTIVE).first()
    sizes = {}
    for person in (plan.member.user, programme.organisers.first()):
        client.force_login(person)
        urls = _pages(programme, plan)
        if person != plan.member.user:
            urls = urls[:4] + [reverse("programs:manage", args=[programme.pk])] + urls[5:]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            report = check_page(url, response.content)
            assert not report.problems(), (url, report.problems())
            sizes[url] = max(sizes.get(url, 0), report.compressed_bytes)
    print(
        "largest programme pages (bytes, gzip, with CSS):",
        sorted(sizes.items(), key=lambda x: -x[1])[:3],
    )


@pytest.mark.parametrize("language,direction", [("ar", "rtl"), ("fr", "ltr")])
def test_organiser_pages_fit_the_budget_in_arabic_and_french(
    client, demo_community, language, direction
):
    programme = Programme.objects.get(name="Women leaders coaching programme")
    pk = programme.pk
    member = programme.members.filter(plan__isnull=False).first()
    key_result = programme.key_results.first()
    client.cookies["django_language"] = language
    client.force_login(programme.organisers.order_by("pk").first())
    urls = [
        reverse("programs:create"),
        reverse("programs:edit", args=[pk]),
        reverse("programs:manage", args=[pk]),
        reverse("programs:report", args=[pk]),
        reverse("programs:support", args=[pk]),
        reverse("programs:key_result_new", args=[pk]),
        reverse("programs:key_result_edit", args=[pk, key_result.pk]),
        reverse("programs:member_remove", args=[pk, member.pk]),
        member.plan.get_absolute_url(),
    ]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        report = check_page(url, response.content)
        assert not report.problems(), (url, report.problems())
        assert (report.lang, report.direction) == (language, direction), url
