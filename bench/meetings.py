"""Meetings benchmark.

In a throwaway test database: one active pair with 200 meetings (the personal ICS feed, the
pair's meetings page, a proposal that checks double bookings), then a cohort of 5,000 pairs and
150,000 meetings (the coordinator's follow-up board, and the scan for due reminders), each timed
against a minimal Django view measured in the same run. Run on SQLite, it runs again on
PostgreSQL when one answers (`_common.on_postgresql`) and adds `board_ms_pg`. Prints a table,
then one JSON line."""

import json
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from _common import on_postgresql  # noqa: E402 - bench/_common.py
from _common import timed as timed_once  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

MEETINGS = 200
REPEAT = 20


def timed(client, url, repeat=REPEAT):
    return timed_once(client, url, repeat)


LARGE_PAIRS = 5_000
MEETINGS_PER_PAIR = 30  # 150,000 meetings


def make_cohort(pairs: int, meetings_per_pair: int):
    """A cohort with `pairs` active pairs, each with past, missed and planned meetings."""
    from accounts.models import User
    from matching.models import Pairing, PairingStatus
    from meetings.models import Meeting, MeetingStatus
    from programs.models import Participant, ParticipantRole
    from tests.factories import CohortFactory, MembershipFactory

    cohort = CohortFactory()
    coordinator = MembershipFactory(organization=cohort.program.organization).user
    cohort.coordinator = coordinator
    cohort.save()
    tag = cohort.pk
    users = User.objects.bulk_create(
        User(email=f"b{tag}-{i}@bench.example", full_name=f"P {i}", password="!")
        for i in range(2 * pairs)
    )
    people = Participant.objects.bulk_create(
        Participant(
            cohort=cohort,
            user=user,
            role=ParticipantRole.MENTOR if i % 2 == 0 else ParticipantRole.MENTEE,
            languages=["fr"],
        )
        for i, user in enumerate(users)
    )
    today = timezone.localdate()
    pairings = Pairing.objects.bulk_create(
        Pairing(
            mentor=people[2 * i],
            mentee=people[2 * i + 1],
            status=PairingStatus.ACTIVE,
            respond_by=timezone.now(),
            started_on=today - timedelta(days=200),
        )
        for i in range(pairs)
    )
    now = timezone.now()
    batch = []
    for index, pairing in enumerate(pairings):
        gap = 3 + index % 40  # some pairs met recently, others long ago
        for k in range(meetings_per_pair):
            status = MeetingStatus.HELD if k % 7 else MeetingStatus.MISSED
            starts = now - timedelta(days=gap + 7 * (meetings_per_pair - k))
            if k == meetings_per_pair - 1 and index % 3:
                status, starts = MeetingStatus.CONFIRMED, now + timedelta(days=1 + index % 20)
            batch.append(
                Meeting(
                    pairing=pairing,
                    starts_at=starts,
                    duration_minutes=60,
                    place="Local",
                    status=status,
                    proposed_by_id=pairing.mentor.user_id,
                )
            )
        if len(batch) >= 20_000:
            Meeting.objects.bulk_create(batch)
            batch = []
    Meeting.objects.bulk_create(batch)
    analyze()
    return cohort, coordinator


def analyze():
    """A live database is analysed by autovacuum; a table filled a second ago is not, and the
    planner would guess its sizes wrong."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def board_figures(client, base_ms):
    small, small_coordinator = make_cohort(50, MEETINGS_PER_PAIR)
    client.force_login(small_coordinator)
    small_ms, small_queries = timed(client, reverse("meetings:board", args=[small.pk]), 10)
    large, large_coordinator = make_cohort(LARGE_PAIRS, MEETINGS_PER_PAIR)
    from matching.models import Pairing
    from meetings import health

    start = time.perf_counter()
    health.refresh(Pairing.objects.filter(mentee__cohort=large))  # what beat does hourly
    refresh_ms = (time.perf_counter() - start) * 1000
    analyze()  # the health rows are new too
    client.force_login(large_coordinator)
    large_ms, large_queries = timed(client, reverse("meetings:board", args=[large.pk]), 10)
    figures = {
        "board_small_ms": round(small_ms, 2),
        "board_queries_small": small_queries,
        "board_ms": round(large_ms, 2),
        "board_ratio": round(large_ms / base_ms, 1),
        "board_queries_large": large_queries,
        "health_refresh_5000_ms": round(refresh_ms, 1),
        "reminder_scan_ms": None,
    }
    try:
        from meetings import reminders
    except ImportError:
        return figures
    scan = getattr(reminders, "scan", None)
    if scan is not None:
        start = time.perf_counter()
        scan()
        figures["reminder_scan_ms"] = round((time.perf_counter() - start) * 1000, 2)
    return figures


def main():
    from matching.models import Pairing, PairingStatus
    from meetings import services
    from meetings.models import Meeting
    from programs.models import ParticipantRole
    from tests.factories import CohortFactory, ParticipantFactory

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        cohort = CohortFactory()
        mentor = ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTOR, capacity=2)
        mentee = ParticipantFactory(cohort=cohort)
        pairing = Pairing.objects.create(
            mentor=mentor, mentee=mentee, status=PairingStatus.ACTIVE, respond_by=timezone.now()
        )
        first = timezone.now().replace(hour=15, minute=0, second=0, microsecond=0)
        Meeting.objects.bulk_create(
            Meeting(
                pairing=pairing,
                starts_at=first + timedelta(days=i - 100),
                duration_minutes=60,
                place="Local 204",
                proposed_by=mentee.user,
            )
            for i in range(MEETINGS)
        )
        feed = services.regenerate_feed(mentee.user)
        client = Client()
        with override_settings(ROOT_URLCONF="_common"):
            base_ms, _ = timed(client, "/baseline/", repeat=50)
        feed_url = reverse("calendar_feed", args=[feed.token])
        cold = []
        for _ in range(5):
            cache.clear()
            start = time.perf_counter()
            assert client.get(feed_url).status_code == 200
            cold.append((time.perf_counter() - start) * 1000)
        feed_cold_ms = statistics.median(cold)
        feed_ms, feed_queries = timed(client, feed_url)
        client.force_login(mentee.user)
        page_ms, page_queries = timed(
            client, reverse("meetings:pairing_meetings", args=[pairing.pk])
        )
        slot = services.Slot(first + timedelta(days=150, hours=2), 60, place="Local 204")
        start = time.perf_counter()
        services.propose(pairing.pk, mentee.user, slot, confirmed=True)
        propose_ms = (time.perf_counter() - start) * 1000
        figures = {
            "baseline_view_ms": round(base_ms, 3),
            "feed_ms": round(feed_cold_ms, 2),
            "feed_cached_ms": round(feed_ms, 2),
            "feed_ratio": round(feed_cold_ms / base_ms, 1),
            "feed_queries": feed_queries,
            "pair_page_ms": round(page_ms, 2),
            "pair_page_queries": page_queries,
            "propose_ms": round(propose_ms, 2),
        }
        figures.update(board_figures(client, base_ms))
        rows = [
            ("baseline view", base_ms, 0, ""),
            ("ICS feed, first build", feed_cold_ms, feed_queries, "target <= 100 ms"),
            ("ICS feed, polled again", feed_ms, feed_queries, ""),
            ("pair meetings page", page_ms, page_queries, ""),
            ("propose (double booking)", propose_ms, "", ""),
            ("board, 50 pairs", figures["board_small_ms"], figures["board_queries_small"], ""),
            (
                "board, 5,000 pairs",
                figures["board_ms"],
                figures["board_queries_large"],
                "target <= 30 ms (PostgreSQL), same queries",
            ),
        ]
        rows.append(
            ("health refresh, 5,000 pairs", figures["health_refresh_5000_ms"], "", "beat, hourly")
        )
        if figures.get("reminder_scan_ms") is not None:
            rows.append(("due-reminder scan", figures["reminder_scan_ms"], "", "target <= 1 s"))
        print(
            f"{MEETINGS} meetings for one pair; {LARGE_PAIRS} pairs and "
            f"{LARGE_PAIRS * MEETINGS_PER_PAIR} meetings for the board; on {connection.vendor}"
        )
        print(f"{'what':<28}{'ms':>10}{'x baseline':>12}{'queries':>9}")
        for name, ms, queries, note in rows:
            print(f"{name:<28}{ms:>10.2f}{ms / base_ms:>12.1f}{queries!s:>9}   {note}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if connection.vendor == "sqlite":
        pg = on_postgresql(__file__)
        if pg:
            for key in ("board_ms", "board_small_ms", "board_queries_large", "baseline_view_ms"):
                figures[f"{key}_pg"] = pg[key]
            figures["board_ratio_pg"] = round(pg["board_ms"] / pg["baseline_view_ms"], 1)
            print(
                f"{'  on PostgreSQL: board, 5,000':<28}{pg['board_ms']:>10.2f}"
                f"{figures['board_ratio_pg']:>12.1f}{pg['board_queries_large']!s:>9}"
                "   target <= 30 ms"
            )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
