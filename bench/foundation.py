"""Foundation benchmark: the pages coordinators, participants and parents open most, at scale.

Builds a throwaway test database (SQLite in memory, or test_<name> on PostgreSQL when
DATABASE_URL is set), fills one organization with 10,000 participants, and times each page
against a minimal Django view measured in the same run. Also times validating a 2,000-row import.
Prints a readable table, then one JSON line of the figures."""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from _common import timed as timed_once  # noqa: E402 - bench/_common.py
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

PARTICIPANTS = 10_000
IMPORT_ROWS = 2_000
REPEAT = 15


def timed(client, url, repeat=REPEAT):
    return timed_once(client, url, repeat)


def build():
    from accounts.models import User
    from programs.models import Participant, ParticipantRole
    from tests.factories import (
        CohortFactory,
        GuardianLinkFactory,
        MembershipFactory,
        OrganizationFactory,
        PageVersionFactory,
        ProgramFactory,
        SchoolFactory,
    )

    org = OrganizationFactory()
    coordinator = MembershipFactory(organization=org).user
    program = ProgramFactory(organization=org)
    PageVersionFactory(program=program)
    cohort = CohortFactory(program=program, coordinator=coordinator)
    school = SchoolFactory(organization=org, code="SA01")
    users = User.objects.bulk_create(
        User(email=f"p{i}@bench.example", full_name=f"Personne {i}", password="!")
        for i in range(PARTICIPANTS)
    )
    Participant.objects.bulk_create(
        Participant(
            cohort=cohort,
            user=user,
            role=ParticipantRole.MENTOR if i % 5 == 0 else ParticipantRole.MENTEE,
            school=school,
            languages=["fr"],
        )
        for i, user in enumerate(users)
    )
    guardian = GuardianLinkFactory(participant__cohort=cohort).guardian
    return coordinator, guardian, program, cohort


def import_figure(cohort):
    from programs.imports import parse

    header = ["courriel", "nom", "rôle", "langues parlées", "date de naissance", "école"]
    rows = [
        [f"n{i}@import.example", f"Nouvelle Personne {i}", "mentor", "fr", "1980-01-01", "SA01"]
        for i in range(IMPORT_ROWS)
    ]
    start = time.perf_counter()
    result = parse([header, *rows], cohort)
    elapsed = (time.perf_counter() - start) * 1000
    assert not result.errors
    assert len(result.rows) == IMPORT_ROWS
    return elapsed


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        coordinator, guardian, program, cohort = build()
        client = Client()
        with override_settings(ROOT_URLCONF="_common"):
            base_ms, _ = timed(client, "/baseline/", repeat=50)
        figures = {"baseline_view_ms": round(base_ms, 2)}
        pages = {
            "public_page": (None, reverse("programs:public_page", args=[program.slug])),
            "portal_parent": (guardian, reverse("programs:portal")),
            "admin_participants": (
                coordinator,
                reverse("coordination:programs_participant_changelist"),
            ),
            "admin_cohorts": (coordinator, reverse("coordination:programs_cohort_changelist")),
        }
        print(f"{PARTICIPANTS} participants in one organization on {connection.vendor}")
        print(f"{'page':<22}{'median ms':>10}{'× baseline':>12}{'queries':>9}")
        print(f"{'baseline view':<22}{base_ms:>10.2f}{1:>12.1f}{0:>9}")
        for name, (user, url) in pages.items():
            client.logout()
            if user:
                client.force_login(user)
            ms, queries = timed(client, url)
            figures[f"{name}_ms"] = round(ms, 2)
            figures[f"{name}_ratio"] = round(ms / base_ms, 1)
            figures[f"{name}_queries"] = queries
            print(f"{name:<22}{ms:>10.2f}{ms / base_ms:>12.1f}{queries:>9}")
        import_ms = import_figure(cohort)
        figures["import_2000_rows_ms"] = round(import_ms, 1)
        print(f"validating a {IMPORT_ROWS}-row import: {import_ms:.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
