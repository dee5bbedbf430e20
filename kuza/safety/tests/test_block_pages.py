"""Blocking from a person's page, the list of people I blocked, and the button include."""

from __future__ import annotations

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory

from kuza.accounts.tests.factories import UserFactory
from kuza.safety import selectors
from kuza.safety.models import Block

pytestmark = pytest.mark.django_db


@pytest.fixture
def amina_and_stalker():
    return UserFactory(username="amina2"), UserFactory(username="stalker")


def test_blocking_from_a_page_comes_back_to_it_and_holds_both_ways(client, amina_and_stalker):
    amina, stalker = amina_and_stalker
    client.force_login(amina)

    response = client.post(f"/safety/block/{stalker.pk}/", {"next": "/people/stalker/"})

    assert response["Location"] == "/people/stalker/"
    assert selectors.is_blocked_between(stalker, amina)
    assert selectors.blocked_user_ids(stalker) == {amina.pk}
    assert "Stalker" in client.get("/safety/blocked/").content.decode()


def test_block_asks_first_and_only_a_post_blocks(client, amina_and_stalker):
    amina, stalker = amina_and_stalker
    client.force_login(amina)

    page = client.get(f"/safety/block/{stalker.pk}/", {"next": "/people/stalker/"})

    html = page.content.decode()
    assert page.status_code == 200 and not Block.objects.exists()
    assert "<h1>Block this person?</h1>" in html and "<bdi>Stalker</bdi>" in html
    assert f'<form method="post" action="/safety/block/{stalker.pk}/">' in html
    assert 'name="next" value="/people/stalker/"' in html
    assert '<a href="/people/stalker/">No, go back</a>' in html

    client.post(f"/safety/block/{stalker.pk}/", {"next": "/people/stalker/"})
    assert selectors.is_blocked_between(amina, stalker)


def test_block_and_unblock_ignore_foreign_next_urls(client, amina_and_stalker):
    amina, stalker = amina_and_stalker
    client.force_login(amina)

    page = client.get(f"/safety/block/{stalker.pk}/", {"next": "https://evil.example/"})
    assert 'name="next" value="/safety/blocked/"' in page.content.decode()
    response = client.post(f"/safety/block/{stalker.pk}/", {"next": "https://evil.example/"})
    assert response["Location"] == "/safety/blocked/"

    client.post(f"/safety/unblock/{stalker.pk}/")
    assert not selectors.is_blocked_between(amina, stalker)


def test_blocking_yourself_is_refused_with_a_message(client, amina_and_stalker):
    amina, _stalker = amina_and_stalker
    client.force_login(amina)

    response = client.post(f"/safety/block/{amina.pk}/", follow=True)

    assert "You cannot block yourself." in response.content.decode()
    assert not Block.objects.exists()


def test_the_blocked_person_is_not_told_and_cannot_undo_the_block(client, amina_and_stalker):
    amina, stalker = amina_and_stalker
    Block.objects.create(blocker=amina, blocked=stalker)
    client.force_login(stalker)

    assert "Amina2" not in client.get("/safety/blocked/").content.decode()
    client.post(f"/safety/unblock/{amina.pk}/")

    assert selectors.is_blocked_between(amina, stalker)


def _button(viewer, person) -> str:
    request = RequestFactory().get("/people/x/")
    request.user = viewer
    template = Template('{% include "safety/includes/block_button.html" with person=person %}')
    return template.render(RequestContext(request, {"person": person}))


def test_the_button_include_offers_block_then_unblock_and_a_report_link(amina_and_stalker):
    amina, stalker = amina_and_stalker

    html = _button(amina, stalker)
    assert f'href="/safety/block/{stalker.pk}/?next=/people/x/"' in html and ">Block<" in html
    assert f'href="/safety/report/person/{stalker.pk}/"' in html

    Block.objects.create(blocker=amina, blocked=stalker)
    unblock = _button(amina, stalker)
    assert f'action="/safety/unblock/{stalker.pk}/"' in unblock
    assert 'name="csrfmiddlewaretoken"' in unblock
    assert _button(amina, amina).strip() == ""


def test_the_blocked_list_paginates(client, amina_and_stalker):
    amina, _stalker = amina_and_stalker
    Block.objects.bulk_create(Block(blocker=amina, blocked=UserFactory()) for _ in range(30))
    client.force_login(amina)

    assert "Page 1 of 2" in client.get("/safety/blocked/").content.decode()
