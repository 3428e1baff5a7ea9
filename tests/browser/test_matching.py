"""Matching, end to end: a mentee ranks her shortlist, the coordinator runs, pins and publishes
the matching, then a mentor and a mentee each accept their proposal and the pair starts."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Locator, Page, expect

from matching.models import Pairing, PairingStatus, RunStatus, Suggestion
from tests.browser.conftest import sign_in, text
from tests.matching import conftest as matching_fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The adult cohort of tests/matching: 3 mentors (Hélène Dubé has 2 places), 4 mentees.
leaders = matching_fixtures.leaders

ACTIVE = ("Active", "Actif", "En cours")
ACCEPT = ("I accept this pair", "J’accepte ce jumelage")


def pairing_section(page: Page) -> Locator:
    """The portal's "Pairing" region."""
    return page.get_by_role("region", name=text("Pairing", "Jumelage"))


def pair_card(page: Page, label: str) -> Locator:
    """The portal's card of one pair, named by the partner ("With <name>, your mentor")."""
    return pairing_section(page).locator(".card").filter(has_text=label)


def accept_from_portal(page: Page, label: str, shot, name: str, confirmation) -> None:
    """From the portal, open the proposal, accept it, send the answer and see `confirmation`."""
    card = pair_card(page, label)
    expect(card).to_contain_text(text("Proposed", "Proposé", exact=False))
    card.get_by_role(
        "link", name=text("See the proposal and answer", "Voir la proposition et répondre")
    ).click()
    expect(page).to_have_url(re.compile(r"/fr/jumelage/paires/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(label)
    why = page.get_by_role(
        "region", name=text("Why this pair was proposed", "Pourquoi ce jumelage a été proposé")
    )
    expect(why.get_by_role("listitem").first).to_be_visible()
    answer = page.get_by_role("region", name=text("Your answer", "Votre réponse"))
    answer.get_by_role("radio", name=text(*ACCEPT)).check()
    shot(page, f"{name}-answer")
    answer.get_by_role("button", name=text("Send my answer", "Envoyer ma réponse")).click()
    expect(page).to_have_url(re.compile(r"/fr/jumelage/paires/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text(confirmation)
    shot(page, f"{name}-answered")


def test_mentee_ranks_coordinator_publishes_and_a_pair_starts(open_page, claire, leaders, shot):
    cohort, mentors, mentees = leaders
    helene = mentors[0]
    julie, nadia = mentees[0], mentees[2]

    # 1. Nadia (she needs help with conflicts) ranks the mentors suggested to her.
    nadia_page = open_page()
    sign_in(nadia_page, nadia.user.email)
    pairing_section(nadia_page).get_by_role(
        "link", name=text("Choose your mentor", "Choisissez votre mentor", exact=False)
    ).click()
    expect(nadia_page).to_have_url(re.compile(rf"/fr/jumelage/choix/{nadia.pk}/$"))
    expect(nadia_page.get_by_role("heading", level=1)).to_be_visible()
    # French-speaking mentors only: Sarah Miller speaks English alone.
    cards = nadia_page.get_by_role("article")
    expect(cards).to_have_count(2)
    expect(nadia_page.get_by_role("article", name="Sarah Miller")).to_have_count(0)
    for card in cards.all():
        expect(card.get_by_role("heading", level=2)).to_be_visible()
        expect(card.get_by_role("listitem").first).to_be_visible()  # the "why" list
    first = nadia_page.get_by_role("article", name="Hélène Dubé")
    expect(first.get_by_role("listitem")).to_contain_text([text("français", "french", exact=False)])
    first.get_by_role(
        "combobox", name=re.compile(r"(rank|rang|classement|choix).*Hélène Dubé", re.IGNORECASE)
    ).select_option("1")
    shot(nadia_page, "1-shortlist")
    nadia_page.get_by_role(
        "button", name=text("Save my ranking", "Enregistrer mon classement")
    ).click()
    expect(nadia_page).to_have_url(re.compile(r"/fr/portail/$"))
    expect(nadia_page.get_by_role("status")).to_contain_text(
        text("ranking", "classement", exact=False)
    )
    ranks = dict(
        Suggestion.objects.filter(mentee=nadia).values_list("mentor__user__full_name", "rank")
    )
    assert ranks == {"Hélène Dubé": 1, "Gilles Côté": None}

    # 2. Claire, the coordinator, runs the matching, pins a pair and publishes.
    coordinator = open_page()
    sign_in(coordinator, claire.email)
    shot(coordinator, "2-coordinator-portal")
    pairing_section(coordinator).get_by_role(
        "link",
        name=text(f"Matching of {cohort}", str(cohort), exact=False),
    ).click()
    expect(coordinator).to_have_url(re.compile(rf"/fr/jumelage/cohortes/{cohort.pk}/$"))
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text(str(cohort))
    coordinator.get_by_role(
        "button", name=text("Run the matching", "Lancer le calcul de jumelage")
    ).click()
    expect(coordinator.get_by_role("status")).to_contain_text(
        re.compile(r"\b4\b.*\b0\b")  # 4 pairs proposed, 0 mentees left out
    )
    table = coordinator.get_by_role(
        "table",
        name=text(
            "Each pair with its score and why", "Chaque jumelage, avec son pointage et ses raisons"
        ),
    )
    rows = table.get_by_role("row")
    expect(rows).to_have_count(5)  # the header and 4 pairs
    for row in rows.all()[1:]:
        cells = row.get_by_role("cell")
        expect(cells.nth(2)).to_have_text(re.compile(r"^\s*\d+\s*$"))  # the score
        expect(cells.nth(3).get_by_role("listitem").first).to_be_visible()  # why, in words
    julie_row = rows.filter(has_text="Julie Fortin")
    expect(julie_row.get_by_role("cell").first).to_have_text("Hélène Dubé")
    expect(julie_row).to_contain_text("français")
    # Nadia's ranking counted: her pair says so.
    nadia_row = rows.filter(has_text="Nadia Haddad")
    expect(nadia_row.get_by_role("cell").first).to_have_text("Hélène Dubé")
    expect(nadia_row).to_contain_text(
        text("chosen by the mentee", "choisi par le mentoré", exact=False)
    )
    shot(coordinator, "3-run")

    pair_name = "Hélène Dubé → Julie Fortin"
    coordinator.get_by_role(
        "button", name=text(f"Pin {pair_name}", f"Épingler {pair_name}")
    ).click()
    expect(coordinator.get_by_role("status")).to_contain_text(text("pinned", "épingl", exact=False))
    julie_row = table.get_by_role("row").filter(has_text="Julie Fortin")
    expect(julie_row.get_by_text(text("pinned", "épinglé"))).to_be_visible()
    expect(
        julie_row.get_by_role("button", name=text(f"Unpin {pair_name}", f"Désépingler {pair_name}"))
    ).to_be_visible()
    shot(coordinator, "4-pinned")
    coordinator.get_by_role(
        "button", name=text("Publish 4 proposals", "Publier 4 propositions")
    ).click()
    expect(coordinator.get_by_role("status")).to_contain_text(
        re.compile(r"(?=.*propos).*\b4\b", re.IGNORECASE)  # 4 proposals sent
    )
    expect(table).to_have_count(0)  # no draft left to review
    run_section = coordinator.get_by_role(
        "region", name=text("Proposed pairs", "Jumelages proposés")
    )
    expect(run_section).to_contain_text("Claire Bélanger")  # last published by
    shot(coordinator, "5-published")

    pairings = Pairing.objects.select_related("mentor__user", "mentee__user")
    assert pairings.count() == 4
    assert set(pairings.values_list("status", flat=True)) == {PairingStatus.PROPOSED}
    assert cohort.matching_runs.get(status=RunStatus.PUBLISHED).published_by == claire
    pairing = pairings.get(mentee=julie)
    assert pairing.mentor == helene
    # Each side of each pair is told, with a link to the proposal.
    assert len(mail.outbox) == 8
    told = sorted(address for message in mail.outbox for address in message.to)
    expected = sorted(
        address for p in pairings for address in (p.mentor.user.email, p.mentee.user.email)
    )
    assert told == expected
    to_julie = next(m for m in mail.outbox if m.to == [julie.user.email])
    assert f"/fr/jumelage/paires/{pairing.pk}/" in to_julie.body

    # 3. Julie, then Hélène, each accept from their portal: the pair starts.
    julie_page = open_page()
    sign_in(julie_page, julie.user.email)
    expect(
        pairing_section(julie_page).get_by_role(
            "link", name=text("Choose your mentor", "Choisissez votre mentor", exact=False)
        )
    ).to_have_count(0)  # she has a proposal now
    shot(julie_page, "6-mentee-portal-proposal")
    accept_from_portal(
        julie_page,
        "Hélène Dubé",
        shot,
        "7-mentee",
        text("Your answer is recorded", "Votre réponse est enregistrée", exact=False),
    )
    expect(
        julie_page.get_by_role("region", name=text("Your answer", "Votre réponse"))
    ).to_contain_text(text("Waiting for the other person", "En attente de la réponse", exact=False))
    pairing.refresh_from_db()
    assert (pairing.status, pairing.mentee_answer) == (PairingStatus.PROPOSED, "accepted")

    helene_page = open_page()
    sign_in(helene_page, helene.user.email)
    expect(pairing_section(helene_page).locator(".card")).to_have_count(2)  # Julie and Nadia
    accept_from_portal(
        helene_page,
        "Julie Fortin",
        shot,
        "8-mentor",
        text("the pair has started", "le jumelage a commencé", exact=False),
    )
    expect(
        helene_page.get_by_role("paragraph").filter(has_text="Nouvelles directions")
    ).to_contain_text(text(*ACTIVE, exact=False))
    expect(
        helene_page.get_by_role("region", name=text("Your answer", "Votre réponse"))
    ).to_have_count(0)

    pairing.refresh_from_db()
    assert pairing.status == PairingStatus.ACTIVE
    assert pairing.started_on is not None
    assert pairings.filter(status=PairingStatus.PROPOSED).count() == 3
    started = sorted(address for message in mail.outbox[8:] for address in message.to)
    assert started == sorted([julie.user.email, helene.user.email])  # both told it starts

    for page, name, partner in (
        (helene_page, "9-mentor-portal", "Julie Fortin"),
        (julie_page, "10-mentee-portal", "Hélène Dubé"),
    ):
        page.goto("/fr/portail/")
        card = pair_card(page, partner)
        expect(card).to_contain_text(text(*ACTIVE, exact=False))
        expect(
            card.get_by_role("link", name=text("See the pair", "Voir le jumelage"))
        ).to_be_visible()
        shot(page, name)
    # Hélène's other proposal still waits for her answer.
    expect(pair_card(helene_page, "Nadia Haddad")).to_contain_text(
        text("Proposed", "Proposé", exact=False)
    )
