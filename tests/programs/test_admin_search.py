"""Finding people as coordinators type their names, and listing them in French order."""

import pytest
from django.urls import reverse

from accounts.text import search_key
from programs.models import ParticipantRole
from tests.factories import ParticipantFactory, UserFactory

LIST = "coordination:programs_participant_changelist"


@pytest.fixture
def people(cohort):
    names = [
        "Léa Gagnon",
        "Kevin O’Brien",
        "Marc-André Roy",
        "Zoé Lavoie",
        "Élodie Côté",
        "Emma Roy",
    ]
    return {
        name: ParticipantFactory(
            cohort=cohort, role=ParticipantRole.MENTEE, user=UserFactory(full_name=name)
        )
        for name in names
    }


def found(client, term):
    page = client.get(reverse(LIST), {"q": term}).content.decode()
    return {
        name for name in ("Léa", "O’Brien", "Marc-André", "Zoé", "Élodie", "Emma") if name in page
    }


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("lea", {"Léa"}),
        ("LÉA gagnon", {"Léa"}),
        ("o'brien", {"O’Brien"}),
        ("marc andre", {"Marc-André"}),
        ("marc-andré", {"Marc-André"}),
        ("roy", {"Marc-André", "Emma"}),
        ("elodie cote", {"Élodie"}),
        ("zoe roy", set()),
    ],
)
def test_search_ignores_accents_case_apostrophes_and_hyphens(
    client, claire, people, term, expected
):
    client.force_login(claire)
    assert found(client, term) == expected


def test_another_organization_finds_nobody(client, oscar, people):
    client.force_login(oscar)
    assert found(client, "lea") == set()


def test_people_are_listed_in_french_order(client, claire, people):
    client.force_login(claire)
    page = client.get(reverse(LIST)).content.decode()
    order = sorted(("Élodie", "Emma", "Zoé", "Léa"), key=page.index)
    assert order == ["Élodie", "Emma", "Léa", "Zoé"]


def test_the_key_follows_a_rename(db):
    user = UserFactory(full_name="Ana Dupont")
    user.full_name = "Anaïs D’Amours-Lévesque"
    user.save(update_fields=["full_name"])
    user.refresh_from_db()
    assert user.search_key.startswith("anais d'amours levesque ")


def test_the_key():
    assert search_key("  Œuvre  D’ÉTÉ\u202e-Noël ") == "oeuvre d'ete noel"
