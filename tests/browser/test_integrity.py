"""Journeys of the integrity issue: a deep link survives sign-in; a withdrawn consent shows the
pair paused in the mentor's portal; a mentor gives exit feedback; a person of another
organization accepts a request to join."""

import re

import pytest
from playwright.sync_api import Page, expect

from matching import services as matching
from matching.models import CloseReason, ExitFeedback, PairingStatus
from programs import services as programs
from programs.models import EnrolmentKind, Participant, ParticipantRole
from tests.browser.conftest import PASSWORD, sign_in, text
from tests.integrity.conftest import active  # noqa: F401 - the shared active pair

pytestmark = pytest.mark.browser


def test_a_coordinator_follows_a_deep_link_while_signed_out(page: Page, claire, shot):
    page.goto("/fr/coordination/participants/?role=mentee")
    expect(page).to_have_url(re.compile(r"/fr/comptes/connexion/\?next="))
    page.get_by_label(text("E-mail address", "Adresse courriel", "Courriel")).fill(claire.email)
    page.get_by_label(text("Password", "Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name=text("Sign in", "Se connecter", "Connexion")).click()
    expect(page).to_have_url(re.compile(r"/fr/coordination/participants/\?role=mentee$"))
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


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_mentor_gives_exit_feedback_with_the_keyboard(
    page: Page,
    active,  # noqa: F811
    claire,
    marc,
    shot,
    lang,
):
    matching.close(active.pk, claire, CloseReason.COMPLETED, "Bravo à vous deux !")
    sign_in(page, marc.email, lang=lang)
    page.goto(f"/{lang}/jumelage/paires/{active.pk}/")
    expect(
        page.get_by_role("heading", name=text("How did it go?", "Comment cela s’est-il passé ?"))
    ).to_be_visible()
    page.get_by_role("button", name=text("Send my feedback", "Envoyer ma rétroaction")).click()
    summary = page.locator("#exit-errors [data-error-summary]")
    expect(summary).to_be_visible()  # the summary of errors, linking to the field
    expect(summary).to_be_focused()  # read first by a screen reader
    summary.get_by_role("link").first.click()
    expect(page.get_by_role("radio").first).to_be_focused()  # the link goes to the field
    shot(page, f"exit-feedback-error-{lang}")
    page.get_by_role("radio", name=re.compile("^4$")).check()
    page.get_by_label(text("What went well", "Ce qui a bien fonctionné")).fill(
        "Des échanges francs."
    )
    page.get_by_label(text("What went well", "Ce qui a bien fonctionné")).press("Tab")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, f"exit-feedback-390-{lang}")
    page.get_by_role("button", name=text("Send my feedback", "Envoyer ma rétroaction")).click()
    expect(page.get_by_text(re.compile("Thank you|Merci")).first).to_be_visible()
    shot(page, f"exit-feedback-done-{lang}")
    assert ExitFeedback.objects.get().went_well == "Des échanges francs."


def test_a_person_asked_by_another_organization_accepts_from_the_portal(
    page: Page, cohort, claire, oscar, shot
):
    programs.request_enrolment(
        Participant(cohort=cohort, user=oscar, role=ParticipantRole.MENTOR, languages=["fr"]),
        "user",
        EnrolmentKind.PARTICIPANT,
        cohort.program.organization,
        {"email": oscar.email, "full_name": "O. Lévesque"},
        claire,
        "Mentor — " + cohort.name,
    )
    sign_in(page, oscar.email)
    page.get_by_role("link", name="Voir la demande et répondre").click()
    shot(page, "enrolment-request")
    page.get_by_role("button", name="Accepter et rejoindre").click()
    expect(page).to_have_url(re.compile(r"/portail/$"))
    shot(page, "enrolment-accepted")
    assert Participant.objects.get(cohort=cohort, user=oscar).role == ParticipantRole.MENTOR
