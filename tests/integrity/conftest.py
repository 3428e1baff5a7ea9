from datetime import date, timedelta

import pytest
from django.utils import timezone

from meetings.models import Meeting, MeetingStatus
from programs import services as programs
from programs.models import ConsentDecision
from tests.factories import PairingFactory
from tests.matching.conftest import leaders  # noqa: F401 - shared fixtures
from tests.meetings.conftest import pair  # noqa: F401


@pytest.fixture
def active(marc, lea, paul):
    """Marc mentors Léa (a minor): cleared mentor, consent given by Paul, an active pair with a
    confirmed meeting in three days."""
    mentor, mentee = marc.participations.get(), lea.participations.get()
    mentor.background_check_on = date(2026, 1, 5)
    mentor.training_completed_on = date(2026, 1, 10)
    mentor.save()
    link = mentee.guardian_links.get()
    version = mentee.cohort.program.current_page()
    programs.record_consent(link.pk, paul, ConsentDecision.GIVEN, version.pk)
    pairing = PairingFactory(
        mentor=mentor,
        mentee=mentee,
    )
    Meeting.objects.create(
        pairing=pairing,
        starts_at=timezone.now() + timedelta(days=3),
        duration_minutes=60,
        place="Local 204",
        status=MeetingStatus.CONFIRMED,
    )
    return pairing
