import pytest
from django.utils import timezone

from matching.models import Answer, Pairing, PairingStatus
from tests.matching.conftest import leaders  # noqa: F401 - shared fixture


@pytest.fixture
def pair(leaders):  # noqa: F811
    """An active pair: Hélène Dubé mentors Julie Fortin."""
    cohort, mentors, mentees = leaders
    return Pairing.objects.create(
        mentor=mentors[0],
        mentee=mentees[0],
        status=PairingStatus.ACTIVE,
        respond_by=timezone.now(),
        mentor_answer=Answer.ACCEPTED,
        mentee_answer=Answer.ACCEPTED,
        started_on=timezone.localdate(),
    )
