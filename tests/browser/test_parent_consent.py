"""A parent reads the program's public page in both languages, then gives and withdraws consent."""

import re

import pytest
from playwright.sync_api import Page, expect

from programs.models import ConsentDecision, ConsentRecord
from tests.browser.conftest import fill_sign_in_form, text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GIVEN = ("Consent given", "Consentement donné")
WITHDRAWN = ("Consent withdrawn", "Consentement retiré")


def expect_public_page(page: Page, lang: str) -> None:
    """The page is in `lang`: its address, <html lang>, the program's name and a section."""
    expect(page).to_have_url(re.compile(rf"/{lang}/programmes/perseverance/$"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    if lang == "fr":
        name, section, objectives = (
            "Persévérance au secondaire",
            text("Objectifs", "Objectives"),
            "Favoriser la persévérance scolaire des élèves.",
        )
    else:
        name, section, objectives = (
            "High-school perseverance",
            text("Objectives"),
            "Help students persevere in school.",
        )
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    objectives_section = page.get_by_role("region", name=section)
    expect(objectives_section.get_by_role("heading", level=2)).to_be_visible()
    expect(objectives_section).to_contain_text(objectives)


def decide(page: Page, child_card_name: str, decision: tuple[str, ...], shot, previous=()) -> None:
    """From the portal: open the child's consent page, tick the confirmation, decide, submit."""
    child = page.get_by_role("region", name=child_card_name)
    child.get_by_role(
        "link", name=text("Read the program and decide", "décider", exact=False)
    ).click()
    expect(page).to_have_url(re.compile(r"/portail/consentement/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Léa Gagnon")
    # The page to read is the program's current version, in the interface's language.
    expect(page.get_by_role("heading", level=2).first).to_have_text(child_card_name.split(" — ")[1])
    if previous:
        # The history keeps the earlier decision, who made it and the version that was read.
        rows = page.get_by_role("table").get_by_role("row")
        expect(rows).to_have_count(2)
        expect(rows.nth(1)).to_contain_text(text(*previous, exact=False))
        expect(rows.nth(1)).to_contain_text("Paul Gagnon")
        expect(rows.nth(1).get_by_role("link", name="1", exact=True)).to_have_attribute(
            "href", re.compile(r"/programmes/perseverance/version/1/$")
        )
    shot(page, f"consent-{decision[0].split()[-1]}")
    page.get_by_role("checkbox", name=text("read", "lu", exact=False)).check()
    page.get_by_role("radio", name=text(*decision)).check()
    page.get_by_role("button", name=text("decision", "décision", exact=False)).click()
    expect(page).to_have_url(re.compile(r"/portail/$"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_parent_reads_the_page_then_gives_and_withdraws_consent(
    page: Page, program, paul, lang, shot
):
    # The parent prefers `lang`: signing in lands in it, whatever the page's language.
    paul.language = lang
    paul.save(update_fields=["language"])
    # Anonymous, in French, then English through the switch on the page.
    page.goto("/fr/programmes/perseverance/")
    expect_public_page(page, "fr")
    shot(page, "1-public-fr")
    page.get_by_role("button", name="English").click()
    expect_public_page(page, "en")
    shot(page, "2-public-en")
    if lang == "fr":
        page.get_by_role("button", name="Français").click()
        expect_public_page(page, "fr")

    # Sign in from the navigation bar: the login page keeps the language.
    page.get_by_role("link", name=text("Sign in", "Se connecter", "Connexion")).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/comptes/connexion/"))
    fill_sign_in_form(page, paul.email)
    expect(page).to_have_url(re.compile(rf"/{lang}/portail/$"))
    program_name = "Persévérance au secondaire" if lang == "fr" else "High-school perseverance"
    child_card = f"Léa Gagnon — {program_name}"
    shot(page, "3-portal")

    decide(page, child_card, GIVEN, shot)
    expect(page.get_by_role("region", name=child_card)).to_contain_text(text(*GIVEN, exact=False))
    shot(page, "4-portal-given")
    record = ConsentRecord.objects.get()
    assert record.decision == ConsentDecision.GIVEN
    assert record.page_version == program.current_page()
    assert record.recorded_by == paul
    assert record.guardian_link.participant.user.email == "lea@exemple.qc.ca"

    decide(page, child_card, WITHDRAWN, shot, previous=GIVEN)
    expect(page.get_by_role("region", name=child_card)).to_contain_text(
        text(*WITHDRAWN, exact=False)
    )
    latest = ConsentRecord.objects.order_by("-recorded_at", "-pk").first()
    assert ConsentRecord.objects.count() == 2
    assert latest.decision == ConsentDecision.WITHDRAWN
    assert latest.page_version == program.current_page()
    assert latest.recorded_by == paul
