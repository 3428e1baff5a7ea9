"""The matching engine on its own (no database): criterion values, hard rules, the top-k
candidate pass, exactness of the optimal solve against brute force (with every mentor as a
candidate and with one only), and the invariants of any assignment it returns.
tests/matching/test_optimality.py checks medium cohorts against the full graph."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import engine
from matching.engine import Pool, Weights
from tests.matching import csr, optimum, random_pool, random_weights

FRENCH, ENGLISH, ARABIC = 1, 2, 4


def make_pool(mentees: list[dict], mentors: list[dict], forbidden=None, bonus=None, pinned=()):
    """A pool from per-person dicts; anything left out takes a neutral default."""
    m = len(mentees)

    def column(rows, key, default, dtype):
        return np.array([row.get(key, default) for row in rows], dtype=dtype)

    forbidden = forbidden or {}
    bonus = bonus or {}
    f_indptr, f_idx = csr([sorted(forbidden.get(i, [])) for i in range(m)])
    b_rows = [list(bonus.get(i, {})) for i in range(m)]
    b_vals = [list(bonus.get(i, {}).values()) for i in range(m)]
    b_indptr, b_idx, b_val = csr(b_rows, b_vals)
    return Pool(
        mentee_lang=column(mentees, "lang", FRENCH, np.uint16),
        mentee_pref_lang=column(mentees, "pref", 0, np.uint16),
        mentee_needs=column(mentees, "needs", 0, np.uint32),
        mentee_avail=column(mentees, "avail", 0, np.uint32),
        mentee_interests=column(mentees, "interests", 0, np.uint16),
        mentee_school=column(mentees, "school", -1, np.int32),
        mentee_subject=column(mentees, "subject", -1, np.int32),
        mentee_gender_pref=column(mentees, "gender_pref", 0, np.int8),
        mentee_needs_clearance=column(mentees, "minor", False, np.bool_),
        mentor_lang=column(mentors, "lang", FRENCH, np.uint16),
        mentor_expertise=column(mentors, "expertise", 0, np.uint32),
        mentor_avail=column(mentors, "avail", 0, np.uint32),
        mentor_interests=column(mentors, "interests", 0, np.uint16),
        mentor_school=column(mentors, "school", -1, np.int32),
        mentor_subject=column(mentors, "subject", -1, np.int32),
        mentor_gender=column(mentors, "gender", 0, np.int8),
        mentor_cleared=column(mentors, "cleared", True, np.bool_),
        mentor_capacity=column(mentors, "capacity", 1, np.int32),
        forbidden_indptr=f_indptr,
        forbidden_idx=f_idx,
        bonus_indptr=b_indptr,
        bonus_idx=b_idx,
        bonus_val=b_val,
        pinned=list(pinned),
    )


def mentor_load(assignment: np.ndarray, n_mentors: int) -> np.ndarray:
    return np.bincount(assignment[assignment >= 0], minlength=n_mentors)


# ---------------------------------------------------------------------------------------------
# Criterion values and hard rules


@pytest.mark.parametrize(
    ("needs", "expertise", "value"),
    [
        (0b0, 0b1111, 0),  # no needs
        (0b11, 0b01, 5),  # 1 of 2
        (0b111, 0b001, 3),  # 3.33
        (0b111, 0b011, 7),  # 6.67
        (0b1111, 0b0001, 3),  # 2.5 rounds half up
        (0b1111, 0b0111, 8),  # 7.5 rounds half up
        (0b1111, 0b1111, 10),
        (0xFFFFFFFF, 0x1, 0),  # 0.31 of 32 needs
        (0xFFFFFFFF, 0x3, 1),  # 0.625
        (0xFFFFFFFF, 0xFFFFFFFF, 10),
    ],
)
def test_topics_value_rounds_half_up(needs, expertise, value):
    pool = make_pool([{"needs": needs}], [{"expertise": expertise}])
    weights = Weights(
        topics=10, language=0, subject=0, availability=0, school=0, interests=0, gender=0, choice=0
    )
    score, values = engine.score_pair(pool, weights, 0, 0)
    assert values["topics"] == value
    assert score == engine.MATCH_BASE + 10 * value
    cands = engine.candidates(pool, weights, k=1)
    assert cands.score.tolist() == [score]


def test_each_criterion_value():
    mentees = [
        {
            "lang": FRENCH | ENGLISH,
            "pref": ENGLISH,
            "needs": 0b11,
            "avail": 0b1111,
            "interests": 0b1,
            "school": 3,
            "subject": 7,
            "gender_pref": 1,
        }
    ]
    mentors = [
        # shares the preferred language, one need, three slots, an interest, school, subject,
        # the wished gender
        {
            "lang": ENGLISH,
            "expertise": 0b10,
            "avail": 0b0111,
            "interests": 0b1,
            "school": 3,
            "subject": 7,
            "gender": 1,
        },
        # French only, nothing else in common, unknown school and subject, another gender
        {"lang": FRENCH, "avail": 0b10000, "gender": 2},
    ]
    pool = make_pool(mentees, mentors, bonus={0: {1: 9}})
    weights = Weights(school_rule=1)
    assert engine.score_pair(pool, weights, 0, 0)[1] == {
        "topics": 5,
        "language": 10,
        "subject": 10,
        "availability": 10,
        "school": 10,
        "interests": 5,
        "gender": 10,
        "choice": 0,
    }
    score, values = engine.score_pair(pool, weights, 0, 1)
    assert values == {
        "topics": 0,
        "language": 5,
        "subject": 0,
        "availability": 0,
        "school": 0,
        "interests": 0,
        "gender": 0,
        "choice": 9,
    }
    assert score == 1 + 5 * 5 + 8 * 9
    # school_rule -1 wants different known schools; 0 ignores schools
    assert engine.score_pair(pool, Weights(school_rule=-1), 0, 0)[1]["school"] == 0
    assert engine.score_pair(pool, Weights(school_rule=-1), 0, 1)[1]["school"] == 0  # unknown
    assert engine.score_pair(pool, Weights(school_rule=0), 0, 0)[1]["school"] == 0
    pool.mentor_school[1] = 4
    assert engine.score_pair(pool, Weights(school_rule=-1), 0, 1)[1]["school"] == 10


def test_unknown_subject_and_school_never_match_each_other():
    pool = make_pool([{"subject": -1, "school": -1}], [{"subject": -1, "school": -1}])
    values = engine.score_pair(pool, Weights(school_rule=1), 0, 0)[1]
    assert values["subject"] == 0
    assert values["school"] == 0
    cands = engine.candidates(pool, Weights(school_rule=1), k=1)
    assert cands.score.tolist() == [engine.score_pair(pool, Weights(school_rule=1), 0, 0)[0]]


def test_each_hard_rule_makes_a_pair_ineligible():
    mentees = [{"lang": FRENCH}, {"lang": ARABIC}, {"lang": FRENCH, "minor": True}, {}]
    mentors = [{"lang": FRENCH, "cleared": False}, {"lang": FRENCH, "capacity": 0}]
    pool = make_pool(mentees, mentors, forbidden={3: [0]})
    assert engine.score_pair(pool, Weights(), 0, 0) is not None
    assert engine.score_pair(pool, Weights(), 1, 0) is None  # no shared language
    assert engine.score_pair(pool, Weights(), 2, 0) is None  # minor, mentor not cleared
    assert engine.score_pair(pool, Weights(), 3, 0) is None  # forbidden
    assert engine.score_pair(pool, Weights(), 0, 1) is None  # no capacity
    assert engine.pair_criteria(pool, Weights(), 1, 0)[1]["language"] == 5


@pytest.mark.parametrize(
    "weights",
    [Weights(topics=11), Weights(choice=-1), Weights(gender=2.5), Weights(school_rule=2)],
)
def test_weights_out_of_range_are_refused(weights):
    pool = make_pool([{}], [{}])
    with pytest.raises(ValueError, match="must be"):
        engine.candidates(pool, weights)


def test_inconsistent_pool_is_refused():
    pool = make_pool([{}, {}], [{}])
    pool.mentor_gender = np.zeros(3, dtype=np.int8)
    with pytest.raises(ValueError, match="mentor_gender"):
        engine.candidates(pool, Weights())
    pool = make_pool([{}, {}], [{}], pinned=[(0, 0), (0, 0)])
    with pytest.raises(ValueError, match="pinned more than once"):
        engine.solve(pool, engine.candidates(make_pool([{}, {}], [{}]), Weights()))


# ---------------------------------------------------------------------------------------------
# Candidates


def brute_force_top_k(pool: Pool, weights: Weights, k: int):
    """Each mentee's k best mentors; ties in the order of the mentors with a place left,
    starting from the mentee's own position in it (a hash of the mentee) and wrapping around."""
    capacity_left = np.maximum(pool.mentor_capacity.astype(np.int64), 0)
    for _, j in pool.pinned:
        capacity_left[j] -= 1
    pinned = {i for i, _ in pool.pinned}
    open_mentors = [j for j in range(pool.n_mentors) if capacity_left[j] > 0]
    compact = {j: c for c, j in enumerate(open_mentors)}
    tops, counts = [], []
    for i in range(pool.n_mentees):
        scored = []
        start = (i * 2654435761) % len(open_mentors) if open_mentors else 0
        if i not in pinned:
            for j in open_mentors:
                result = engine.score_pair(pool, weights, i, j)
                if result is not None:
                    scored.append((-result[0], (compact[j] - start) % len(open_mentors), j))
        scored.sort()
        scored = [(s, j) for s, _, j in scored]
        counts.append(len(scored))
        tops.append([(j, -s) for s, j in scored[:k]])
    return tops, counts


@pytest.mark.parametrize("seed", range(5))
def test_top_k_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    pool = random_pool(rng, 60, 40, max_capacity=2, pin_probability=1.0)
    # Few distinct attributes so many scores tie: the tie-break matters.
    pool.mentee_needs &= np.uint32(0b11)
    pool.mentor_expertise &= np.uint32(0b11)
    weights = random_weights(rng)
    k = 5
    cands = engine.candidates(pool, weights, k=k)
    tops, counts = brute_force_top_k(pool, weights, k)
    for i in range(pool.n_mentees):
        lo, hi = cands.indptr[i], cands.indptr[i + 1]
        got = list(zip(cands.mentor[lo:hi].tolist(), cands.score[lo:hi].tolist(), strict=True))
        assert got == tops[i], i
    assert cands.eligible_count.tolist() == counts
    assert cands.mentor.dtype == np.int32
    assert cands.score.dtype == np.int32
    assert len(cands.indptr) == pool.n_mentees + 1


@pytest.mark.parametrize("seed", range(3))
def test_mentor_side_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    pool = random_pool(rng, 300, 40, max_capacity=2, pin_probability=1.0)
    pool.mentee_needs &= np.uint32(0b11)  # many ties: the lower mentee wins them
    pool.mentor_expertise &= np.uint32(0b11)
    weights = random_weights(rng)
    cands = engine.candidates(pool, weights, k=3, mentor_k=7)
    capacity_left = np.maximum(pool.mentor_capacity.astype(np.int64), 0)
    for _, j in pool.pinned:
        capacity_left[j] -= 1
    pinned = {i for i, _ in pool.pinned}
    expected = set()
    for j in range(pool.n_mentors):
        if capacity_left[j] <= 0:
            continue
        scored = []
        for i in range(pool.n_mentees):
            result = engine.score_pair(pool, weights, i, j)
            if result is not None and i not in pinned:
                scored.append((-result[0], i))
        expected.update((i, j, -s) for s, i in sorted(scored)[:7])
    got = set(
        zip(
            cands.side_mentee.tolist(),
            cands.side_mentor.tolist(),
            cands.side_score.tolist(),
            strict=True,
        )
    )
    assert got == expected


def test_pins_use_capacity_and_pinned_mentees_get_no_candidates():
    pool = make_pool([{}, {}, {}], [{"capacity": 1}, {"capacity": 2}], pinned=[(0, 0), (1, 1)])
    cands = engine.candidates(pool, Weights())
    assert cands.indptr.tolist() == [0, 0, 0, 1]  # mentor 0 is full once mentee 0 is pinned
    assert cands.mentor.tolist() == [1]
    assert cands.reason.tolist() == [0, 0, 0]
    assignment = engine.solve(pool, cands)
    assert assignment.tolist() == [0, 1, 1]
    assert engine.greedy(pool, cands).tolist() == [0, 1, 1]


def test_reasons_follow_the_hard_rules_in_order():
    mentees = [
        {"lang": ARABIC},  # 1: nobody speaks Arabic
        {"lang": ENGLISH, "minor": True},  # 2: the English speaker is not cleared
        {"lang": FRENCH},  # 3: both French speakers forbidden
        {"lang": FRENCH | ENGLISH, "minor": True},  # 4: only the full cleared mentor is left
        {"lang": FRENCH, "needs": 0b1},  # matched
        {"lang": FRENCH},  # 5: eligible, but the place went to mentee 4
    ]
    mentors = [
        {"lang": ENGLISH, "cleared": False, "capacity": 3},
        {"lang": FRENCH, "cleared": True, "capacity": 0},
        {"lang": FRENCH, "cleared": False, "capacity": 1, "expertise": 0b1},
    ]
    pool = make_pool(mentees, mentors, forbidden={2: [1, 2], 3: [2]})
    cands = engine.candidates(pool, Weights())
    assert cands.reason.tolist() == [1, 2, 3, 4, 0, 0]
    assert cands.eligible_count.tolist() == [0, 0, 0, 0, 1, 1]
    assignment = engine.solve(pool, cands)
    assert assignment.tolist() == [-1, -1, -1, -1, 2, -1]
    assert engine.unmatched_reasons(pool, cands, assignment).tolist() == [1, 2, 3, 4, 0, 5]


def test_empty_sides():
    no_mentors = make_pool([{}, {}], [])
    cands = engine.candidates(no_mentors, Weights())
    assert cands.reason.tolist() == [1, 1]
    assert engine.solve(no_mentors, cands).tolist() == [-1, -1]
    no_mentees = make_pool([], [{}])
    cands = engine.candidates(no_mentees, Weights())
    assert engine.solve(no_mentees, cands).tolist() == []
    assert engine.greedy(no_mentees, cands).tolist() == []


# ---------------------------------------------------------------------------------------------
# Exactness


def test_solve_is_optimal_on_200_random_instances():
    rng = np.random.default_rng(20261102)
    for instance in range(200):
        n_mentors = int(rng.integers(2, 6))
        pool = random_pool(rng, int(rng.integers(3, 10)), n_mentors)
        weights = random_weights(rng)
        cands = engine.candidates(pool, weights, k=n_mentors)
        best = optimum(pool, weights)
        assignment = engine.solve(pool, cands)
        total = engine.total_score(pool, cands, assignment)
        assert abs(total - best) <= 1e-9, instance
        assert engine.total_score(pool, cands, engine.solve_on_arcs(pool, cands)) == best
        # pruned to one candidate per mentee, pricing still finds the optimum, and proves it
        solution = engine.optimize(pool, engine.candidates(pool, weights, k=1, mentor_k=0))
        assert solution.total == best, instance
        assert solution.proven
        assert solution.bound == best
        assert engine.total_score(pool, cands, engine.greedy(pool, cands)) <= best + 1e-9
        # The kernel's scores are score_pair's, and total_score adds them up.
        expected = 0
        for i in range(pool.n_mentees):
            for p in range(cands.indptr[i], cands.indptr[i + 1]):
                j = int(cands.mentor[p])
                scored = engine.score_pair(pool, weights, i, j)
                assert scored is not None
                assert scored[0] == cands.score[p], (instance, i, j)
                assert all(0 <= v <= 10 for v in scored[1].values())
            if assignment[i] >= 0:
                expected += engine.pair_criteria(pool, weights, i, int(assignment[i]))[0]
        assert total == expected


def test_solve_beats_greedy_where_greedy_is_short_sighted():
    # Greedy gives mentor 0 to mentee 0 (its best pair); the optimum gives mentee 0 mentor 1
    # and mentor 0 to mentee 1, who has nobody else.
    mentees = [{"needs": 0b11}, {"needs": 0b11}]
    mentors = [{"expertise": 0b11}, {"expertise": 0b01}]
    pool = make_pool(mentees, mentors, forbidden={1: [1]})
    cands = engine.candidates(pool, Weights())
    assert engine.greedy(pool, cands).tolist() == [0, -1]
    assignment = engine.solve(pool, cands)
    assert assignment.tolist() == [1, 0]
    assert engine.total_score(pool, cands, assignment) > engine.total_score(
        pool, cands, engine.greedy(pool, cands)
    )


# ---------------------------------------------------------------------------------------------
# Properties of any assignment


@st.composite
def pools(draw):
    m = draw(st.integers(1, 8))
    n = draw(st.integers(1, 6))
    masks16 = st.integers(0, 0b111)
    masks32 = st.integers(0, 2**32 - 1)

    def mentee_ints(elements):
        return draw(st.lists(elements, min_size=m, max_size=m))

    def mentor_ints(elements):
        return draw(st.lists(elements, min_size=n, max_size=n))

    forbidden = [sorted(draw(st.sets(st.integers(0, n - 1), max_size=n))) for _ in range(m)]
    bonus = [draw(st.dictionaries(st.integers(0, n - 1), st.integers(0, 10))) for _ in range(m)]
    f_indptr, f_idx = csr(forbidden)
    b_indptr, b_idx, b_val = csr([list(b) for b in bonus], [list(b.values()) for b in bonus])
    pinned = draw(st.dictionaries(st.integers(0, m - 1), st.integers(0, n - 1), max_size=2))
    return Pool(
        mentee_lang=np.array(mentee_ints(masks16), dtype=np.uint16),
        mentee_pref_lang=np.array(mentee_ints(st.sampled_from([0, 1, 2, 4])), dtype=np.uint16),
        mentee_needs=np.array(mentee_ints(masks32), dtype=np.uint32),
        mentee_avail=np.array(mentee_ints(st.integers(0, 0xFFFF)), dtype=np.uint32),
        mentee_interests=np.array(mentee_ints(st.integers(0, 0xFFFF)), dtype=np.uint16),
        mentee_school=np.array(mentee_ints(st.integers(-1, 2)), dtype=np.int32),
        mentee_subject=np.array(mentee_ints(st.integers(-1, 2)), dtype=np.int32),
        mentee_gender_pref=np.array(mentee_ints(st.integers(0, 2)), dtype=np.int8),
        mentee_needs_clearance=np.array(mentee_ints(st.booleans()), dtype=np.bool_),
        mentor_lang=np.array(mentor_ints(masks16), dtype=np.uint16),
        mentor_expertise=np.array(mentor_ints(masks32), dtype=np.uint32),
        mentor_avail=np.array(mentor_ints(st.integers(0, 0xFFFF)), dtype=np.uint32),
        mentor_interests=np.array(mentor_ints(st.integers(0, 0xFFFF)), dtype=np.uint16),
        mentor_school=np.array(mentor_ints(st.integers(-1, 2)), dtype=np.int32),
        mentor_subject=np.array(mentor_ints(st.integers(-1, 2)), dtype=np.int32),
        mentor_gender=np.array(mentor_ints(st.integers(0, 2)), dtype=np.int8),
        mentor_cleared=np.array(mentor_ints(st.booleans()), dtype=np.bool_),
        mentor_capacity=np.array(mentor_ints(st.integers(0, 3)), dtype=np.int32),
        forbidden_indptr=f_indptr,
        forbidden_idx=f_idx,
        bonus_indptr=b_indptr,
        bonus_idx=b_idx,
        bonus_val=b_val,
        pinned=sorted(pinned.items()),
    )


@settings(max_examples=100, deadline=None, database=None)
@given(pool=pools(), k=st.integers(1, 6), use_greedy=st.booleans())
def test_assignments_respect_the_rules(pool, k, use_greedy):
    weights = Weights()
    cands = engine.candidates(pool, weights, k=k)
    assignment = (engine.greedy if use_greedy else engine.solve)(pool, cands)
    assert assignment.dtype == np.int32
    assert assignment.shape == (pool.n_mentees,)
    pinned = dict(pool.pinned)
    for i, j in pinned.items():
        assert assignment[i] == j  # kept exactly, even against a rule
    pins_per_mentor = np.bincount(
        np.array(list(pinned.values()), dtype=np.int64), minlength=pool.n_mentors
    )
    others = assignment.copy()
    others[list(pinned)] = -1
    load = mentor_load(others, pool.n_mentors)
    capacity = np.maximum(pool.mentor_capacity, 0)
    assert (load <= np.maximum(capacity - pins_per_mentor, 0)).all()
    for i in np.flatnonzero(others >= 0).tolist():
        j = int(others[i])
        assert pool.mentee_lang[i] & pool.mentor_lang[j]
        assert pool.mentor_cleared[j] or not pool.mentee_needs_clearance[i]
        lo, hi = pool.forbidden_indptr[i], pool.forbidden_indptr[i + 1]
        assert j not in pool.forbidden_idx[lo:hi].tolist()
        assert engine.score_pair(pool, weights, i, j) is not None
    reasons = engine.unmatched_reasons(pool, cands, assignment)
    assert ((reasons == 0) == (assignment >= 0)).all()
    assert ((cands.reason > 0) <= (cands.eligible_count == 0)).all()
    if not use_greedy:  # solve leaves nobody out while an eligible mentor has a place
        assert not (reasons == engine.REASON_PLACE_LEFT).any()
