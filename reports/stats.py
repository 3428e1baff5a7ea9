"""The figures of a program, a cohort or a funder's share, in a constant number of queries.

Everything here counts; nothing reads a private note, a check-in's confidential note or a free
text answer. Survey and pulse figures are shown only for groups of at least `MIN_GROUP` people
(`Hidden` says why otherwise): a small group's average would tell who answered what.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, F, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forms_workflow.models import SubmissionStatus
from forms_workflow.schema import pick
from matching.models import CloseReason, Pairing, PairingStatus
from meetings.models import HealthColor, Meeting, MeetingStatus, PairHealth, Pulse
from programs import workspace
from programs.models import Cohort, Participant, ParticipantRole

MIN_GROUP = 5

# Pairs that reached their start: the ones a report counts as "formed".
FORMED = Q(started_on__isnull=False)

# Meetings held per pair, in bins a board reads at a glance.
MEETING_BINS = (
    (0, 0, pgettext_lazy("meetings held", "None")),
    (1, 2, _("1 or 2")),
    (3, 5, _("3 to 5")),
    (6, 9, _("6 to 9")),
    (10, None, _("10 or more")),
)

# The cohort cards' funnel with everyone ever invited first; training is the mentors' (the
# mentees are not trained), and the label says so.
FUNNEL = (
    ("invited", pgettext_lazy("funnel", "Invited")),
    *(
        (key, pgettext_lazy("funnel", "Mentors trained") if key == "trained" else label)
        for key, label in workspace.FUNNEL
    ),
)


@dataclass
class Scope:
    """What a report covers: some cohorts (one, a program's, or a funder's share)."""

    cohorts: list
    title: str
    subtitle: str = ""
    funder: object = None

    @property
    def cohort_ids(self) -> list[int]:
        return [cohort.pk for cohort in self.cohorts]

    def pairings(self):
        return Pairing.objects.filter(mentee__cohort__in=self.cohort_ids)

    def pairing_ids(self):
        """The scope's pairs as a subquery: rows of other tables are then found through their
        pair's index rather than by scanning every cohort's rows."""
        return self.pairings().values("pk")

    def participants(self):
        return Participant.objects.filter(cohort__in=self.cohort_ids)


def cohort_scope(cohort, funder=None) -> Scope:
    return Scope([cohort], f"{cohort.program.name} — {cohort.name}", cohort.program.name, funder)


def program_scope(program, funder=None) -> Scope:
    cohorts = Cohort.objects.filter(program=program).select_related("program")
    if funder is not None:
        cohorts = cohorts.filter(pk__in=funder.funds().values("pk"))
    return Scope(list(cohorts.order_by("starts_on", "pk")), program.name, "", funder)


@dataclass
class Hidden:
    """A figure not shown: its group has fewer than MIN_GROUP people."""

    count: int
    reason: str = field(init=False)

    def __post_init__(self):
        self.reason = _(
            "Hidden: fewer than %(min)d people answered (%(count)d). A smaller group's results "
            "could identify who said what."
        ) % {"min": MIN_GROUP, "count": self.count}


def shown(count: int) -> bool:
    return count >= MIN_GROUP


# --- The dashboard's figures --------------------------------------------------------------------


def funnel(scope: Scope) -> list[dict]:
    """Invited → enrolled → trained → paired → in an active pair → completed, people of both
    roles (the cohort cards' funnel, summed, with everyone ever invited first)."""
    totals = Counter()
    for card in workspace.cohort_cards(scope.cohorts):
        for stage in card["funnel"]:
            totals[stage["key"]] += stage["count"]
    totals["invited"] = scope.participants().count()
    return [{"key": key, "label": label, "count": totals[key]} for key, label in FUNNEL]


def pairs(scope: Scope) -> dict:
    """Pairs formed, active, re-matched and closed (with their reasons)."""
    rows = (
        scope.pairings()
        .values("status", "close_reason")
        .annotate(total=Count("pk"), formed=Count("pk", filter=FORMED))
        .order_by()
    )
    by_status, formed_by_status, by_reason = Counter(), Counter(), Counter()
    for row in rows:
        by_status[row["status"]] += row["total"]
        formed_by_status[row["status"]] += row["formed"]
        if row["status"] == PairingStatus.CLOSED:
            by_reason[row["close_reason"] or CloseReason.OTHER] += row["total"]
    formed = sum(formed_by_status.values())
    # A mentee whose first pair did not work and who was paired again.
    rematched = (
        scope.pairings()
        .filter(FORMED)
        .values("mentee")
        .annotate(times=Count("pk"))
        .filter(times__gt=1)
        .count()
    )
    return {
        "formed": formed,
        "proposed": by_status[PairingStatus.PROPOSED],
        # under way: formed and not closed (a pair waiting for its commitment is not yet)
        "active": formed_by_status[PairingStatus.ACTIVE] + formed_by_status[PairingStatus.PAUSED],
        "starting": by_status[PairingStatus.STARTING],
        "paused": by_status[PairingStatus.PAUSED],
        "closed": by_status[PairingStatus.CLOSED],
        "declined": by_status[PairingStatus.DECLINED] + by_status[PairingStatus.EXPIRED],
        "rematched": rematched,
        "completed": by_reason[CloseReason.COMPLETED],
        "reasons": [
            {"label": reason.label, "count": by_reason[reason.value]}
            for reason in CloseReason
            if by_reason[reason.value]
        ],
    }


def health(scope: Scope) -> list[dict]:
    counts = dict(
        PairHealth.objects.filter(
            pairing__in=scope.pairing_ids(),
            pairing__status__in=(PairingStatus.ACTIVE, PairingStatus.PAUSED),
        )
        .values_list("color")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return [
        {"key": color.value, "label": color.label, "count": counts.get(color.value, 0)}
        for color in HealthColor
    ]


def meetings(scope: Scope) -> dict:
    """Meetings held and missed per month, meetings held per pair, and attendance."""
    held_or_missed = Meeting.objects.filter(
        pairing__in=scope.pairing_ids(),
        status__in=(MeetingStatus.HELD, MeetingStatus.MISSED),
    )
    months = _per_month(held_or_missed)
    per_pair = Counter(
        held_or_missed.filter(status=MeetingStatus.HELD)
        .values("pairing")
        .annotate(total=Count("pk"))
        .values_list("total", flat=True)
        .order_by()
    )
    formed = scope.pairings().filter(FORMED).count()
    with_meetings = sum(per_pair.values())
    per_pair[0] += max(formed - with_meetings, 0)
    bins = []
    for low, high, label in MEETING_BINS:
        count = sum(
            n for held, n in per_pair.items() if held >= low and (high is None or held <= high)
        )
        bins.append({"label": label, "count": count})
    attendance = held_or_missed.aggregate(
        held=Count("pk", filter=Q(status=MeetingStatus.HELD)),
        missed=Count("pk", filter=Q(status=MeetingStatus.MISSED)),
        both=Count(
            "pk",
            filter=Q(status=MeetingStatus.HELD, mentor_attended=True, mentee_attended=True),
        ),
    )
    total = attendance["held"] + attendance["missed"]
    held_total = sum(held * n for held, n in per_pair.items())
    return {
        "months": months,
        "per_pair": bins,
        "held": attendance["held"],
        "missed": attendance["missed"],
        "attendance_percent": round(100 * attendance["held"] / total) if total else None,
        "mean_per_pair": round(held_total / formed, 1) if formed else None,
    }


def _month_starts(first, last) -> list[date]:
    """The first day of each month from `first`'s to `last`'s (local dates)."""
    day, months = first.replace(day=1), []
    while day <= last:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def _per_month(meetings) -> list[dict]:
    """Held and missed meetings per local month, in two queries whatever their number: the
    months' bounds, then one conditional count per month (a date range the database compares
    natively; truncating each row's date would call a function per meeting on SQLite)."""
    bounds = meetings.aggregate(first=Min("starts_at"), last=Max("starts_at"))
    if bounds["first"] is None:
        return []
    starts = _month_starts(
        timezone.localtime(bounds["first"]).date(), timezone.localtime(bounds["last"]).date()
    )
    edges = [
        timezone.make_aware(datetime.combine(day, time.min))
        for day in [*starts, (starts[-1] + timedelta(days=32)).replace(day=1)]
    ]
    counts = {}
    for index in range(len(starts)):
        period = Q(starts_at__gte=edges[index], starts_at__lt=edges[index + 1])
        counts[f"held_{index}"] = Count("pk", filter=period & Q(status=MeetingStatus.HELD))
        counts[f"missed_{index}"] = Count("pk", filter=period & Q(status=MeetingStatus.MISSED))
    row = meetings.aggregate(**counts)
    return [
        {"month": day, "held": row[f"held_{index}"], "missed": row[f"missed_{index}"]}
        for index, day in enumerate(starts)
        if row[f"held_{index}"] or row[f"missed_{index}"]
    ]


def forms(scope: Scope) -> list[dict]:
    """Per form: how many of the pairs' (and participants') forms are signed."""
    from forms_workflow.models import LIVE_STATUSES, FormSubmission

    rows = (
        FormSubmission.objects.filter(
            Q(pairing__in=scope.pairing_ids())
            | Q(pairing__isnull=True, participant__cohort__in=scope.cohort_ids),
            status__in=LIVE_STATUSES,
        )
        .values("program_form", "template__title_fr", "template__title_en", "program_form__order")
        .annotate(
            total=Count("pk"),
            signed=Count("pk", filter=Q(status=SubmissionStatus.SIGNED)),
            overdue=Count(
                "pk",
                filter=~Q(status=SubmissionStatus.SIGNED) & Q(due_on__lt=timezone.localdate()),
            ),
        )
        .order_by("program_form__order", "program_form")
    )
    merged = {}
    for row in rows:  # a program form whose template has several versions in use: one line
        entry = merged.setdefault(
            row["program_form"],
            {
                "title": pick({"fr": row["template__title_fr"], "en": row["template__title_en"]}),
                "total": 0,
                "signed": 0,
                "overdue": 0,
            },
        )
        for key in ("total", "signed", "overdue"):
            entry[key] += row[key]
    for entry in merged.values():
        entry["percent"] = round(100 * entry["signed"] / entry["total"]) if entry["total"] else 0
    return list(merged.values())


def pulse(scope: Scope) -> list[dict]:
    """The monthly pulse (1 to 10) as a series: the mean per month, for months with at least
    MIN_GROUP ratings."""
    rows = (
        Pulse.objects.filter(pairing__in=scope.pairing_ids())
        .values("month")
        .annotate(n=Count("pk"), mean=Avg("rating"))
        .order_by("month")
    )
    return [
        {
            "month": row["month"],
            "n": row["n"],
            "mean": round(row["mean"], 1) if shown(row["n"]) else None,
            "hidden": None if shown(row["n"]) else Hidden(row["n"]),
        }
        for row in rows
    ]


def dashboard(scope: Scope) -> dict:
    """Everything the dashboard and the report's first pages show."""
    from reports import surveys

    return {
        "scope": scope,
        "funnel": funnel(scope),
        "pairs": pairs(scope),
        "health": health(scope),
        "meetings": meetings(scope),
        "forms": forms(scope),
        "pulse": pulse(scope),
        "surveys": surveys.outcomes(scope),
        "people": dict(
            scope.participants().values_list("role").annotate(total=Count("pk")).order_by()
        ),
        "mentors_label": ParticipantRole.MENTOR.label,
    }


def is_empty(figures: dict) -> bool:
    return not figures["pairs"]["formed"] and not any(s["count"] for s in figures["funnel"])


def pair_rows(scope: Scope, pairings=None):
    """The pairs of the report's appendix and of the export: names, dates, meetings held and
    last contact, forms signed; one query."""
    queryset = pairings if pairings is not None else scope.pairings().filter(FORMED)
    return (
        queryset.select_related("mentor__user", "mentee__user", "mentee__cohort", "health_state")
        .annotate(
            held=Count("meetings", filter=Q(meetings__status=MeetingStatus.HELD), distinct=True),
            missed=Count(
                "meetings", filter=Q(meetings__status=MeetingStatus.MISSED), distinct=True
            ),
        )
        .order_by(F("mentee__cohort__starts_on"), "mentee__user__full_name", "pk")
    )
