"""Coordinator workspace benchmark.

In a throwaway test database: a cohort of 50 pairs, then one of 5,000 pairs (10,000
participants, minors with guardians, half of them with a consent given, background checks,
health computed, open concerns). Times the coordinator's home (/fr/coordination/) and the
participants list (/fr/coordination/personnes/) against a minimal Django view
measured in the same run, and counts their queries at both sizes. Prints a table, then one
JSON line."""

import json
import os
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from _common import timed  # noqa: E402 - bench/_common.py, beside this script
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

SMALL, LARGE = 50, 5_000


def make_organization(pairs: int):
    """An organization with one cohort of `pairs` active pairs (2 × pairs participants)."""
    from accounts.models import User
    from matching.models import Answer, Pairing, PairingStatus
    from meetings import health
    from meetings.models import Concern
    from programs.models import (
        ConsentDecision,
        ConsentRecord,
        GuardianLink,
        Participant,
        ParticipantRole,
    )
    from tests.factories import CohortFactory, MembershipFactory, PageVersionFactory

    cohort = CohortFactory(program__involves_minors=True)
    version = PageVersionFactory(program=cohort.program)
    coordinator = MembershipFactory(organization=cohort.program.organization).user
    tag = cohort.pk
    users = User.objects.bulk_create(
        User(email=f"w{tag}-{i}@bench.example", full_name=f"Personne {i}", password="!")
        for i in range(3 * pairs)
    )
    today = timezone.localdate()
    people = Participant.objects.bulk_create(
        Participant(
            cohort=cohort,
            user=users[i],
            role=ParticipantRole.MENTOR if i % 2 == 0 else ParticipantRole.MENTEE,
            languages=["fr"],
            capacity=1 + i % 3,
            birth_date=date(1980, 1, 1) if i % 2 == 0 else date(2012, 1, 1),
            background_check_on=today - timedelta(days=300) if i % 4 == 0 else None,
            background_check_expires_on=today + timedelta(days=i % 60) if i % 4 == 0 else None,
            training_completed_on=today - timedelta(days=30) if i % 6 == 0 else None,
        )
        for i in range(2 * pairs)
    )
    links = GuardianLink.objects.bulk_create(
        GuardianLink(participant=people[2 * i + 1], guardian=users[2 * pairs + i])
        for i in range(pairs)
    )
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            guardian_link=link,
            page_version=version,
            decision=ConsentDecision.GIVEN,
            recorded_by_id=link.guardian_id,
        )
        for link in links[::2]
    )
    pairings = Pairing.objects.bulk_create(
        Pairing(
            mentor=people[2 * i],
            mentee=people[2 * i + 1],
            status=PairingStatus.ACTIVE if i % 10 else PairingStatus.PROPOSED,
            respond_by=timezone.now() + timedelta(days=(i % 3) - 1),
            mentor_answer=Answer.ACCEPTED,
            mentee_answer=Answer.ACCEPTED,
            started_on=today - timedelta(days=20 + i % 200),
        )
        for i in range(pairs)
    )
    Concern.objects.bulk_create(
        Concern(pairing=pairing, raised_by_id=pairing.mentor.user_id, text="…", urgent=i % 2 == 0)
        for i, pairing in enumerate(pairings[::50])
    )
    health.refresh(Pairing.objects.filter(mentee__cohort=cohort))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return coordinator


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        client = Client()
        with override_settings(ROOT_URLCONF="_common"):
            base_ms, _ = timed(client, "/baseline/", repeat=50)
        home = reverse("coordination:index")
        people = reverse("coordination:people")
        results = {}
        for label, size in (("small", SMALL), ("large", LARGE)):
            client.force_login(make_organization(size))
            results[label] = (timed(client, home), timed(client, people))
        (home_small, home_q_small), (people_small, people_q_small) = results["small"]
        (home_ms, home_q_large), (people_ms, people_q_large) = results["large"]
        figures = {
            "baseline_ms": round(base_ms, 3),
            "home_small_ms": round(home_small, 2),
            "home_ms": round(home_ms, 2),
            "home_ratio": round(home_ms / base_ms, 1),
            "home_queries_small": home_q_small,
            "home_queries_large": home_q_large,
            "people_small_ms": round(people_small, 2),
            "people_ms": round(people_ms, 2),
            "people_ratio": round(people_ms / base_ms, 1),
            "people_queries_small": people_q_small,
            "people_queries_large": people_q_large,
        }
        rows = [
            ("baseline view", base_ms, 0, ""),
            (f"home, {SMALL} pairs", home_small, home_q_small, ""),
            (f"home, {LARGE:,} pairs", home_ms, home_q_large, "target <= 300 ms, same queries"),
            (f"participants, {SMALL} pairs", people_small, people_q_small, ""),
            (
                f"participants, {LARGE:,} pairs",
                people_ms,
                people_q_large,
                "target <= 300 ms, same queries",
            ),
        ]
        print(f"{LARGE:,} pairs and {2 * LARGE:,} participants; on {connection.vendor}")
        print(f"{'page':34} {'ms':>9} {'queries':>8}  note")
        for name, ms, queries, note in rows:
            print(f"{name:34} {ms:9.2f} {queries!s:>8}  {note}")
        print(json.dumps(figures))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
