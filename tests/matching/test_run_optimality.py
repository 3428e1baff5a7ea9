"""A run records whether its pairing is proven the best possible, or how far from it it may
be, and the run page says which."""

import dataclasses

from django.urls import reverse
from django.utils import translation

from matching import engine, services
from matching.models import RunStatus, UnmatchedReason
from programs.models import ParticipantRole
from tests.factories import ParticipantFactory

BEST = "This is the best possible pairing of this cohort under these rules and weights."
WITHIN = "of the best possible pairing of this cohort under these rules and weights."


def run_page(client, user, cohort) -> str:
    client.force_login(user)
    with translation.override("en"):
        url = reverse("matching:cohort", args=[cohort.pk])
    return client.get(url).content.decode().replace("&nbsp;", " ").replace("\xa0", " ")


def test_a_proven_run_says_it_is_the_best_possible(client, leaders, claire):
    cohort = leaders[0]
    run = services.run_matching(cohort.pk, claire)
    assert run.proven_optimal
    assert run.gap_percent is None
    page = run_page(client, claire, cohort)
    assert BEST in page
    assert WITHIN not in page.replace(BEST, "")


def test_a_run_stopped_before_its_proof_says_how_far_it_may_be(
    client, leaders, claire, monkeypatch
):
    real = engine.optimize

    def stopped(pool, cands, time_limit=None):
        solution = real(pool, cands, time_limit)
        # as if the time budget ran out with a bound twice the total: within 50 %
        return dataclasses.replace(solution, proven=False, bound=2 * solution.total)

    monkeypatch.setattr(services.engine, "optimize", stopped)
    cohort = leaders[0]
    run = services.run_matching(cohort.pk, claire)
    assert not run.proven_optimal
    assert run.gap_percent == 50.0
    page = run_page(client, claire, cohort)
    assert f"This pairing is within {run.gap_percent:.2f} % {WITHIN}" in page
    assert BEST not in page


def test_the_gap_shown_is_rounded_up():
    assert services._gap_shown(0.0001) == 0.01
    assert services._gap_shown(0.12) == 0.12
    assert services._gap_shown(0.121) == 0.13
    assert services._gap_shown(3.0) == 3.0


def test_an_earlier_run_says_neither(client, leaders, claire):
    cohort = leaders[0]
    run = services.run_matching(cohort.pk, claire)
    type(run).objects.filter(pk=run.pk).update(proven_optimal=False, gap_percent=None)
    page = run_page(client, claire, cohort)
    assert BEST not in page
    assert WITHIN not in page


def test_left_out_mentees_are_told_the_places_were_taken_only_when_they_were(leaders, claire):
    cohort, mentors, mentees = leaders
    for _ in range(3):
        ParticipantFactory(
            cohort=cohort, role=ParticipantRole.MENTEE, languages=["fr"], needs=["conflict"]
        )
    run = services.run_matching(cohort.pk, claire)
    assert run.status == RunStatus.DRAFT
    load = {}
    for pair in run.pairs.all():
        load[pair.mentor_id] = load.get(pair.mentor_id, 0) + 1
    left = list(run.unmatched.select_related("mentee"))
    assert left
    for item in left:
        assert item.reason == UnmatchedReason.CAPACITY_TAKEN
        # every mentor who shares a language with this mentee is full
        for mentor in mentors:
            if set(mentor.languages) & set(item.mentee.languages):
                assert load.get(mentor.pk, 0) >= mentor.capacity
