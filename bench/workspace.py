"""Coordinator workspace benchmark.

In a throwaway test database: a cohort of 50 pairs, then one of 5,000 pairs (10,000
participants, minors with guardians, half of them with a consent given, background checks,
health computed, open concerns). Times the coordinator's home (/fr/coordination/), the
participants list (/fr/coordination/personnes/) and the portal homes of a mentor, a mentee and a
parent (/fr/portail/) against a minimal Django view measured in the same run, and counts their
queries at both sizes. Run on SQLite, it runs again on PostgreSQL when one answers
(`_common.on_postgresql`) and adds its figures as `…_pg`. Prints a table, then one JSON line."""

import json
import os
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from _common import on_postgresql, timed  # noqa: E402 - bench/_common.py, beside this script
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
    active = next(p for p in pairings if p.status == PairingStatus.ACTIVE)
    guardian = next(link.guardian for link in links if link.participant_id == active.mentee_id)
    portal_users = {
        "mentor": active.mentor.user,
        "mentee": active.mentee.user,
        "parent": guardian,
    }
    return coordinator, portal_users


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        client = Client()
        with override_settings(ROOT_URLCONF="_common"):
            base_ms, _ = timed(client, "/baseline/", repeat=50)
        home = reverse("coordination:index")
        people = reverse("coordination:people")
        portal = reverse("programs:portal")
        results, portals = {}, {}
        for label, size in (("small", SMALL), ("large", LARGE)):
            coordinator, portal_users = make_organization(size)
            client.force_login(coordinator)
            results[label] = (timed(client, home), timed(client, people))
            for role, user in portal_users.items():
                client.force_login(user)
                portals[(label, role)] = timed(client, portal)
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
        for role in ("mentor", "mentee", "parent"):
            ms, queries = portals[("large", role)]
            figures[f"portal_{role}_ms"] = round(ms, 2)
            figures[f"portal_{role}_queries_small"] = portals[("small", role)][1]
            figures[f"portal_{role}_queries_large"] = queries
        figures["portal_ms"] = max(
            figures[f"portal_{r}_ms"] for r in ("mentor", "mentee", "parent")
        )
        figures["portal_ratio"] = round(figures["portal_ms"] / base_ms, 1)
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
        for role in ("mentor", "mentee", "parent"):
            rows.append(
                (
                    f"portal home of a {role}, {LARGE:,} pairs",
                    figures[f"portal_{role}_ms"],
                    figures[f"portal_{role}_queries_large"],
                    "target <= 20 ms",
                )
            )
        if connection.vendor == "sqlite" and not os.environ.get("BENCH_ONLY"):
            pg = on_postgresql(__file__)
            if pg:
                for key in ("home_ms", "people_ms", "portal_ms", "baseline_ms"):
                    figures[f"{key}_pg"] = pg[key]
                for role in ("mentor", "mentee", "parent"):
                    figures[f"portal_{role}_ms_pg"] = pg[f"portal_{role}_ms"]
                    rows.append(
                        (
                            f"  on PostgreSQL: portal of a {role}",
                            pg[f"portal_{role}_ms"],
                            pg[f"portal_{role}_queries_large"],
                            f"x{pg[f'portal_{role}_ms'] / pg['baseline_ms']:.0f} its baseline",
                        )
                    )
        print(f"{LARGE:,} pairs and {2 * LARGE:,} participants; on {connection.vendor}")
        print(f"{'page':40} {'ms':>9} {'x base':>8} {'queries':>8}  note")
        for name, ms, queries, note in rows:
            print(f"{name:40} {ms:9.2f} {ms / base_ms:8.0f} {queries!s:>8}  {note}")
        print(json.dumps(figures))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
