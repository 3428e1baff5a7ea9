"""The monthly pulse: each side rates the pair 1–10 in one click from the portal or the
e-mail; a low rating or a gap of 3 or more turns the pair amber with the reason shown."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.outbox import send_due as deliver
from matching.models import Pairing
from meetings import health, services
from meetings.models import PairHealth, Pulse
from tests.factories import PairingFactory


@pytest.fixture
def going(marc, lea, paul):
    """An active pair that met three days ago: green until the pulse says otherwise."""
    from meetings.models import Meeting, MeetingStatus

    pairing = PairingFactory(mentor=marc.participations.get(), mentee=lea.participations.get())
    Meeting.objects.create(
        pairing=pairing,
        starts_at=timezone.now() - timedelta(days=3),
        duration_minutes=60,
        place="Local 204",
        status=MeetingStatus.HELD,
    )
    health.refresh(Pairing.objects.filter(pk=pairing.pk))
    return pairing


def rate(client, user, pairing, value):
    client.force_login(user)
    return client.post(reverse("meetings:pulse", args=[pairing.pk]), {"rating": str(value)})


def state(pairing):
    return PairHealth.objects.get(pairing=pairing)


def test_a_low_rating_turns_the_pair_amber_with_the_reason(client, claire, marc, going):
    assert state(going).color == "green"
    assert rate(client, marc, going, 3).status_code == 302
    assert state(going).color == "amber"
    client.force_login(claire)
    board = client.get(reverse("meetings:board", args=[going.mentee.cohort_id])).content.decode()
    assert "Pouls mensuel\u00a0: 3/10 du mentor." in board


def test_a_gap_of_three_or_more_turns_it_amber_too(client, marc, lea, going):
    rate(client, marc, going, 9)
    rate(client, lea, going, 6)
    assert state(going).color == "amber"
    assert "diffèrent de 3 points" in " ".join(state(going).pulse_reasons)


def test_close_ratings_keep_it_green_and_rating_again_replaces(client, marc, lea, going):
    rate(client, marc, going, 8)
    rate(client, lea, going, 7)
    assert state(going).color == "green"
    rate(client, lea, going, 9)
    assert Pulse.objects.filter(pairing=going, rater=lea).count() == 1
    assert state(going).pulse_mentee == 9


def test_the_portal_asks_until_rated_this_month_and_never_shows_the_partners(
    client, marc, lea, going
):
    client.force_login(lea)
    page = client.get(reverse("programs:portal")).content.decode()
    assert "Comment se passe votre jumelage avec Marc Tremblay ce mois-ci" in page
    assert page.count('name="rating"') == 10
    rate(client, marc, going, 2)
    rate(client, lea, going, 8)
    page = client.get(reverse("programs:portal")).content.decode()
    assert "avec Marc Tremblay ce mois-ci" not in page
    assert "2/10" not in page


@pytest.mark.parametrize("value", ["0", "11", "abc", ""])
def test_a_bad_value_records_nothing(client, marc, going, value):
    client.force_login(marc)
    response = client.post(reverse("meetings:pulse", args=[going.pk]), {"rating": value})
    assert response.status_code == 302
    assert not Pulse.objects.exists()


def test_the_monthly_email_links_rate_in_one_button_and_only_this_month(
    client, marc, lea, going, mailoutbox
):
    assert services.send_monthly_pulses() == 2
    assert services.send_monthly_pulses() == 0  # once a month
    deliver()
    (message,) = [m for m in mailoutbox if m.to == [marc.email]]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = next(line for line in message.body.splitlines() if line.startswith("7: "))
    path = link.split("http://testserver")[1]
    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert 'aria-pressed="true">7<' in page.content.decode()
    assert not Pulse.objects.exists()  # opening the link records nothing
    done = client.post(path, {"rating": "7"})
    assert "7 sur 10" in done.content.decode()
    assert Pulse.objects.get(rater=marc).rating == 7
    with time_machine.travel(timezone.now() + timedelta(days=40)):
        assert client.get(path).status_code == 404  # last month's link


def test_a_forged_link_changes_nothing(client, going):
    assert client.post("/fr/rencontres/pouls/faux/", {"rating": "1"}).status_code == 404
    assert not Pulse.objects.exists()
