"""The coordinator's people list and person page, in the site's design."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Notification
from matching.models import Pairing
from meetings import health
from meetings.models import CheckIn, Concern
from programs.models import ParticipantRole
from tests.factories import PairingFactory, ParticipantFactory, UserFactory

PEOPLE = reverse("coordination:people")


def listing(client, user, query=""):
    client.force_login(user)
    response = client.get(PEOPLE + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_what_a_coordinator_needs(client, claire, marc, lea, paul):
    mentor = marc.participations.get()
    mentor.background_check_on = date(2024, 1, 1)
    mentor.background_check_expires_on = timezone.localdate() - timedelta(days=1)
    mentor.save()
    pairing = PairingFactory(mentor=mentor, mentee=lea.participations.get())
    health.refresh(Pairing.objects.filter(pk=pairing.pk))
    page = listing(client, claire)
    assert "Marc Tremblay" in page
    assert "Léa Gagnon" in page
    assert "Léa Gagnon (actif)" in page  # Marc's pair, named by the partner
    assert "en attente" in page  # Léa's consent
    assert "expirée" in page  # Marc's background check
    assert "Sélectionnez" not in page
    assert "Changement" not in page


def test_search_ignores_accents_case_and_apostrophes(client, claire, marc, lea, cohort):
    ParticipantFactory(cohort=cohort, user=UserFactory(full_name="Chloé O’Brien"))
    assert "Léa Gagnon" in listing(client, claire, "?q=LEA")
    assert "Marc Tremblay" not in listing(client, claire, "?q=lea")
    assert "Chloé O’Brien" in listing(client, claire, "?q=o'brien")


def test_filters_reuse_the_homes_definitions(client, claire, marc, lea):
    page = listing(client, claire, "?need=consent")
    assert "Léa Gagnon" in page
    assert "Marc Tremblay" not in page
    page = listing(client, claire, "?need=without_pair&role=mentee")
    assert "Léa Gagnon" in page
    page = listing(client, claire, "?need=nonsense")
    assert "Léa Gagnon" in page  # an unknown filter value is ignored, never an error


def test_bulk_invite_and_remind(client, claire, marc, lea, paul):
    lea.set_unusable_password()
    lea.save()
    client.force_login(claire)
    chosen = [lea.participations.get().pk]
    client.post(PEOPLE, {"action": "invite", "chosen": chosen})
    assert Invitation.objects.filter(user=lea).exists()
    client.post(PEOPLE, {"action": "remind", "chosen": chosen})
    assert Notification.objects.filter(user=paul, key__startswith="consent:").count() == 1
    response = client.post(PEOPLE, {"action": "remind", "chosen": []}, follow=True)
    assert "Cochez des personnes" in response.content.decode()


def test_another_organization_sees_none_and_cannot_act(client, oscar, marc, lea, paul):
    page = listing(client, oscar)
    assert "Léa" not in page
    client.post(PEOPLE, {"action": "remind", "chosen": [lea.participations.get().pk]})
    assert not Notification.objects.exists()
    person = reverse("coordination:person", args=[lea.participations.get().pk])
    assert client.get(person).status_code == 404


def test_the_person_page_gathers_everything(client, claire, marc, lea, paul):
    pairing = PairingFactory(mentor=marc.participations.get(), mentee=lea.participations.get())
    CheckIn.objects.create(
        pairing=pairing, coordinator=claire, channel="call", outcome="going_well", note="RAS"
    )
    Concern.objects.create(pairing=pairing, raised_by=paul, text="…", urgent=True)
    client.force_login(claire)
    page = client.get(reverse("coordination:person", args=[lea.participations.get().pk]))
    text = page.content.decode()
    assert "Paul Gagnon" in text
    assert "consentement en attente" in text
    assert "Marc Tremblay → Léa Gagnon" in text
    assert "Jumelages et leur historique" in text
    assert "RAS" in text
    assert "Urgent" in text


def test_the_list_costs_the_same_queries_with_more_people(client, claire, cohort, school_a):
    def grow(n):
        for _ in range(n):
            mentor = ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTOR)
            mentee = ParticipantFactory(
                cohort=cohort, role=ParticipantRole.MENTEE, birth_date=date(2012, 1, 1)
            )
            PairingFactory(mentor=mentor, mentee=mentee)

    grow(2)
    client.force_login(claire)
    client.get(PEOPLE)
    with CaptureQueriesContext(connection) as small:
        client.get(PEOPLE)
    grow(20)
    with CaptureQueriesContext(connection) as large:
        client.get(PEOPLE)
    assert len(large) == len(small)


def test_people_who_coordinate_nothing_are_refused(client, lea):
    client.force_login(lea)
    assert client.get(PEOPLE).status_code == 403
