"""Finding 2: identity is per organization. A coordinator never renames, re-languages, revokes
or reveals a person of another organization by typing their e-mail, and an e-mail change never
moves a record to another person. Such a person is asked to join instead, and appears once they
accept."""

import pytest
from django.urls import reverse

from accounts.models import Invitation
from accounts.outbox import send_due as deliver
from accounts.services import invite
from programs.models import EnrolmentRequest, EnrolmentStatus, Participant, ParticipantRole
from tests.factories import CohortFactory, PageVersionFactory, ProgramFactory, UserFactory

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


# --- A request to join: the person accepts before the organization sees them -----------------


def ask_to_join(client, oscar, cohort_b, person, name="Nom Tapé"):
    client.force_login(oscar)
    data = participant_data(cohort_b, person.email, name=name, request_enrolment="on")
    return client.post(reverse(ADD), data)


def test_a_person_of_another_organization_is_asked_and_nothing_is_created(
    client, oscar, cohort_b, lea, mailoutbox
):
    response = ask_to_join(client, oscar, cohort_b, lea)
    assert response.status_code == 302
    assert response.url == reverse("coordination:programs_enrolmentrequest_changelist")
    assert not Participant.objects.filter(cohort=cohort_b).exists()
    lea.refresh_from_db()
    assert (lea.full_name, lea.language) == ("Léa Gagnon", "fr")  # the account is untouched
    # the organization sees only what its coordinator typed
    page = client.get(response.url).content.decode()
    assert "Nom Tapé" in page
    assert "Léa Gagnon" not in page
    enrolment = EnrolmentRequest.objects.get()
    detail = client.get(
        reverse("coordination:programs_enrolmentrequest_change", args=[enrolment.pk])
    ).content.decode()
    assert "Léa Gagnon" not in detail
    # the person is asked in her own language, by e-mail and on her portal
    deliver()
    (asked,) = [m for m in mailoutbox if m.to == [lea.email]]
    assert "vous invite" in asked.subject or "demande" in asked.subject
    assert f"/portail/demandes/{enrolment.pk}/" in asked.body
    client.force_login(lea)
    portal = client.get(reverse("programs:portal")).content.decode()
    assert "vous demande de la rejoindre" in portal


def test_accepting_creates_the_record_with_the_persons_own_account(
    client, oscar, cohort_b, lea, mailoutbox
):
    ask_to_join(client, oscar, cohort_b, lea)
    enrolment = EnrolmentRequest.objects.get()
    client.force_login(lea)
    page = client.get(enrolment.get_absolute_url()).content.decode()
    assert "Rien de vos autres organisations" in page
    response = client.post(enrolment.get_absolute_url(), {"accept": "1"})
    assert response.status_code == 302
    joined = Participant.objects.get(cohort=cohort_b)
    assert joined.user == lea
    assert joined.role == ParticipantRole.MENTEE
    lea.refresh_from_db()
    assert lea.full_name == "Léa Gagnon"  # never the typed name
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    deliver()
    (told,) = [m for m in mailoutbox if m.to == [oscar.email]]
    assert "Nom Tapé" in told.subject
    # answered once
    again = client.post(enrolment.get_absolute_url(), {"accept": "1"})
    assert again.status_code == 302
    assert Participant.objects.filter(cohort=cohort_b).count() == 1


def test_declining_shares_nothing(client, oscar, cohort_b, lea, mailoutbox):
    ask_to_join(client, oscar, cohort_b, lea)
    enrolment = EnrolmentRequest.objects.get()
    client.force_login(lea)
    client.post(enrolment.get_absolute_url(), {"decline": "1"})
    assert not Participant.objects.filter(cohort=cohort_b).exists()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.DECLINED
    deliver()
    (told,) = [m for m in mailoutbox if m.to == [oscar.email]]
    assert "Léa Gagnon" not in told.body


def test_only_the_person_asked_can_answer(client, oscar, cohort_b, lea, marc, claire):
    ask_to_join(client, oscar, cohort_b, lea)
    enrolment = EnrolmentRequest.objects.get()
    for other in (marc, claire, oscar):
        client.force_login(other)
        assert client.get(enrolment.get_absolute_url()).status_code == 404
        assert client.post(enrolment.get_absolute_url(), {"accept": "1"}).status_code == 404
    assert not Participant.objects.filter(cohort=cohort_b).exists()


def test_asking_twice_keeps_one_waiting_request(client, oscar, cohort_b, lea):
    ask_to_join(client, oscar, cohort_b, lea)
    ask_to_join(client, oscar, cohort_b, lea, name="Autre Nom")
    assert EnrolmentRequest.objects.filter(status=EnrolmentStatus.WAITING).count() == 1


def test_another_organization_does_not_see_the_request(client, claire, oscar, cohort_b, lea):
    ask_to_join(client, oscar, cohort_b, lea)
    enrolment = EnrolmentRequest.objects.get()
    client.force_login(claire)  # Léa's own organization
    url = reverse("coordination:programs_enrolmentrequest_change", args=[enrolment.pk])
    assert client.get(url).status_code == 404


def test_a_guardian_of_another_organization_is_asked_too(client, oscar, cohort_b, paul):
    child = Participant.objects.create(
        cohort=cohort_b,
        user=UserFactory(email="enfant@fleuve.qc.ca", full_name="Théo Roy"),
        role=ParticipantRole.MENTEE,
        languages=["fr"],
    )
    client.force_login(oscar)
    response = client.post(
        reverse("coordination:programs_guardianlink_add"),
        {
            "participant": child.pk,
            "relationship": "parent",
            "person_email": paul.email,
            "person_name": "P. Gagnon",
            "person_language": "fr",
            "request_enrolment": "on",
        },
    )
    assert response.status_code == 302
    enrolment = EnrolmentRequest.objects.get()
    assert "Théo Roy" in enrolment.summary
    client.force_login(paul)
    client.post(enrolment.get_absolute_url(), {"accept": "1"})
    assert child.guardian_links.get().guardian == paul
