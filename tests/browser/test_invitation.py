"""A coordinator enrolls a mentor with an invitation; the mentor sets a password from the link."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import User
from programs.models import Participant, ParticipantRole
from tests.browser.conftest import fill_sign_in_form, sign_in, text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Un-mot-de-passe-tres-long-2026"


def test_coordinator_invites_a_mentor_who_sets_a_password(
    page: Page, open_page, live_server, claire, cohort, shot
):
    sign_in(page, claire.email)
    page.get_by_role(
        "link", name=text("Open my coordination home", "Ouvrir mon accueil de coordination")
    ).click()
    expect(page).to_have_url(re.compile(r"/fr/coordination/$"))
    records = page.get_by_role("region", name=text("Records and settings", "Fiches et réglages"))
    records.get_by_role("link", name=text("Participants")).click()
    expect(page).to_have_url(re.compile(r"/fr/coordination/participants/$"))
    page.get_by_role("link", name=re.compile(r"^(Add|Ajouter)\b", re.IGNORECASE)).click()
    expect(page).to_have_url(re.compile(r"/fr/coordination/participants/ajouter/$"))

    page.get_by_role("textbox", name=text("e-mail", "courriel", exact=False)).fill(
        "Sophie.Mentor@Exemple.qc.ca"
    )
    page.get_by_role("textbox", name=text("Full name", "Nom complet", "Nom")).fill(
        "Sophie Bouchard"
    )
    page.get_by_role("combobox", name=text("language", "langue", exact=False)).select_option("fr")
    invitation = page.get_by_role("checkbox", name=text("invitation", exact=False))
    expect(invitation).to_be_checked()
    page.get_by_role("combobox", name=text("Cohort", "Cohorte")).select_option(str(cohort.pk))
    page.get_by_role("combobox", name=text("Role", "Rôle")).select_option(ParticipantRole.MENTOR)
    page.get_by_role("checkbox", name=text("French", "Français")).check()
    page.get_by_role("checkbox", name=text("English", "Anglais")).check()
    shot(page, "1-add-form")
    page.get_by_role("button", name=text("Save", "Enregistrer")).click()

    expect(page).to_have_url(re.compile(r"/fr/coordination/participants/$"))
    expect(
        page.get_by_text(text("An invitation is on its way to", "Une invitation", exact=False))
    ).to_contain_text("sophie.mentor@exemple.qc.ca")
    expect(page.get_by_role("link", name="Sophie Bouchard", exact=True)).to_be_visible()
    shot(page, "2-changelist")
    sophie = User.objects.get(email="sophie.mentor@exemple.qc.ca")
    participant = Participant.objects.get(user=sophie)
    assert (participant.cohort, participant.role) == (cohort, ParticipantRole.MENTOR)
    assert sorted(participant.languages) == ["en", "fr"]
    assert not sophie.has_usable_password()

    # The invitation e-mail, in the mentor's language, carries a single-use link.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sophie.mentor@exemple.qc.ca"]
    link = re.search(r"http://testserver(/fr/comptes/invitation/[^/\s]+/)", message.body)
    assert link, message.body
    url = live_server.url + link.group(1)

    # The mentor, in a browser of their own, opens the link and chooses a password.
    mentor = open_page()
    response = mentor.goto(url)
    assert response.status == 200
    expect(mentor.get_by_role("heading", level=1)).to_contain_text("Sophie Bouchard")
    mentor.get_by_label(text("New password", "Nouveau mot de passe")).fill(NEW_PASSWORD)
    mentor.get_by_label(
        text("New password confirmation", "Confirmation du nouveau mot de passe")
    ).fill(NEW_PASSWORD)
    shot(mentor, "3-accept")
    mentor.get_by_role("button", name=text("password", "mot de passe", exact=False)).click()

    expect(mentor).to_have_url(re.compile(r"/fr/portail/$"))
    expect(mentor.get_by_role("heading", level=1)).to_contain_text("Sophie")
    card_name = "Persévérance au secondaire — 2026-2027"
    card = mentor.get_by_role("region", name=card_name)
    expect(card).to_be_visible()
    expect(card.get_by_role("definition").first).to_have_text(text("Mentor", "Mentore"))
    shot(mentor, "4-portal")
    sophie.refresh_from_db()
    assert sophie.check_password(NEW_PASSWORD)

    # The link works once: opened again (here from another browser), it says so, and the
    # mentor signs in with the password they chose.
    again = open_page()
    response = again.goto(url)
    assert response.status == 410
    expect(
        again.get_by_text(text("already been used", "déjà été utilisée", exact=False))
    ).to_be_visible()
    shot(again, "5-used")
    again.get_by_role("main").get_by_role(
        "link", name=text("Sign in", "Se connecter", "Connexion")
    ).click()
    fill_sign_in_form(again, "sophie.mentor@exemple.qc.ca", NEW_PASSWORD)
    expect(again.get_by_role("region", name=card_name)).to_be_visible()
    assert Participant.objects.count() == 1
