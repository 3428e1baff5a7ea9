"""Property: whatever the cohort, a run never breaks a hard rule and keeps the pins.

Random cohorts are written to the database (inside a savepoint rolled back after each example),
run through the real service, and every proposed pair is checked by the rule checker."""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import services
from matching.models import PairRule, RuleKind
from programs.models import AuthorityLink, ConsentRecord, GuardianLink, ParticipantRole
from tests.factories import (
    CohortFactory,
    PageVersionFactory,
    ParticipantFactory,
    ProgramFactory,
    UserFactory,
)

LANGS = st.lists(st.sampled_from(["fr", "en", "es"]), min_size=1, max_size=2, unique=True)
mentor_st = st.fixed_dictionaries(
    {
        "languages": LANGS,
        "capacity": st.integers(1, 3),
        "cleared": st.booleans(),
        "expertise": st.lists(st.sampled_from(["motivation", "career", "conflict"]), unique=True),
    }
)
mentee_st = st.fixed_dictionaries(
    {
        "languages": LANGS,
        "minor": st.booleans(),
        "consent": st.booleans(),
        "needs": st.lists(st.sampled_from(["motivation", "career", "conflict"]), unique=True),
    }
)


class Rollback(Exception):
    pass


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    mentors=st.lists(mentor_st, min_size=1, max_size=5),
    mentees=st.lists(mentee_st, min_size=1, max_size=8),
    links=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 7)), max_size=4),
    excluded=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 7)), max_size=4),
    pin=st.one_of(st.none(), st.tuples(st.integers(0, 4), st.integers(0, 7))),
)
def test_runs_never_break_a_hard_rule(org_a, claire, mentors, mentees, links, excluded, pin):
    try:
        with transaction.atomic():
            program = ProgramFactory(organization=org_a, involves_minors=True)
            version = PageVersionFactory(program=program)
            cohort = CohortFactory(program=program)
            mentor_rows = [
                ParticipantFactory(
                    cohort=cohort,
                    role=ParticipantRole.MENTOR,
                    languages=m["languages"],
                    capacity=m["capacity"],
                    expertise=m["expertise"],
                    background_check_on=date(2026, 1, 1) if m["cleared"] else None,
                    training_completed_on=date(2026, 2, 1) if m["cleared"] else None,
                )
                for m in mentors
            ]
            mentee_rows = []
            for m in mentees:
                row = ParticipantFactory(
                    cohort=cohort,
                    role=ParticipantRole.MENTEE,
                    languages=m["languages"],
                    needs=m["needs"],
                    birth_date=date(2012, 1, 1) if m["minor"] else date(1990, 1, 1),
                )
                if m["minor"] and m["consent"]:
                    parent = UserFactory()
                    link = GuardianLink.objects.create(participant=row, guardian=parent)
                    ConsentRecord.objects.create(
                        guardian_link=link,
                        page_version=version,
                        decision="given",
                        recorded_by=parent,
                    )
                mentee_rows.append(row)
            for a, b in links:
                if a < len(mentor_rows) and b < len(mentee_rows):
                    AuthorityLink.objects.get_or_create(
                        organization=org_a,
                        superior=mentor_rows[a].user,
                        subordinate=mentee_rows[b].user,
                    )
            for a, b in excluded:
                if a < len(mentor_rows) and b < len(mentee_rows):
                    PairRule.objects.get_or_create(
                        mentor=mentor_rows[a], mentee=mentee_rows[b], kind=RuleKind.EXCLUDE
                    )
            pinned = None
            if pin and pin[0] < len(mentor_rows) and pin[1] < len(mentee_rows):
                pinned = (mentor_rows[pin[0]], mentee_rows[pin[1]])
                if not services.hard_rule_violations(*pinned):
                    PairRule.objects.create(mentor=pinned[0], mentee=pinned[1], kind=RuleKind.PIN)
                else:
                    pinned = None

            run = services.run_matching(cohort.pk, claire)

            load = {}
            seen = set()
            for pair in run.pairs.select_related("mentor", "mentee__cohort__program"):
                assert services.hard_rule_violations(pair.mentor, pair.mentee) == []
                load[pair.mentor_id] = load.get(pair.mentor_id, 0) + 1
                assert pair.mentee_id not in seen
                seen.add(pair.mentee_id)
            for mentor in mentor_rows:
                assert load.get(mentor.pk, 0) <= mentor.capacity
            if pinned:
                kept = run.pairs.get(mentee=pinned[1])
                assert kept.mentor == pinned[0]
                assert kept.pinned
            raise Rollback
    except Rollback:
        pass
