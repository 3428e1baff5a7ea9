"""Journeys of the workspace issue, in French and English: the coordinator's morning (home →
remind the parents → record a check-in → the figure goes down), the mentor's home after a
missed log, the parent giving the consent that waits."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.outbox import send_due as deliver
from matching.models import Pairing
from meetings import health
from meetings.models import Meeting, MeetingStatus
from programs.models import ConsentDecision
from tests.browser.conftest import sign_in, text
from tests.factories import PairingFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def started(marc, lea, paul):
    """Marc and Léa's pair, started 20 days ago, its first check-in overdue; Léa's consent is
    still waiting (Paul has not answered)."""
    pairing = PairingFactory(
        mentor=marc.participations.get(),
        mentee=lea.participations.get(),
        started_on=timezone.localdate() - timedelta(days=20),
    )
    health.refresh(Pairing.objects.filter(pk=pairing.pk))
    return pairing


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_coordinators_morning(page: Page, claire, paul, started, shot, lang):
    sign_in(page, claire.email, lang=lang)
    page.goto(f"/{lang}/coordination/")
    todo = page.get_by_role("region", name=text("To do", "À faire"))
    overdue = todo.get_by_role("link", name=text("1 check-in overdue", "1 suivi en retard"))
    expect(overdue).to_be_visible()
    shot(page, f"home-{lang}")
    # remind the parents
    todo.get_by_role("button", name=text("Remind the parents", "Rappeler les parents")).click()
    expect(page.get_by_role("status")).to_contain_text(
        text("1 reminder is on its way", "1 rappel est en route", exact=False)
    )
    deliver()
    assert [m.to for m in mail.outbox] == [[paul.email]]
    # record a check-in from the board
    page.get_by_role("link", name=text("1 check-in overdue", "1 suivi en retard")).click()
    expect(page).to_have_url(re.compile(r"\?checkin=overdue$"))
    page.get_by_role("link", name="Marc Tremblay → Léa Gagnon").click()
    page.get_by_text(text("Record a check-in", "Consigner un suivi")).click()
    page.get_by_role("radio", name=text("Phone call", "Appel téléphonique")).check()
    page.get_by_role("radio", name=text("All is well", "Tout va bien")).check()
    page.get_by_label(text("confidential note", "note confidentielle", exact=False)).fill(
        "Léa est plus à l’aise."
    )
    shot(page, f"checkin-form-{lang}")
    page.get_by_role("button", name=text("Record the check-in", "Consigner le suivi")).click()
    expect(page.get_by_role("status")).to_contain_text(
        text("Check-in recorded", "Suivi consigné", exact=False)
    )
    # the figure went down
    page.goto(f"/{lang}/coordination/")
    expect(
        page.get_by_role("region", name=text("To do", "À faire")).get_by_role(
            "link", name=text("1 check-in overdue", "1 suivi en retard")
        )
    ).to_have_count(0)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_mentors_home_after_a_meeting_not_logged(page: Page, marc, started, shot, lang):
    Meeting.objects.create(
        pairing=started,
        starts_at=timezone.now() - timedelta(days=2),
        duration_minutes=60,
        place="Local 204",
        status=MeetingStatus.CONFIRMED,
    )
    sign_in(page, marc.email, lang=lang)
    todo = page.get_by_role("region", name=text("To do", "À faire"))
    expect(todo).to_contain_text(
        text("Log your meeting of", "Consignez votre rencontre du", exact=False)
    )
    expect(todo).to_contain_text(
        text(
            "Plan your next meeting with Léa Gagnon",
            "Planifiez votre prochaine rencontre avec Léa Gagnon",
            exact=False,
        )
    )
    shot(page, f"mentor-home-{lang}")
    todo.get_by_role("link", name=text("Log the meeting", "Consigner la rencontre")).click()
    expect(page).to_have_url(re.compile(r"/rencontres/\d+/$"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_parent_gives_the_consent_that_waits(page: Page, lea, paul, shot, lang):
    sign_in(page, paul.email, lang=lang)
    todo = page.get_by_role("region", name=text("To do", "À faire"))
    expect(todo.get_by_role("listitem").first).to_contain_text(
        text(
            "Give your consent for Léa Gagnon",
            "Donnez votre consentement pour Léa Gagnon",
            exact=False,
        )
    )
    shot(page, f"parent-home-{lang}")
    todo.get_by_role(
        "link", name=text("Read the program and decide", "Lire la page du programme et décider")
    ).click()
    page.get_by_role("checkbox", name=text("read", "lu", exact=False)).check()
    page.get_by_role("radio", name=text("Consent given", "Consentement donné")).check()
    page.get_by_role("button", name=text("decision", "décision", exact=False)).click()
    expect(page).to_have_url(re.compile(r"/portail/$"))
    expect(page.get_by_role("region", name=text("To do", "À faire"))).to_have_count(0)
    link = lea.participations.get().guardian_links.get()
    assert link.latest_consent().decision == ConsentDecision.GIVEN
