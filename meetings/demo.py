"""Demo meetings for `manage.py seed_demo`: the school year's closure days; for each active pair
a held meeting with its log, a confirmed upcoming one and one awaiting confirmation; and, in the
high-school program, one pair to watch (amber) and one needing follow-up (red)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from matching.models import Pairing, PairingStatus
from meetings import health
from meetings.models import (
    CheckIn,
    CheckInChannel,
    CheckInOutcome,
    ClosureDay,
    ClosureKind,
    Concern,
    ConcernKind,
    Meeting,
    MeetingLog,
    MeetingMode,
    MeetingRating,
    MeetingStatus,
    Pulse,
)
from programs.models import ProgramKind

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
TOPICS = [
    "Organisation du travail scolaire et préparation des examens.",
    "Retour sur le stage, gestion du stress avant les présentations.",
    "Projets d'avenir et choix de cours pour l'an prochain.",
    "Relations avec l'équipe-école et premières décisions difficiles.",
]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _weekday(day: date, closures: set) -> date:
    while day.weekday() >= 5 or day in closures:
        day += timedelta(days=1)
    return day


def seed_meetings(organization, coordinator) -> str | None:
    created_days = 0
    for day, label, kind in CLOSURES:
        _closure, created = ClosureDay.objects.get_or_create(
            organization=organization, day=day, defaults={"label": label, "kind": kind}
        )
        created_days += created
    closures = set(
        ClosureDay.objects.filter(organization=organization).values_list("day", flat=True)
    )
    today = timezone.localdate()
    pairs = Pairing.objects.filter(
        status=PairingStatus.ACTIVE,
        mentee__cohort__program__organization=organization,
        meetings__isnull=True,
    ).select_related("mentor__user", "mentee__user", "mentee__school", "mentee__cohort__program")
    count = 0
    watched = 0
    for index, pairing in enumerate(pairs.order_by("pk")):
        place = str(pairing.mentee.school or "Bibliothèque de l'école")
        high_school = pairing.mentee.cohort.program.kind == ProgramKind.STUDENT_PERSEVERANCE
        last_held = today - timedelta(days=4 + index % 5)
        if high_school and watched == 0:
            last_held = today - timedelta(days=20)  # amber: past the 14-day target
        elif high_school and watched == 1:
            last_held = today - timedelta(days=45)  # red: more than twice the target
            started = max(pairing.mentee.cohort.starts_on, today - timedelta(days=60))
            Pairing.objects.filter(pk=pairing.pk).update(started_on=started)
            pairing.started_on = started  # its last meeting comes after its start
        hour = 15 + index % 3
        held = Meeting.objects.create(
            pairing=pairing,
            starts_at=_at(_weekday(last_held, closures), hour),
            duration_minutes=60,
            place=place,
            status=MeetingStatus.HELD,
            mentor_attended=True,
            mentee_attended=True,
            proposed_by=pairing.mentor.user,
        )
        MeetingLog.objects.create(
            meeting=held,
            author=pairing.mentor.user,
            duration_minutes=55,
            topics=TOPICS[index % len(TOPICS)],
            academic=True,
            personal=index % 2 == 0,
            professional=index % 3 == 0,
            next_steps="Se revoir dans deux semaines.",
        )
        MeetingRating.objects.create(meeting=held, rater=pairing.mentee.user, rating=4 + index % 2)
        count += 1
        if index % 4 != 3 and pairing.started_on:  # the first month's two check-ins
            for day, note in (
                (14, "Premier suivi : les deux se sentent à l'aise."),
                (28, "Deuxième suivi : le rythme des rencontres est pris."),
            ):
                CheckIn.objects.create(
                    pairing=pairing,
                    coordinator=coordinator,
                    on=min(today, pairing.started_on + timedelta(days=day)),
                    channel=CheckInChannel.CALL,
                    with_mentor=True,
                    with_mentee=True,
                    outcome=CheckInOutcome.GOING_WELL,
                    note=note,
                )
        if index % 3 == 0:  # this month's pulse from both sides
            for rater, rating in ((pairing.mentor.user, 8), (pairing.mentee.user, 7 + index % 3)):
                Pulse.objects.get_or_create(
                    pairing=pairing,
                    rater=rater,
                    month=today.replace(day=1),
                    defaults={"rating": rating},
                )
        if high_school and watched in (0, 1):
            if watched == 1:
                Meeting.objects.create(
                    pairing=pairing,
                    starts_at=_at(_weekday(today - timedelta(days=10), closures), hour),
                    duration_minutes=60,
                    place=place,
                    status=MeetingStatus.MISSED,
                    mentor_attended=True,
                    mentee_attended=False,
                    proposed_by=pairing.mentor.user,
                )
                Concern.objects.create(
                    pairing=pairing,
                    raised_by=pairing.mentor.user,
                    kind=ConcernKind.GENERAL,
                    text="L'élève ne vient plus aux rencontres depuis un mois.",
                )
                count += 1
            watched += 1
            continue
        for offset, status, proposer in (
            (3 + index % 6, MeetingStatus.CONFIRMED, pairing.mentee.user),
            (17 + index % 6, MeetingStatus.PROPOSED, pairing.mentor.user),
        ):
            Meeting.objects.create(
                pairing=pairing,
                starts_at=_at(_weekday(today + timedelta(days=offset), closures), hour),
                duration_minutes=60,
                mode=MeetingMode.IN_PERSON,
                place=place,
                status=status,
                proposed_by=proposer,
            )
            count += 1
    # the board and the coordinator's home read each pair's stored health
    health.refresh(Pairing.objects.filter(mentee__cohort__program__organization=organization))
    if not count and not created_days:
        return None
    return f"Meetings: {created_days} closure days, {count} meetings (one amber and one red pair)."
