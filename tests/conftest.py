"""The fixed cast (see CONVENTIONS.md §8).

- claire: coordinator of organization A (the demo's school board)
- oscar: coordinator of organization B (the outsider coordinator)
- marc: mentor in A's cohort; lea: mentee (a minor) in the same cohort; paul: lea's guardian
- nina: signed in, with no role anywhere
"""

import os
from datetime import date

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from mentorat.celery import app as celery_app
from programs.models import ParticipantRole
from tests.factories import (
    CohortFactory,
    GuardianLinkFactory,
    MembershipFactory,
    OrganizationFactory,
    PageVersionFactory,
    ParticipantFactory,
    ProgramFactory,
    SchoolFactory,
    UserFactory,
)

pytest_plugins = ["tests.workers"]  # the real Celery worker fixtures


def require_service(name: str, available: bool, why: str):
    """Skip when a real service is missing, or fail when REQUIRE_SERVICES=1."""
    if available:
        return
    if settings.REQUIRE_SERVICES or os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{name} is required (REQUIRE_SERVICES=1) but {why}")
    pytest.skip(f"{name}: {why}")


def hashes_read(queries) -> list[str]:
    """The queries that load a password hash, but the signed-in person's own account (the
    session checks it against the hash)."""
    own = 'AS "coordinates"'  # the sign-in backend's read of the person, with their roles
    return [
        q["sql"]
        for q in queries
        if '"password"' in q["sql"].split(" FROM ")[0] and own not in q["sql"]
    ]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages live in the (local-memory) cache: none carries over
    from one test to the next."""
    cache.clear()


@pytest.fixture(autouse=True)
def _french_first():
    """Each test starts in French, whatever language an earlier request activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _tasks_run_in_process(request):
    """Tasks run in the test's process, except in tests marked `worker`, which publish to Redis
    for a real Celery worker (tests/test_worker.py)."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous


@pytest.fixture
def org_a(db):
    return OrganizationFactory(name="Centre de services scolaire des Érables", slug="erables")


@pytest.fixture
def org_b(db):
    return OrganizationFactory(name="Centre de services scolaire du Fleuve", slug="fleuve")


@pytest.fixture
def school_a(org_a):
    return SchoolFactory(organization=org_a, name="École secondaire Sainte-Anne", code="SA01")


@pytest.fixture
def program(org_a):
    program = ProgramFactory(
        organization=org_a,
        name_fr="Persévérance au secondaire",
        name_en="High-school perseverance",
        slug="perseverance",
        involves_minors=True,
    )
    PageVersionFactory(program=program, number=1)
    return program


@pytest.fixture
def cohort(program, claire):
    return CohortFactory(program=program, name="2026-2027", coordinator=claire)


@pytest.fixture
def claire(org_a):
    user = UserFactory(email="claire@erables.qc.ca", full_name="Claire Bélanger")
    MembershipFactory(organization=org_a, user=user)
    return user


@pytest.fixture
def oscar(org_b):
    user = UserFactory(email="oscar@fleuve.qc.ca", full_name="Oscar Lévesque")
    MembershipFactory(organization=org_b, user=user)
    return user


@pytest.fixture
def marc(cohort, school_a):
    user = UserFactory(email="marc@exemple.qc.ca", full_name="Marc Tremblay")
    ParticipantFactory(
        cohort=cohort, user=user, role=ParticipantRole.MENTOR, school=school_a, capacity=2
    )
    return user


@pytest.fixture
def lea(cohort, school_a):
    user = UserFactory(email="lea@exemple.qc.ca", full_name="Léa Gagnon")
    ParticipantFactory(
        cohort=cohort,
        user=user,
        role=ParticipantRole.MENTEE,
        school=school_a,
        birth_date=date(2011, 9, 14),
        level="Secondaire 3",
    )
    return user


@pytest.fixture
def paul(lea):
    user = UserFactory(email="paul@exemple.qc.ca", full_name="Paul Gagnon")
    GuardianLinkFactory(participant=lea.participations.get(), guardian=user)
    return user


@pytest.fixture
def nina(db):
    return UserFactory(email="nina@exemple.qc.ca", full_name="Nina Roy")


@pytest.fixture
def cast(claire, oscar, marc, lea, paul, nina):
    return {"claire": claire, "oscar": oscar, "marc": marc, "lea": lea, "paul": paul, "nina": nina}


def as_user(client, cast, who):
    """Log the client in as one of the cast, or leave it anonymous for 'anon'."""
    if who != "anon":
        client.force_login(cast[who])
    return client
