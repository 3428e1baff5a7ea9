"""Scheduling a pair's meetings: propose, confirm, reschedule, cancel, recurring series around
closure days. Views, tasks and commands call these; every rule is checked here."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.services import notify_once
from matching.models import CloseReason, Pairing, PairingStatus
from meetings import health
from meetings.models import (
    PLANNED_STATUSES,
    CalendarFeed,
    CheckIn,
    CheckInOutcome,
    ClosureDay,
    Concern,
    ConcernKind,
    HealthColor,
    Intervention,
    InterventionKind,
    InterventionOutcome,
    Meeting,
    MeetingLog,
    MeetingMode,
    MeetingRating,
    MeetingSeries,
    MeetingStatus,
    PrivateNote,
    Pulse,
)
from mentorat.mail import absolute_url
from mentorat.typography import datetime_text

PLAUSIBLE_MARGIN = timedelta(days=366)


class MeetingError(Exception):
    """An expected refusal, with a translated message for the user."""


class NeedsConfirmation(MeetingError):
    """Allowed, but only once the person confirms they saw the warnings."""

    def __init__(self, warnings):
        super().__init__(" ".join(warnings))
        self.warnings = warnings


@dataclass
class Slot:
    starts_at: datetime
    duration_minutes: int
    mode: str = MeetingMode.IN_PERSON
    place: str = ""
    video_link: str = ""

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)


@dataclass
class SeriesResult:
    series: MeetingSeries
    created: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (date, reason)


def _pairing(pairing_id: int) -> Pairing:
    return Pairing.objects.select_related(
        "mentor__user", "mentee__user", "mentee__cohort__program"
    ).get(pk=pairing_id)


def _member(pairing: Pairing, user) -> None:
    if user.pk not in (pairing.mentor.user_id, pairing.mentee.user_id):
        raise MeetingError(_("Only the mentor and the mentee plan their meetings."))


def partner_of(pairing: Pairing, user):
    return pairing.mentee.user if pairing.mentor.user_id == user.pk else pairing.mentor.user


def problems(pairing: Pairing, slot: Slot, ignore: int | None = None) -> list[str]:
    """What forbids this slot: an inactive pair, a bad duration or mode, a double booking."""
    errors = []
    if pairing.status != PairingStatus.ACTIVE:
        errors.append(_("Meetings are planned only for an active pair."))
    if not 5 <= slot.duration_minutes <= 480:
        errors.append(_("A meeting lasts from 5 minutes to 8 hours."))
    cohort = pairing.mentee.cohort
    day = timezone.localtime(slot.starts_at).date()
    if not cohort.starts_on - PLAUSIBLE_MARGIN <= day <= cohort.ends_on + PLAUSIBLE_MARGIN:
        errors.append(
            _("A meeting is dated within a year of its cohort (%(start)s to %(end)s).")
            % {
                "start": date_format(cohort.starts_on, "DATE_FORMAT"),
                "end": date_format(cohort.ends_on, "DATE_FORMAT"),
            }
        )
    if slot.mode == MeetingMode.IN_PERSON and not slot.place.strip():
        errors.append(_("Say where you will meet."))
    if slot.mode == MeetingMode.VIDEO and not slot.video_link.strip():
        errors.append(_("Give the video call's link."))
    if (
        slot.mode == MeetingMode.VIDEO
        and slot.video_link
        and not slot.video_link.startswith("https://")
    ):
        errors.append(_("The video link must start with https://."))
    people = [pairing.mentor.user, pairing.mentee.user]
    overlapping = (
        Meeting.objects.planned()
        .filter(
            Q(pairing__mentor__user__in=people) | Q(pairing__mentee__user__in=people),
            starts_at__lt=slot.ends_at,
            # no meeting lasts more than 8 hours: only those could still be running
            starts_at__gt=slot.starts_at - timedelta(minutes=480),
        )
        .exclude(pk=ignore)
        .select_related("pairing__mentor__user", "pairing__mentee__user")
    )
    for other in overlapping:
        if other.ends_at > slot.starts_at:
            busy = {other.pairing.mentor.user, other.pairing.mentee.user} & set(people)
            for person in busy:
                errors.append(
                    _("%(name)s already has a meeting at that time (%(when)s).")
                    % {
                        "name": person.full_name,
                        "when": datetime_text(other.starts_at),
                    }
                )
    return list(dict.fromkeys(errors))


def warnings(pairing: Pairing, slot: Slot) -> list[str]:
    """What is allowed once confirmed: outside the cohort's dates, or on a closure day."""
    found = []
    day = timezone.localtime(slot.starts_at).date()
    cohort = pairing.mentee.cohort
    if not cohort.starts_on <= day <= cohort.ends_on:
        found.append(
            _("This date is outside the cohort (%(start)s to %(end)s).")
            % {
                "start": date_format(cohort.starts_on, "DATE_FORMAT"),
                "end": date_format(cohort.ends_on, "DATE_FORMAT"),
            }
        )
    closure = ClosureDay.objects.filter(
        organization_id=cohort.program.organization_id, day=day
    ).first()
    if closure:
        found.append(
            _("%(day)s is a closure day: %(label)s.")
            % {"day": date_format(day, "DATE_FORMAT"), "label": closure.label}
        )
    if slot.starts_at < timezone.now():
        found.append(_("This time is already past."))
    return found


def _check(pairing, slot, confirmed, ignore=None):
    errors = problems(pairing, slot, ignore=ignore)
    if errors:
        raise MeetingError(" ".join(errors))
    found = warnings(pairing, slot)
    if found and not confirmed:
        raise NeedsConfirmation(found)


@transaction.atomic
def propose(pairing_id: int, by, slot: Slot, confirmed: bool = False) -> Meeting:
    pairing = _pairing(pairing_id)
    _member(pairing, by)
    _check(pairing, slot, confirmed)
    meeting = Meeting.objects.create(
        pairing=pairing,
        starts_at=slot.starts_at,
        duration_minutes=slot.duration_minutes,
        mode=slot.mode,
        place=slot.place,
        video_link=slot.video_link,
        proposed_by=by,
    )
    notify(meeting.pk, f"proposed:{meeting.sequence}", by.pk)
    _pair_changed(pairing.pk)
    return meeting


def _locked(meeting_id: int) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("pairing__mentor__user", "pairing__mentee__user", "pairing__mentee__cohort")
        .get(pk=meeting_id)
    )


@transaction.atomic
def confirm(meeting_id: int, by) -> Meeting:
    meeting = _locked(meeting_id)
    _member(meeting.pairing, by)
    if meeting.status != MeetingStatus.PROPOSED:
        raise MeetingError(_("This meeting is not awaiting a confirmation."))
    if meeting.proposed_by_id == by.pk:
        raise MeetingError(_("Your partner confirms the time you proposed."))
    meeting.status = MeetingStatus.CONFIRMED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    notify(meeting.pk, f"confirmed:{meeting.sequence}", by.pk)
    _pair_changed(meeting.pairing_id)
    return meeting


@transaction.atomic
def reschedule(meeting_id: int, by, slot: Slot, reason: str, confirmed: bool = False) -> Meeting:
    """Propose another time: the partner confirms it again. Calendars get the same UID with a
    higher SEQUENCE."""
    meeting = _locked(meeting_id)
    _member(meeting.pairing, by)
    if meeting.status not in PLANNED_STATUSES:
        raise MeetingError(_("Only a planned meeting can be moved."))
    if not reason.strip():
        raise MeetingError(_("Say why the meeting moves."))
    _check(meeting.pairing, slot, confirmed, ignore=meeting.pk)
    meeting.starts_at = slot.starts_at
    meeting.duration_minutes = slot.duration_minutes
    meeting.mode, meeting.place, meeting.video_link = slot.mode, slot.place, slot.video_link
    meeting.status = MeetingStatus.PROPOSED
    meeting.proposed_by = by
    meeting.change_reason = reason
    meeting.sequence += 1
    meeting.save()
    notify(meeting.pk, f"rescheduled:{meeting.sequence}", by.pk)
    _pair_changed(meeting.pairing_id)
    return meeting


@transaction.atomic
def cancel(meeting_id: int, by, reason: str) -> Meeting:
    meeting = _locked(meeting_id)
    _member(meeting.pairing, by)
    if meeting.status not in PLANNED_STATUSES:
        raise MeetingError(_("Only a planned meeting can be cancelled."))
    if not reason.strip():
        raise MeetingError(_("Say why the meeting is cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.change_reason = reason
    meeting.sequence += 1
    meeting.save(update_fields=["status", "change_reason", "sequence", "updated_at"])
    notify(meeting.pk, f"cancelled:{meeting.sequence}", by.pk)
    _pair_changed(meeting.pairing_id)
    return meeting


@transaction.atomic
def propose_series(pairing_id: int, by, first: Slot, interval_weeks: int, until) -> SeriesResult:
    """ "Every N weeks until…": one proposed meeting per date, skipping the organization's
    closure days, dates after the cohort and times either person already has taken."""
    pairing = _pairing(pairing_id)
    _member(pairing, by)
    if not 1 <= interval_weeks <= 8:
        raise MeetingError(_("Choose an interval from 1 to 8 weeks."))
    cohort = pairing.mentee.cohort
    until = min(until, cohort.ends_on)
    first_day = timezone.localtime(first.starts_at).date()
    if until < first_day:
        raise MeetingError(_("The series must end after its first meeting."))
    errors = [e for e in problems(pairing, first) if "already has a meeting" not in e]
    if errors:
        raise MeetingError(" ".join(errors))
    closures = dict(
        ClosureDay.objects.filter(
            organization_id=cohort.program.organization_id, day__gte=first_day, day__lte=until
        ).values_list("day", "label")
    )
    series = MeetingSeries.objects.create(
        pairing=pairing, interval_weeks=interval_weeks, until=until, created_by=by
    )
    result = SeriesResult(series=series)
    local_first = timezone.localtime(first.starts_at)
    step = 0
    while True:
        # the same wall-clock time every time, across daylight-saving changes
        naive = local_first.replace(tzinfo=None) + timedelta(weeks=interval_weeks * step)
        day = naive.date()
        if day > until:
            break
        step += 1
        if day in closures:
            result.skipped.append((day, closures[day]))
            continue
        slot = Slot(
            starts_at=timezone.make_aware(naive),
            duration_minutes=first.duration_minutes,
            mode=first.mode,
            place=first.place,
            video_link=first.video_link,
        )
        busy = problems(pairing, slot)
        if busy:
            result.skipped.append((day, " ".join(busy)))
            continue
        result.created.append(
            Meeting.objects.create(
                pairing=pairing,
                series=series,
                starts_at=slot.starts_at,
                duration_minutes=slot.duration_minutes,
                mode=slot.mode,
                place=slot.place,
                video_link=slot.video_link,
                proposed_by=by,
            )
        )
    if not result.created:
        raise MeetingError(_("No date of this series is free."))
    notify(result.created[0].pk, f"series:{series.pk}", by.pk)
    _pair_changed(pairing.pk)
    return result


@transaction.atomic
def confirm_series(series_id: int, by) -> int:
    series = MeetingSeries.objects.select_related(
        "pairing__mentor__user", "pairing__mentee__user"
    ).get(pk=series_id)
    _member(series.pairing, by)
    pending = list(
        series.meetings.select_for_update()
        .filter(status=MeetingStatus.PROPOSED)
        .exclude(proposed_by=by)
    )
    now = timezone.now()
    for meeting in pending:
        meeting.status = MeetingStatus.CONFIRMED
        meeting.sequence += 1
        meeting.updated_at = now  # bulk_update does not touch auto_now fields
    Meeting.objects.bulk_update(pending, ["status", "sequence", "updated_at"])
    _pair_changed(series.pairing_id)
    return len(pending)


def cancel_planned_meetings(pairing_id: int, by, reason: str, notify_user_ids) -> int:
    """The pair paused or closed (matching.lifecycle): its planned meetings are cancelled, and
    only the people named are told (never a child whose consent was withdrawn)."""
    planned = Meeting.objects.select_for_update().filter(
        pairing_id=pairing_id, status__in=PLANNED_STATUSES, starts_at__gt=timezone.now()
    )
    count = 0
    for meeting in planned:
        meeting.status = MeetingStatus.CANCELLED
        meeting.change_reason = reason[:500]
        meeting.sequence += 1
        meeting.save(update_fields=["status", "change_reason", "sequence", "updated_at"])
        if notify_user_ids:
            notify_stopped(meeting.pk, list(notify_user_ids))
        count += 1
    if count:
        _pair_changed(pairing_id)
    return count


def notify_stopped(meeting_id: int, user_ids) -> int:
    from accounts.models import User

    meeting = Meeting.objects.select_related("pairing__mentor__user", "pairing__mentee__user").get(
        pk=meeting_id
    )
    sent = 0
    for user in User.objects.filter(pk__in=user_ids, is_active=True):
        with translation.override(user.language):
            url = absolute_url(meeting.pairing.get_absolute_url())
        sent += notify_once(
            user,
            f"meeting:{meeting.pk}:cancelled:{meeting.sequence}",
            "meeting_cancelled_for_pair",
            {"meeting": meeting, "url": url},
        )
    return sent


# --- Calendars and notifications ---------------------------------------------------------


def feed_for(user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def regenerate_feed(user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    from meetings.models import new_feed_token

    feed = feed_for(user)
    feed.token = new_feed_token()
    feed.revoked = False
    feed.save(update_fields=["token", "revoked", "created_at"])
    return feed


def revoke_feed(user) -> CalendarFeed:
    feed = feed_for(user)
    feed.revoked = True
    feed.save(update_fields=["revoked"])
    return feed


def notify(meeting_id: int, event: str, actor_id: int) -> int:
    """Tell the partner of whoever acted (each message once, keyed on meeting and event)."""
    meeting = Meeting.objects.select_related(
        "pairing__mentor__user", "pairing__mentee__user", "series"
    ).get(pk=meeting_id)
    kind = event.split(":")[0]
    actor = next(
        user
        for user in (meeting.pairing.mentor.user, meeting.pairing.mentee.user)
        if user.pk == actor_id
    )
    recipient = partner_of(meeting.pairing, actor)
    with translation.override(recipient.language):
        url = absolute_url(meeting.get_absolute_url())
    return int(
        notify_once(
            recipient,
            f"meeting:{meeting.pk}:{event}",
            f"meeting_{kind}",
            {"meeting": meeting, "url": url, "actor": actor},
        )
    )


# --- After the meeting ----------------------------------------------------------------------


@dataclass
class LogEntry:
    held: bool
    mentor_attended: bool
    mentee_attended: bool
    duration_minutes: int | None = None
    topics: str = ""
    academic: bool = False
    professional: bool = False
    personal: bool = False
    next_steps: str = ""


@transaction.atomic
def record_outcome(meeting_id: int, by, entry: LogEntry) -> Meeting:
    """The mentor says whether the meeting was held, who attended, and logs it."""
    meeting = _locked(meeting_id)
    if meeting.pairing.mentor.user_id != by.pk:
        raise MeetingError(_("The mentor records what happened at a meeting."))
    if meeting.starts_at > timezone.now():
        raise MeetingError(_("This meeting has not happened yet."))
    if meeting.status not in (MeetingStatus.CONFIRMED, MeetingStatus.HELD, MeetingStatus.MISSED):
        raise MeetingError(_("Only a confirmed meeting can be logged."))
    if entry.held and (not entry.topics.strip() or not entry.duration_minutes):
        raise MeetingError(_("Give the meeting's duration and the topics discussed."))
    meeting.status = MeetingStatus.HELD if entry.held else MeetingStatus.MISSED
    meeting.mentor_attended = entry.mentor_attended
    meeting.mentee_attended = entry.mentee_attended
    meeting.save(update_fields=["status", "mentor_attended", "mentee_attended", "updated_at"])
    if entry.held:
        MeetingLog.objects.update_or_create(
            meeting=meeting,
            defaults={
                "author": by,
                "duration_minutes": entry.duration_minutes,
                "topics": entry.topics,
                "academic": entry.academic,
                "professional": entry.professional,
                "personal": entry.personal,
                "next_steps": entry.next_steps,
            },
        )
    else:
        MeetingLog.objects.filter(meeting=meeting).delete()
    _pair_changed(meeting.pairing_id)
    return meeting


@transaction.atomic
def rate(meeting_id: int, by, rating: int) -> MeetingRating:
    meeting = _locked(meeting_id)
    _member(meeting.pairing, by)
    if meeting.starts_at > timezone.now():
        raise MeetingError(_("This meeting has not happened yet."))
    if not 1 <= rating <= 5:
        raise MeetingError(_("Give a rating from 1 to 5."))
    found, _created = MeetingRating.objects.update_or_create(
        meeting=meeting, rater=by, defaults={"rating": rating}
    )
    _pair_changed(meeting.pairing_id)
    return found


@transaction.atomic
def save_private_note(meeting_id: int, by, text: str) -> PrivateNote | None:
    """A note only its author will ever read; an empty text deletes it."""
    meeting = _locked(meeting_id)
    _member(meeting.pairing, by)
    if len(text) > 5000:
        raise MeetingError(_("A private note holds at most 5,000 characters."))
    if not text.strip():
        PrivateNote.objects.filter(meeting=meeting, author=by).delete()
        return None
    note, _created = PrivateNote.objects.update_or_create(
        meeting=meeting, author=by, defaults={"text": text}
    )
    return note


# --- Concerns, interventions, health -----------------------------------------------------


@transaction.atomic
def raise_concern(pairing_id: int, by, kind: str, text: str) -> Concern:
    """A mentor, a mentee or a guardian tells the coordination; a safety concern is urgent and
    notifies at once. Only coordinators (and the author) ever see it."""
    pairing = _pairing(pairing_id)
    guardians = set(pairing.mentee.guardian_links.values_list("guardian_id", flat=True))
    if by.pk not in (pairing.mentor.user_id, pairing.mentee.user_id, *guardians):
        raise MeetingError(_("Only the pair and the mentee's guardians can raise a concern."))
    if kind not in ConcernKind.values:
        raise MeetingError(_("Choose what kind of concern this is."))
    if not text.strip():
        raise MeetingError(_("Describe what is happening."))
    concern = Concern.objects.create(
        pairing=pairing, raised_by=by, kind=kind, text=text, urgent=kind == ConcernKind.SAFETY
    )
    notify_concern(concern.pk)
    _pair_changed(pairing.pk)
    return concern


def notify_concern(concern_id: int) -> int:
    concern = Concern.objects.select_related(
        "pairing__mentee__cohort__coordinator", "pairing__mentor__user", "pairing__mentee__user"
    ).get(pk=concern_id)
    coordinator = concern.pairing.mentee.cohort.coordinator
    if coordinator is None:
        return 0
    with translation.override(coordinator.language):
        url = absolute_url(reverse("meetings:pair_followup", kwargs={"pk": concern.pairing_id}))
    return int(
        notify_once(
            coordinator,
            f"concern:{concern.pk}",
            "concern_raised",
            {"concern": concern, "pairing": concern.pairing, "url": url},
        )
    )


@transaction.atomic
def resolve_concern(concern_id: int, by) -> Concern:
    concern = Concern.objects.select_for_update().get(pk=concern_id)
    if concern.resolved_at is None:
        concern.resolved_at = timezone.now()
        concern.save(update_fields=["resolved_at"])
        _pair_changed(concern.pairing_id)
    return concern


@transaction.atomic
def record_intervention(
    pairing_id: int, by, kind: str, outcome: str, notes: str = "", resume_on=None
) -> Intervention:
    """Meet the mentor, the mentee or both, then decide; the decision goes through the pair's
    lifecycle (pause, close, or close as "not working" so the next run re-matches the mentee)."""
    from matching import services as matching

    intervention = Intervention.objects.create(
        pairing_id=pairing_id, coordinator=by, kind=kind, outcome=outcome, notes=notes
    )
    reason = _("After an intervention: %(kind)s.") % {"kind": InterventionKind(kind).label.lower()}
    try:
        if outcome == InterventionOutcome.PAUSE:
            matching.pause(pairing_id, by, reason, resume_on)
        elif outcome == InterventionOutcome.REMATCH:
            matching.close(pairing_id, by, CloseReason.NOT_WORKING, notes)
        elif outcome == InterventionOutcome.CLOSE:
            matching.close(pairing_id, by, CloseReason.OTHER, notes)
    except matching.MatchingError as exc:
        raise MeetingError(str(exc)) from None
    return intervention


@transaction.atomic
def record_checkin(pairing_id: int, by, **fields) -> CheckIn:
    """A coordinator's check-in with a followed pair; "needs action" opens a concern for the
    coordination (the pair turns amber until it is resolved). The next one falls due on the
    program's schedule (meetings.health.next_checkin)."""
    pairing = Pairing.objects.select_for_update(of=("self",)).get(pk=pairing_id)
    if pairing.status not in health.FOLLOWED_STATUSES:
        raise MeetingError(_("Check-ins are for pairs that are under way."))
    if not (fields.get("with_mentor") or fields.get("with_mentee") or fields.get("with_guardian")):
        raise MeetingError(_("Say with whom the check-in took place."))
    checkin = CheckIn.objects.create(pairing=pairing, coordinator=by, **fields)
    if checkin.outcome == CheckInOutcome.NEEDS_ACTION:
        Concern.objects.create(
            pairing=pairing,
            raised_by=by,
            text=checkin.note or str(_("Raised at a check-in.")),
        )
    health.refresh(Pairing.objects.filter(pk=pairing.pk))  # the figure goes down at once
    return checkin


def refresh_health(now=None, pairings=None) -> int:
    """Beat task body (and after every change of a pair): recompute and store pair health; a
    pair turning red notifies its cohort's coordinator once per change."""
    pairings = pairings if pairings is not None else Pairing.objects.all()
    transitions = health.refresh(pairings, now=now)
    notified = 0
    for change in transitions:
        if change.after != HealthColor.RED:
            continue
        pairing = Pairing.objects.select_related(
            "mentor__user", "mentee__user", "mentee__cohort__coordinator"
        ).get(pk=change.pairing_id)
        coordinator = pairing.mentee.cohort.coordinator
        if coordinator is None:
            continue
        with translation.override(coordinator.language):
            url = absolute_url(reverse("meetings:pair_followup", args=[pairing.pk]))
        notified += notify_once(
            coordinator,
            f"health:{pairing.pk}:red:{change.changes}",
            "pair_turned_red",
            {"pairing": pairing, "url": url},
        )
    return notified


def _pair_changed(pairing_id: int) -> None:
    """Keep the board current: recompute this pair's health once the change commits."""
    transaction.on_commit(lambda: refresh_health(pairings=Pairing.objects.filter(pk=pairing_id)))


# --- Parents' monthly digest ------------------------------------------------------------------


@dataclass
class Digest:
    pairing: Pairing
    month: date
    held_this_month: int
    held_total: int
    next_meeting: Meeting | None
    milestones: list


def digest(pairing: Pairing, month: date | None = None) -> Digest:
    """What a parent may know: how many meetings were held, the next one, milestones reached.
    Never the content of logs or notes."""
    today = timezone.localdate()
    month = (month or today).replace(day=1)
    following = (month + timedelta(days=32)).replace(day=1)
    held = pairing.meetings.filter(status=MeetingStatus.HELD)
    this_month = held.filter(
        starts_at__gte=timezone.make_aware(datetime.combine(month, datetime.min.time())),
        starts_at__lt=timezone.make_aware(datetime.combine(following, datetime.min.time())),
    ).count()
    total = held.count()
    upcoming = (
        pairing.meetings.filter(status=MeetingStatus.CONFIRMED, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    milestones = []
    if pairing.started_on:
        milestones.append(
            _("The pair started on %(date)s.")
            % {"date": date_format(pairing.started_on, "DATE_FORMAT")}
        )
    for reached in (1, 5, 10, 20):
        if total >= reached:
            milestone = ngettext("%(count)d meeting held.", "%(count)d meetings held.", reached) % {
                "count": reached
            }
    if total:
        milestones.append(milestone)
    return Digest(pairing, month, this_month, total, upcoming, milestones)


def send_monthly_digests(today: date | None = None) -> int:
    """Beat (daily): each guardian of a followed pair gets last month's digest, once."""
    from programs.models import GuardianLink

    today = today or timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    sent = 0
    links = GuardianLink.objects.filter(
        participant__pairings_as_mentee__status__in=[PairingStatus.ACTIVE, PairingStatus.PAUSED],
        guardian__is_active=True,
    ).select_related("guardian", "participant__user")
    for link in links.distinct():
        pairing = (
            Pairing.objects.filter(
                mentee=link.participant, status__in=[PairingStatus.ACTIVE, PairingStatus.PAUSED]
            )
            .select_related("mentor__user", "mentee__user")
            .first()
        )
        with translation.override(link.guardian.language):
            # the digest's sentences are written in the guardian's language
            summary = digest(pairing, last_month)
            url = absolute_url(reverse("meetings:digest", args=[pairing.pk]))
        sent += notify_once(
            link.guardian,
            f"digest:{link.pk}:{last_month:%Y-%m}",
            "parent_digest",
            {"digest": summary, "child": link.participant.user, "url": url},
        )
    return sent


# --- The monthly pulse ------------------------------------------------------------------------

PULSE_SALT = "mentorat.pulse"


def this_month(today=None):
    return (today or timezone.localdate()).replace(day=1)


@transaction.atomic
def rate_pulse(pairing_id: int, user, rating: int) -> Pulse:
    """One side's rating of the relationship this month (1 to 10); rating again this month
    replaces it. A low rating, or a gap of 3 or more with the other side, turns the pair
    amber with the reason on the board."""
    pairing = _pairing(pairing_id)
    if user.pk not in (pairing.mentor.user_id, pairing.mentee.user_id):
        raise MeetingError(_("Only the mentor and the mentee rate their pair."))
    if pairing.status != PairingStatus.ACTIVE:
        raise MeetingError(_("The pulse is asked of pairs that are under way."))
    if not isinstance(rating, int) or not 1 <= rating <= 10:
        raise MeetingError(_("Give a rating from 1 to 10."))
    pulse, _created = Pulse.objects.update_or_create(
        pairing=pairing, rater=user, month=this_month(), defaults={"rating": rating}
    )
    health.refresh(Pairing.objects.filter(pk=pairing.pk))
    return pulse


def pulse_token(user, pairing, month) -> str:
    return signing.dumps([user.pk, pairing.pk, month.isoformat()], salt=PULSE_SALT, compress=True)


def read_pulse_token(token: str):
    """(user, pairing) of a link from the monthly e-mail, for its month only; else None."""
    try:
        user_id, pairing_id, month = signing.loads(token, salt=PULSE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if month != this_month().isoformat():
        return None
    pairing = (
        Pairing.objects.select_related("mentor__user", "mentee__user")
        .filter(pk=pairing_id, status=PairingStatus.ACTIVE)
        .first()
    )
    if pairing is None or user_id not in (pairing.mentor.user_id, pairing.mentee.user_id):
        return None
    user = pairing.mentor.user if pairing.mentor.user_id == user_id else pairing.mentee.user
    return user, pairing


def send_monthly_pulses(today=None) -> int:
    """Beat (daily): from the 1st, each side of an active pair that has not rated this month is
    asked once, with a link for each rating; unsubscribed people rate from the portal."""
    month = this_month(today)
    sent = 0
    pairs = Pairing.objects.filter(status=PairingStatus.ACTIVE).select_related(
        "mentor__user", "mentee__user"
    )
    rated = set(Pulse.objects.filter(month=month).values_list("pairing", "rater"))
    for pairing in pairs:
        for user, partner in (
            (pairing.mentor.user, pairing.mentee.user),
            (pairing.mentee.user, pairing.mentor.user),
        ):
            if (pairing.pk, user.pk) in rated or not user.is_active:
                continue
            token = pulse_token(user, pairing, month)
            with translation.override(user.language):
                base = absolute_url(reverse("meetings:pulse_link", args=[token]))
            sent += notify_once(
                user,
                f"pulse:{pairing.pk}:{month:%Y-%m}",
                "monthly_pulse",
                {
                    "partner": partner,
                    "links": [(n, f"{base}?note={n}") for n in range(1, 11)],
                    "url": base,
                },
                reminder=True,
            )
    return sent


def copy_closure_days(source_id: int, cohort_id: int, by=None) -> int:
    """Next school year (programs.services.new_school_year): the organization's closure days of
    the source cohort's span, a year later, as a start the coordinator corrects (holidays move);
    days already there are kept."""
    from programs.models import Cohort

    source = Cohort.objects.select_related("program").get(pk=source_id)
    cohort = Cohort.objects.get(pk=cohort_id)
    shift = cohort.starts_on - source.starts_on
    organization = source.program.organization_id
    existing = set(
        ClosureDay.objects.filter(organization_id=organization).values_list("day", flat=True)
    )
    new = [
        ClosureDay(
            organization_id=organization, day=day.day + shift, label=day.label, kind=day.kind
        )
        for day in ClosureDay.objects.filter(
            organization_id=organization, day__gte=source.starts_on, day__lte=source.ends_on
        )
        if day.day + shift not in existing
    ]
    ClosureDay.objects.bulk_create(new)
    return len(new)
