"""What people type is stored in one spelling: NFC, without invisible direction controls."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from mentorat.forms import normalize_text
from programs.models import Participant, ParticipantRole

DECOMPOSED = "Le\u0301a"  # "Léa" typed as e + combining acute accent
REVERSED = "\u202eGagnon\u202c"  # right-to-left override around the family name


def test_normalize_text():
    assert normalize_text(f"{DECOMPOSED} {REVERSED}") == "Léa Gagnon"
    assert normalize_text("\u2067شيماء\u2069 Haddad") == "شيماء Haddad"
    assert normalize_text("mot\u200e") == "mot\u200e"  # a plain direction mark is harmless


def test_a_name_typed_in_the_admin_is_stored_normalized_and_found(client, claire, cohort):
    client.force_login(claire)
    response = client.post(
        reverse("coordination:programs_participant_add"),
        {
            "person_email": "lea.g@exemple.qc.ca",
            "person_name": f"{DECOMPOSED} {REVERSED}",
            "person_language": "fr",
            "cohort": cohort.pk,
            "role": ParticipantRole.MENTEE,
            "status": "enrolled",
            "languages": ["fr"],
            "capacity": 1,
        },
    )
    assert response.status_code == 302
    participant = Participant.objects.get(user__email="lea.g@exemple.qc.ca")
    assert participant.user.full_name == "Léa Gagnon"
    listing = client.get(reverse("coordination:programs_participant_changelist"), {"q": "léa"})
    assert "Léa Gagnon" in listing.content.decode()


def test_a_meeting_place_typed_in_the_portal_is_stored_normalized(client, pair):
    client.force_login(pair.mentee.user)
    day = timezone.localdate() + timedelta(days=5)
    response = client.post(
        reverse("meetings:pairing_meetings", args=[pair.pk]),
        {
            "meeting-day": day.isoformat(),
            "meeting-start": "15:00",
            "meeting-duration_minutes": "60",
            "meeting-mode": "in_person",
            "meeting-place": "Bibliothe\u0300que \u2066B-12\u2069",
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.get(pairing=pair).place == "Bibliothèque B-12"
