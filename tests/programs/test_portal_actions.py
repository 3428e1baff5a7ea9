"""Portals that start with what to do: a parent's waiting consent first, a mentor's meeting to
log and next meeting to plan, a proposal to answer; each pair named by the partner."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching.models import Answer, Pairing, PairingStatus
from meetings.models import Meeting, MeetingStatus
from programs import services as programs
from programs.models import ConsentDecision, ParticipantRole
from tests.factories import ParticipantFactory

PORTAL = reverse("programs:portal")


def portal_of(client, user):
    client.force_login(user)
    response = client.get(PORTAL)
    assert response.status_code == 200
    return response.content.decode()


def to_do(page):
    """The "To do" list, before the rest of the portal."""
    start = page.index('id="actions-title"')
    return page[start : page.index("</section>", start)]


def pair_of(marc, lea, status=PairingStatus.ACTIVE, **extra):
    return Pairing.objects.create(
        mentor=marc.participations.get(),
        mentee=lea.participations.get(),
        status=status,
        respond_by=timezone.now() + timedelta(days=5),
        mentor_answer=Answer.ACCEPTED if status != PairingStatus.PROPOSED else "",
        mentee_answer=Answer.ACCEPTED if status != PairingStatus.PROPOSED else "",
        started_on=timezone.localdate() - timedelta(days=40)
        if status != PairingStatus.PROPOSED
        else None,
        **extra,
    )


def test_a_parent_sees_the_waiting_consent_first_and_it_goes_once_given(client, lea, paul):
    page = portal_of(client, paul)
    assert "Donnez votre consentement pour Léa Gagnon" in to_do(page)
    link = lea.participations.get().guardian_links.get()
    programs.record_consent(
        link.pk, paul, ConsentDecision.GIVEN, link.participant.cohort.program.current_page().pk
    )
    assert "Donnez votre consentement" not in portal_of(client, paul)


def test_the_mentor_after_a_missed_log_is_asked_to_log_and_to_plan(client, marc, lea, paul):
    pairing = pair_of(marc, lea)
    Meeting.objects.create(
        pairing=pairing,
        starts_at=timezone.now() - timedelta(days=3),
        duration_minutes=60,
        place="Local 204",
        status=MeetingStatus.CONFIRMED,
    )
    page = to_do(portal_of(client, marc))
    assert "Consignez votre rencontre du" in page
    assert "avec Léa Gagnon" in page
    assert "Planifiez votre prochaine rencontre avec Léa Gagnon" in page
    assert "Aucun contact depuis 40 jours" in page
    # the mentee is not asked to log (the mentor does), but to plan
    mentee = to_do(portal_of(client, lea))
    assert "Consignez" not in mentee
    assert "Planifiez votre prochaine rencontre avec Marc Tremblay" in mentee


def test_a_meeting_proposed_by_the_partner_and_the_next_one(client, marc, lea, paul):
    pairing = pair_of(marc, lea)
    Meeting.objects.create(
        pairing=pairing,
        starts_at=timezone.now() + timedelta(days=2),
        duration_minutes=60,
        place="Bibliothèque",
        status=MeetingStatus.PROPOSED,
        proposed_by=lea,
    )
    Meeting.objects.create(
        pairing=pairing,
        starts_at=timezone.now() + timedelta(days=9),
        duration_minutes=60,
        place="Café étudiant",
        status=MeetingStatus.CONFIRMED,
        proposed_by=lea,
    )
    page = to_do(portal_of(client, marc))
    assert "Léa Gagnon propose une rencontre le" in page
    assert "Prochaine rencontre\u00a0: le" in page
    assert "Café étudiant" in page
    assert "Planifiez" not in page  # something is planned
    assert "Léa Gagnon propose" not in to_do(portal_of(client, lea))  # her own proposal


def test_a_proposal_to_answer_names_the_partner_and_goes_once_answered(client, marc, lea, paul):
    pairing = pair_of(marc, lea, status=PairingStatus.PROPOSED)
    page = portal_of(client, lea)
    assert "Répondez à la proposition de jumelage avec Marc Tremblay" in to_do(page)
    assert "Avec Marc Tremblay, votre mentor" in page
    assert "Marc Tremblay → Léa Gagnon" not in page
    Pairing.objects.filter(pk=pairing.pk).update(mentee_answer=Answer.ACCEPTED)
    assert "Répondez à la proposition" not in portal_of(client, lea)


def test_plain_words_instead_of_field_names(client, marc):
    page = portal_of(client, marc)
    assert "Statut" not in page
    assert "Phase de la cohorte" not in page
    assert "Où en sont les choses" in page


def test_the_portal_costs_the_same_queries_with_more_pairs_and_meetings(
    client, cohort, marc, lea, paul
):
    mentor = marc.participations.get()
    mentor.capacity = 8
    mentor.save(update_fields=["capacity"])

    def add_pair():
        mentee = ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTEE)
        pairing = pair_of(marc, mentee.user)
        for days in (-5, 4):
            Meeting.objects.create(
                pairing=pairing,
                starts_at=timezone.now() + timedelta(days=days),
                duration_minutes=45,
                place="Local",
                status=MeetingStatus.CONFIRMED,
                proposed_by=mentee.user,
            )

    add_pair()
    portal_of(client, marc)
    with CaptureQueriesContext(connection) as small:
        client.get(PORTAL)
    for _ in range(5):
        add_pair()
    with CaptureQueriesContext(connection) as large:
        client.get(PORTAL)
    assert len(large) == len(small)


def test_a_parent_sees_whom_to_contact(client, lea, paul, claire):
    page = portal_of(client, paul)
    assert "Votre personne-ressource pour ce programme\u00a0: Claire Bélanger" in page
    assert "claire@erables.qc.ca" in page
