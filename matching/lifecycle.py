"""The pair's lifecycle reacting to what other apps change: the one owner of these rules.

Consent, participant status and capacity live in programs; their effect on open pairs is
decided here, in the transaction of the change (programs.events), with history and notices:

- a minor mentee without a current given consent: active pairs pause ("consent withdrawn"),
  planned meetings are cancelled with notice to the mentor only (never the child), and the
  mentor and the coordinator are told; a coordinator resumes once consent is given again;
- a participant withdrawn or who completed the program: their open pairs close ("a participant
  left the program"), the partner is told and goes back to the pool;
- capacity: never lowered below the mentor's followed pairs (the names are given).

- the start: both accepted, a pair is "starting" until every start gate registered by a higher
  app says nothing is missing (forms_workflow: the confidentiality commitment signed by both and,
  for a minor, acknowledged by a guardian); `start_if_ready` then starts it. No gate: it starts
  at once.

Higher apps react to a pause or a close through `on_pair_stopped` (meetings cancels planned
meetings), and gate the start through `start_gate`, so matching never imports them."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from matching.models import OPEN_STATUSES, CloseReason, Pairing, PairingStatus
from matching.pool import needs_clearance
from programs.models import Participant, ParticipantStatus

STOP_LISTENERS = []
START_GATES = []
ACCEPT_LISTENERS = []
LEFT_STATUSES = (ParticipantStatus.WITHDRAWN, ParticipantStatus.COMPLETED)
FOLLOWED = (PairingStatus.ACTIVE, PairingStatus.PAUSED)
# a mentor's place is taken from both acceptances on, while the commitment is being signed
ENGAGED = (PairingStatus.STARTING, *FOLLOWED)


def on_pair_stopped(listener):
    """Register `listener(pairing_id, by, reason, notify_user_ids)`: called when a pair pauses
    or closes through this module (in the same transaction)."""
    if listener not in STOP_LISTENERS:
        STOP_LISTENERS.append(listener)
    return listener


def _stopped(pairing, by, reason, notify):
    for listener in STOP_LISTENERS:
        listener(pairing.pk, by, reason, [user.pk for user in notify])


def start_gate(gate):
    """Register `gate(pairing) -> list[str]`: what is still missing before the pair may start,
    in words its two people can act on (empty when nothing is)."""
    if gate not in START_GATES:
        START_GATES.append(gate)
    return gate


def on_pair_accepted(listener):
    """Register `listener(pairing_id)`: called when both accepted (the pair is starting or
    active), in the same transaction; forms_workflow gives the pair its forms."""
    if listener not in ACCEPT_LISTENERS:
        ACCEPT_LISTENERS.append(listener)
    return listener


def accepted(pairing: Pairing) -> None:
    for listener in ACCEPT_LISTENERS:
        listener(pairing.pk)


def start_requirements(pairing: Pairing) -> list[str]:
    return [missing for gate in START_GATES for missing in gate(pairing)]


def start_if_ready(pairing_id: int, by=None) -> bool:
    """Start a starting pair once nothing is missing; True when it started now."""
    from matching.services import _event, _locked, notify

    with transaction.atomic():
        pairing = _locked(pairing_id)
        if pairing.status != PairingStatus.STARTING or start_requirements(pairing):
            return False
        pairing.status = PairingStatus.ACTIVE
        pairing.started_on = timezone.localdate()
        pairing.save(update_fields=["status", "started_on", "updated_at"])
        _event(pairing, by, "started", PairingStatus.STARTING)
        notify(pairing.pk, "started")
    return True


def consent_missing(mentee: Participant) -> bool:
    program = mentee.cohort.program
    return (
        mentee.is_mentee
        and program.involves_minors
        and needs_clearance(mentee, program)
        and not mentee.guardian_consent_in_force()
    )


@transaction.atomic
def on_consent_changed(participant_id: int, by=None) -> list[Pairing]:
    """Pause the active pairs of a minor whose guardians' consent is no longer in force."""
    from matching.services import _event

    mentee = Participant.objects.select_related("cohort__program").get(pk=participant_id)
    if not consent_missing(mentee):
        return []
    paused = []
    pairings = Pairing.objects.select_for_update().filter(
        mentee=mentee, status=PairingStatus.ACTIVE
    )
    reason = _("Consent withdrawn by a guardian.")
    for pairing in pairings.select_related("mentor__user", "mentee__user"):
        pairing.status = PairingStatus.PAUSED
        pairing.paused_until = None
        pairing.save(update_fields=["status", "paused_until", "updated_at"])
        _event(pairing, by, "paused", PairingStatus.ACTIVE, reason)
        _stopped(pairing, by, reason, notify=[pairing.mentor.user])
        from matching.services import notify  # services imports this module

        notify(pairing.pk, f"consent_paused:{pairing.events.count()}")
        paused.append(pairing)
    return paused


@transaction.atomic
def on_participant_changed(participant_id: int, fields, by=None) -> list[Pairing]:
    """A participant who left: their open pairs close, each partner goes back to the pool."""
    from matching import services

    person = Participant.objects.select_related("user").get(pk=participant_id)
    if "status" not in fields or person.status not in LEFT_STATUSES:
        return []
    side = "mentor" if person.is_mentor else "mentee"
    closed = []
    open_pairs = Pairing.objects.filter(**{side: person}, status__in=OPEN_STATUSES)
    for pairing in open_pairs.select_related("mentor__user", "mentee__user"):
        if pairing.status == PairingStatus.PROPOSED:
            services.withdraw_proposal(pairing.pk, by, _("A participant left the program."))
        else:
            services.close(pairing.pk, by, CloseReason.PARTICIPANT_LEFT)
        closed.append(pairing)
    return closed


def capacity_problem(participant: Participant, capacity: int) -> str | None:
    """Refuse a capacity below the mentor's followed pairs, naming them."""
    if participant.pk is None or not participant.is_mentor:
        return None
    followed = list(
        Pairing.objects.filter(mentor=participant, status__in=ENGAGED)
        .select_related("mentee__user")
        .order_by("mentee__user__full_name")
    )
    if capacity >= len(followed):
        return None
    return _(
        "%(mentor)s already follows %(count)d mentees (%(names)s): the capacity cannot be "
        "lower than %(count)d. Close or move a pair first."
    ) % {
        "mentor": participant.user.full_name,
        "count": len(followed),
        "names": ", ".join(p.mentee.user.full_name for p in followed),
    }


# --- Nightly --------------------------------------------------------------------------------

EXPIRY_NOTICE_DAYS = 30


def complete_ended_cohorts(today=None) -> int:
    """Close as completed the active pairs of every cohort whose end date has passed. Paused
    pairs, proposals and other cohorts' pairs are left to the coordinator."""
    from matching import services

    today = today or timezone.localdate()
    due = Pairing.objects.filter(
        status=PairingStatus.ACTIVE, mentee__cohort__ends_on__lt=today
    ).values_list("pk", "mentee__cohort__ends_on")
    done = 0
    for pk, ends_on in list(due):
        try:
            services.close(pk, None, CloseReason.COMPLETED, closed_on=ends_on)
        except services.MatchingError:
            continue  # changed meanwhile
        done += 1
    return done


def check_background_checks(today=None) -> dict:
    """The coordinator of each mentor whose check expires within 30 days is told once per
    expiry date; a mentor of minors whose check has expired has their active pairs paused."""
    from accounts.services import notify_once
    from matching.services import _event
    from mentorat.mail import absolute_url

    today = today or timezone.localdate()
    counts = {"alerted": 0, "paused": 0}
    soon = Participant.objects.filter(
        background_check_expires_on__gte=today,
        background_check_expires_on__lte=today + timedelta(days=EXPIRY_NOTICE_DAYS),
        cohort__coordinator__isnull=False,
    ).select_related("user", "cohort__coordinator")
    for mentor in soon.exclude(status__in=LEFT_STATUSES).filter(role="mentor"):
        coordinator = mentor.cohort.coordinator
        with translation.override(coordinator.language):
            url = absolute_url(
                reverse("coordination:programs_participant_change", args=[mentor.pk])
            )
        counts["alerted"] += notify_once(
            coordinator,
            f"screening:{mentor.pk}:{mentor.background_check_expires_on.isoformat()}",
            "background_check_expiring",
            {"mentor": mentor, "url": url},
        )
    expired = Pairing.objects.filter(
        status=PairingStatus.ACTIVE,
        mentee__cohort__program__involves_minors=True,
        mentor__background_check_expires_on__lt=today,
    ).select_related("mentor__user", "mentee__user", "mentee__cohort__program")
    reason = _("The mentor's background check has expired.")
    for pairing in expired:
        if not needs_clearance(pairing.mentee, pairing.mentee.cohort.program):
            continue
        with transaction.atomic():
            locked = Pairing.objects.select_for_update().get(pk=pairing.pk)
            if locked.status != PairingStatus.ACTIVE:
                continue
            locked.status = PairingStatus.PAUSED
            locked.paused_until = None
            locked.save(update_fields=["status", "paused_until", "updated_at"])
            _event(locked, None, "paused", PairingStatus.ACTIVE, reason)
            _stopped(locked, None, reason, notify=[pairing.mentor.user])
        counts["paused"] += 1
    return counts
