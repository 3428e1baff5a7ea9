"""Demo meetings for `manage.py seed_demo`: the school year's closure days, and for each active
pair a past meeting, a confirmed upcoming one and one awaiting confirmation."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from matching.models import Pairing, PairingStatus
from meetings.models import ClosureDay, ClosureKind, Meeting, MeetingMode, MeetingStatus

CLOSURES = [
    (date(2026, 10, 12), "Action de grâce", ClosureKind.HOLIDAY),
    (date(2026, 11, 13), "Journée pédagogique", ClosureKind.PEDAGOGICAL),
    (date(2026, 12, 1), "Journée pédagogique", ClosureKind.PEDAGOGICAL),
    (date(2027, 1, 8), "Journée pédagogique", ClosureKind.PEDAGOGICAL),
    (date(2027, 2, 5), "Journée pédagogique", ClosureKind.PEDAGOGICAL),
    (date(2027, 3, 1), "Semaine de relâche", ClosureKind.HOLIDAY),
    (date(2027, 3, 2), "Semaine de relâche", ClosureKind.HOLIDAY),
    (date(2027, 3, 3), "Semaine de relâche", ClosureKind.HOLIDAY),
    (date(2027, 3, 4), "Semaine de relâche", ClosureKind.HOLIDAY),
    (date(2027, 3, 5), "Semaine de relâche", ClosureKind.HOLIDAY),
    (date(2027, 3, 26), "Vendredi saint", ClosureKind.HOLIDAY),
    (date(2027, 3, 29), "Lundi de Pâques", ClosureKind.HOLIDAY),
    (date(2027, 5, 24), "Journée nationale des patriotes", ClosureKind.HOLIDAY),
]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed_meetings(organization, coordinator) -> str | None:
    created_days = 0
    for day, label, kind in CLOSURES:
        _closure, created = ClosureDay.objects.get_or_create(
            organization=organization, day=day, defaults={"label": label, "kind": kind}
        )
        created_days += created
    today = timezone.localdate()
    pairs = Pairing.objects.filter(
        status=PairingStatus.ACTIVE,
        mentee__cohort__program__organization=organization,
        meetings__isnull=True,
    ).select_related("mentor__user", "mentee__user", "mentee__school")
    count = 0
    for index, pairing in enumerate(pairs.order_by("pk")):
        place = str(pairing.mentee.school or "Bibliothèque de l'école")
        plan = [
            (today - timedelta(days=14 + index % 5), MeetingStatus.CONFIRMED, pairing.mentor.user),
            (today + timedelta(days=3 + index % 6), MeetingStatus.CONFIRMED, pairing.mentee.user),
            (today + timedelta(days=17 + index % 6), MeetingStatus.PROPOSED, pairing.mentor.user),
        ]
        for day, status, proposer in plan:
            if ClosureDay.objects.filter(organization=organization, day=day).exists():
                day += timedelta(days=1)
            while day.weekday() >= 5:
                day += timedelta(days=1)
            Meeting.objects.create(
                pairing=pairing,
                starts_at=_at(day, 15 + index % 3),
                duration_minutes=60,
                mode=MeetingMode.IN_PERSON,
                place=place,
                status=status,
                proposed_by=proposer,
            )
            count += 1
    if not count and not created_days:
        return None
    return f"Meetings: {created_days} closure days, {count} meetings for the active pairs."
