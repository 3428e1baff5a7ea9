from datetime import date, timedelta

import pytest
from django.utils import timezone

from programs.models import ParticipantRole, ProgramKind
from tests.factories import (
    CohortFactory,
    PageVersionFactory,
    ParticipantFactory,
    ProgramFactory,
    UserFactory,
)


@pytest.fixture
def leaders(org_a, claire):
    """An adult program (new school leaders): 3 mentors, 4 mentees, no minors."""
    program = ProgramFactory(
        organization=org_a,
        kind=ProgramKind.NEW_SCHOOL_LEADERS,
        name_fr="Nouvelles directions",
        slug="nouvelles-directions",
    )
    PageVersionFactory(program=program)
    cohort = CohortFactory(program=program, name="2026-2027", coordinator=claire)

    def mentor(name, **extra):
        return ParticipantFactory(
            cohort=cohort,
            role=ParticipantRole.MENTOR,
            user=UserFactory(full_name=name),
            **{"languages": ["fr"], "capacity": 1, **extra},
        )

    def mentee(name, **extra):
        return ParticipantFactory(
            cohort=cohort,
            role=ParticipantRole.MENTEE,
            user=UserFactory(full_name=name),
            birth_date=date(1985, 1, 1),
            **{"languages": ["fr"], **extra},
        )

    mentors = [
        mentor(
            "Hélène Dubé",
            expertise=["pedagogical_leadership", "conflict"],
            availability=["tue_pm", "thu_pm"],
            capacity=2,
        ),
        mentor(
            "Gilles Côté",
            expertise=["school_management", "human_resources"],
            availability=["mon_am"],
        ),
        mentor("Sarah Miller", languages=["en"], expertise=["parent_relations"]),
    ]
    mentees = [
        mentee(
            "Julie Fortin",
            needs=["pedagogical_leadership"],
            availability=["tue_pm"],
        ),
        mentee("Marc-André Roy", needs=["school_management"], availability=["mon_am"]),
        mentee("Nadia Haddad", needs=["conflict"]),
        mentee("Kevin O'Brien", languages=["en"], needs=["parent_relations"]),
    ]
    return cohort, mentors, mentees


@pytest.fixture
def later():
    return timezone.now() + timedelta(days=30)
