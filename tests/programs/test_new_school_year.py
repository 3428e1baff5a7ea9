"""A new school year in one step: next year's cohort from this one, returning mentors asked to
re-enrol, nothing personal carried over without their answer."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import ClosureDay
from programs import services
from programs.models import (
    Cohort,
    CohortPhase,
    EnrolmentRequest,
    Participant,
    ParticipantRole,
    TrainingSession,
)


def test_next_cohort_names():
    assert services.next_cohort_name("2026-2027") == "2027-2028"
    assert services.next_cohort_name("Cohorte 2026–2027") == "Cohorte 2027–2028"


@pytest.fixture
def prepared(cohort, marc, lea):
    cohort.starts_on, cohort.ends_on = date(2026, 8, 25), date(2027, 6, 20)
    cohort.save()
    TrainingSession.objects.create(
        cohort=cohort,
        title="Formation des mentors",
        starts_at=timezone.make_aware(timezone.datetime(2026, 9, 10, 18, 30)),
        ends_at=timezone.make_aware(timezone.datetime(2026, 9, 10, 21, 0)),
    )
    ClosureDay.objects.create(
        organization=cohort.program.organization, day=date(2026, 10, 12), label="Action de grâce"
    )
    mentor = marc.participations.get()
    mentor.about = "Vingt ans en orientation scolaire."
    mentor.save()
    return cohort


def test_one_click_makes_next_years_cohort(client, claire, prepared, marc, lea, mailoutbox):
    client.force_login(claire)
    response = client.post(reverse("coordination:new_school_year", args=[prepared.pk]))
    new = Cohort.objects.get(program=prepared.program, name="2027-2028")
    assert response.url == reverse("coordination:programs_cohort_change", args=[new.pk])
    assert (new.starts_on, new.ends_on) == (date(2027, 8, 25), date(2028, 6, 20))
    assert new.phase == CohortPhase.RECRUITMENT
    session = new.training_sessions.get()
    assert timezone.localtime(session.starts_at).date() == date(2027, 9, 10)
    assert ClosureDay.objects.filter(day=date(2027, 10, 12)).exists()
    # nobody is enrolled yet: Marc is asked, Léa (a mentee) is not
    assert not Participant.objects.filter(cohort=new).exists()
    asked = EnrolmentRequest.objects.get()
    assert asked.user == marc
    client.force_login(marc)
    client.post(asked.get_absolute_url(), {"accept": "1"})
    again = Participant.objects.get(cohort=new, user=marc)
    assert again.role == ParticipantRole.MENTOR
    assert again.about == "Vingt ans en orientation scolaire."  # carried over on his answer
    assert again.training_completed_on is None  # this year's training is still to do


def test_twice_is_refused_and_another_organization_cannot(client, claire, oscar, prepared):
    url = reverse("coordination:new_school_year", args=[prepared.pk])
    client.force_login(oscar)
    assert client.post(url).status_code == 404
    client.force_login(claire)
    client.post(url)
    response = client.post(url, follow=True)
    assert "existe déjà" in response.content.decode()
    assert Cohort.objects.filter(name="2027-2028").count() == 1
