"""A pair from an earlier cohort: shown when proposed again, never again if it was closed as not
working or for safety."""

import pytest
from django.urls import reverse
from django.utils import timezone

from matching import services
from matching.models import CloseReason, PairingStatus
from programs.models import ParticipantRole, ProgramKind
from tests.factories import (
    CohortFactory,
    PageVersionFactory,
    PairingFactory,
    ParticipantFactory,
    ProgramFactory,
    UserFactory,
)


@pytest.fixture
def two_years(org_a, claire):
    """Nadia mentored Hugo last year; both are back this year, alone in the new cohort."""
    program = ProgramFactory(organization=org_a, kind=ProgramKind.NEW_SCHOOL_LEADERS)
    PageVersionFactory(program=program)
    last, this = (
        CohortFactory(program=program, name=name, coordinator=claire)
        for name in ("2025-2026", "2026-2027")
    )
    nadia, hugo = UserFactory(full_name="Nadia Haddad"), UserFactory(full_name="Hugo Roy")

    def enrol(cohort):
        return (
            ParticipantFactory(cohort=cohort, user=nadia, role=ParticipantRole.MENTOR, capacity=1),
            ParticipantFactory(cohort=cohort, user=hugo, role=ParticipantRole.MENTEE),
        )

    mentor, mentee = enrol(last)
    earlier = PairingFactory(
        mentor=mentor,
        mentee=mentee,
        status=PairingStatus.CLOSED,
        started_on=last.starts_on,
        closed_on=timezone.localdate(),
    )
    return earlier, this, enrol(this)


@pytest.mark.parametrize("reason", [CloseReason.NOT_WORKING, CloseReason.SAFETY])
def test_a_pair_closed_as_not_working_or_for_safety_is_never_proposed_again(
    two_years, claire, reason
):
    earlier, this, (mentor, mentee) = two_years
    earlier.close_reason = reason
    earlier.save(update_fields=["close_reason"])
    run = services.run_matching(this.pk, claire)
    assert not run.pairs.exists()
    assert "déjà été jumelés" in " ".join(services.hard_rule_violations(mentor, mentee))


def test_a_completed_pair_may_be_proposed_again_and_the_page_says_so(two_years, claire, client):
    earlier, this, (mentor, mentee) = two_years
    earlier.close_reason = CloseReason.COMPLETED
    earlier.save(update_fields=["close_reason"])
    run = services.run_matching(this.pk, claire)
    assert run.pairs.get().mentee == mentee
    client.force_login(claire)
    page = client.get(reverse("matching:cohort", args=[this.pk])).content.decode()
    assert "Déjà jumelés, dans la cohorte 2025-2026 (Terminé)." in page
