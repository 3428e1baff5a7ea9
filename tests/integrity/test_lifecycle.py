"""Findings 4–6: consent, participant status and capacity drive open pairs, through
matching.lifecycle (one owner), in the transaction of the change."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matching import services as matching
from matching.models import Pairing, PairingEvent, PairingStatus
from meetings.models import MeetingStatus
from meetings.services import MeetingError, Slot, propose
from programs import services as programs
from programs.models import ConsentDecision, Participant, ParticipantStatus


def withdraw(pairing, paul):
    link = pairing.mentee.guardian_links.get()
    version = pairing.mentee.cohort.program.current_page()
    programs.record_consent(link.pk, paul, ConsentDecision.WITHDRAWN, version.pk)


def test_withdrawn_consent_pauses_the_pair_and_tells_only_the_adults(
    active, paul, claire, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(active, paul)
    active.refresh_from_db()
    assert active.status == PairingStatus.PAUSED
    assert active.events.filter(action="paused", note__icontains="consentement").exists()
    meeting = active.meetings.get()
    assert meeting.status == MeetingStatus.CANCELLED
    told = {address for message in mailoutbox for address in message.to}
    assert told == {active.mentor.user.email, claire.email}
    assert active.mentee.user.email not in told
    # no new meeting for a paused pair
    slot = Slot(timezone.now() + timedelta(days=4), 60, place="Local 204")
    with pytest.raises(MeetingError, match="actif"):
        propose(active.pk, active.mentor.user, slot)


def test_the_pair_resumes_only_once_consent_is_given_again(active, paul, claire):
    withdraw(active, paul)
    with pytest.raises(matching.MatchingError, match="consentement"):
        matching.resume(active.pk, claire)
    link = active.mentee.guardian_links.get()
    version = active.mentee.cohort.program.current_page()
    programs.record_consent(link.pk, paul, ConsentDecision.GIVEN, version.pk)
    assert matching.resume(active.pk, claire).status == PairingStatus.ACTIVE


def test_the_mentor_portal_shows_the_pair_paused(client, active, paul, marc):
    withdraw(active, paul)
    client.force_login(marc)
    page = client.get(reverse("matching:pairing_detail", args=[active.pk])).content.decode()
    assert "En pause" in page or "Paused" in page


def test_a_withdrawn_participant_closes_their_pairs_from_the_admin(client, active, claire):
    mentor = active.mentor
    client.force_login(claire)
    url = reverse("coordination:programs_participant_change", args=[mentor.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, list):
            data[name] = value
        elif value is not None and value is not False:
            data[name] = value.pk if hasattr(value, "pk") else value
    data["status"] = ParticipantStatus.WITHDRAWN
    data["send_invitation"] = ""
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    active.refresh_from_db()
    assert active.status == PairingStatus.CLOSED
    assert active.close_reason == "participant_left"
    assert active.meetings.get().status == MeetingStatus.CANCELLED
    assert PairingEvent.objects.filter(pairing=active, action="closed").exists()


def test_capacity_below_the_followed_pairs_is_a_field_error(active):
    from programs.admin import ParticipantForm

    mentor = active.mentor
    Pairing.objects.filter(pk=active.pk).update(status=PairingStatus.ACTIVE)
    form = ParticipantForm(instance=mentor)
    assert form.instance.capacity == 2
    problem = matching.lifecycle.capacity_problem(mentor, 0)
    assert problem
    assert "Léa Gagnon" in problem
    assert matching.lifecycle.capacity_problem(mentor, 1) is None


def test_a_participant_with_history_cannot_be_deleted(client, active, claire):
    client.force_login(claire)
    url = reverse("coordination:programs_participant_delete", args=[active.mentor.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Participant.objects.filter(pk=active.mentor.pk).exists()


def test_a_minors_e_mail_is_not_shown_to_the_mentor(client, active, marc, claire):
    """Finding 11: the page said contact goes through the school, yet showed the e-mail."""
    client.force_login(marc)
    url = reverse("matching:pairing_detail", args=[active.pk])
    page = client.get(url).content.decode()
    assert active.mentee.user.email not in page
    assert claire.email in page  # the coordination's contact instead
    program = active.mentee.cohort.program
    program.share_minor_contact = True
    program.save(update_fields=["share_minor_contact"])
    assert active.mentee.user.email in client.get(url).content.decode()
