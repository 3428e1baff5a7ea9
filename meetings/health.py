"""Pair health: meetings held against the program's target frequency, days since the last
contact, missed or cancelled meetings, low ratings, open concerns.

green: on track; amber: to watch; red: needs follow-up.

The figures are computed by the database in three grouped queries (meetings, ratings,
concerns: one scan each, whatever the number of pairs) and stored in PairHealth, refreshed
whenever a pair's meetings, ratings or concerns change and hourly by beat (the "recent" window
moves with time). The board then reads, filters, sorts and counts stored rows with indexes."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Avg, Case, Count, F, Max, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.models import Pairing, PairingStatus
from meetings.models import (
    CheckIn,
    Concern,
    HealthColor,
    Meeting,
    MeetingRating,
    MeetingStatus,
    PairHealth,
    Pulse,
)

FOLLOWED_STATUSES = (PairingStatus.ACTIVE, PairingStatus.PAUSED)
RED_MEAN_RATING = 2.0
AMBER_MEAN_RATING = 3.0
RED_MISSED = 3
LOW_PULSE = 4  # a monthly pulse of 4 out of 10 or less is a low rating
PULSE_GAP = 3  # the two sides differ by this much or more


@dataclass
class Transition:
    pairing_id: int
    before: str | None
    after: str
    changes: int


def window_start(now, target_days: int):
    return now - timedelta(days=max(60, 3 * target_days))


def color_for(figures: dict, target_days: int, started_on, now) -> str:
    """The colour from a pair's figures (the rules the board's legend states)."""
    target = timedelta(days=target_days)
    last = figures["last_contact"]
    if last is None and started_on is not None:
        last = timezone.make_aware(datetime.combine(started_on, time(0)))
    since = now - last if last else timedelta(0)
    mean = figures["mean_rating"]
    low_pulse, pulse_gap = _pulse_signals(figures)  # numbers only: no words in the hourly scan
    if (
        figures["urgent_concerns"]
        or since > 2 * target
        or figures["missed_recently"] >= RED_MISSED
        or (mean is not None and mean <= RED_MEAN_RATING)
    ):
        return HealthColor.RED
    if (
        figures["open_concerns"]
        or since > target
        or figures["missed_recently"] >= 1
        or (mean is not None and mean < AMBER_MEAN_RATING)
        or low_pulse
        or pulse_gap
    ):
        return HealthColor.AMBER
    return HealthColor.GREEN


def _pulse_signals(figures):
    """The sides whose monthly pulse is low, and the gap between them when it is wide."""
    mentor, mentee = figures.get("pulse_mentor"), figures.get("pulse_mentee")
    low = [
        (side, value)
        for side, value in (("mentor", mentor), ("mentee", mentee))
        if value is not None and value <= LOW_PULSE
    ]
    wide = mentor is not None and mentee is not None and abs(mentor - mentee) >= PULSE_GAP
    return low, (mentor, mentee) if wide else None


def pulse_reasons(figures) -> list[str]:
    """Why the monthly pulse puts a pair on the watch list, in words (empty when it does not)."""
    low, gap = _pulse_signals(figures)
    sides = {"mentor": _("the mentor"), "mentee": _("the mentee")}
    reasons = [
        _("Monthly pulse: %(value)d/10 from %(side)s.") % {"value": value, "side": sides[side]}
        for side, value in low
    ]
    if gap:
        mentor, mentee = gap
        reasons.append(
            _("Monthly pulse: the two sides differ by %(gap)d points (%(mentor)d and %(mentee)d).")
            % {"gap": abs(mentor - mentee), "mentor": mentor, "mentee": mentee}
        )
    return reasons


def refresh(pairings, now=None) -> list[Transition]:
    """Recompute and store the health of `pairings` (a queryset); returns colour changes."""
    now = now or timezone.now()
    pairs = list(
        pairings.filter(status__in=FOLLOWED_STATUSES).values_list(
            "pk",
            "started_on",
            "mentee__cohort",
            "mentee__cohort__program__target_meeting_interval_days",
            "mentee__cohort__program__checkins_first_month",
            "mentee__cohort__program__checkin_interval_days",
        )
    )
    if not pairs:
        return []
    ids = [pair[0] for pair in pairs]
    longest = max(pair[3] for pair in pairs)
    window = window_start(now, longest)
    meetings = {
        row["pairing"]: row
        for row in Meeting.objects.filter(pairing__in=ids)
        .values("pairing")
        .annotate(
            last_contact=Max(
                "starts_at",
                filter=Q(
                    status__in=[MeetingStatus.HELD, MeetingStatus.CONFIRMED], starts_at__lte=now
                ),
            ),
            held_recently=Count("pk", filter=Q(status=MeetingStatus.HELD, starts_at__gte=window)),
            missed_recently=Count(
                "pk",
                filter=Q(
                    status__in=[MeetingStatus.MISSED, MeetingStatus.CANCELLED],
                    starts_at__gte=window,
                    starts_at__lte=now,
                ),
            ),
            planned=Count(
                "pk",
                filter=Q(
                    status__in=[MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED],
                    starts_at__gt=now,
                ),
            ),
        )
    }
    ratings = dict(
        MeetingRating.objects.filter(meeting__pairing__in=ids, meeting__starts_at__gte=window)
        .values("meeting__pairing")
        .annotate(mean=Avg("rating"))
        .values_list("meeting__pairing", "mean")
    )
    concerns = {
        row["pairing"]: row
        for row in Concern.objects.filter(pairing__in=ids, resolved_at__isnull=True)
        .values("pairing")
        .annotate(total=Count("pk"), urgent=Count("pk", filter=Q(urgent=True)))
    }
    pulse_since = (timezone.localdate(now).replace(day=1) - timedelta(days=1)).replace(day=1)
    pulses = {}  # the latest of this month and the last, per pair and side
    for pairing_id, side, rating in (
        Pulse.objects.filter(pairing__in=ids, month__gte=pulse_since)
        .annotate(
            side=Case(
                When(rater=F("pairing__mentor__user"), then=Value("mentor")),
                default=Value("mentee"),
            )
        )
        .order_by("month", "rated_at")
        .values_list("pairing", "side", "rating")
    ):
        pulses.setdefault(pairing_id, {})[side] = rating
    checkins = {
        row["pairing"]: row
        for row in CheckIn.objects.filter(pairing__in=ids)
        .values("pairing")
        .annotate(total=Count("pk"), last=Max("on"))
    }
    before = {row.pairing_id: row for row in PairHealth.objects.filter(pairing__in=ids)}
    rows, transitions = [], []
    for pk, started_on, cohort_id, target, first_month, interval in pairs:
        stats = meetings.get(pk, {})
        figures = {
            "last_contact": stats.get("last_contact"),
            "held_recently": stats.get("held_recently", 0),
            "missed_recently": stats.get("missed_recently", 0),
            "next_planned": bool(stats.get("planned")),
            "mean_rating": ratings.get(pk),
            "open_concerns": concerns.get(pk, {}).get("total", 0),
            "urgent_concerns": concerns.get(pk, {}).get("urgent", 0),
            "pulse_mentor": pulses.get(pk, {}).get("mentor"),
            "pulse_mentee": pulses.get(pk, {}).get("mentee"),
        }
        done = checkins.get(pk, {})
        checkin_figures = {
            "last_checkin": done.get("last"),
            "checkin_due_on": next_checkin(
                started_on, done.get("total", 0), done.get("last"), first_month, interval
            ),
        }
        color = color_for(figures, target, started_on, now)
        old = before.get(pk)
        changes = old.changes if old else 0
        changed_at = old.changed_at if old else now
        if old is None or old.color != color:
            changes += 1
            changed_at = now
            transitions.append(Transition(pk, old.color if old else None, color, changes))
        rows.append(
            PairHealth(
                pairing_id=pk,
                cohort_id=cohort_id,
                color=color,
                changed_at=changed_at,
                changes=changes,
                computed_at=now,
                **figures,
                **checkin_figures,
            )
        )
    PairHealth.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["pairing"],
        update_fields=[
            "color",
            "changed_at",
            "changes",
            "computed_at",
            "last_contact",
            "held_recently",
            "missed_recently",
            "next_planned",
            "mean_rating",
            "open_concerns",
            "urgent_concerns",
            "pulse_mentor",
            "pulse_mentee",
            "last_checkin",
            "checkin_due_on",
        ],
    )
    return transitions


FIRST_MONTH_DAYS = 30
CHECKIN_SOON_DAYS = 7  # "due" on the home and the board: within a week


def checkin_conditions(today=None) -> dict[str, Q]:
    """The one definition, on a Pairing queryset, of a check-in "overdue" and "due" (within a
    week), for the home, the board's filter and the cohort page."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=CHECKIN_SOON_DAYS)
    return {
        "overdue": Q(health_state__checkin_due_on__lt=today),
        "due": Q(health_state__checkin_due_on__gte=today, health_state__checkin_due_on__lte=soon),
    }


def next_checkin(started_on, done: int, last, first_month: int, interval: int):
    """When the coordinator's next check-in with a pair is due: `first_month` check-ins spread
    over the pair's first 30 days (two: at 15 and 30 days), then one every `interval` days."""
    if started_on is None:
        return None
    base = last or started_on
    if done < first_month:
        return base + timedelta(days=FIRST_MONTH_DAYS // first_month)
    return base + timedelta(days=interval)


def board_counts(cohort) -> dict[str, int]:
    """The cohort's followed pairs per colour, in one grouped query; a pair started since the
    last hourly refresh (no colour yet) has its health computed first."""
    followed = Pairing.objects.filter(mentee__cohort=cohort, status__in=FOLLOWED_STATUSES)
    colors = followed.order_by().values_list("health_state__color").annotate(Count("pk"))
    counts = dict(colors)
    if None in counts:
        refresh(followed.filter(health_state__isnull=True))
        counts = dict(colors.all())
    return {color: counts.get(color, 0) for color in HealthColor.values}


def board_pairs(cohort):
    """The cohort's followed pairs with their stored health (`board_counts` computed any that
    was missing) and the two names, reached through the health's cohort: the board's order is
    that of the `pairhealth_cohort_rank` index, which the database walks and leaves after a
    page. Only the shown columns are loaded: no profile, no password hash."""
    return (
        Pairing.objects.filter(health_state__cohort=cohort, status__in=FOLLOWED_STATUSES)
        .select_related("health_state")
        .only(*BOARD_FIELDS)
        .annotate(
            mentor_name=F("mentor__user__full_name"), mentee_name=F("mentee__user__full_name")
        )
    )


BOARD_FIELDS = (
    "status",
    "started_on",
    "health_state__color",
    "health_state__last_contact",
    "health_state__held_recently",
    "health_state__missed_recently",
    "health_state__mean_rating",
    "health_state__open_concerns",
    "health_state__next_planned",
    "health_state__pulse_mentor",
    "health_state__pulse_mentee",
    "health_state__last_checkin",
    "health_state__checkin_due_on",
)


def days_since(moment, started_on, now=None):
    now = now or timezone.now()
    if moment is None:
        if started_on is None:
            return None
        moment = timezone.make_aware(datetime.combine(started_on, time(0)))
    return (now - moment).days
