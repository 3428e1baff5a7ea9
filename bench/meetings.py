"""Meetings benchmark (the part built so far: scheduling and calendars).

In a throwaway test database, one active pair with 200 meetings: times the personal ICS feed,
the pair's meetings page and a proposal (which checks double bookings), against a minimal Django
view timed in the same run. The follow-up board and the reminder scan come with the rest of the
meetings issue. Prints a table, then one JSON line."""

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

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import path, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

MEETINGS = 200
REPEAT = 20


def baseline(request):
    return HttpResponse("ok")


urlpatterns = [path("baseline/", baseline)]


def timed(client, url, repeat=REPEAT):
    client.get(url)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return statistics.median(samples), len(ctx.captured_queries)


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
        with override_settings(ROOT_URLCONF=__name__):
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
        print(f"{MEETINGS} meetings for one pair, on {connection.vendor}")
        print(f"{'what':<28}{'median ms':>10}{'× baseline':>12}{'queries':>9}")
        print(f"{'baseline view':<28}{base_ms:>10.2f}{1:>12.1f}{0:>9}")
        print(
            f"{'ICS feed, first build':<28}{feed_cold_ms:>10.2f}"
            f"{feed_cold_ms / base_ms:>12.1f}{'':>9}   target <= 100 ms"
        )
        print(
            f"{'ICS feed, polled again':<28}{feed_ms:>10.2f}{feed_ms / base_ms:>12.1f}"
            f"{feed_queries:>9}"
        )
        print(
            f"{'pair meetings page':<28}{page_ms:>10.2f}{page_ms / base_ms:>12.1f}{page_queries:>9}"
        )
        print(f"{'propose (double-booking)':<28}{propose_ms:>10.2f}{propose_ms / base_ms:>12.1f}")
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
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
