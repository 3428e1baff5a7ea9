"""The coordinator's check-ins on the program's schedule: two in a pair's first month, then
monthly; due and overdue on the home and the board; one short form; a confidential note."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching.models import Pairing
from meetings import health
from meetings.health import next_checkin
from meetings.models import CheckIn, Concern, PairHealth
from programs.models import ParticipantRole
from tests.factories import PairingFactory, ParticipantFactory

HOME = reverse("coordination:index")


def test_the_default_schedule_is_two_in_the_first_month_then_monthly():
    start = date(2026, 9, 1)
    assert next_checkin(start, 0, None, 2, 30) == date(2026, 9, 16)
    assert next_checkin(start, 1, date(2026, 9, 14), 2, 30) == date(2026, 9, 29)
    assert next_checkin(start, 2, date(2026, 9, 30), 2, 30) == date(2026, 10, 30)
    assert next_checkin(None, 0, None, 2, 30) is None  # not started: nothing due


@pytest.fixture
def started(marc, lea, paul):
    """Marc and Léa's pair, started 20 days ago: its first check-in (day 15) is overdue."""
    pairing = PairingFactory(
        mentor=marc.participations.get(),
        mentee=lea.participations.get(),
        started_on=timezone.localdate() - timedelta(days=20),
    )
    health.refresh(Pairing.objects.filter(pk=pairing.pk))
    return pairing


def followup(pairing):
    return reverse("meetings:pair_followup", args=[pairing.pk])


def record(client, pairing, **data):
    fields = {
        "checkin-on": timezone.localdate().isoformat(),
        "checkin-channel": "call",
        "checkin-with_mentor": "on",
        "checkin-outcome": "going_well",
        "checkin": "1",
    }
    fields.update({f"checkin-{k}": v for k, v in data.items()})
    return client.post(followup(pairing), fields)


def test_the_coordinators_morning_the_overdue_figure_goes_down(client, claire, started):
    client.force_login(claire)
    home = client.get(HOME).content.decode()
    assert "1 suivi en retard" in home
    board = client.get(
        reverse("meetings:board", args=[started.mentee.cohort_id]) + "?checkin=overdue"
    ).content.decode()
    assert "Marc Tremblay → Léa Gagnon" in board
    response = record(client, started, note="Léa a repris confiance.")
    assert response.status_code == 302
    assert "suivi en retard" not in client.get(HOME).content.decode().split("autres")[0]
    state = PairHealth.objects.get(pairing=started)
    assert state.last_checkin == timezone.localdate()
    assert state.checkin_due_on == timezone.localdate() + timedelta(days=15)
    page = client.get(followup(started)).content.decode()
    assert "Léa a repris confiance." in page  # the coordination reads it


def test_the_note_is_never_shown_to_the_pair_or_a_parent(client, claire, marc, lea, paul, started):
    client.force_login(claire)
    record(client, started, note="Note confidentielle du suivi")
    for person in (marc, lea, paul):
        client.force_login(person)
        for url in (
            reverse("matching:pairing_detail", args=[started.pk]),
            reverse("programs:portal"),
        ):
            assert "Note confidentielle" not in client.get(url).content.decode()
        assert client.get(followup(started)).status_code == 404


def test_needs_action_opens_a_concern_and_turns_the_pair_amber(client, claire, started):
    client.force_login(claire)
    record(client, started, outcome="needs_action", note="Rencontres trop rares.")
    concern = Concern.objects.get(pairing=started)
    assert concern.text == "Rencontres trop rares."
    assert PairHealth.objects.get(pairing=started).color != "green"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"with_mentor": ""}, "Dites avec qui le suivi a eu lieu."),
        ({"on": (date.today() + timedelta(days=3)).isoformat()}, "une fois qu’il a eu lieu"),
        ({"on": "0001-01-01"}, "1900"),
        ({"outcome": "???"}, "Sélectionnez un choix valide"),
        ({"note": "x" * 6000}, "au plus 5000"),
    ],
)
def test_bad_input_is_said_beside_the_field_and_keeps_what_was_typed(
    client, claire, started, data, message
):
    client.force_login(claire)
    response = (
        record(client, started, note="Gardé tel quel", **data)
        if "note" not in data
        else (record(client, started, **data))
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    if "note" not in data:
        assert "Gardé tel quel" in page
    assert not CheckIn.objects.exists()


def test_the_guardian_box_is_offered_for_a_minor_only(client, claire, started, pair):
    client.force_login(claire)
    assert "checkin-with_guardian" in client.get(followup(started)).content.decode()


def test_the_board_costs_the_same_queries_with_more_pairs(client, claire, cohort, started):
    client.force_login(claire)
    url = reverse("meetings:board", args=[cohort.pk]) + "?checkin=overdue"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(10):
        PairingFactory(
            mentor=ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTOR),
            mentee=ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTEE),
            started_on=timezone.localdate() - timedelta(days=40),
        )
    health.refresh(Pairing.objects.all())
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


def test_the_schedule_moves_with_time(claire, started):
    with time_machine.travel(timezone.now() + timedelta(days=60)):
        health.refresh(Pairing.objects.filter(pk=started.pk))
        state = PairHealth.objects.get(pairing=started)
        assert state.checkin_due_on < timezone.localdate()
