import pytest

from tests.factories import PairingFactory
from tests.matching.conftest import leaders  # noqa: F401 - shared fixture


@pytest.fixture
def pair(leaders):  # noqa: F811
    """An active pair: Hélène Dubé mentors Julie Fortin."""
    cohort, mentors, mentees = leaders
    return PairingFactory(
        mentor=mentors[0],
        mentee=mentees[0],
    )
