"""The programs API: consent, page versions, training attendance, requests to join. Views and
admin call these."""

import json
import re
from typing import NamedTuple

from django.core import serializers
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.services import notify_once
from mentorat.mail import absolute_url
from programs import events
from programs.models import (
    AttendanceStatus,
    Cohort,
    CohortPhase,
    ConsentDecision,
    ConsentRecord,
    EnrolmentKind,
    EnrolmentRequest,
    EnrolmentStatus,
    GuardianLink,
    Participant,
    ParticipantRole,
    ParticipantStatus,
    ProgramPageVersion,
    TrainingAttendance,
    TrainingAudience,
    TrainingSession,
)


class ProgramsError(Exception):
    """An expected refusal, with a message for the user."""


@transaction.atomic
def record_consent(link_id: int, by, decision: str, page_version_id: int) -> ConsentRecord:
    """Record a guardian's decision against the exact page version they read.

    The version must be the program's current one: a parent cannot consent to stale text."""
    link = (
        GuardianLink.objects.select_for_update()
        .select_related("participant__cohort")
        .get(pk=link_id)
    )
    if link.guardian_id != by.pk:
        raise ProgramsError(_("Only the guardian can record this decision."))
    if decision not in ConsentDecision.values:
        raise ProgramsError(_("Choose whether you give or withdraw your consent."))
    program = link.participant.cohort.program
    current = program.current_page()
    if current is None or current.pk != page_version_id:
        raise ProgramsError(
            _("The program's page changed while you were reading it. Please read it again.")
        )
    latest = link.latest_consent()
    if latest is None and decision == ConsentDecision.WITHDRAWN:
        raise ProgramsError(_("There is no consent to withdraw yet."))
    if latest and latest.decision == decision and latest.page_version_id == current.pk:
        return latest
    record = ConsentRecord.objects.create(
        guardian_link=link, page_version=current, decision=decision, recorded_by=by
    )
    events.emit("consent_changed", participant_id=link.participant_id, by=by)
    return record


def participant_changed(participant_id: int, fields, by) -> None:
    """Tell the pair lifecycle that a participant's status or capacity changed (called in the
    transaction of the change, by the admin and by any other writer)."""
    watched = set(fields) & {"status", "capacity", "background_check_expires_on"}
    if watched:
        events.emit("participant_changed", participant_id=participant_id, fields=watched, by=by)


@transaction.atomic
def publish_page_version(version: ProgramPageVersion, by) -> ProgramPageVersion:
    """Save a new version with the next number (the program row serializes concurrent saves)."""
    program = type(version.program).objects.select_for_update().get(pk=version.program_id)
    last = program.page_versions.aggregate(last=Max("number"))["last"] or 0
    version.number = last + 1
    version.created_by = by
    version.save()
    return version


@transaction.atomic
def record_training_attendance(attendance_id: int, status: str) -> TrainingAttendance:
    """Mark attendance; a mentor present at a required session has completed training."""
    attendance = TrainingAttendance.objects.select_related("session", "participant").get(
        pk=attendance_id
    )
    attendance.status = status
    attendance.save(update_fields=["status"])
    participant = attendance.participant
    if (
        status == AttendanceStatus.PRESENT
        and attendance.session.required_before_pairing
        and participant.role == ParticipantRole.MENTOR
        and participant.training_completed_on is None
    ):
        participant.training_completed_on = attendance.session.starts_at.date()
        participant.save(update_fields=["training_completed_on", "updated_at"])
    return attendance


def invite_training_audience(session_id: int) -> int:
    """Put the session's audience from its cohort on the attendance list; returns how many."""
    session = TrainingSession.objects.select_related("cohort").get(pk=session_id)
    participants = session.cohort.participants.exclude(status=ParticipantStatus.WITHDRAWN)
    if session.audience == TrainingAudience.MENTORS:
        participants = participants.mentors()
    elif session.audience == TrainingAudience.MENTEES:
        participants = participants.mentees()
    existing = set(session.attendances.values_list("participant_id", flat=True))
    new = [
        TrainingAttendance(session=session, participant_id=pk)
        for pk in participants.values_list("pk", flat=True)
        if pk not in existing
    ]
    TrainingAttendance.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


# --- Requests to join: a person of another organization --------------------------------------


@transaction.atomic
def request_enrolment(
    record, person_field: str, kind: str, organization, typed: dict, by, summary: str
) -> EnrolmentRequest:
    """Ask `record`'s person, who has an account through another organization, to join
    `organization` as `record` (an unsaved participant, guardian link or membership). Nothing is
    created and the account is not touched until they accept; the organization keeps only what
    its coordinator typed. Asking again while a request waits returns the waiting one."""
    person = getattr(record, person_field)
    same = {"organization": organization, "user": person, "kind": kind, "summary": summary[:300]}
    waiting = EnrolmentRequest.objects.waiting().filter(**same).first()
    if waiting:
        return waiting
    # one left waiting past its date: withdrawn, so the new one is the only one waiting
    EnrolmentRequest.objects.filter(**same, status=EnrolmentStatus.WAITING).update(
        status=EnrolmentStatus.WITHDRAWN
    )
    enrolment = EnrolmentRequest.objects.create(
        **same,
        email=typed["email"],
        full_name=typed["full_name"],
        record=json.loads(serializers.serialize("json", [record])),
        requested_by=by,
    )
    with translation.override(person.language):
        url = absolute_url(enrolment.get_absolute_url())
    notify_once(
        person,
        f"enrolment:{enrolment.pk}:asked",
        "enrolment_requested",
        {"enrolment": enrolment, "organization": organization, "url": url, "asked_by": by},
    )
    return enrolment


@transaction.atomic
def answer_enrolment(enrolment_id: int, user, accept: bool):
    """The person accepts (the record is created with their own account) or declines; the
    coordinator who asked is told either way. Returns the created record, or None."""
    enrolment = (
        EnrolmentRequest.objects.select_for_update(of=("self",))
        .select_related("organization", "requested_by")
        .filter(pk=enrolment_id, user=user)
        .first()
    )
    if enrolment is None:
        raise ProgramsError(_("This request is not addressed to you."))
    if not enrolment.is_waiting:
        raise ProgramsError(_("This request is no longer waiting for an answer."))
    created = None
    if accept:
        (deserialized,) = serializers.deserialize("json", json.dumps(enrolment.record))
        created = deserialized.object
        created.pk = None
        try:
            with transaction.atomic():
                created.save()
        except IntegrityError as error:
            raise ProgramsError(
                _("You are already enrolled there: there is nothing more to accept.")
            ) from error
    enrolment.status = EnrolmentStatus.ACCEPTED if accept else EnrolmentStatus.DECLINED
    enrolment.decided_at = timezone.now()
    enrolment.save(update_fields=["status", "decided_at"])
    if enrolment.requested_by:
        with translation.override(enrolment.requested_by.language):
            url = absolute_url(reverse("coordination:programs_enrolmentrequest_changelist"))
        notify_once(
            enrolment.requested_by,
            f"enrolment:{enrolment.pk}:{enrolment.status}",
            "enrolment_answered",
            {"enrolment": enrolment, "accepted": accept, "url": url},
        )
    return created


# --- Reminders the coordinator sends from the home -------------------------------------------


def remind_guardians(
    by, cohort_id: int | None = None, participant_ids: list[int] | None = None
) -> tuple[int, int]:
    """Remind each guardian of a mentee whose consent is waiting, in the organizations `by`
    coordinates (one cohort's, with `cohort_id`); at most once a day per guardian and child.
    Returns (messages recorded, mentees with no guardian on file)."""
    people = Participant.objects.in_coordinated_organizations(by)
    if cohort_id is not None:
        people = people.filter(cohort_id=cohort_id)
    if participant_ids is not None:
        people = people.filter(pk__in=participant_ids)
    waiting = (
        people.taking_part()
        .consent_waiting()
        .select_related("user", "cohort__program", "cohort__coordinator")
        .prefetch_related("guardian_links__guardian")
    )
    today = timezone.localdate().isoformat()
    recorded = orphans = 0
    for mentee in waiting:
        links = list(mentee.guardian_links.all())
        orphans += not links
        for link in links:
            with translation.override(link.guardian.language):
                url = absolute_url(reverse("programs:consent", kwargs={"pk": link.pk}))
            recorded += notify_once(
                link.guardian,
                f"consent:{link.pk}:reminder:{today}",
                "consent_reminder",
                {
                    "child": mentee.user,
                    "program": mentee.cohort.program,
                    "coordinator": mentee.cohort.coordinator or by,
                    "url": url,
                },
            )
    return recorded, orphans


# --- A new school year in one step -----------------------------------------------------------

YEARS = re.compile(r"(\d{4})(\s*[-–]\s*)(\d{4})")


# What a returning mentor's new record takes from last year's, once they accept to re-enrol.
CARRIED_OVER = (
    "gender",
    "gender_preference",
    "availability",
    "interests",
    "about",
    "subject",
    "expertise",
    "years_of_experience",
    "background_check_on",
    "background_check_expires_on",
)


class NewYear(NamedTuple):
    cohort: Cohort
    trainings: int
    copied: int  # rows other apps copied (closure days…)
    asked: int  # returning mentors asked to re-enrol


def _next_year(day):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def next_cohort_name(name: str) -> str:
    """ "2026-2027" → "2027-2028"; another name gets the next year appended."""
    found = YEARS.search(name)
    if found:
        first, dash, second = found.groups()
        return (
            name[: found.start()] + f"{int(first) + 1}{dash}{int(second) + 1}" + name[found.end() :]
        )
    return f"{name} ({timezone.localdate().year + 1})"


@transaction.atomic
def new_school_year(cohort_id: int, by) -> NewYear:
    """Next school year's cohort from this one: its dates a year later, the training sessions
    (without anyone's attendance), what other apps copy (closure days); each returning mentor
    is asked to re-enrol with one click, their profile carried over only if they accept.
    Program settings, criteria and the public page belong to the program: nothing to copy."""
    source = Cohort.objects.select_for_update().select_related("program").get(pk=cohort_id)
    name = next_cohort_name(source.name)
    if Cohort.objects.filter(program=source.program, name=name).exists():
        raise ProgramsError(_("The cohort %(name)s already exists.") % {"name": name})
    cohort = Cohort.objects.create(
        program=source.program,
        name=name,
        coordinator=source.coordinator,
        phase=CohortPhase.RECRUITMENT,
        **{
            field: _next_year(getattr(source, field))
            for field in (
                "starts_on",
                "ends_on",
                "recruitment_ends_on",
                "training_ends_on",
                "pairing_ends_on",
                "closing_starts_on",
            )
        },
    )
    shift = cohort.starts_on - source.starts_on
    sessions = [
        TrainingSession(
            cohort=cohort,
            title=session.title,
            audience=session.audience,
            starts_at=session.starts_at + shift,
            ends_at=session.ends_at + shift,
            location=session.location,
            description=session.description,
            required_before_pairing=session.required_before_pairing,
        )
        for session in source.training_sessions.all()
    ]
    TrainingSession.objects.bulk_create(sessions)
    copied = sum(events.emit("cohort_copied", source_id=source.pk, cohort_id=cohort.pk, by=by))
    asked = 0
    returning = source.participants.mentors().exclude(status=ParticipantStatus.WITHDRAWN)
    for mentor in returning.select_related("user"):
        again = Participant(
            cohort=cohort,
            user=mentor.user,
            role=ParticipantRole.MENTOR,
            school=mentor.school,
            languages=mentor.languages,
            capacity=mentor.capacity,
        )
        for field in CARRIED_OVER:
            setattr(again, field, getattr(mentor, field))
        request_enrolment(
            again,
            "user",
            EnrolmentKind.PARTICIPANT,
            source.program.organization,
            {"email": mentor.user.email, "full_name": mentor.user.full_name},
            by,
            f"{ParticipantRole.MENTOR.label} — {source.program.name}, {cohort.name}",
        )
        asked += 1
    return NewYear(cohort, len(sessions), copied, asked)
