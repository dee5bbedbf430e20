"""The demo: the code of conduct in French (complete), Swahili (partial, one outdated), Arabic."""

import pytest
from django.urls import reverse

from kuza.translation import selectors

pytestmark = pytest.mark.django_db


def test_the_demo_code_of_conduct_is_translated_to_three_levels(demo_community):
    conduct = demo_community.extra["translation_conduct"]
    from kuza.accounts.selectors import current_code_of_conduct

    progress = selectors.object_progress(current_code_of_conduct())

    assert conduct.source_language == "en"
    assert (progress["fr"].percent, progress["fr"].outdated) == (100, 0)
    assert progress["sw"].outdated == 1 and 0 < progress["sw"].percent < 100
    assert progress["ar"].outdated == 0 and 0 < progress["ar"].percent < progress["sw"].percent


def test_demo_translators_can_open_their_editor(client, demo_community):
    client.force_login(demo_community.users["rehema.mollel"])
    pk = demo_community.extra["translation_conduct"].pk

    assert client.get(reverse("translation:editor", args=[pk, "sw"])).status_code == 200
    assert client.get(reverse("translation:editor", args=[pk, "fr"])).status_code == 403


def test_the_swahili_code_of_conduct_page_is_partly_translated_with_an_outdated_part(
    client, demo_community
):
    client.cookies["django_language"] = "sw"

    page = client.get(reverse("code_of_conduct")).content.decode()

    assert "Tunatarajia" in page
    assert '<span lang="en" dir="ltr">Care with personal data' in page
    assert page.count('class="muted outdated"') == 1


def test_the_code_of_conduct_reads_in_portuguese_when_the_reader_picks_it(client, demo_community):
    from kuza.accounts.selectors import current_code_of_conduct

    progress = selectors.object_progress(current_code_of_conduct())
    client.post(reverse("set_language"), {"language": "pt", "next": "/"})

    page = client.get(reverse("code_of_conduct")).content.decode()

    assert (progress["pt"].percent, progress["pt"].outdated) == (100, 0)
    assert '<html lang="pt"' in page
    assert '<div lang="pt" dir="ltr">' in page
    assert "Respeito e paciência" in page
    assert "As denúncias são confidenciais" in page
    assert 'lang="en"' not in page.split("<main", 1)[1].split("</main>", 1)[0]
