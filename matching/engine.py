"""Numerical core of the pairing feature: score mentee/mentor pairs, keep each mentee's best
candidates, and pick the assignment of largest total score under mentor capacities.

Pure NumPy/Numba/OR-Tools, no Django: `matching.services` builds a `Pool` from the database,
calls `candidates` then `solve`, and turns `score_pair`'s criterion values and
`unmatched_reasons` into words.

Bitmasks: bit i of a language/topic/slot/interest mask means "item i". The Django layer keeps
one stable numbering per program (e.g. languages ordered by code) so masks compare.

Scores: each criterion is an integer value 0..10 and a pair's score is
``MATCH_BASE + sum(weight * value)``; MATCH_BASE = 1 so any eligible pair beats leaving the
mentee unmatched. Scores fit easily in int32 (at most 1 + 8 * 10 * 10 = 801).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, fields

import numpy as np
from numba import njit, prange, set_parallel_chunksize, types
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
REASON_CAPACITY_TAKEN = 5  # only from unmatched_reasons: eligible mentors filled by other pairs

_MENTEES_PER_BLOCK = 64
_BLOCKS_PER_CHUNK = 4

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
    """Each mentee's top-k eligible mentors, CSR over mentees, best first."""

    indptr: np.ndarray  # int64, length M + 1
    mentor: np.ndarray  # int32 mentor positions
    score: np.ndarray  # int32
    eligible_count: np.ndarray  # int32 per mentee: eligible mentors before the top-k cut
    reason: np.ndarray  # int8 per mentee, REASON_* (0 = has candidates, or pinned)
    weights: Weights
    k: int

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


@njit(cache=_CACHE)
def _scan_top_k(buf, heap):
    """Keep the len(heap) best of buf's positive scores (ties: lower position first) in heap,
    a min-heap of int64 keys ``score << 32 | (2**31 - 1 - position)`` whose root is the
    current worst. Returns how many it holds. Chunks whose maximum cannot enter are skipped."""
    k = heap.shape[0]
    n = buf.shape[0]
    size = 0
    threshold = 0  # a score must exceed it to enter
    for j0 in range(0, n, 32):
        j1 = min(j0 + 32, n)
        top = 0
        for j in range(j0, j1):
            top = max(top, buf[j])
        if top <= threshold:
            continue
        for j in range(j0, j1):
            s = buf[j]
            if s <= threshold:
                continue
            key = (np.int64(s) << 32) | (2147483647 - j)
            if size < k:
                pos = size  # sift up
                size += 1
                while pos > 0:
                    parent = (pos - 1) >> 1
                    if heap[parent] <= key:
                        break
                    heap[pos] = heap[parent]
                    pos = parent
                heap[pos] = key
                if size == k:
                    threshold = heap[0] >> 32
            else:
                pos = 0  # replace the root, sift down
                while True:
                    child = 2 * pos + 1
                    if child >= k:
                        break
                    if child + 1 < k and heap[child + 1] < heap[child]:
                        child += 1
                    if heap[child] >= key:
                        break
                    heap[pos] = heap[child]
                    pos = child
                heap[pos] = key
                threshold = heap[0] >> 32
    # Best first: decreasing keys (insertion sort, k is small).
    for a in range(1, size):
        key = heap[a]
        pos = a
        while pos > 0 and heap[pos - 1] < key:
            heap[pos] = heap[pos - 1]
            pos -= 1
        heap[pos] = key
    return size


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
):
    """For each mentee not skipped, the k best eligible mentors among the compact ones (those
    with capacity left), best first; ties go to the lower mentor position.

    Mentees go in blocks, each block with its own scratch: per-mentor marks (int8: the bonus
    value, -1 = forbidden) set and cleared around each mentee, a score buffer, a heap.
    """
    m = e_lang.shape[0]
    nc = r_lang.shape[0]
    k = out_mentor.shape[1]
    n_blocks = (m + block - 1) // block
    for b in prange(n_blocks):
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
            size = _scan_top_k(buf, heap)
            for a in range(size):
                out_score[i, a] = np.int32(heap[a] >> 32)
                out_mentor[i, a] = r_orig[2147483647 - (heap[a] & 0xFFFFFFFF)]
            out_count[i] = size
            out_eligible[i] = eligible


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


def candidates(pool: Pool, weights: Weights, k: int = 24) -> Candidates:
    """Each mentee's top-k eligible mentors by score (ties: lower mentor position first).

    Mentors without capacity left after the pins are never candidates; pinned mentees get
    none. The dense M x N matrix is never built: one Numba pass per mentee block.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
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
    if m:
        # Blocks handed out a few at a time rather than split in equal halves up front, so a
        # core slowed by another process does not hold the whole pass back.
        previous_chunksize = set_parallel_chunksize(_BLOCKS_PER_CHUNK)
        try:
            _topk_kernel(
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
            )
        finally:
            set_parallel_chunksize(previous_chunksize)
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
    )


def _pinned_assignment(pool: Pool, prep: _Prepared) -> np.ndarray:
    assignment = np.full(pool.n_mentees, -1, dtype=np.int32)
    assignment[prep.pin_mentee] = prep.pin_mentor
    return assignment


def solve(pool: Pool, cands: Candidates) -> np.ndarray:
    """The assignment (mentor position per mentee, -1 = unmatched) of largest total score on
    the candidate arcs, under the mentors' capacities, pins applied first. Exact.

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
    eligible mentor, else 5 (its eligible mentors' capacity went to other pairs)."""
    assignment = np.asarray(assignment)
    reasons = np.where(cands.reason > 0, cands.reason, REASON_CAPACITY_TAKEN).astype(np.int8)
    reasons[assignment >= 0] = REASON_NONE
    return reasons


def pool_fields() -> list[str]:
    """The Pool's field names, in order (for the Django layer and tests)."""
    return [f.name for f in fields(Pool)]
