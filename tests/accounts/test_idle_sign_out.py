"""Idle sign-out: 30 minutes for coordinators, 2 hours for everyone else."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

PORTAL = "programs:portal"


def test_a_coordinator_idle_for_31_minutes_signs_in_again_and_comes_back(client, claire):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(claire)
    page = reverse("coordination:programs_participant_changelist") + "?q=Léa"
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get(page).status_code == 200
    with time_machine.travel(start + timedelta(minutes=29 + 31), tick=False):
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        assert "next=" in response["Location"]
        login = client.get(response["Location"]).content.decode()
        assert "Votre session a été fermée" in login
        assert "30\u00a0minutes sans activité" in login
        assert "_auth_user_id" not in client.session


def test_activity_keeps_a_coordinator_signed_in(client, claire):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(claire)
    for step in range(1, 7):  # two hours, a page every 20 minutes
        with time_machine.travel(start + timedelta(minutes=20 * step), tick=False):
            assert client.get(reverse("coordination:index")).status_code == 200


def test_a_mentor_stays_signed_in_for_two_hours_idle(client, marc):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(marc)
    with time_machine.travel(start + timedelta(minutes=119), tick=False):
        assert client.get(reverse(PORTAL)).status_code == 200
    with time_machine.travel(start + timedelta(minutes=119 + 121), tick=False):
        response = client.get(reverse(PORTAL))
        assert response.status_code == 302
        login = client.get(response["Location"]).content.decode()
        assert "120\u00a0minutes sans activité" in login


def test_an_htmx_request_after_the_limit_sends_the_whole_page_to_sign_in(client, marc):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(marc)
    with time_machine.travel(start + timedelta(hours=3), tick=False):
        response = client.get(reverse(PORTAL), HTTP_HX_REQUEST="true")
        assert response.status_code == 204
        assert response["HX-Redirect"].startswith(reverse("accounts:login"))
