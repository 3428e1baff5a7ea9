"""Finding 2: identity is per organization. A coordinator never renames, re-languages, revokes
or reveals a person of another organization by typing their e-mail, and an e-mail change never
moves a record to another person."""

import pytest
from django.urls import reverse

from accounts.models import Invitation
from accounts.services import invite
from programs.models import Participant, ParticipantRole
from tests.factories import CohortFactory, PageVersionFactory, ProgramFactory

ADD = "coordination:programs_participant_add"


@pytest.fixture
def cohort_b(org_b, oscar):
    program = ProgramFactory(organization=org_b, slug="fleuve-mentorat")
    PageVersionFactory(program=program)
    return CohortFactory(program=program, coordinator=oscar)


def participant_data(cohort, email, name="Nom Tapé", language="en", **extra):
    return {
        "person_email": email,
        "person_name": name,
        "person_language": language,
        "cohort": cohort.pk,
        "role": ParticipantRole.MENTEE,
        "status": "enrolled",
        "languages": ["fr"],
        "capacity": "1",
        **extra,
    }


def test_another_organization_cannot_take_over_a_person(client, oscar, cohort_b, lea):
    pending = invite(lea)
    client.force_login(oscar)
    response = client.post(reverse(ADD), participant_data(cohort_b, lea.email))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["person_email"]
    assert "autre organisation" in errors[0]
    lea.refresh_from_db()
    assert lea.full_name == "Léa Gagnon"
    assert lea.language == "fr"
    assert Invitation.objects.get(pk=pending.pk).revoked_at is None
    assert not Participant.objects.filter(cohort=cohort_b).exists()
    assert "Léa Gagnon" not in response.content.decode()
    assert 'value="Nom Tapé"' in response.content.decode()  # nothing typed is lost


def test_an_email_change_onto_another_person_is_a_field_error(client, claire, marc, lea):
    mentor = marc.participations.get()
    client.force_login(claire)
    url = reverse("coordination:programs_participant_change", args=[mentor.pk])
    data = participant_data(
        mentor.cohort, lea.email, name="Marc Tremblay", language="fr", role="mentor"
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "autre personne" in response.context["adminform"].form.errors["person_email"][0]
    mentor.refresh_from_db()
    assert mentor.user == marc


def test_the_same_person_twice_in_a_cohort_is_a_field_error(client, claire, cohort, marc):
    client.force_login(claire)
    response = client.post(reverse(ADD), participant_data(cohort, marc.email, name="Marc"))
    assert response.status_code == 200
    assert "déjà inscrite" in response.context["adminform"].form.errors["person_email"][0]
    assert Participant.objects.filter(cohort=cohort, user=marc).count() == 1


def test_a_person_of_two_organizations_is_not_renamed(client, claire, oscar, cohort_b, marc):
    Participant.objects.create(
        cohort=cohort_b, user=marc, role=ParticipantRole.MENTOR, languages=["fr"]
    )
    mentor = marc.participations.get(cohort__program__organization__slug="erables")
    client.force_login(claire)
    url = reverse("coordination:programs_participant_change", args=[mentor.pk])
    data = participant_data(mentor.cohort, marc.email, name="Renommé", role="mentor", capacity=2)
    response = client.post(url, data)
    assert response.status_code == 302
    marc.refresh_from_db()
    assert marc.full_name == "Marc Tremblay"
    assert marc.language == "fr"
