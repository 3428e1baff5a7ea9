"""The reports' world: the cast's cohort with pairs that met, logged their meetings, rated their
relationship and answered a questionnaire; `grow(cohort, n)` adds n more such pairs."""

from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone

from forms_workflow import services as forms_services
from matching.models import CloseReason, PairingStatus
from meetings.models import HealthColor, Meeting, MeetingLog, MeetingStatus, PairHealth, Pulse
from programs.models import ParticipantRole
from reports.models import Survey, SurveyResponse, SurveyWave
from tests.factories import PairingFactory, ParticipantFactory, UserFactory

_numbers = count(1)

YCR_KEYS = ("ycr_asks", "ycr_same_things", "ycr_fun", "ycr_talk", "ycr_what_i_want")


def ycr_survey(cohort, by=None) -> Survey:
    survey, _created = Survey.objects.get_or_create(
        cohort=cohort,
        template=forms_services.builtin("youth-centered-relationship"),
        wave=SurveyWave.END,
        defaults={
            "audience": "mentees",
            "closes_on": timezone.localdate() + timedelta(days=10),
            "created_by": by,
        },
    )
    return survey


def answer(survey, participant, value: int) -> SurveyResponse:
    response, _created = SurveyResponse.objects.get_or_create(
        survey=survey, participant=participant
    )
    response.answers = {key: value for key in YCR_KEYS}
    response.submitted_at = timezone.now()
    response.save()
    return response


def grow(cohort, n, *, held=3, missed=1, score=3, academic=True):
    """n more active pairs in `cohort`, each with `held` meetings held (logged, the academic
    dimension addressed or not), `missed` missed, a green health, a pulse from each side, and
    the mentee's answers (`score` on every item) to the cohort's YCR questionnaire."""
    survey = ycr_survey(cohort)
    now = timezone.now()
    pairs = []
    for _ in range(n):
        number = next(_numbers)
        mentor = ParticipantFactory(
            cohort=cohort,
            role=ParticipantRole.MENTOR,
            user=UserFactory(full_name=f"Mentor Côté {number}"),
        )
        mentee = ParticipantFactory(
            cohort=cohort,
            role=ParticipantRole.MENTEE,
            user=UserFactory(full_name=f"Élève Gagné {number}"),
        )
        pair = PairingFactory(
            mentor=mentor, mentee=mentee, started_on=timezone.localdate() - timedelta(days=90)
        )
        for index in range(held + missed):
            meeting = Meeting.objects.create(
                pairing=pair,
                starts_at=now - timedelta(days=7 * (index + 1)),
                duration_minutes=60,
                status=MeetingStatus.HELD if index < held else MeetingStatus.MISSED,
                mentor_attended=index < held,
                mentee_attended=index < held,
            )
            if index < held:
                MeetingLog.objects.create(
                    meeting=meeting,
                    author=mentor.user,
                    duration_minutes=60,
                    topics="Méthodes de travail",
                    academic=academic,
                    personal=index % 2 == 0,
                )
        PairHealth.objects.create(
            pairing=pair,
            cohort=mentee.cohort,
            color=HealthColor.GREEN,
            changed_at=now,
            computed_at=now,
        )
        month = timezone.localdate().replace(day=1)
        for person in (mentor, mentee):
            Pulse.objects.create(pairing=pair, rater=person.user, month=month, rating=8)
        answer(survey, mentee, score)
        pairs.append(pair)
    return pairs


def close(pair, reason=CloseReason.NOT_WORKING):
    pair.status = PairingStatus.CLOSED
    pair.close_reason = reason
    pair.closed_on = timezone.localdate()
    pair.save()


@pytest.fixture
def coordinator_client(client, claire):
    client.force_login(claire)
    return client


def ask_cohort_report(cohort, user, language="fr"):
    """The cohort's report asked by `user`, as the dashboard's button does: (job, created)."""
    from reports import jobs
    from reports.models import ReportKind

    return jobs.request(
        user,
        ReportKind.COHORT,
        organization=cohort.program.organization,
        language=language,
        cohort=cohort,
        program=cohort.program,
    )
