"""Journeys of the integrity issue: a deep link survives sign-in; a withdrawn consent shows the
pair paused in the mentor's portal."""

import re

import pytest
from playwright.sync_api import Page, expect

from matching.models import PairingStatus
from tests.browser.conftest import PASSWORD, sign_in, text
from tests.integrity.conftest import active  # noqa: F401 - the shared active pair

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
    page: Page,
    open_page,
    active,  # noqa: F811 - the fixture imported above
    marc,
    lea,
    paul,
    shot,  # noqa: F811
):
    pairing = active
    link = lea.participations.get().guardian_links.get()
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
