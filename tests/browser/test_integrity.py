"""Journeys of the integrity issue: a deep link survives sign-in; a withdrawn consent shows the
pair paused in the mentor's portal."""

import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from matching.models import Answer, Pairing, PairingStatus
from programs import services as programs
from programs.models import ConsentDecision
from tests.browser.conftest import PASSWORD, sign_in, text

pytestmark = pytest.mark.browser


def test_a_coordinator_follows_a_deep_link_while_signed_out(page: Page, claire, shot):
    page.goto("/fr/coordination/programs/participant/?role=mentee")
    expect(page).to_have_url(re.compile(r"/fr/comptes/connexion/\?next="))
    page.get_by_label(text("E-mail address", "Adresse courriel", "Courriel")).fill(claire.email)
    page.get_by_label(text("Password", "Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name=text("Sign in", "Se connecter", "Connexion")).click()
    expect(page).to_have_url(re.compile(r"/fr/coordination/programs/participant/\?role=mentee$"))
    shot(page, "deep-link")


def test_a_withdrawn_consent_shows_the_pair_paused_to_the_mentor(
    page: Page, open_page, marc, lea, paul, shot
):
    mentor, mentee = marc.participations.get(), lea.participations.get()
    mentor.background_check_on = date(2026, 1, 5)
    mentor.training_completed_on = date(2026, 1, 10)
    mentor.save()
    link = mentee.guardian_links.get()
    version = mentee.cohort.program.current_page()
    programs.record_consent(link.pk, paul, ConsentDecision.GIVEN, version.pk)
    pairing = Pairing.objects.create(
        mentor=mentor,
        mentee=mentee,
        status=PairingStatus.ACTIVE,
        respond_by=timezone.now(),
        mentor_answer=Answer.ACCEPTED,
        mentee_answer=Answer.ACCEPTED,
        started_on=timezone.localdate(),
    )
    # The guardian withdraws consent through the real page.
    sign_in(page, paul.email)
    page.goto(f"/fr/portail/consentement/{link.pk}/")
    page.get_by_role("checkbox", name=text("read", "lu", exact=False)).check()
    page.get_by_role("radio", name=text("Consent withdrawn", "Consentement retiré")).check()
    page.get_by_role("button", name=text("decision", "décision", exact=False)).click()
    expect(page).to_have_url(re.compile(r"/portail/$"))
    # The mentor sees the pair paused.
    mentor_page = open_page()
    sign_in(mentor_page, marc.email)
    mentor_page.goto(f"/fr/jumelage/paires/{pairing.pk}/")
    expect(mentor_page.get_by_text(re.compile("En pause", re.I)).first).to_be_visible()
    shot(mentor_page, "paused")
    pairing.refresh_from_db()
    assert pairing.status == PairingStatus.PAUSED
