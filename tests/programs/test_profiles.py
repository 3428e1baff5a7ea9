"""Profiles: availability as a week grid, the topics that fit the program, a preview of what
the other side sees; the mentor's introduction on a proposal; a confirmation before other
suggestions set the current ones aside."""

from datetime import date

from django.urls import reverse

from matching import services as matching
from matching.models import MatchingSettings, Suggestion
from programs.models import ParticipantRole
from tests.factories import PairingFactory, ParticipantFactory


def profile_page(client, user):
    participant = user.participations.get()
    client.force_login(user)
    return client.get(reverse("programs:profile_edit", args=[participant.pk])).content.decode()


def test_availability_is_a_week_grid(client, lea):
    page = profile_page(client, lea)
    assert 'class="table table-sm w-auto availability-grid"' in page
    assert page.count('name="availability"') == 16  # 5 days × 3 parts, and the weekend
    assert "Matin" in page
    assert "Soirée" in page


def test_a_teen_is_not_offered_staff_supervision(client, lea, program):
    program.kind = "student_perseverance"
    program.save(update_fields=["kind"])
    page = profile_page(client, lea)
    assert 'value="study_skills"' in page
    assert 'value="human_resources"' not in page
    participant = lea.participations.get()
    client.post(
        reverse("programs:profile_edit", args=[participant.pk]),
        {
            "full_name": "Léa Gagnon",
            "language": "fr",
            "languages": ["fr"],
            "needs": ["human_resources"],
        },
    )
    participant.refresh_from_db()
    assert "human_resources" not in participant.needs


def test_the_preview_shows_what_the_other_side_sees(client, marc):
    mentor = marc.participations.get()
    mentor.about = "J’enseigne les maths depuis quinze ans."
    mentor.save(update_fields=["about"])
    page = profile_page(client, marc)
    assert "Ce qu’une personne mentorée verra de vous" in page
    assert "J’enseigne les maths depuis quinze ans." in page


def test_the_mentee_reads_the_mentors_introduction_on_a_proposal(client, marc, lea):
    mentor = marc.participations.get()
    mentor.about = "Passionné de plein air."
    mentor.save(update_fields=["about"])
    pairing = PairingFactory(mentor=mentor, mentee=lea.participations.get(), status="proposed")
    client.force_login(lea)
    page = client.get(reverse("matching:pairing_detail", args=[pairing.pk])).content.decode()
    assert "Passionné de plein air." in page


def test_other_suggestions_ask_for_a_confirmation_first(client, cohort, claire, marc, lea):
    program = cohort.program
    program.mentee_chooses_mentor = True
    program.save(update_fields=["mentee_chooses_mentor"])
    MatchingSettings.objects.get_or_create(program=program)
    mentee = ParticipantFactory(
        cohort=cohort, role=ParticipantRole.MENTEE, birth_date=date(2000, 1, 1)
    )
    matching.build_shortlist(mentee.pk)
    before = list(Suggestion.objects.filter(mentee=mentee, dismissed=False))
    client.force_login(mentee.user)
    url = reverse("matching:shortlist", args=[mentee.pk])
    page = client.post(url, {"more": ""}).content.decode()
    if before:
        assert "Demander d’autres suggestions" in page
        assert Suggestion.objects.filter(mentee=mentee, dismissed=False).count() == len(before)
    response = client.post(url, {"more": "", "confirm": "1"})
    assert response.status_code == 302
    assert not Suggestion.objects.filter(pk__in=[s.pk for s in before], dismissed=False).exists()


def test_the_profile_is_entirely_in_english_for_an_english_page(client, lea):
    participant = lea.participations.get()
    client.force_login(lea)
    page = client.get(f"/en/portail/profil/{participant.pk}/").content.decode()
    for french in ("Langues parlées", "Disponibilités", "Intérêts", "Objectifs ou besoins"):
        assert french not in page
    assert "Availability" in page or "Available" in page
