"""E-mail reminders, picked from the database by a beat task (meetings.tasks.send_due_reminders,
every 5 minutes) and sent exactly once each.

- A meeting reminder 24 hours before a confirmed meeting, to the mentor and the mentee; moving
  the meeting changes its key, so a moved meeting reminds again.
- A log request to the mentor 48 hours after a confirmed or held meeting that has no log yet
  (meetings of the last 14 days only).
- A nudge to both when a pair has nothing planned and its last contact is getting older than
  the program's target interval (3 days of margin); once per gap.

Only active pairs, only people with e-mail reminders on; each reminder offers a one-click
unsubscribe. Each message is recorded once under its key in the outbox (accounts.outbox), then the
tick sends what is due there: a redelivered task, an overlapping tick or a worker killed
mid-batch never records twice, and what was not sent goes at the next tick. No ETA or countdown:
what is due is read from the database at each tick, with indexed queries in constant number."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation

from accounts import outbox
from accounts.models import Notification
from accounts.services import notify_once
from matching.models import Pairing, PairingStatus
from meetings.models import PLANNED_STATUSES, Meeting, MeetingStatus
from mentorat.mail import absolute_url
from programs.models import Program

logger = logging.getLogger(__name__)

REMINDER_BEFORE = timedelta(hours=24)
LOG_REQUEST_AFTER = timedelta(hours=48)
LOG_REQUEST_LOOKBACK = timedelta(days=14)
NUDGE_MARGIN_DAYS = 3
CONTACT_STATUSES = (MeetingStatus.CONFIRMED, MeetingStatus.HELD)


@dataclass
class Due:
    """One message to send once to `user`, under `key`."""

    user: object
    key: str
    template: str
    context: dict


def send_due(now: datetime | None = None) -> dict[str, int]:
    """Record every reminder due at `now` (default: the current time), then send what the outbox
    holds: counts recorded per kind, and sent, failed (refused for good) and retry."""
    now = now or timezone.now()
    counts = {"meeting": 0, "log_request": 0, "nudge": 0}
    for kind, due in (
        ("meeting", meeting_reminders(now)),
        ("log_request", log_requests(now)),
        ("nudge", nudges(now)),
    ):
        counts[kind] += _record(due)
    sent = outbox.send_due()
    counts.update(sent=sent["sent"], failed=sent["failed"], retry=sent["retry"])
    return counts


def scan(now: datetime | None = None) -> dict[str, list[Due]]:
    """What is due at `now`, without sending (the beat task's reading part; benchmarked)."""
    now = now or timezone.now()
    return {
        "meeting": meeting_reminders(now),
        "log_request": log_requests(now),
        "nudge": nudges(now),
    }


def wants_reminders(user) -> bool:
    return bool(user.is_active and user.email_reminders and user.email)


def _url(user, viewname: str, pk: int) -> str:
    """The page's address under the recipient's language prefix."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        return absolute_url(reverse(viewname, kwargs={"pk": pk}))


# --- What is due ------------------------------------------------------------------------------


def meeting_reminders(now: datetime) -> list[Due]:
    """Confirmed meetings of active pairs starting within 24 hours: both members."""
    meetings = (
        Meeting.objects.filter(
            status=MeetingStatus.CONFIRMED,
            starts_at__gt=now,
            starts_at__lte=now + REMINDER_BEFORE,
            pairing__status=PairingStatus.ACTIVE,
        )
        .select_related("pairing__mentor__user", "pairing__mentee__user")
        .order_by("starts_at", "pk")
    )
    due = []
    for meeting in meetings:
        mentor, mentee = meeting.pairing.mentor.user, meeting.pairing.mentee.user
        key = f"meeting:{meeting.pk}:reminder:{meeting.starts_at.astimezone(UTC).isoformat()}"
        for user, partner in ((mentor, mentee), (mentee, mentor)):
            if wants_reminders(user):
                due.append(
                    Due(
                        user,
                        key,
                        "reminder_meeting",
                        {
                            "meeting": meeting,
                            "partner": partner,
                            "url": _url(user, "meetings:meeting_detail", meeting.pk),
                        },
                    )
                )
    return due


def log_requests(now: datetime) -> list[Due]:
    """Confirmed or held meetings of active pairs, 48 hours to 14 days old, with no log: the
    mentor is asked to record what happened."""
    meetings = (
        Meeting.objects.filter(
            status__in=CONTACT_STATUSES,
            starts_at__gte=now - LOG_REQUEST_LOOKBACK,
            starts_at__lte=now - LOG_REQUEST_AFTER,
            pairing__status=PairingStatus.ACTIVE,
            log__isnull=True,
        )
        .select_related("pairing__mentor__user", "pairing__mentee__user")
        .order_by("starts_at", "pk")
    )
    due = []
    for meeting in meetings:
        mentor = meeting.pairing.mentor.user
        if wants_reminders(mentor):
            due.append(
                Due(
                    mentor,
                    f"meeting:{meeting.pk}:log-request",
                    "reminder_log",
                    {
                        "meeting": meeting,
                        "partner": meeting.pairing.mentee.user,
                        "url": _url(mentor, "meetings:meeting_detail", meeting.pk),
                    },
                )
            )
    return due


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=timezone.get_default_timezone())


def nudge_threshold_days(interval_days: int) -> int:
    return max(1, interval_days - NUDGE_MARGIN_DAYS)


def nudges(now: datetime) -> list[Due]:
    """Active pairs with nothing planned whose last contact (latest past confirmed or held
    meeting, else the day the pair started) is older than the program's target interval minus
    3 days (at least 1 day): both members, once per gap."""
    intervals = set(
        Program.objects.order_by().values_list("target_meeting_interval_days", flat=True).distinct()
    )
    if not intervals:
        return []
    by_threshold: dict[int, list[int]] = {}
    for interval in intervals:
        by_threshold.setdefault(nudge_threshold_days(interval), []).append(interval)
    overdue = Q()
    for days, group in sorted(by_threshold.items()):
        threshold = now - timedelta(days=days)
        # started_on at 00:00 local is before the threshold: started_on < first_day
        first_day = timezone.localdate(threshold)
        if local_midnight(first_day) < threshold:
            first_day += timedelta(days=1)
        overdue |= Q(mentee__cohort__program__target_meeting_interval_days__in=sorted(group)) & (
            Q(last_contact__lt=threshold) | Q(last_contact__isnull=True, started_on__lt=first_day)
        )
    contacts = Meeting.objects.filter(
        pairing=OuterRef("pk"), status__in=CONTACT_STATUSES, starts_at__lte=now
    )
    planned = Meeting.objects.filter(
        pairing=OuterRef("pk"), status__in=PLANNED_STATUSES, starts_at__gt=now
    )
    pairings = (
        Pairing.objects.filter(status=PairingStatus.ACTIVE)
        .annotate(
            last_contact=Subquery(contacts.order_by("-starts_at").values("starts_at")[:1]),
        )
        .filter(~Exists(planned), overdue)
        .select_related("mentor__user", "mentee__user", "mentee__cohort__program")
        .order_by("pk")
    )
    due = []
    for pairing in pairings:
        last_day = (
            timezone.localdate(pairing.last_contact) if pairing.last_contact else pairing.started_on
        )
        key = f"pairing:{pairing.pk}:nudge:{last_day.isoformat()}"
        interval_days = pairing.mentee.cohort.program.target_meeting_interval_days
        mentor, mentee = pairing.mentor.user, pairing.mentee.user
        for user, partner in ((mentor, mentee), (mentee, mentor)):
            if wants_reminders(user):
                due.append(
                    Due(
                        user,
                        key,
                        "reminder_nudge",
                        {
                            "pairing": pairing,
                            "partner": partner,
                            "last_meeting": pairing.last_contact,
                            "started_on": pairing.started_on,
                            "interval_days": interval_days,
                            "url": _url(user, "meetings:pairing_meetings", pairing.pk),
                        },
                    )
                )
    return due


# --- Sending ----------------------------------------------------------------------------------


def _record(due: Iterable[Due]) -> int:
    """Put each reminder not recorded yet in the outbox; one query skips what earlier ticks
    recorded, and the unique key settles a race with a concurrent tick."""
    due = list(due)
    if not due:
        return 0
    already = set(
        Notification.objects.filter(
            user_id__in={item.user.pk for item in due}, key__in={item.key for item in due}
        ).values_list("user_id", "key")
    )
    recorded = 0
    for item in due:
        if (item.user.pk, item.key) not in already:
            recorded += notify_once(
                item.user, item.key, item.template, item.context, reminder=True, enqueue=False
            )
    return recorded
