"""Participation certificates: who met the program's conditions, issuing, revoking, checking.

The conditions (`CertificatePolicy`, one per program, made with its defaults when first read):
meetings held by the person's pairs of the cohort, and every form of those pairs that they sign,
signed. A certificate keeps what it said when issued; its code is checked on a public page."""

from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import notify_once
from forms_workflow.models import LIVE_STATUSES, FilledBy, FormSubmission, Scope, SubmissionStatus
from matching.models import Pairing
from meetings.models import Meeting, MeetingStatus
from programs.models import ParticipantRole, ParticipantStatus
from reports.models import Certificate, CertificatePolicy
from reports.stats import FORMED


class CertificateError(ValueError):
    pass


def policy_for(program) -> CertificatePolicy:
    policy, _created = CertificatePolicy.objects.get_or_create(program=program)
    return policy


@dataclass
class Standing:
    participant: object
    meetings_held: int
    forms_total: int
    forms_signed: int
    started_on: object
    ended_on: object
    certificate: Certificate | None
    policy: CertificatePolicy

    @property
    def paired(self) -> bool:
        return self.started_on is not None

    @property
    def missing(self) -> list[str]:
        found = []
        if not self.paired:
            return [_("Was never in a pair that started.")]
        if self.meetings_held < self.policy.min_meetings:
            found.append(
                _("%(held)d of %(needed)d meetings held.")
                % {"held": self.meetings_held, "needed": self.policy.min_meetings}
            )
        if self.policy.forms_signed and self.forms_signed < self.forms_total:
            found.append(
                _("%(signed)d of %(total)d forms signed.")
                % {"signed": self.forms_signed, "total": self.forms_total}
            )
        return found

    @property
    def eligible(self) -> bool:
        return not self.missing


def standings(cohort, participants=None) -> list[Standing]:
    """Each person of the cohort (withdrawn ones left out) and where they stand; five queries."""
    policy = policy_for(cohort.program)
    people = participants
    if people is None:
        people = (
            cohort.participants.exclude(status=ParticipantStatus.WITHDRAWN)
            .select_related("user")
            .order_by("role", "user__full_name", "pk")
        )
    people = list(people)
    pairs = Pairing.objects.filter(FORMED, mentee__cohort=cohort)
    held, periods = Counter(), {}
    for side in ("mentor", "mentee"):
        for row in (
            Meeting.objects.filter(pairing__in=pairs, status=MeetingStatus.HELD)
            .values(f"pairing__{side}")
            .annotate(total=Count("pk"))
            .order_by()
        ):
            held[row[f"pairing__{side}"]] += row["total"]
        for row in (
            pairs.values(side).annotate(first=Min("started_on"), last=Max("closed_on")).order_by()
        ):
            previous = periods.get(row[side])
            periods[row[side]] = (
                (min(previous[0], row["first"]), row["last"] or previous[1])
                if previous
                else (row["first"], row["last"])
            )
    forms = Counter()
    signed = Counter()
    submissions = FormSubmission.objects.filter(
        status__in=LIVE_STATUSES, program_form__scope=Scope.PAIR, pairing__in=pairs
    ).values_list("pairing__mentor", "pairing__mentee", "program_form__filled_by", "status")
    for mentor, mentee, filled_by, status in submissions:
        signers = {
            FilledBy.MENTOR: [mentor],
            FilledBy.MENTEE: [mentee],
            FilledBy.JOINT: [mentor, mentee],
        }[filled_by]
        for person in signers:
            forms[person] += 1
            signed[person] += status == SubmissionStatus.SIGNED
    certificates = {
        c.participant_id: c
        for c in Certificate.objects.filter(
            participant__in=[p.pk for p in people], revoked_at__isnull=True
        )
    }
    return [
        Standing(
            participant=person,
            meetings_held=held[person.pk],
            forms_total=forms[person.pk],
            forms_signed=signed[person.pk],
            started_on=periods.get(person.pk, (None, None))[0],
            ended_on=periods.get(person.pk, (None, None))[1],
            certificate=certificates.get(person.pk),
            policy=policy,
        )
        for person in people
    ]


def issue_one(standing, by, notify=True) -> Certificate | None:
    person = standing.participant
    cohort = person.cohort
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                participant=person,
                holder_name=person.user.full_name,
                role=person.role,
                program_name=cohort.program.name,
                cohort_name=cohort.name,
                organization_name=cohort.program.organization.name,
                period_start=standing.started_on,
                period_end=standing.ended_on or min(cohort.ends_on, timezone.localdate()),
                meetings_held=standing.meetings_held,
                forms_signed=standing.forms_signed,
                issued_by=by,
            )
    except IntegrityError:
        return None  # issued meanwhile
    if not notify:
        return certificate
    notify_once(
        person.user,
        f"certificate:{certificate.pk}",
        "certificate_issued",
        {"certificate": certificate, "url": _portal_url()},
    )
    return certificate


def _portal_url() -> str:
    from django.urls import reverse

    from mentorat.mail import absolute_url

    return absolute_url(reverse("programs:portal"))


def issue(cohort, by=None, participant_ids=None) -> list[Certificate]:
    """Certificates for everyone eligible who has none (or only the given ones)."""
    issued = []
    for standing in standings(cohort):
        if standing.certificate or not standing.eligible:
            continue
        if participant_ids is not None and standing.participant.pk not in participant_ids:
            continue
        certificate = issue_one(standing, by)
        if certificate:
            issued.append(certificate)
    return issued


def revoke(certificate, reason: str, by=None) -> Certificate:
    if certificate.revoked_at:
        raise CertificateError(_("This certificate was already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    return certificate


def normalized_code(raw: str) -> str:
    letters = "".join(c for c in (raw or "").upper() if c.isalnum())
    if len(letters) != 12:
        return ""
    return f"{letters[:4]}-{letters[4:8]}-{letters[8:]}"


def lookup(raw: str) -> Certificate | None:
    code = normalized_code(raw)
    return Certificate.objects.filter(code=code).first() if code else None


def role_label(role: str) -> str:
    return ParticipantRole(role).label if role in ParticipantRole.values else role
