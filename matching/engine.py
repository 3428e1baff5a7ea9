"""Numerical core of the pairing feature: score mentee/mentor pairs, keep each mentee's best
candidates (and each mentor's), and pick the assignment of largest total score over every
eligible pair under mentor capacities, with a proof (or, under a time budget, a proven bound).

Pure NumPy/Numba, no Django: `matching.services` builds a `Pool` from the database, calls
`candidates` then `optimize` (`solve` returns its assignment only), and turns `score_pair`'s
criterion values and `unmatched_reasons` into words. `optimize` starts from the candidates and
adds the pairs that pricing against its solved prices shows could improve the assignment
(column generation), until none is left; see its docstring for the proof. OR-Tools serves as
the reference (`solve_on_arcs`, the former exact solve restricted to the candidates).

Bitmasks: bit i of a language/topic/slot/interest mask means "item i". The Django layer keeps
one stable numbering per program (e.g. languages ordered by code) so masks compare.

Scores: each criterion is an integer value 0..10 and a pair's score is
``MATCH_BASE + sum(weight * value)``; MATCH_BASE = 1 so any eligible pair beats leaving the
mentee unmatched. Scores fit easily in int32 (at most 1 + 8 * 10 * 10 = 801).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, fields

import numpy as np
from numba import config, get_thread_id, njit, prange, set_parallel_chunksize, types
from numba.extending import intrinsic

MATCH_BASE = 1
CRITERIA = (
    "topics",
    "language",
    "subject",
    "availability",
    "school",
    "interests",
    "gender",
    "choice",
)

# Candidates.reason / unmatched_reasons codes.
REASON_NONE = 0
REASON_NO_SHARED_LANGUAGE = 1
REASON_NO_CLEARED_MENTOR = 2
REASON_ALL_FORBIDDEN = 3
REASON_NO_CAPACITY = 4
REASON_CAPACITY_TAKEN = 5  # only from unmatched_reasons: every eligible mentor is full
REASON_PLACE_LEFT = 6  # only from unmatched_reasons: an eligible mentor still has a place

_MENTEES_PER_BLOCK = 64
_BLOCKS_PER_CHUNK = 4
_PARALLEL_FROM = 512  # mentees: fewer are priced on one thread

logger = logging.getLogger(__name__)


def _cache_probe():
    return 0


def _numba_cache_available() -> bool:
    """Numba's cache=True raises at decoration when it can write neither beside this file
    (__pycache__) nor in NUMBA_CACHE_DIR / the user's cache directory: a read-only install
    running as an unprivileged user. Then the kernels compile on first use in each process."""
    try:
        njit(cache=True)(_cache_probe)
    except RuntimeError as error:
        logger.warning("Numba cache unavailable, kernels compile in each process: %s", error)
        return False
    return True


_CACHE = _numba_cache_available()


@dataclass
class Pool:
    # mentees (length M)
    mentee_lang: np.ndarray  # uint16 bitmask of languages spoken
    mentee_pref_lang: np.ndarray  # uint16, a single bit: preferred language (0 if unknown)
    mentee_needs: np.ndarray  # uint32 bitmask of topics the mentee needs help with
    mentee_avail: np.ndarray  # uint32 bitmask of availability slots
    mentee_interests: np.ndarray  # uint16 bitmask
    mentee_school: np.ndarray  # int32 school id, -1 unknown
    mentee_subject: np.ndarray  # int32 subject id, -1 unknown
    mentee_gender_pref: np.ndarray  # int8: 0 no preference, 1 woman, 2 man
    mentee_needs_clearance: np.ndarray  # bool: a minor, the mentor must be cleared
    # mentors (length N)
    mentor_lang: np.ndarray  # uint16
    mentor_expertise: np.ndarray  # uint32
    mentor_avail: np.ndarray  # uint32
    mentor_interests: np.ndarray  # uint16
    mentor_school: np.ndarray  # int32, -1 unknown
    mentor_subject: np.ndarray  # int32, -1 unknown
    mentor_gender: np.ndarray  # int8: 0 unknown/other, 1 woman, 2 man
    mentor_cleared: np.ndarray  # bool
    mentor_capacity: np.ndarray  # int32 remaining places (0 = full)
    # sparse per-mentee data, CSR over mentees (indptr length M + 1, indices = mentor positions)
    forbidden_indptr: np.ndarray
    forbidden_idx: np.ndarray
    bonus_indptr: np.ndarray
    bonus_idx: np.ndarray
    bonus_val: np.ndarray  # 0..10, the "choice" criterion
    # (mentee pos, mentor pos) kept as is; each uses one unit of the mentor's capacity
    pinned: list[tuple[int, int]] = field(default_factory=list)

    @property
    def n_mentees(self) -> int:
        return len(self.mentee_lang)

    @property
    def n_mentors(self) -> int:
        return len(self.mentor_lang)


@dataclass
class Weights:  # integers 0..10 each
    topics: int = 8
    language: int = 5
    subject: int = 3
    availability: int = 6
    school: int = 3
    interests: int = 2
    gender: int = 4
    choice: int = 8
    school_rule: int = 0  # 1 = same school wanted, -1 = different school wanted, 0 = indifferent

    def as_array(self) -> np.ndarray:
        """The kernel's view: the eight weights in CRITERIA order, then school_rule."""
        for name in CRITERIA:
            value = getattr(self, name)
            if not isinstance(value, int | np.integer) or not 0 <= value <= 10:
                raise ValueError(f"weight {name}={value!r} must be an integer 0..10")
        if self.school_rule not in (-1, 0, 1):
            raise ValueError(f"school_rule={self.school_rule!r} must be -1, 0 or 1")
        return np.array([getattr(self, name) for name in CRITERIA] + [self.school_rule], np.int64)


@dataclass
class Candidates:
    """Each mentee's top-k eligible mentors, CSR over mentees, best first; and, for `solve`'s
    first arc set, each mentor's best mentees (the mentor side, possibly overlapping)."""

    indptr: np.ndarray  # int64, length M + 1
    mentor: np.ndarray  # int32 mentor positions
    score: np.ndarray  # int32
    eligible_count: np.ndarray  # int32 per mentee: eligible mentors before the top-k cut
    reason: np.ndarray  # int8 per mentee, REASON_* (0 = has candidates, or pinned)
    weights: Weights
    k: int
    # the mentor side: (mentee, mentor, score) of each open mentor's mentor_k best mentees
    side_mentee: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    side_mentor: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    side_score: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))

    @property
    def mentee(self) -> np.ndarray:
        """The mentee position of each candidate arc (int32)."""
        counts = np.diff(self.indptr)
        return np.repeat(np.arange(len(counts), dtype=np.int32), counts)


# --------------------------------------------------------------------------------------------
# Input normalization


@dataclass
class _Prepared:
    pool: Pool
    e_lang: np.ndarray
    e_pref: np.ndarray
    e_needs: np.ndarray
    e_avail: np.ndarray
    e_int: np.ndarray
    e_school: np.ndarray
    e_subject: np.ndarray
    e_gpref: np.ndarray
    e_clear: np.ndarray
    r_lang: np.ndarray
    r_exp: np.ndarray
    r_avail: np.ndarray
    r_int: np.ndarray
    r_school: np.ndarray
    r_subject: np.ndarray
    r_gender: np.ndarray
    r_cleared: np.ndarray
    capacity: np.ndarray  # int64, raw (before pins), negative clipped to 0
    capacity_left: np.ndarray  # int64, after pins, clipped to 0
    f_indptr: np.ndarray
    f_idx: np.ndarray
    b_indptr: np.ndarray
    b_idx: np.ndarray
    b_val: np.ndarray
    pin_mentee: np.ndarray  # int64
    pin_mentor: np.ndarray  # int64
    pinned_mask: np.ndarray  # bool per mentee


def _mask(values, n: int, name: str) -> np.ndarray:
    arr = np.asarray(values)
    if arr.shape != (n,):
        raise ValueError(f"{name} has shape {arr.shape}, expected ({n},)")
    if arr.dtype.kind not in "biu":
        raise ValueError(f"{name} must hold integers, not {arr.dtype}")
    if arr.dtype.kind == "i" and n and arr.min() < 0:
        raise ValueError(f"{name} holds a negative bitmask")
    # uint32 everywhere: Numba widens signed 32-bit values with their sign, which would
    # corrupt popcounts, while unsigned ones are zero-extended.
    return np.ascontiguousarray(arr, dtype=np.uint32)


def _ids(values, n: int, name: str, unknown: int) -> np.ndarray:
    arr = np.asarray(values)
    if arr.shape != (n,):
        raise ValueError(f"{name} has shape {arr.shape}, expected ({n},)")
    out = np.ascontiguousarray(arr, dtype=np.int32).copy()
    out[out < 0] = unknown
    return out


def _small(values, n: int, name: str, dtype) -> np.ndarray:
    arr = np.asarray(values)
    if arr.shape != (n,):
        raise ValueError(f"{name} has shape {arr.shape}, expected ({n},)")
    return np.ascontiguousarray(arr, dtype=dtype)


def _csr(indptr, idx, m: int, n: int, name: str) -> tuple[np.ndarray, np.ndarray]:
    indptr = np.ascontiguousarray(indptr, dtype=np.int64)
    idx = np.ascontiguousarray(idx, dtype=np.int64)
    if indptr.shape != (m + 1,) or indptr[0] != 0 or indptr[-1] != len(idx):
        raise ValueError(f"{name}_indptr must have length M + 1, start at 0, end at len(idx)")
    if np.any(np.diff(indptr) < 0):
        raise ValueError(f"{name}_indptr must be non-decreasing")
    if len(idx) and (idx.min() < 0 or idx.max() >= n):
        raise ValueError(f"{name}_idx holds a mentor position outside 0..{n - 1}")
    return indptr, idx


def _prepare(pool: Pool) -> _Prepared:
    m, n = pool.n_mentees, pool.n_mentors
    f_indptr, f_idx = _csr(pool.forbidden_indptr, pool.forbidden_idx, m, n, "forbidden")
    b_indptr, b_idx = _csr(pool.bonus_indptr, pool.bonus_idx, m, n, "bonus")
    b_val = np.ascontiguousarray(pool.bonus_val, dtype=np.int64)
    if b_val.shape != b_idx.shape:
        raise ValueError("bonus_val must have the length of bonus_idx")
    if len(b_val) and (b_val.min() < 0 or b_val.max() > 10):
        raise ValueError("bonus_val must hold values 0..10")
    b_val = b_val.astype(np.int8)

    capacity = np.maximum(_small(pool.mentor_capacity, n, "mentor_capacity", np.int64), 0)
    pins = np.asarray(pool.pinned, dtype=np.int64).reshape(-1, 2)
    pin_mentee, pin_mentor = np.ascontiguousarray(pins[:, 0]), np.ascontiguousarray(pins[:, 1])
    if len(pins):
        if pin_mentee.min() < 0 or pin_mentee.max() >= m:
            raise ValueError("a pinned pair names a mentee position out of range")
        if pin_mentor.min() < 0 or pin_mentor.max() >= n:
            raise ValueError("a pinned pair names a mentor position out of range")
        if len(np.unique(pin_mentee)) != len(pin_mentee):
            raise ValueError("a mentee is pinned more than once")
    pinned_mask = np.zeros(m, dtype=np.bool_)
    pinned_mask[pin_mentee] = True
    capacity_left = np.maximum(capacity - np.bincount(pin_mentor, minlength=n), 0)

    return _Prepared(
        pool=pool,
        e_lang=_mask(pool.mentee_lang, m, "mentee_lang"),
        e_pref=_mask(pool.mentee_pref_lang, m, "mentee_pref_lang"),
        e_needs=_mask(pool.mentee_needs, m, "mentee_needs"),
        e_avail=_mask(pool.mentee_avail, m, "mentee_avail"),
        e_int=_mask(pool.mentee_interests, m, "mentee_interests"),
        # Unknown ids differ on each side (-2 mentee, -1 mentor) so "equal" never holds
        # between two unknowns; the kernel checks the mentor side is known when it matters.
        e_school=_ids(pool.mentee_school, m, "mentee_school", -2),
        e_subject=_ids(pool.mentee_subject, m, "mentee_subject", -2),
        e_gpref=_small(pool.mentee_gender_pref, m, "mentee_gender_pref", np.int32),
        e_clear=_small(pool.mentee_needs_clearance, m, "mentee_needs_clearance", np.bool_),
        r_lang=_mask(pool.mentor_lang, n, "mentor_lang"),
        r_exp=_mask(pool.mentor_expertise, n, "mentor_expertise"),
        r_avail=_mask(pool.mentor_avail, n, "mentor_avail"),
        r_int=_mask(pool.mentor_interests, n, "mentor_interests"),
        r_school=_ids(pool.mentor_school, n, "mentor_school", -1),
        r_subject=_ids(pool.mentor_subject, n, "mentor_subject", -1),
        r_gender=_small(pool.mentor_gender, n, "mentor_gender", np.int32),
        r_cleared=_small(pool.mentor_cleared, n, "mentor_cleared", np.bool_),
        capacity=capacity,
        capacity_left=capacity_left,
        f_indptr=f_indptr,
        f_idx=f_idx,
        b_indptr=b_indptr,
        b_idx=b_idx,
        b_val=b_val,
        pin_mentee=pin_mentee,
        pin_mentor=pin_mentor,
        pinned_mask=pinned_mask,
    )


# --------------------------------------------------------------------------------------------
# Plain Python scoring (the reference; the kernel must agree with it)


def _topics_value(needs: int, expertise: int) -> int:
    n_needs = int(needs).bit_count()
    if n_needs == 0:
        return 0
    shared = (int(needs) & int(expertise)).bit_count()
    return (20 * shared + n_needs) // (2 * n_needs)  # round half up of 10 * shared / n_needs


def _criteria(pool: Pool, weights: Weights, i: int, j: int) -> dict[str, int]:
    def known(v) -> bool:
        return int(v) >= 0

    e_school, r_school = int(pool.mentee_school[i]), int(pool.mentor_school[j])
    if weights.school_rule == 1:
        school = 10 if known(e_school) and known(r_school) and e_school == r_school else 0
    elif weights.school_rule == -1:
        school = 10 if known(e_school) and known(r_school) and e_school != r_school else 0
    else:
        school = 0
    e_subject, r_subject = int(pool.mentee_subject[i]), int(pool.mentor_subject[j])
    gender_pref = int(pool.mentee_gender_pref[i])
    bonus = 0
    lo, hi = int(pool.bonus_indptr[i]), int(pool.bonus_indptr[i + 1])
    for p in range(lo, hi):
        if int(pool.bonus_idx[p]) == j:
            bonus = int(pool.bonus_val[p])  # the last entry wins, as in the kernel
    return {
        "topics": _topics_value(pool.mentee_needs[i], pool.mentor_expertise[j]),
        "language": 10 if int(pool.mentor_lang[j]) & int(pool.mentee_pref_lang[i]) else 5,
        "subject": 10 if known(e_subject) and known(r_subject) and e_subject == r_subject else 0,
        "availability": min(
            10, 5 * (int(pool.mentee_avail[i]) & int(pool.mentor_avail[j])).bit_count()
        ),
        "school": school,
        "interests": min(
            10, 5 * (int(pool.mentee_interests[i]) & int(pool.mentor_interests[j])).bit_count()
        ),
        "gender": 10 if gender_pref != 0 and gender_pref == int(pool.mentor_gender[j]) else 0,
        "choice": bonus,
    }


def _is_forbidden(pool: Pool, i: int, j: int) -> bool:
    lo, hi = int(pool.forbidden_indptr[i]), int(pool.forbidden_indptr[i + 1])
    return any(int(pool.forbidden_idx[p]) == j for p in range(lo, hi))


def is_eligible(pool: Pool, i: int, j: int) -> bool:
    """The hard rules, for one pair (capacity: the mentor's raw capacity, before pins)."""
    return (
        int(pool.mentee_lang[i]) & int(pool.mentor_lang[j]) != 0
        and (not pool.mentee_needs_clearance[i] or bool(pool.mentor_cleared[j]))
        and int(pool.mentor_capacity[j]) > 0
        and not _is_forbidden(pool, i, j)
    )


def _weighted(weights: Weights, values: dict[str, int]) -> int:
    return MATCH_BASE + sum(getattr(weights, name) * values[name] for name in CRITERIA)


def score_pair(pool: Pool, weights: Weights, i: int, j: int) -> tuple[int, dict[str, int]] | None:
    """The score of mentee i with mentor j and each criterion's value 0..10, or None if a hard
    rule forbids the pair."""
    if not is_eligible(pool, i, j):
        return None
    return pair_criteria(pool, weights, i, j)


def pair_criteria(pool: Pool, weights: Weights, i: int, j: int) -> tuple[int, dict[str, int]]:
    """Like score_pair without the hard rules: for a pinned pair kept although a rule now
    forbids it (total_score scores pins this way)."""
    weights.as_array()  # validates
    values = _criteria(pool, weights, i, j)
    return _weighted(weights, values), values


def pair_scores(pool: Pool, weights: Weights, mentees, mentors) -> np.ndarray:
    """Vectorized scores of the given pairs, ignoring the hard rules (int64)."""
    prep = _prepare(pool)
    i = np.asarray(mentees, dtype=np.int64)
    j = np.asarray(mentors, dtype=np.int64)
    if len(i) == 0:
        return np.zeros(0, dtype=np.int64)
    return _score_pairs_kernel(i, j, *_kernel_arrays(prep), weights.as_array())


# --------------------------------------------------------------------------------------------
# Numba kernels


@intrinsic
def _popcount(typingctx, x):
    """LLVM's ctpop (one POPCNT instruction on x86-64)."""
    if not isinstance(x, types.Integer):
        return None

    def codegen(context, builder, signature, args):
        return builder.ctpop(args[0])

    return x(x), codegen


@njit(cache=_CACHE, inline="always")
def _topic_table(needs, w_topics, table):
    """table[c] = w_topics * topics value when c needs are covered."""
    n_needs = np.int64(_popcount(needs))
    for c in range(33):
        if n_needs == 0:
            table[c] = 0
        else:
            table[c] = w_topics * ((20 * c + n_needs) // (2 * n_needs))


@njit(cache=_CACHE)
def _score_pairs_kernel(
    pi,
    pj,
    e_lang,
    e_pref,
    e_needs,
    e_avail,
    e_int,
    e_school,
    e_subject,
    e_gpref,
    r_lang,
    r_exp,
    r_avail,
    r_int,
    r_school,
    r_subject,
    r_gender,
    b_indptr,
    b_idx,
    b_val,
    w,
):
    """The scores of the pairs (pi[t], pj[t]), hard rules ignored (total_score, pair_scores);
    tests check it and the row kernel against score_pair."""
    out = np.empty(len(pi), dtype=np.int64)
    table = np.empty(33, dtype=np.int64)
    for t in range(len(pi)):
        i = pi[t]
        j = pj[t]
        _topic_table(e_needs[i], w[0], table)
        bonus = 0
        for p in range(b_indptr[i], b_indptr[i + 1]):
            if b_idx[p] == j:
                bonus = b_val[p]
        s = MATCH_BASE + table[np.int64(_popcount(e_needs[i] & r_exp[j]))]
        s += w[1] * (10 if (e_pref[i] & r_lang[j]) != 0 else 5)
        s += w[2] * (10 if e_subject[i] == r_subject[j] else 0)
        s += w[3] * 5 * min(2, np.int64(_popcount(e_avail[i] & r_avail[j])))
        if w[8] == 1:
            s += w[4] * (10 if e_school[i] == r_school[j] else 0)
        elif w[8] == -1:
            differ = e_school[i] >= 0 and r_school[j] >= 0 and e_school[i] != r_school[j]
            s += w[4] * (10 if differ else 0)
        s += w[5] * 5 * min(2, np.int64(_popcount(e_int[i] & r_int[j])))
        s += w[6] * (10 if e_gpref[i] != 0 and e_gpref[i] == r_gender[j] else 0)
        s += w[7] * bonus
        out[t] = s
    return out


@njit(cache=_CACHE)
def _score_row(
    buf,
    marks,
    lang,
    pref,
    needs,
    avail,
    interests,
    school,
    subject,
    gpref,
    need_clear,
    r_lang,
    r_exp,
    r_avail,
    r_int,
    r_school,
    r_subject,
    r_gender,
    r_cleared,
    w,
):
    """buf[j] = the score of this mentee with compact mentor j, or 0 if a hard rule forbids
    the pair; returns how many are eligible. Branch-free so LLVM vectorizes it: every value is
    an int64 (Numba widens unsigned 32-bit masks to uint64, which would mix with int64 through
    float64), masks are non-negative so their popcounts are exact."""
    n_needs = _popcount(needs)
    # topics value = round-half-up(10 c / n) = (20 c + n) // (2 n), computed as
    # ((20 c + n) * magic) >> 32 with magic = ceil(2**32 / (2 n)): the numerator is at most
    # 20 * 32 + 32 = 672, so the error stays below 672 / 2**32, far less than the 1 / (2 n)
    # that separates a non-integer quotient from the next integer.
    magic = 0 if n_needs == 0 else (np.int64(1) << 32) // (2 * n_needs) + 1
    w_topics = w[0]
    base = MATCH_BASE + 5 * w[1]
    w_lang5 = 5 * w[1]
    w_subject10 = 10 * w[2]
    w_avail5 = 5 * w[3]
    same_school = 10 * w[4] if w[8] == 1 else 0
    other_school = 10 * w[4] if w[8] == -1 and school >= 0 else 0
    w_int5 = 5 * w[5]
    w_gender10 = 10 * w[6] if gpref != 0 else 0
    w_choice = w[7]
    eligible = 0
    for j in range(r_lang.shape[0]):
        c = _popcount(needs & r_exp[j])
        s = base + w_topics * (((20 * c + n_needs) * magic) >> 32)
        s += w_lang5 * ((pref & r_lang[j]) != 0)
        s += w_subject10 * (subject == r_subject[j])
        s += w_avail5 * min(_popcount(avail & r_avail[j]), 2)
        rs = r_school[j]
        s += same_school * (school == rs) + other_school * ((rs >= 0) & (school != rs))
        s += w_int5 * min(_popcount(interests & r_int[j]), 2)
        s += w_gender10 * (gpref == r_gender[j])
        mk = np.int64(marks[j])
        s += w_choice * max(mk, 0)
        ok = ((lang & r_lang[j]) != 0) & (r_cleared[j] >= need_clear) & (mk >= 0)
        eligible += ok
        buf[j] = s if ok else 0
    return eligible


@njit(cache=_CACHE, inline="always")
def _heap_push(heap, size, key):
    """Add key to the min-heap heap[:size] (room for it is there)."""
    pos = size
    while pos > 0:
        parent = (pos - 1) >> 1
        if heap[parent] <= key:
            break
        heap[pos] = heap[parent]
        pos = parent
    heap[pos] = key


@njit(cache=_CACHE, inline="always")
def _heap_replace_root(heap, size, key):
    """Put key in place of the root of the min-heap heap[:size] and sift it down."""
    pos = 0
    while True:
        child = 2 * pos + 1
        if child >= size:
            break
        if child + 1 < size and heap[child + 1] < heap[child]:
            child += 1
        if heap[child] >= key:
            break
        heap[pos] = heap[child]
        pos = child
    heap[pos] = key


@njit(cache=_CACHE, inline="always")
def _tie_start(i, n):
    """Where mentee i's ties start among n mentors: a multiplicative hash of i, so that among
    mentors of equal score (or value) the mentees do not all keep the same lowest positions."""
    return (np.int64(i) * 2654435761) % n if n > 0 else 0


@njit(cache=_CACHE, inline="always")
def _tie_position(key, start, n):
    """The position of a _scan_top_k_from key."""
    c = start + 2147483647 - (key & 0xFFFFFFFF)
    return c - n if c >= n else c


@njit(cache=_CACHE)
def _scan_top_k_from(buf, heap, start):
    """Keep the len(heap) best of buf's positive values in heap, a min-heap of int64 keys
    ``value << 32 | (2**31 - 1 - rank)`` with rank = (position - start) mod len(buf), whose
    root is the current worst: ties go to the first position from `start` on, wrapping around.
    Returns how many it holds, sorted best first (`_tie_position` gives each one's position).
    Chunks whose maximum cannot enter are skipped."""
    k = heap.shape[0]
    n = buf.shape[0]
    size = 0
    threshold = 0
    for part in range(2):
        lo = start if part == 0 else 0
        hi = n if part == 0 else start
        rank0 = -start if part == 0 else n - start
        for j0 in range(lo, hi, 32):
            j1 = min(j0 + 32, hi)
            top = 0
            for j in range(j0, j1):
                top = max(top, buf[j])
            if top <= threshold:
                continue
            for j in range(j0, j1):
                s = buf[j]
                if s <= threshold:
                    continue
                key = (np.int64(s) << 32) | (2147483647 - (j + rank0))
                if size < k:
                    _heap_push(heap, size, key)
                    size += 1
                    if size == k:
                        threshold = heap[0] >> 32
                else:
                    _heap_replace_root(heap, k, key)
                    threshold = heap[0] >> 32
    for last in range(size - 1, 0, -1):
        worst = heap[0]
        _heap_replace_root(heap, last, heap[last])
        heap[last] = worst
    return size


@njit(cache=_CACHE)
def _topk_block(
    b,
    e_lang,
    e_pref,
    e_needs,
    e_avail,
    e_int,
    e_school,
    e_subject,
    e_gpref,
    e_clear,
    e_skip,
    r_lang,
    r_exp,
    r_avail,
    r_int,
    r_school,
    r_subject,
    r_gender,
    r_cleared,
    r_orig,
    pos_map,
    f_indptr,
    f_idx,
    b_indptr,
    b_idx,
    b_val,
    w,
    block,
    out_mentor,
    out_score,
    out_count,
    out_eligible,
    side_heaps,
    side_sizes,
    side_needed,
):
    """_topk_kernel's work for the b-th block of mentees."""
    m = e_lang.shape[0]
    nc = r_lang.shape[0]
    k = out_mentor.shape[1]
    side_k = side_heaps.shape[2]
    thread = get_thread_id()
    n_words = (nc + 7) // 8
    flags = np.zeros(8 * n_words, dtype=np.uint8)
    flag_words = flags.view(np.uint64)
    marks = np.zeros(nc, dtype=np.int8)
    buf = np.empty(nc, dtype=np.int32)
    heap = np.empty(k, dtype=np.int64)
    for i in range(b * block, min(m, (b + 1) * block)):
        out_count[i] = 0
        out_eligible[i] = 0
        if e_skip[i]:
            continue
        for p in range(b_indptr[i], b_indptr[i + 1]):
            c = pos_map[b_idx[p]]
            if c >= 0:
                marks[c] = b_val[p]
        for p in range(f_indptr[i], f_indptr[i + 1]):
            c = pos_map[f_idx[p]]
            if c >= 0:
                marks[c] = -1
        eligible = _score_row(
            buf,
            marks,
            np.int64(e_lang[i]),
            np.int64(e_pref[i]),
            np.int64(e_needs[i]),
            np.int64(e_avail[i]),
            np.int64(e_int[i]),
            np.int64(e_school[i]),
            np.int64(e_subject[i]),
            np.int64(e_gpref[i]),
            np.int64(e_clear[i]),
            r_lang,
            r_exp,
            r_avail,
            r_int,
            r_school,
            r_subject,
            r_gender,
            r_cleared,
            w,
        )
        for p in range(b_indptr[i], b_indptr[i + 1]):
            c = pos_map[b_idx[p]]
            if c >= 0:
                marks[c] = 0
        for p in range(f_indptr[i], f_indptr[i + 1]):
            c = pos_map[f_idx[p]]
            if c >= 0:
                marks[c] = 0
        start = _tie_start(i, nc)
        size = _scan_top_k_from(buf, heap, start)
        for a in range(size):
            out_score[i, a] = np.int32(heap[a] >> 32)
            out_mentor[i, a] = r_orig[_tie_position(heap[a], start, nc)]
        out_count[i] = size
        out_eligible[i] = eligible
        if side_k == 0:
            continue
        # The score mentee i needs to enter a mentor's heap: 1 while it has room, else one
        # more than its worst. A tie never enters: each thread meets mentees in increasing
        # order (OpenMP and workqueue hand out chunks in order), and the lower one wins.
        # A vectorized pass flags the mentors i enters, then 8 flags are read at a time.
        sizes = side_sizes[thread]
        needed = side_needed[thread]
        hits = 0
        for c in range(nc):
            f = np.uint8(buf[c] >= needed[c])
            flags[c] = f
            hits += f
        if hits == 0:
            continue
        for word in range(n_words):
            if flag_words[word] == 0:
                continue
            for c in range(word * 8, min(word * 8 + 8, nc)):
                if not flags[c]:
                    continue
                key = (np.int64(buf[c]) << 32) | (2147483647 - i)
                side = side_heaps[thread, c]
                if sizes[c] < side_k:
                    _heap_push(side, sizes[c], key)
                    sizes[c] += 1
                else:
                    _heap_replace_root(side, side_k, key)
                if sizes[c] == side_k:
                    needed[c] = np.int32((side[0] >> 32) + 1)


@njit(cache=_CACHE, parallel=True)
def _topk_kernel(
    e_lang,
    e_pref,
    e_needs,
    e_avail,
    e_int,
    e_school,
    e_subject,
    e_gpref,
    e_clear,
    e_skip,
    r_lang,
    r_exp,
    r_avail,
    r_int,
    r_school,
    r_subject,
    r_gender,
    r_cleared,
    r_orig,
    pos_map,
    f_indptr,
    f_idx,
    b_indptr,
    b_idx,
    b_val,
    w,
    block,
    out_mentor,
    out_score,
    out_count,
    out_eligible,
    side_heaps,
    side_sizes,
    side_needed,
):
    """For each mentee not skipped, the k best eligible mentors among the compact ones (those
    with capacity left), best first; ties go to the first compact position from the mentee's
    `_tie_start` on.

    The same pass keeps the mentor side too: side_heaps[t, c] is a min-heap of the best
    mentees of compact mentor c (keys ``score << 32 | (2**31 - 1 - mentee)``) among those
    scored by thread t, side_sizes[t, c] how many it holds; the caller merges the threads.

    Mentees go in blocks, each block with its own scratch: per-mentor marks (int8: the bonus
    value, -1 = forbidden) set and cleared around each mentee, a score buffer, a heap.
    """
    n_blocks = (e_lang.shape[0] + block - 1) // block
    for b in prange(n_blocks):
        _topk_block(
            b,
            e_lang,
            e_pref,
            e_needs,
            e_avail,
            e_int,
            e_school,
            e_subject,
            e_gpref,
            e_clear,
            e_skip,
            r_lang,
            r_exp,
            r_avail,
            r_int,
            r_school,
            r_subject,
            r_gender,
            r_cleared,
            r_orig,
            pos_map,
            f_indptr,
            f_idx,
            b_indptr,
            b_idx,
            b_val,
            w,
            block,
            out_mentor,
            out_score,
            out_count,
            out_eligible,
            side_heaps,
            side_sizes,
            side_needed,
        )


@njit(cache=_CACHE)
def _topk_serial(
    e_lang,
    e_pref,
    e_needs,
    e_avail,
    e_int,
    e_school,
    e_subject,
    e_gpref,
    e_clear,
    e_skip,
    r_lang,
    r_exp,
    r_avail,
    r_int,
    r_school,
    r_subject,
    r_gender,
    r_cleared,
    r_orig,
    pos_map,
    f_indptr,
    f_idx,
    b_indptr,
    b_idx,
    b_val,
    w,
    block,
    out_mentor,
    out_score,
    out_count,
    out_eligible,
    side_heaps,
    side_sizes,
    side_needed,
):
    """_topk_kernel on one thread, for a few hundred mentees (starting the threads costs
    milliseconds)."""
    n_blocks = (e_lang.shape[0] + block - 1) // block
    for b in range(n_blocks):
        _topk_block(
            b,
            e_lang,
            e_pref,
            e_needs,
            e_avail,
            e_int,
            e_school,
            e_subject,
            e_gpref,
            e_clear,
            e_skip,
            r_lang,
            r_exp,
            r_avail,
            r_int,
            r_school,
            r_subject,
            r_gender,
            r_cleared,
            r_orig,
            pos_map,
            f_indptr,
            f_idx,
            b_indptr,
            b_idx,
            b_val,
            w,
            block,
            out_mentor,
            out_score,
            out_count,
            out_eligible,
            side_heaps,
            side_sizes,
            side_needed,
        )


@njit(cache=_CACHE, parallel=True)
def _reason_kernel(
    todo, e_lang, e_clear, r_lang, r_cleared, capacity_left, f_indptr, f_idx, out_reason
):
    """Why each mentee in `todo` has no eligible mentor: the first hard rule, in order, that
    leaves it with none."""
    n = r_lang.shape[0]
    for t in prange(len(todo)):
        i = todo[t]
        has_lang = False
        has_cleared = False
        has_allowed = False
        has_capacity = False
        for j in range(n):
            if (e_lang[i] & r_lang[j]) == 0:
                continue
            has_lang = True
            if e_clear[i] and not r_cleared[j]:
                continue
            has_cleared = True
            forbidden = False
            for p in range(f_indptr[i], f_indptr[i + 1]):
                if f_idx[p] == j:
                    forbidden = True
                    break
            if forbidden:
                continue
            has_allowed = True
            if capacity_left[j] > 0:
                has_capacity = True
                break
        if not has_lang:
            out_reason[i] = REASON_NO_SHARED_LANGUAGE
        elif not has_cleared:
            out_reason[i] = REASON_NO_CLEARED_MENTOR
        elif not has_allowed:
            out_reason[i] = REASON_ALL_FORBIDDEN
        elif not has_capacity:
            out_reason[i] = REASON_NO_CAPACITY
        else:  # not reached: the top-k kernel would have found this mentor
            out_reason[i] = REASON_NONE


@njit(cache=_CACHE)
def _greedy_kernel(order, arc_mentee, arc_mentor, capacity_left, assignment):
    cap = capacity_left.copy()
    for t in range(len(order)):
        a = order[t]
        i = arc_mentee[a]
        j = arc_mentor[a]
        if assignment[i] < 0 and cap[j] > 0:
            assignment[i] = j
            cap[j] -= 1


# --------------------------------------------------------------------------------------------
# The assignment on a set of arcs: an auction with epsilon scaling (Numba, one thread)
#
# Values are scaled: a pair is worth `scale * score`, scale = (mentees in the auction) + 1 (8 or
# 64 times that once refined, see optimize), and every price is an integer. Mentor j has one
# slot per place left; a mentee holding a slot paid its bid, and the mentor's price v_j is its
# lowest slot price (0 while a slot is empty). A mentee's profit is `scale * score - v_j` for
# the mentor it holds, 0 unmatched.
#
# eps-complementary slackness (eps-CS): every mentee's profit is within eps of its best value
# `max(0, max_j scale * score_ij - v_j)` over its arcs, and a mentor with an empty slot has
# price 0. With eps = 1 < scale / mentees, the assignment is optimal on the arcs: the dual
# solution u_i = best value, v_j gives sum(u) + sum(places * v) <= scale * total + mentees *
# eps < scale * (total + 1), and no assignment scores more than that over scale (weak
# duality), so none scores more than total (scores are integers).
#
# A bid compares the best mentor with the best *other* mentor (or staying unmatched), not with
# the same mentor's next slot: slots of one mentor are alike, and comparing them would raise a
# mentor's price one eps per slot at a time.

_NO_PRICE = np.int64(1) << 62


@njit(cache=_CACHE)
def _refresh_price(j, slot_ptr, slot_price, slot_owner, price, cheapest):
    """price[j] = mentor j's lowest slot price, cheapest[j] = that slot (an empty one on ties)."""
    best = _NO_PRICE
    best_slot = -1
    best_empty = False
    for s in range(slot_ptr[j], slot_ptr[j + 1]):
        p = slot_price[s]
        empty = slot_owner[s] < 0
        if p < best or (p == best and empty and not best_empty):
            best = p
            best_slot = s
            best_empty = empty
    price[j] = best
    cheapest[j] = best_slot


@njit(cache=_CACHE)
def _auction_phase(
    eps,
    scale,
    active,
    indptr,
    arc_mentor,
    arc_score,
    slot_ptr,
    slot_mentor,
    slot_price,
    slot_owner,
    price,
    cheapest,
    col_ptr,
    col_mentee,
    col_score,
    held,
    held_value,
    queue,
    mentor_queue,
    queued,
    top_gain,
    top_mentee,
    top_value,
    quota,
):
    """Bring every mentee of `active` to eps-CS on the arcs (CSR indptr/arc_mentor/arc_score,
    compact mentors; col_* the same arcs by mentor). Returns (bids and reverse steps, done):
    after `quota` of them it stops, not done; called again, it resumes where it stopped (the
    mentees to place have held -2, the stale slots are found again).

    held[i]: the slot mentee i holds, -1 unmatched, -2 to place; held_value[i] its scaled
    score. Repeats until nobody needs a move: (1) unassign every mentee no longer eps-happy,
    (2) forward bids until every mentee holds a slot or stays unmatched, (3) reverse steps
    until no empty slot keeps a positive price. Reverse steps lower prices, which can leave a
    mentee of another mentor unhappy, hence the repetition; each step raises some mentee's
    profit or some price by at least eps, so it ends.
    """
    n_queue = queue.shape[0]
    n_mqueue = mentor_queue.shape[0]
    n_mentors = slot_ptr.shape[0] - 1
    bids = 0
    sweep = 0
    while True:
        sweep += 1
        head = 0
        count = 0
        # (1) who is not eps-happy with the current prices
        for t in range(active.shape[0]):
            i = active[t]
            st = held[i]
            if st == -2:
                queue[count] = i
                count += 1
                continue
            best = np.int64(0)
            for p in range(indptr[i], indptr[i + 1]):
                best = max(best, scale * arc_score[p] - price[arc_mentor[p]])
            own = np.int64(0) if st < 0 else held_value[i] - price[slot_mentor[st]]
            if own < best - eps:
                if st >= 0:
                    slot_owner[st] = -1
                    _refresh_price(
                        slot_mentor[st], slot_ptr, slot_price, slot_owner, price, cheapest
                    )
                held[i] = -2
                queue[count] = i
                count += 1
        if count == 0 and sweep > 1:
            return bids, True
        # (2) forward: the mentee bids for its best mentor's cheapest slot
        while count > 0:
            if bids >= quota:
                return bids, False
            i = queue[head]
            head = head + 1 if head + 1 < n_queue else 0
            count -= 1
            bids += 1
            first = np.int64(0)  # staying unmatched is worth 0
            second = -_NO_PRICE
            best_j = -1
            best_value = np.int64(0)
            for p in range(indptr[i], indptr[i + 1]):
                j = arc_mentor[p]
                value = scale * arc_score[p]
                v = value - price[j]
                if v > first:
                    second = first
                    first = v
                    best_j = j
                    best_value = value
                elif v > second:
                    second = v
            if best_j < 0:
                held[i] = -1
                held_value[i] = 0
                continue
            s = cheapest[best_j]
            out = slot_owner[s]
            if out >= 0:
                held[out] = -2
                tail = head + count
                queue[tail if tail < n_queue else tail - n_queue] = out
                count += 1
            slot_owner[s] = i
            slot_price[s] = price[best_j] + (first - second) + eps
            held[i] = s
            held_value[i] = best_value
            _refresh_price(best_j, slot_ptr, slot_price, slot_owner, price, cheapest)
        # (3) reverse: a mentor with an empty slot at a positive price lowers its prices to
        # what its best outsiders would pay, and takes those who then gain more than eps
        mhead = 0
        mcount = 0
        queued[:] = False
        for j in range(n_mentors):
            for s in range(slot_ptr[j], slot_ptr[j + 1]):
                if slot_owner[s] < 0 and slot_price[s] > 0:
                    mentor_queue[mcount] = j
                    mcount += 1
                    queued[j] = True
                    break
        while mcount > 0:
            if bids >= quota:
                return bids, False
            bids += 1
            j = mentor_queue[mhead]
            mhead = mhead + 1 if mhead + 1 < n_mqueue else 0
            mcount -= 1
            queued[j] = False
            lo, hi = slot_ptr[j], slot_ptr[j + 1]
            empty = 0
            stale = False
            for s in range(lo, hi):
                if slot_owner[s] < 0:
                    empty += 1
                    stale = stale or slot_price[s] > 0
            if not stale:
                continue
            # the empty + 1 best outsiders by gain = value - profit, best first (a profit is
            # at least -eps, so a gain at most value + eps)
            want = empty + 1
            n_top = 0
            for q in range(col_ptr[j], col_ptr[j + 1]):
                if n_top == want and scale * col_score[q] + eps <= top_gain[want - 1]:
                    break  # the column is by score, best first: no later gain can enter
                i = col_mentee[q]
                st = held[i]
                if lo <= st < hi:
                    continue
                value = scale * col_score[q]
                gain = value if st < 0 else value - (held_value[i] - price[slot_mentor[st]])
                if n_top < want:
                    pos = n_top
                    n_top += 1
                elif gain > top_gain[n_top - 1]:
                    pos = n_top - 1
                else:
                    continue
                while pos > 0 and top_gain[pos - 1] < gain:
                    top_gain[pos] = top_gain[pos - 1]
                    top_mentee[pos] = top_mentee[pos - 1]
                    top_value[pos] = top_value[pos - 1]
                    pos -= 1
                top_gain[pos] = gain
                top_mentee[pos] = i
                top_value[pos] = value
            new_price = max(np.int64(0), top_gain[empty] - eps) if n_top > empty else 0
            for s in range(lo, hi):
                if slot_owner[s] >= 0 and slot_price[s] > new_price:
                    slot_price[s] = new_price
            s = lo
            for r in range(min(empty, n_top)):
                if new_price == 0 and top_gain[r] <= eps:
                    break  # eps-happy where it is
                i = top_mentee[r]
                while slot_owner[s] >= 0:
                    s += 1
                st = held[i]
                if st >= 0:  # leaves a slot elsewhere, which may now need a reverse step
                    slot_owner[st] = -1
                    jo = slot_mentor[st]
                    _refresh_price(jo, slot_ptr, slot_price, slot_owner, price, cheapest)
                    if slot_price[st] > 0 and not queued[jo]:
                        tail = mhead + mcount
                        mentor_queue[tail if tail < n_mqueue else tail - n_mqueue] = jo
                        mcount += 1
                        queued[jo] = True
                slot_owner[s] = i
                slot_price[s] = new_price
                held[i] = s
                held_value[i] = top_value[r]
            for s in range(lo, hi):
                if slot_owner[s] < 0:
                    slot_price[s] = 0
            _refresh_price(j, slot_ptr, slot_price, slot_owner, price, cheapest)


@njit(cache=_CACHE)
def _by_mentor(indptr, arc_mentor, arc_score, n_mentors):
    """The same arcs grouped by mentor, each group by score, best first (a counting sort on the
    score, then a stable pass by mentor): (col_ptr, col_mentee, col_score)."""
    m = indptr.shape[0] - 1
    n_arcs = arc_mentor.shape[0]
    top = 0
    for p in range(n_arcs):
        top = max(top, arc_score[p])
    by_score = np.zeros(top + 2, dtype=np.int64)  # by_score[top - s + 1]: arcs scoring s
    for p in range(n_arcs):
        by_score[top - arc_score[p] + 1] += 1
    for s in range(top + 1):
        by_score[s + 1] += by_score[s]
    order = np.empty(n_arcs, dtype=np.int64)
    mentee_of = np.empty(n_arcs, dtype=np.int32)
    for i in range(m):
        for p in range(indptr[i], indptr[i + 1]):
            q = by_score[top - arc_score[p]]
            order[q] = p
            mentee_of[q] = i
            by_score[top - arc_score[p]] = q + 1
    col_ptr = np.zeros(n_mentors + 1, dtype=np.int64)
    for p in range(n_arcs):
        col_ptr[arc_mentor[p] + 1] += 1
    for j in range(n_mentors):
        col_ptr[j + 1] += col_ptr[j]
    fill = col_ptr[:-1].copy()
    col_mentee = np.empty(n_arcs, dtype=np.int32)
    col_score = np.empty(n_arcs, dtype=np.int32)
    for r in range(n_arcs):
        p = order[r]
        j = arc_mentor[p]
        col_mentee[fill[j]] = mentee_of[r]
        col_score[fill[j]] = arc_score[p]
        fill[j] += 1
    return col_ptr, col_mentee, col_score


@njit(cache=_CACHE)
def _add_arcs(indptr, arc_mentor, arc_score, rows, new_indptr, new_mentor, new_score):
    """The arc set with, for each mentee rows[t], the arcs new_*[new_indptr[t]:new_indptr[t+1]]
    appended to its row, skipping mentors the row already holds (rows are written packed, as
    far as the first pass allowed for them)."""
    m = indptr.shape[0] - 1
    row_of = np.full(m, -1, dtype=np.int64)
    for t in range(rows.shape[0]):
        row_of[rows[t]] = t
    out_ptr = np.zeros(m + 1, dtype=np.int64)
    for i in range(m):
        extra = 0
        t = row_of[i]
        if t >= 0:
            extra = new_indptr[t + 1] - new_indptr[t]
        out_ptr[i + 1] = out_ptr[i] + (indptr[i + 1] - indptr[i]) + extra
    out_mentor = np.empty(out_ptr[m], dtype=np.int32)
    out_score = np.empty(out_ptr[m], dtype=np.int32)
    for i in range(m):
        q = out_ptr[i]
        for p in range(indptr[i], indptr[i + 1]):
            out_mentor[q] = arc_mentor[p]
            out_score[q] = arc_score[p]
            q += 1
        t = row_of[i]
        if t >= 0:
            for p in range(new_indptr[t], new_indptr[t + 1]):
                duplicate = False
                for r in range(out_ptr[i], q):
                    if out_mentor[r] == new_mentor[p]:
                        duplicate = True
                        break
                if not duplicate:
                    out_mentor[q] = new_mentor[p]
                    out_score[q] = new_score[p]
                    q += 1
        out_ptr[i + 1] = q
    return out_ptr, out_mentor[: out_ptr[m]].copy(), out_score[: out_ptr[m]].copy()


@njit(cache=_CACHE)
def _best_values(
    active, indptr, arc_mentor, arc_score, scale, price, held, held_value, slot_mentor
):
    """Per mentee of `active`: its best value over its arcs (at least 0) and its profit."""
    best = np.zeros(active.shape[0], dtype=np.int64)
    profit = np.zeros(active.shape[0], dtype=np.int64)
    for t in range(active.shape[0]):
        i = active[t]
        b = np.int64(0)
        for p in range(indptr[i], indptr[i + 1]):
            b = max(b, scale * arc_score[p] - price[arc_mentor[p]])
        best[t] = b
        st = held[i]
        profit[t] = 0 if st < 0 else held_value[i] - price[slot_mentor[st]]
    return best, profit


# --------------------------------------------------------------------------------------------
# Pricing: every eligible pair against the prices, in blocks of mentees, without a matrix


@njit(cache=_CACHE)
def _price_block(
    b,
    todo,
    e_lang,
    e_pref,
    e_needs,
    e_avail,
    e_int,
    e_school,
    e_subject,
    e_gpref,
    e_clear,
    r_lang,
    r_exp,
    r_avail,
    r_int,
    r_school,
    r_subject,
    r_gender,
    r_cleared,
    pos_map,
    f_indptr,
    f_idx,
    b_indptr,
    b_idx,
    b_val,
    w,
    indptr,
    arc_mentor,
    arc_map,
    scale,
    price,
    threshold,
    block,
    out_mentor,
    out_score,
    out_count,
    out_best,
    out_outside,
):
    """_price_kernel's work for the b-th block of todo."""
    nt = todo.shape[0]
    nc = r_lang.shape[0]
    k = out_mentor.shape[1]
    lowest = -(np.int64(1) << 62)
    marks = np.zeros(nc, dtype=np.int8)
    listed = np.zeros(nc, dtype=np.bool_)
    buf = np.empty(nc, dtype=np.int32)
    gain = np.empty(nc, dtype=np.int32)
    heap = np.empty(k + 1, dtype=np.int64)
    for t in range(b * block, min(nt, (b + 1) * block)):
        i = todo[t]
        for p in range(b_indptr[i], b_indptr[i + 1]):
            c = pos_map[b_idx[p]]
            if c >= 0:
                marks[c] = b_val[p]
        for p in range(f_indptr[i], f_indptr[i + 1]):
            c = pos_map[f_idx[p]]
            if c >= 0:
                marks[c] = -1
        _score_row(
            buf,
            marks,
            np.int64(e_lang[i]),
            np.int64(e_pref[i]),
            np.int64(e_needs[i]),
            np.int64(e_avail[i]),
            np.int64(e_int[i]),
            np.int64(e_school[i]),
            np.int64(e_subject[i]),
            np.int64(e_gpref[i]),
            np.int64(e_clear[i]),
            r_lang,
            r_exp,
            r_avail,
            r_int,
            r_school,
            r_subject,
            r_gender,
            r_cleared,
            w,
        )
        for p in range(b_indptr[i], b_indptr[i + 1]):
            c = pos_map[b_idx[p]]
            if c >= 0:
                marks[c] = 0
        for p in range(f_indptr[i], f_indptr[i + 1]):
            c = pos_map[f_idx[p]]
            if c >= 0:
                marks[c] = 0
        for p in range(indptr[i], indptr[i + 1]):
            c = arc_map[arc_mentor[p]]
            if c >= 0:
                listed[c] = True
        th = threshold[t]
        best = lowest
        below = lowest  # the best value outside the arcs that does not exceed th
        for c in range(nc):  # vectorized
            s = np.int64(buf[c])
            v = scale * s - price[c] if s > 0 else lowest
            best = max(best, v)
            gain[c] = np.int32(min(max(v - th, 0), 2147483647))
            below = max(below, v if v <= th and not listed[c] else lowest)
        out_best[t] = best
        # the k + 1 best gains: k to add, the next one bounds those left outside
        start = _tie_start(i, nc)
        size = _scan_top_k_from(gain, heap, start) if best > th else 0
        outside = below
        if size > k:
            outside = max(outside, th + (heap[k] >> 32))
            size = k
        for a in range(size):
            c = _tie_position(heap[a], start, nc)
            out_mentor[t, a] = c
            out_score[t, a] = buf[c]
        out_count[t] = size
        out_outside[t] = outside
        for p in range(indptr[i], indptr[i + 1]):
            c = arc_map[arc_mentor[p]]
            if c >= 0:
                listed[c] = False


@njit(cache=_CACHE, parallel=True)
def _price_kernel(
    todo,
    e_lang,
    e_pref,
    e_needs,
    e_avail,
    e_int,
    e_school,
    e_subject,
    e_gpref,
    e_clear,
    r_lang,
    r_exp,
    r_avail,
    r_int,
    r_school,
    r_subject,
    r_gender,
    r_cleared,
    pos_map,
    f_indptr,
    f_idx,
    b_indptr,
    b_idx,
    b_val,
    w,
    indptr,
    arc_mentor,
    arc_map,
    scale,
    price,
    threshold,
    block,
    out_mentor,
    out_score,
    out_count,
    out_best,
    out_outside,
):
    """For each mentee todo[t], over the given mentors (the r_* arrays, prices `price`):
    out_best[t], its best value ``scale * score - price`` over the eligible ones; up to
    out_mentor.shape[1] mentors whose value exceeds threshold[t], most valuable first
    (out_mentor: their index in r_*, out_score: their score); and out_outside[t], at least the
    value of every eligible mentor outside its arcs once those are added (exact when its arcs
    do not exceed threshold[t]). arc_map takes a compact mentor of the arc set to its index in
    r_* (-1: not priced here)."""
    n_blocks = (todo.shape[0] + block - 1) // block
    for b in prange(n_blocks):
        _price_block(
            b,
            todo,
            e_lang,
            e_pref,
            e_needs,
            e_avail,
            e_int,
            e_school,
            e_subject,
            e_gpref,
            e_clear,
            r_lang,
            r_exp,
            r_avail,
            r_int,
            r_school,
            r_subject,
            r_gender,
            r_cleared,
            pos_map,
            f_indptr,
            f_idx,
            b_indptr,
            b_idx,
            b_val,
            w,
            indptr,
            arc_mentor,
            arc_map,
            scale,
            price,
            threshold,
            block,
            out_mentor,
            out_score,
            out_count,
            out_best,
            out_outside,
        )


@njit(cache=_CACHE)
def _price_serial(
    todo,
    e_lang,
    e_pref,
    e_needs,
    e_avail,
    e_int,
    e_school,
    e_subject,
    e_gpref,
    e_clear,
    r_lang,
    r_exp,
    r_avail,
    r_int,
    r_school,
    r_subject,
    r_gender,
    r_cleared,
    pos_map,
    f_indptr,
    f_idx,
    b_indptr,
    b_idx,
    b_val,
    w,
    indptr,
    arc_mentor,
    arc_map,
    scale,
    price,
    threshold,
    block,
    out_mentor,
    out_score,
    out_count,
    out_best,
    out_outside,
):
    """_price_kernel on one thread: starting the threads costs milliseconds, more than a
    few hundred mentees take."""
    n_blocks = (todo.shape[0] + block - 1) // block
    for b in range(n_blocks):
        _price_block(
            b,
            todo,
            e_lang,
            e_pref,
            e_needs,
            e_avail,
            e_int,
            e_school,
            e_subject,
            e_gpref,
            e_clear,
            r_lang,
            r_exp,
            r_avail,
            r_int,
            r_school,
            r_subject,
            r_gender,
            r_cleared,
            pos_map,
            f_indptr,
            f_idx,
            b_indptr,
            b_idx,
            b_val,
            w,
            indptr,
            arc_mentor,
            arc_map,
            scale,
            price,
            threshold,
            block,
            out_mentor,
            out_score,
            out_count,
            out_best,
            out_outside,
        )


@njit(cache=_CACHE, parallel=True)
def _all_arcs_kernel(
    todo,
    out_ptr,
    e_lang,
    e_pref,
    e_needs,
    e_avail,
    e_int,
    e_school,
    e_subject,
    e_gpref,
    e_clear,
    r_lang,
    r_exp,
    r_avail,
    r_int,
    r_school,
    r_subject,
    r_gender,
    r_cleared,
    r_orig,
    pos_map,
    f_indptr,
    f_idx,
    b_indptr,
    b_idx,
    b_val,
    w,
    block,
    out_mentor,
    out_score,
):
    """Every eligible pair of the mentees todo[t], written at out_ptr[todo[t]] onwards."""
    nt = todo.shape[0]
    nc = r_lang.shape[0]
    n_blocks = (nt + block - 1) // block
    for b in prange(n_blocks):
        marks = np.zeros(nc, dtype=np.int8)
        buf = np.empty(nc, dtype=np.int32)
        for t in range(b * block, min(nt, (b + 1) * block)):
            i = todo[t]
            for p in range(b_indptr[i], b_indptr[i + 1]):
                c = pos_map[b_idx[p]]
                if c >= 0:
                    marks[c] = b_val[p]
            for p in range(f_indptr[i], f_indptr[i + 1]):
                c = pos_map[f_idx[p]]
                if c >= 0:
                    marks[c] = -1
            _score_row(
                buf,
                marks,
                np.int64(e_lang[i]),
                np.int64(e_pref[i]),
                np.int64(e_needs[i]),
                np.int64(e_avail[i]),
                np.int64(e_int[i]),
                np.int64(e_school[i]),
                np.int64(e_subject[i]),
                np.int64(e_gpref[i]),
                np.int64(e_clear[i]),
                r_lang,
                r_exp,
                r_avail,
                r_int,
                r_school,
                r_subject,
                r_gender,
                r_cleared,
                w,
            )
            for p in range(b_indptr[i], b_indptr[i + 1]):
                c = pos_map[b_idx[p]]
                if c >= 0:
                    marks[c] = 0
            for p in range(f_indptr[i], f_indptr[i + 1]):
                c = pos_map[f_idx[p]]
                if c >= 0:
                    marks[c] = 0
            q = out_ptr[i]
            for c in range(nc):
                if buf[c] > 0:
                    out_mentor[q] = r_orig[c]
                    out_score[q] = buf[c]
                    q += 1


@njit(cache=_CACHE, parallel=True)
def _free_place_kernel(todo, e_lang, e_clear, r_lang, r_cleared, r_orig, f_indptr, f_idx, out):
    """out[t] = True if mentee todo[t] is eligible for one of the given mentors (those with a
    free place): shared language, clearance for a minor, not forbidden."""
    for t in prange(todo.shape[0]):
        i = todo[t]
        found = False
        for c in range(r_lang.shape[0]):
            if (e_lang[i] & r_lang[c]) == 0 or (e_clear[i] and not r_cleared[c]):
                continue
            forbidden = False
            for p in range(f_indptr[i], f_indptr[i + 1]):
                if f_idx[p] == r_orig[c]:
                    forbidden = True
                    break
            if not forbidden:
                found = True
                break
        out[t] = found


def _kernel_arrays(prep: _Prepared) -> tuple:
    """The arrays `_score_pairs_kernel` takes between the pair lists and the weights."""
    return (
        prep.e_lang,
        prep.e_pref,
        prep.e_needs,
        prep.e_avail,
        prep.e_int,
        prep.e_school,
        prep.e_subject,
        prep.e_gpref,
        prep.r_lang,
        prep.r_exp,
        prep.r_avail,
        prep.r_int,
        prep.r_school,
        prep.r_subject,
        prep.r_gender,
        prep.b_indptr,
        prep.b_idx,
        prep.b_val,
    )


# --------------------------------------------------------------------------------------------
# Public API


def candidates(pool: Pool, weights: Weights, k: int = 24, mentor_k: int = 16) -> Candidates:
    """Each mentee's top-k eligible mentors by score, and each mentor's mentor_k best eligible
    mentees (ties: lower mentee position first).

    Ties between mentors go to the first in the order of the mentors with a place left,
    starting from a position that depends on the mentee (`_tie_start`) and wrapping around:
    with many equal scores, mentees do not all keep the same few mentors.

    Mentors without capacity left after the pins are never candidates; pinned mentees get
    none. The dense M x N matrix is never built: one Numba pass per mentee block.

    The mentor side is for `solve`: a mentor that no mentee ranks in its own top k would
    otherwise enter the first arc set with no pair at all, keep a zero price there, and look
    free to every mentee at the first pricing round.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    if mentor_k < 0:
        raise ValueError("mentor_k must be 0 or more")
    w = weights.as_array()
    prep = _prepare(pool)
    m = pool.n_mentees
    open_mentors = np.flatnonzero(prep.capacity_left > 0)
    pos_map = np.full(pool.n_mentors, -1, dtype=np.int64)
    pos_map[open_mentors] = np.arange(len(open_mentors))
    k_eff = max(1, min(k, len(open_mentors)))
    out_mentor = np.empty((m, k_eff), dtype=np.int32)
    out_score = np.empty((m, k_eff), dtype=np.int32)
    out_count = np.zeros(m, dtype=np.int32)
    eligible = np.zeros(m, dtype=np.int32)
    n_open = len(open_mentors)
    side_k = min(mentor_k, m) if n_open else 0
    # one heap per thread and open mentor (a thread id is below NUMBA_NUM_THREADS)
    side_heaps = np.empty((config.NUMBA_NUM_THREADS, n_open, side_k), dtype=np.int64)
    side_sizes = np.zeros((config.NUMBA_NUM_THREADS, n_open), dtype=np.int32)
    side_needed = np.ones((config.NUMBA_NUM_THREADS, n_open), dtype=np.int32)
    if m:
        # Blocks handed out a few at a time rather than split in equal halves up front, so a
        # core slowed by another process does not hold the whole pass back.
        previous_chunksize = set_parallel_chunksize(_BLOCKS_PER_CHUNK)
        kernel = _topk_kernel if m >= _PARALLEL_FROM else _topk_serial
        try:
            kernel(
                prep.e_lang,
                prep.e_pref,
                prep.e_needs,
                prep.e_avail,
                prep.e_int,
                prep.e_school,
                prep.e_subject,
                prep.e_gpref,
                prep.e_clear,
                prep.pinned_mask,
                prep.r_lang[open_mentors],
                prep.r_exp[open_mentors],
                prep.r_avail[open_mentors],
                prep.r_int[open_mentors],
                prep.r_school[open_mentors],
                prep.r_subject[open_mentors],
                prep.r_gender[open_mentors],
                prep.r_cleared[open_mentors].astype(np.int8),
                open_mentors.astype(np.int32),
                pos_map,
                prep.f_indptr,
                prep.f_idx,
                prep.b_indptr,
                prep.b_idx,
                prep.b_val,
                w,
                _MENTEES_PER_BLOCK,
                out_mentor,
                out_score,
                out_count,
                eligible,
                side_heaps,
                side_sizes,
                side_needed,
            )
        finally:
            set_parallel_chunksize(previous_chunksize)
    side_mentee, side_mentor, side_score = _merge_side_heaps(
        side_heaps, side_sizes, side_k, open_mentors
    )
    indptr = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(out_count, out=indptr[1:])
    keep = np.arange(k_eff)[None, :] < out_count[:, None]
    reason = np.zeros(m, dtype=np.int8)
    todo = np.flatnonzero((eligible == 0) & ~prep.pinned_mask)
    if len(todo):
        _reason_kernel(
            todo,
            prep.e_lang,
            prep.e_clear,
            prep.r_lang,
            prep.r_cleared,
            prep.capacity_left,
            prep.f_indptr,
            prep.f_idx,
            reason,
        )
    return Candidates(
        indptr=indptr,
        mentor=out_mentor[keep],
        score=out_score[keep],
        eligible_count=eligible,
        reason=reason,
        weights=weights,
        k=k,
        side_mentee=side_mentee,
        side_mentor=side_mentor,
        side_score=side_score,
    )


def _merge_side_heaps(heaps, sizes, side_k, open_mentors):
    """Each mentor's side_k best keys over the threads' heaps, as (mentee, mentor, score)."""
    threads, n_open = sizes.shape
    if side_k == 0 or n_open == 0:
        empty = np.zeros(0, dtype=np.int32)
        return empty, empty.copy(), empty.copy()
    held = np.arange(side_k)[None, None, :] < sizes[:, :, None]
    keys = heaps[held]
    owner = np.broadcast_to(np.arange(n_open)[None, :, None], heaps.shape)[held]
    order = np.lexsort((-keys, owner))
    keys, owner = keys[order], owner[order]
    first = np.searchsorted(owner, np.arange(n_open))
    keep = np.arange(len(owner)) - first[owner] < side_k
    keys, owner = keys[keep], owner[keep]
    mentee = (2147483647 - (keys & 0xFFFFFFFF)).astype(np.int32)
    return mentee, open_mentors[owner].astype(np.int32), (keys >> 32).astype(np.int32)


def _pinned_assignment(pool: Pool, prep: _Prepared) -> np.ndarray:
    assignment = np.full(pool.n_mentees, -1, dtype=np.int32)
    assignment[prep.pin_mentee] = prep.pin_mentor
    return assignment


@dataclass
class Solution:
    """What `optimize` found: an assignment, its total score, and either a proof that no
    assignment of the pool scores more or a bound on how much more one could score."""

    assignment: np.ndarray  # int32 mentor position per mentee, -1 = unmatched
    total: int  # total score, pinned pairs included
    bound: int  # no assignment of this pool scores more (pins included); total when proven
    proven: bool  # optimal over every eligible pair, proven by pricing
    rounds: int  # pricing rounds that added pairs and solved again
    arcs: int  # pairs in the final arc set
    seconds: float

    @property
    def gap_percent(self) -> float:
        """How far the total may be below the best possible, in percent of the bound."""
        if self.bound <= 0 or self.bound <= self.total:
            return 0.0
        return 100.0 * (self.bound - self.total) / self.bound


# When pricing stalls (no proof, and the pairs it finds gain at most _STALLED units), values
# and prices are scaled by _REFINE and the last phases run again: with many equal scores the
# dual value keeps about a unit of slack per mentee, a point in all at scale = mentees + 1,
# and pricing keeps finding pairs that gain a unit or two; a finer scale leaves 1/8 of it.
_STALLED = 2
_REFINE = 8
_FINEST = 64  # refine at most to 64 * (mentees + 1)
_EPS_DIVISOR = 8  # first epsilon of a cold start: the largest scaled score over this
_EPS_FACTOR = 4  # epsilon shrinks by this factor each phase
_WARM_DIVISOR = 64  # a warm start after a large change begins at the largest gain over this
_LARGE_CHANGE = 0.01  # ... a large change: new pairs for more than 1 % of the mentees
_QUOTA = 500_000  # bids or reverse steps between two looks at the deadline (~0.5 s)
_UNFINISHED = np.int64(1) << 40  # the eps of a phase stopped before its end
_FIRST_ROUND_ARCS = 24  # pairs a mentee may add at the first pricing round
_LATER_ROUND_ARCS = 8  # ... at later rounds
_NEVER = -(np.int64(1) << 62)


class _Market:
    """The state of the column generation: the arc set (CSR over mentees, compact open
    mentors), the auction's slots, prices and holdings, and for each mentee a bound on the
    value of the eligible mentors outside its arcs."""

    def __init__(self, pool: Pool, prep: _Prepared, cands: Candidates, deadline: float | None):
        self.pool, self.prep, self.deadline = pool, prep, deadline
        self.w = cands.weights.as_array()
        m, n = pool.n_mentees, pool.n_mentors
        self.open = np.flatnonzero(prep.capacity_left > 0)
        n_open = len(self.open)
        self.pos_map = np.full(n, -1, dtype=np.int64)
        self.pos_map[self.open] = np.arange(n_open)
        if len(cands.mentor) and (self.pos_map[cands.mentor] < 0).any():
            raise ValueError("these candidates name mentors without a place left: recompute them")
        # the first arc set: each mentee's top k, then each mentor's best mentees
        indptr = np.ascontiguousarray(cands.indptr, dtype=np.int64)
        top_mentor = self.pos_map[cands.mentor].astype(np.int32)
        top_score = np.ascontiguousarray(cands.score, dtype=np.int32)
        side = np.ones(len(cands.side_mentee), dtype=np.bool_)
        if side.any():
            side = ~prep.pinned_mask[cands.side_mentee] & (self.pos_map[cands.side_mentor] >= 0)
        side_mentee = cands.side_mentee[side].astype(np.int64)
        order = np.argsort(side_mentee, kind="stable")
        side_mentee = side_mentee[order]
        rows, starts = np.unique(side_mentee, return_index=True)
        side_ptr = np.append(starts, len(side_mentee)).astype(np.int64)
        self.indptr, self.arc_mentor, self.arc_score = _add_arcs(
            indptr,
            top_mentor,
            top_score,
            rows.astype(np.int64),
            side_ptr,
            self.pos_map[cands.side_mentor[side][order]].astype(np.int32),
            cands.side_score[side][order].astype(np.int32),
        )
        self.active = np.flatnonzero(np.diff(self.indptr) > 0).astype(np.int64)
        self.scale = np.int64(len(self.active) + 1)
        # outside[i] >= value of every eligible mentor outside i's arcs; _NEVER if none
        counts = np.diff(indptr)
        self.outside = np.full(m, _NEVER, dtype=np.int64)
        cut = (cands.eligible_count > counts) & (counts > 0)
        self.outside[cut] = self.scale * top_score[indptr[1:][cut] - 1].astype(np.int64)
        # the auction: one slot per place left
        self.places = prep.capacity_left[self.open].astype(np.int64)
        self.slot_ptr = np.zeros(n_open + 1, dtype=np.int64)
        np.cumsum(self.places, out=self.slot_ptr[1:])
        self.slot_mentor = np.repeat(np.arange(n_open), self.places).astype(np.int64)
        self.slot_price = np.zeros(int(self.slot_ptr[-1]), dtype=np.int64)
        self.slot_owner = np.full(int(self.slot_ptr[-1]), -1, dtype=np.int64)
        self.price = np.zeros(n_open, dtype=np.int64)
        self.cheapest = self.slot_ptr[:-1].copy()
        self.held = np.full(m, -2, dtype=np.int64)
        self.held_value = np.zeros(m, dtype=np.int64)
        self.priced_at = self.price.copy()  # prices at the last pricing round
        top = int(self.places.max()) + 1 if n_open else 1
        self.scratch = (
            np.empty(len(self.active) + 1, dtype=np.int64),
            np.empty(n_open + 1, dtype=np.int64),
            np.zeros(n_open, dtype=np.bool_),
            np.empty(top, dtype=np.int64),
            np.empty(top, dtype=np.int64),
            np.empty(top, dtype=np.int64),
        )
        self.eps = _NEVER
        self.bids = 0
        self.bound_scaled = 0  # nothing to assign: proven
        self.mentors = (
            prep.r_lang[self.open],
            prep.r_exp[self.open],
            prep.r_avail[self.open],
            prep.r_int[self.open],
            prep.r_school[self.open],
            prep.r_subject[self.open],
            prep.r_gender[self.open],
            prep.r_cleared[self.open].astype(np.int8),
        )

    def out_of_time(self) -> bool:
        return self.deadline is not None and time.perf_counter() > self.deadline

    def auction(self, eps: int) -> None:
        """eps-scaling phases from eps down to 1, or until the deadline (checked every
        _QUOTA bids or reverse steps: a phase can take seconds)."""
        col = _by_mentor(self.indptr, self.arc_mentor, self.arc_score, len(self.open))
        while True:
            work, done = _auction_phase(
                np.int64(eps),
                self.scale,
                self.active,
                self.indptr,
                self.arc_mentor,
                self.arc_score,
                self.slot_ptr,
                self.slot_mentor,
                self.slot_price,
                self.slot_owner,
                self.price,
                self.cheapest,
                *col,
                self.held,
                self.held_value,
                *self.scratch,
                _QUOTA,
            )
            self.bids += work
            if not done:
                self.eps = _UNFINISHED  # not eps-CS: no claim rests on it, the bound holds
                if self.out_of_time():
                    return
                continue
            self.eps = eps
            if eps == 1 or self.out_of_time():
                return
            eps = max(1, eps // _EPS_FACTOR)

    def cold_eps(self) -> int:
        top = int(self.arc_score.max()) if len(self.arc_score) else 1
        return max(1, int(self.scale) * top // _EPS_DIVISOR)

    def _price(self, todo, subset, threshold, per_mentee):
        """Run the pricing kernel on the mentees todo against all open mentors (subset None)
        or the compact mentors `subset`; new arcs as CSR rows over todo, compact mentors."""
        prep = self.prep
        if subset is None:
            mentors, pos_map, price = self.mentors, self.pos_map, self.price
            arc_map = np.arange(len(self.open), dtype=np.int64)
        else:
            mentors = tuple(column[subset] for column in self.mentors)
            pos_map = np.full(self.pool.n_mentors, -1, dtype=np.int64)
            pos_map[self.open[subset]] = np.arange(len(subset))
            arc_map = np.full(len(self.open), -1, dtype=np.int64)
            arc_map[subset] = np.arange(len(subset))
            price = self.price[subset]
        width = max(1, min(per_mentee, len(price)))
        out_mentor = np.zeros((len(todo), width), dtype=np.int32)
        out_score = np.zeros((len(todo), width), dtype=np.int32)
        out_count = np.zeros(len(todo), dtype=np.int32)
        out_best = np.full(len(todo), _NEVER, dtype=np.int64)
        out_outside = np.full(len(todo), _NEVER, dtype=np.int64)
        if len(todo):
            kernel = _price_kernel if len(todo) >= _PARALLEL_FROM else _price_serial
            previous = set_parallel_chunksize(_BLOCKS_PER_CHUNK)
            try:
                kernel(
                    todo,
                    prep.e_lang,
                    prep.e_pref,
                    prep.e_needs,
                    prep.e_avail,
                    prep.e_int,
                    prep.e_school,
                    prep.e_subject,
                    prep.e_gpref,
                    prep.e_clear,
                    *mentors,
                    pos_map,
                    prep.f_indptr,
                    prep.f_idx,
                    prep.b_indptr,
                    prep.b_idx,
                    prep.b_val,
                    self.w,
                    self.indptr,
                    self.arc_mentor,
                    arc_map,
                    self.scale,
                    price,
                    threshold,
                    _MENTEES_PER_BLOCK,
                    out_mentor,
                    out_score,
                    out_count,
                    out_best,
                    out_outside,
                )
            finally:
                set_parallel_chunksize(previous)
        keep = np.arange(width)[None, :] < out_count[:, None]
        new_mentor = out_mentor[keep]
        if subset is not None:
            new_mentor = subset[new_mentor]
        new_ptr = np.zeros(len(todo) + 1, dtype=np.int64)
        np.cumsum(out_count, out=new_ptr[1:])
        return new_ptr, new_mentor.astype(np.int32), out_score[keep], out_best, out_outside

    def price_round(self, per_mentee: int) -> tuple[int, int]:
        """Price every eligible pair against the current prices (screened, see below), add to
        the arc set those worth more than their mentee's profit + eps, and update the dual
        bound. Returns (pairs added, largest gain).

        A mentee is priced in full only when the bound on its mentors outside the arc set
        exceeds its profit + eps; the others only against the mentors whose price dropped
        since the last round (a bound computed at higher prices does not hold for them)."""
        best_listed, profit = _best_values(
            self.active,
            self.indptr,
            self.arc_mentor,
            self.arc_score,
            self.scale,
            self.price,
            self.held,
            self.held_value,
            self.slot_mentor,
        )
        threshold = profit + self.eps
        outside = self.outside[self.active]
        full = outside > threshold
        dropped = np.flatnonzero(self.price < self.priced_at)
        partial = ~full & (outside > _NEVER) if len(dropped) else np.zeros_like(full)
        u = np.maximum(best_listed, 0)
        added, gain = [], 0
        for mask, subset in ((full, None), (partial, dropped)):
            todo = self.active[mask]
            if not len(todo):
                continue
            ptr, mentor, score, best, beyond = self._price(
                todo, subset, threshold[mask], per_mentee
            )
            if subset is None:
                self.outside[todo] = beyond
                u[mask] = np.maximum(best, 0)
            else:
                self.outside[todo] = np.maximum(self.outside[todo], beyond)
                u[mask] = np.maximum(u[mask], best)
            if len(mentor):
                added.append((todo, ptr, mentor, score))
                gain = max(gain, int((best - threshold[mask]).max()))
        u = np.maximum(u, np.maximum(self.outside[self.active], 0))
        self.bound_scaled = int(u.sum()) + int((self.places * self.price).sum())
        self.priced_at = self.price.copy()
        n_added = 0
        for todo, ptr, mentor, score in added:
            self.indptr, self.arc_mentor, self.arc_score = _add_arcs(
                self.indptr, self.arc_mentor, self.arc_score, todo, ptr, mentor, score
            )
            n_added += len(mentor)
        return n_added, gain

    def refine(self, factor: int) -> None:
        """Scale values, prices and bounds by factor: the state is then factor-CS."""
        self.scale = np.int64(self.scale * factor)
        self.slot_price *= factor
        self.price *= factor
        self.priced_at *= factor
        self.held_value *= factor
        self.outside = np.where(self.outside > _NEVER, self.outside * factor, _NEVER)
        self.bound_scaled *= factor

    def proven(self) -> bool:
        """The dual value of the last pricing round leaves no room for a better assignment:
        below scale * (total + 1), so no total above this one (scores are integers)."""
        return self.bound_scaled < int(self.scale) * (self.free_total() + 1)

    def free_total(self) -> int:
        """The total score of the pairs the auction holds (pins excluded)."""
        return int(self.held_value[self.held >= 0].sum() // self.scale)

    def assignment(self) -> np.ndarray:
        assignment = _pinned_assignment(self.pool, self.prep)
        holding = np.flatnonzero(self.held >= 0)
        assignment[holding] = self.open[self.slot_mentor[self.held[holding]]]
        return assignment


def optimize(pool: Pool, cands: Candidates, time_limit: float | None = None) -> Solution:
    """The assignment of largest total score over every eligible pair (hard rules applied),
    under the mentors' capacities, pins applied first, with a proof; or, when time_limit
    (seconds) runs out first, the best assignment found and a proven bound.

    Column generation: solve on an arc set (each mentee's top k candidates and each mentor's
    best mentees), then price every eligible pair against the solved prices in a Numba pass
    over mentee blocks (no dense matrix), add the pairs worth more than their mentee's profit
    and solve again from the previous prices and holdings (warm start), until pricing proves
    the assignment optimal (below). The solve on the arc set is an auction with eps-scaling
    (see `_auction_phase`): at eps = 1, with values scaled by the number of mentees + 1, eps-CS
    means optimal on the arcs. When pricing stalls on pairs that gain a unit or two (many equal
    scores), values are refined (see _STALLED).

    The proof is the pricing pass itself. With the mentors' prices as potentials v_j >= 0 and,
    for each mentee, u_i = max(0, max over every eligible mentor j of scale * score_ij - v_j),
    no eligible arc has a negative reduced cost (u_i + v_j - scale * score_ij >= 0): (u, v) is
    a feasible dual of the whole cohort's assignment problem, so no assignment scores more than
    D = sum(u) + sum(places * v) over scale (weak duality). The pass computes D without a
    matrix, and the loop stops as soon as D < scale * (total + 1): scores are integers, so no
    assignment scores more than total. It must stop: when pricing finds no pair worth more
    than its mentee's profit + eps with eps = 1, eps-CS holds over every eligible pair and
    D <= scale * total + mentees * eps < scale * (total + 1). Without the proof (time out),
    `Solution.bound` is D over scale, rounded down, plus the pins. Mentees are priced in full
    only when a bound on their mentors outside the arc set could exceed their profit; a pricing
    round after the first is cheap.

    An assignment stopped early is completed: a mentee left unmatched while an eligible mentor
    still has a place is given one (see `unmatched_reasons`); a proven optimum never needs it.
    """
    started = time.perf_counter()
    deadline = None if time_limit is None else started + time_limit
    prep = _prepare(pool)
    arc_mentee = cands.mentee
    if len(arc_mentee) and prep.pinned_mask[arc_mentee].any():
        raise ValueError("these candidates hold arcs of pinned mentees: recompute them")
    market = _Market(pool, prep, cands, deadline)
    pinned_total = total_score(pool, cands.weights, _pinned_assignment(pool, prep))
    rounds = 0
    if len(market.active):
        market.auction(market.cold_eps())
        first = True
        while True:
            per_mentee = _FIRST_ROUND_ARCS if first else _LATER_ROUND_ARCS
            added, gain = market.price_round(per_mentee)
            first = False
            if market.proven():
                break
            if added == 0 and market.eps == 1:
                # cannot happen (eps-CS over every pair bounds the dual value, see above)
                logger.error("pricing found no pair to add but no proof either")
                break
            if market.out_of_time():
                break
            rounds += 1
            if gain <= _STALLED and market.scale < _FINEST * (len(market.active) + 1):
                market.refine(_REFINE)
                market.auction(_REFINE)
                continue
            large = added > _LARGE_CHANGE * len(market.active)
            market.auction(max(1, gain // _WARM_DIVISOR) if large else 1)
    proven = market.proven()
    bound = market.bound_scaled // int(market.scale) + pinned_total
    assignment = market.assignment()
    if not proven:
        _complete(pool, prep, cands, assignment)
    total = total_score(pool, cands.weights, assignment)
    if not proven and bound <= total:
        proven = True  # completed after stopping early, and the bound proves it
    return Solution(
        assignment=assignment,
        total=total,
        bound=total if proven else max(bound, total),
        proven=proven,
        rounds=rounds,
        arcs=len(market.arc_mentor),
        seconds=time.perf_counter() - started,
    )


def _complete(pool: Pool, prep: _Prepared, cands: Candidates, assignment: np.ndarray) -> None:
    """Give each unmatched mentee an eligible mentor with a place left, best score first,
    while there is one (an assignment stopped early may leave some)."""
    w = cands.weights.as_array()
    while True:
        free = _places_left(prep, assignment)
        subset = np.flatnonzero(free > 0)
        todo = np.flatnonzero((assignment < 0) & ~prep.pinned_mask & (cands.eligible_count > 0))
        if not len(subset) or not len(todo):
            return
        width = min(len(subset), 16)
        out_mentor = np.zeros((len(todo), width), dtype=np.int32)
        out_score = np.zeros((len(todo), width), dtype=np.int32)
        out_count = np.zeros(len(todo), dtype=np.int32)
        pos_map = np.full(pool.n_mentors, -1, dtype=np.int64)
        pos_map[subset] = np.arange(len(subset))
        kernel = _price_kernel if len(todo) >= _PARALLEL_FROM else _price_serial
        kernel(
            todo.astype(np.int64),
            prep.e_lang,
            prep.e_pref,
            prep.e_needs,
            prep.e_avail,
            prep.e_int,
            prep.e_school,
            prep.e_subject,
            prep.e_gpref,
            prep.e_clear,
            prep.r_lang[subset],
            prep.r_exp[subset],
            prep.r_avail[subset],
            prep.r_int[subset],
            prep.r_school[subset],
            prep.r_subject[subset],
            prep.r_gender[subset],
            prep.r_cleared[subset].astype(np.int8),
            pos_map,
            prep.f_indptr,
            prep.f_idx,
            prep.b_indptr,
            prep.b_idx,
            prep.b_val,
            w,
            np.zeros(pool.n_mentees + 1, dtype=np.int64),  # no arc set
            np.zeros(0, dtype=np.int32),
            np.zeros(0, dtype=np.int64),
            np.int64(1),
            np.zeros(len(subset), dtype=np.int64),
            np.zeros(len(todo), dtype=np.int64),  # any eligible mentor
            _MENTEES_PER_BLOCK,
            out_mentor,
            out_score,
            out_count,
            np.empty(len(todo), dtype=np.int64),
            np.empty(len(todo), dtype=np.int64),
        )
        placed = False
        for t in np.argsort(-out_score[:, 0], kind="stable").tolist():
            for a in range(int(out_count[t])):
                j = int(subset[out_mentor[t, a]])
                if free[j] > 0:
                    assignment[todo[t]] = j
                    free[j] -= 1
                    placed = True
                    break
        if not placed:
            return


def _places_left(prep: _Prepared, assignment: np.ndarray) -> np.ndarray:
    """Per mentor: places left after the pins and the other pairs of the assignment."""
    others = np.asarray(assignment).copy()
    others[prep.pin_mentee] = -1
    load = np.bincount(others[others >= 0], minlength=len(prep.capacity_left))
    return prep.capacity_left - load


def solve(pool: Pool, cands: Candidates, time_limit: float | None = None) -> np.ndarray:
    """The assignment (mentor position per mentee, -1 = unmatched) of largest total score over
    every eligible pair, under the mentors' capacities, pins applied first; `optimize` tells
    whether it is proven and the bound when time_limit ran out first."""
    return optimize(pool, cands, time_limit).assignment


def eligible_arcs(pool: Pool, weights: Weights) -> Candidates:
    """Every eligible pair (mentors with a place left after the pins, pinned mentees apart),
    as Candidates with rows by mentor position rather than best first: the full graph, for
    `solve_on_arcs` as a reference. Memory grows with M x N (74 M pairs at 20,000 x 4,000)."""
    cands = candidates(pool, weights, k=1, mentor_k=0)
    prep = _prepare(pool)
    open_mentors = np.flatnonzero(prep.capacity_left > 0)
    pos_map = np.full(pool.n_mentors, -1, dtype=np.int64)
    pos_map[open_mentors] = np.arange(len(open_mentors))
    counts = cands.eligible_count.astype(np.int64)
    counts[prep.pinned_mask] = 0
    indptr = np.zeros(pool.n_mentees + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    out_mentor = np.empty(int(indptr[-1]), dtype=np.int32)
    out_score = np.empty(int(indptr[-1]), dtype=np.int32)
    todo = np.flatnonzero(counts > 0).astype(np.int64)
    if len(todo):
        _all_arcs_kernel(
            todo,
            indptr,
            prep.e_lang,
            prep.e_pref,
            prep.e_needs,
            prep.e_avail,
            prep.e_int,
            prep.e_school,
            prep.e_subject,
            prep.e_gpref,
            prep.e_clear,
            prep.r_lang[open_mentors],
            prep.r_exp[open_mentors],
            prep.r_avail[open_mentors],
            prep.r_int[open_mentors],
            prep.r_school[open_mentors],
            prep.r_subject[open_mentors],
            prep.r_gender[open_mentors],
            prep.r_cleared[open_mentors].astype(np.int8),
            open_mentors.astype(np.int32),
            pos_map,
            prep.f_indptr,
            prep.f_idx,
            prep.b_indptr,
            prep.b_idx,
            prep.b_val,
            weights.as_array(),
            _MENTEES_PER_BLOCK,
            out_mentor,
            out_score,
        )
    return Candidates(
        indptr=indptr,
        mentor=out_mentor,
        score=out_score,
        eligible_count=cands.eligible_count,
        reason=cands.reason,
        weights=weights,
        k=pool.n_mentors,
    )


def solve_on_arcs(pool: Pool, cands: Candidates) -> np.ndarray:
    """The assignment of largest total score on the candidate arcs only (each mentee's top k,
    not the mentor side), under the mentors' capacities, pins applied first: exact for these
    arcs, not for the cohort unless they hold every eligible pair (`eligible_arcs`, or k = the
    number of mentors). The reference `optimize` is checked against, and the engine's solve
    before column generation.

    A min-cost flow: source -> mentee (capacity 1), mentee -> mentor (capacity 1, cost
    -score), mentor -> sink (capacity left after pins), and one source -> sink bypass arc of
    cost 0 carrying the flow of unmatched mentees (equivalent to a bypass arc per mentee, with
    M fewer arcs). Flows are integral, so the optimum is an assignment.

    Why OR-Tools' SimpleMinCostFlow rather than SciPy: SciPy's
    `min_weight_full_bipartite_matching` has neither capacities nor optional matching, so it
    needs a column per capacity unit (~4.5x the arcs here) plus a dummy column per mentee, and
    `linear_sum_assignment` is dense (M x N is 2e9 cells at full scale). OR-Tools takes the
    capacities natively: 2.4 M candidate arcs at 100k x 20k solve in seconds (bench/matching.py).
    """
    from ortools.graph.python import min_cost_flow

    prep = _prepare(pool)
    assignment = _pinned_assignment(pool, prep)
    arc_mentee = cands.mentee.astype(np.int64)
    arc_mentor = cands.mentor.astype(np.int64)
    if len(arc_mentee) and prep.pinned_mask[arc_mentee].any():
        raise ValueError("these candidates hold arcs of pinned mentees: recompute them")
    if len(arc_mentee) == 0:
        return assignment
    mentees, mentee_node = np.unique(arc_mentee, return_inverse=True)
    mentors, mentor_node = np.unique(arc_mentor, return_inverse=True)
    n_e, n_r = len(mentees), len(mentors)
    source, sink = 0, 1
    mentee_node = mentee_node + 2
    mentor_node = mentor_node + 2 + n_e
    tails = np.concatenate(
        [np.full(n_e, source), mentee_node, np.arange(2 + n_e, 2 + n_e + n_r), [source]]
    ).astype(np.int32)
    heads = np.concatenate([np.arange(2, 2 + n_e), mentor_node, np.full(n_r, sink), [sink]]).astype(
        np.int32
    )
    capacities = np.concatenate(
        [np.ones(n_e + len(arc_mentee), np.int64), prep.capacity_left[mentors], [n_e]]
    ).astype(np.int64)
    costs = np.concatenate(
        [np.zeros(n_e, np.int64), -cands.score.astype(np.int64), np.zeros(n_r + 1, np.int64)]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_nodes_supplies(np.array([source, sink]), np.array([n_e, -n_e]))
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    pair_arcs = np.arange(n_e, n_e + len(arc_mentee))
    used = flow.flows(pair_arcs) > 0
    assignment[arc_mentee[used]] = arc_mentor[used]
    return assignment


def greedy(pool: Pool, cands: Candidates) -> np.ndarray:
    """The baseline: candidate arcs in decreasing score order (ties: lower mentee, then lower
    mentor), each taken if its mentee is free and its mentor has capacity left; pins first."""
    prep = _prepare(pool)
    assignment = _pinned_assignment(pool, prep)
    arc_mentee = cands.mentee
    order = np.lexsort((cands.mentor, arc_mentee, -cands.score.astype(np.int64)))
    _greedy_kernel(order, arc_mentee, cands.mentor, prep.capacity_left, assignment)
    return assignment


def total_score(pool: Pool, weights: Weights | Candidates, assignment: np.ndarray) -> int:
    """The sum of the scores of the assigned pairs, pinned ones included (scored as the kernel
    does, whether or not a pin breaks a hard rule). `weights` may be the Candidates the
    assignment came from (their weights are used)."""
    if isinstance(weights, Candidates):
        weights = weights.weights
    assignment = np.asarray(assignment)
    mentees = np.flatnonzero(assignment >= 0)
    return int(pair_scores(pool, weights, mentees, assignment[mentees]).sum())


def unmatched_reasons(pool: Pool, cands: Candidates, assignment: np.ndarray) -> np.ndarray:
    """int8 per mentee: 0 if assigned, else the candidates' reason (1..4) when it had no
    eligible mentor, else 5 when every eligible mentor is full in this assignment (the places
    went to other pairs), else 6: an eligible mentor still has a place. `solve` never leaves a
    6 (a proven optimum cannot: the pair would add its score; an assignment stopped early is
    completed), but other assignments can (`greedy` on top-k candidates)."""
    assignment = np.asarray(assignment)
    prep = _prepare(pool)
    reasons = np.where(cands.reason > 0, cands.reason, REASON_CAPACITY_TAKEN).astype(np.int8)
    reasons[assignment >= 0] = REASON_NONE
    todo = np.flatnonzero((assignment < 0) & (cands.reason == 0)).astype(np.int64)
    subset = np.flatnonzero(_places_left(prep, assignment) > 0)
    if len(todo) and len(subset):
        found = np.zeros(len(todo), dtype=np.bool_)
        _free_place_kernel(
            todo,
            prep.e_lang,
            prep.e_clear,
            prep.r_lang[subset],
            prep.r_cleared[subset],
            subset.astype(np.int64),
            prep.f_indptr,
            prep.f_idx,
            found,
        )
        reasons[todo[found]] = REASON_PLACE_LEFT
    return reasons


def pool_fields() -> list[str]:
    """The Pool's field names, in order (for the Django layer and tests)."""
    return [f.name for f in fields(Pool)]
