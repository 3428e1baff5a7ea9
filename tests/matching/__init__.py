"""Helpers shared by the matching tests and bench/matching.py: small random pools and their
true optimum by brute force (SciPy's linear_sum_assignment on the capacity-expanded matrix)."""

import numpy as np

from matching.engine import Pool, Weights, is_eligible, score_pair

INELIGIBLE = -1e9


def csr(rows: list[list[int]], values: list[list[int]] | None = None):
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    idx = np.array([j for r in rows for j in r], dtype=np.int32)
    if values is None:
        return indptr, idx
    return indptr, idx, np.array([v for r in values for v in r], dtype=np.int8)


def random_weights(rng: np.random.Generator) -> Weights:
    values = rng.integers(0, 11, size=8)
    return Weights(*(int(v) for v in values), school_rule=int(rng.integers(-1, 2)))


def random_pool(
    rng: np.random.Generator,
    n_mentees: int,
    n_mentors: int,
    max_capacity: int = 3,
    pin_probability: float = 0.3,
) -> Pool:
    """A small pool with every case the hard rules and criteria know: few languages (so some
    pairs share none), minors and uncleared mentors, unknown schools/subjects, forbidden pairs,
    bonuses, full mentors, and sometimes pins."""
    m, n = n_mentees, n_mentors
    lang_choices = np.array([1, 1, 2, 3, 4, 5], dtype=np.uint16)
    mentee_lang = rng.choice(lang_choices, size=m)
    pref = np.where(rng.random(m) < 0.2, 0, 1 << rng.integers(0, 3, size=m)).astype(np.uint16)
    forbidden = [
        sorted(rng.choice(n, size=rng.integers(0, min(n, 3) + 1), replace=False).tolist())
        for _ in range(m)
    ]
    bonus_rows, bonus_vals = [], []
    for _ in range(m):
        cols = rng.choice(n, size=rng.integers(0, min(n, 3) + 1), replace=False).tolist()
        bonus_rows.append(cols)
        bonus_vals.append(rng.integers(0, 11, size=len(cols)).tolist())
    f_indptr, f_idx = csr(forbidden)
    b_indptr, b_idx, b_val = csr(bonus_rows, bonus_vals)
    pool = Pool(
        mentee_lang=mentee_lang,
        mentee_pref_lang=pref,
        mentee_needs=rng.integers(0, 1 << 6, size=m).astype(np.uint32),
        mentee_avail=rng.integers(0, 1 << 5, size=m).astype(np.uint32),
        mentee_interests=rng.integers(0, 1 << 4, size=m).astype(np.uint16),
        mentee_school=rng.integers(-1, 3, size=m).astype(np.int32),
        mentee_subject=rng.integers(-1, 3, size=m).astype(np.int32),
        mentee_gender_pref=rng.integers(0, 3, size=m).astype(np.int8),
        mentee_needs_clearance=rng.random(m) < 0.3,
        mentor_lang=rng.choice(lang_choices, size=n),
        mentor_expertise=rng.integers(0, 1 << 6, size=n).astype(np.uint32),
        mentor_avail=rng.integers(0, 1 << 5, size=n).astype(np.uint32),
        mentor_interests=rng.integers(0, 1 << 4, size=n).astype(np.uint16),
        mentor_school=rng.integers(-1, 3, size=n).astype(np.int32),
        mentor_subject=rng.integers(-1, 3, size=n).astype(np.int32),
        mentor_gender=rng.integers(0, 3, size=n).astype(np.int8),
        mentor_cleared=rng.random(n) < 0.7,
        mentor_capacity=rng.integers(0, max_capacity + 1, size=n).astype(np.int32),
        forbidden_indptr=f_indptr,
        forbidden_idx=f_idx,
        bonus_indptr=b_indptr,
        bonus_idx=b_idx,
        bonus_val=b_val,
    )
    if rng.random() < pin_probability:
        pairs = [(i, j) for i in range(m) for j in range(n) if is_eligible(pool, i, j)]
        if pairs:
            pool.pinned = [pairs[int(rng.integers(len(pairs)))]]
    return pool


def optimum(pool: Pool, weights: Weights) -> float:
    """The best total score (pins included) by brute force: linear_sum_assignment on a dense
    matrix whose rows are the free mentees and whose columns are one per unit of mentor
    capacity left after the pins, plus one "unmatched" column per mentee (score 0)."""
    from scipy.optimize import linear_sum_assignment

    m, n = pool.n_mentees, pool.n_mentors
    pinned = dict(pool.pinned)
    capacity = np.maximum(np.asarray(pool.mentor_capacity, dtype=np.int64), 0)
    for j in pinned.values():
        capacity[j] -= 1
    capacity = np.maximum(capacity, 0)
    rows = [i for i in range(m) if i not in pinned]
    columns = [j for j in range(n) for _ in range(capacity[j])]
    matrix = np.full((len(rows), len(columns) + len(rows)), INELIGIBLE)
    matrix[:, len(columns) :] = 0.0
    for r, i in enumerate(rows):
        for c, j in enumerate(columns):
            scored = score_pair(pool, weights, i, j)
            if scored is not None:
                matrix[r, c] = scored[0]
    r_idx, c_idx = linear_sum_assignment(matrix, maximize=True)
    best = float(matrix[r_idx, c_idx].sum())
    assert best > INELIGIBLE / 2
    for i, j in pinned.items():
        scored = score_pair(pool, weights, i, j)
        assert scored is not None, "random_pool pins eligible pairs only"
        best += scored[0]
    return best
