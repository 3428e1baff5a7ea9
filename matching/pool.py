"""From a cohort's participants to the engine's arrays, and back to words.

Hard rules that need the database (consent, authority links, exclusions, open pairs) are applied
here; the engine applies the rest (shared language, clearance for minors, capacity)."""

from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from matching import engine
from matching.models import (
    NEVER_AGAIN,
    OPEN_STATUSES,
    MatchingSettings,
    Pairing,
    PairingStatus,
    PairRule,
    RuleKind,
    Suggestion,
    UnmatchedReason,
)
from programs.choices import (
    Availability,
    Gender,
    GenderPreference,
    Interest,
    ProfileLanguage,
    Topic,
)
from programs.models import (
    AuthorityLink,
    Cohort,
    ConsentRecord,
    Participant,
    ParticipantRole,
    ParticipantStatus,
)

LANGUAGE_BITS = {code: 1 << i for i, code in enumerate(ProfileLanguage.values)}
TOPIC_BITS = {code: 1 << i for i, code in enumerate(Topic.values)}
AVAILABILITY_BITS = {code: 1 << i for i, code in enumerate(Availability.values)}
INTEREST_BITS = {code: 1 << i for i, code in enumerate(Interest.values)}
GENDER_CODES = {Gender.WOMAN: 1, Gender.MAN: 2}
PREFERENCE_CODES = {GenderPreference.WOMAN: 1, GenderPreference.MAN: 2}
RANK_BONUS = {1: 10, 2: 7, 3: 4}
ENGINE_REASONS = {  # engine.unmatched_reasons' codes; 6 (a place left) never reaches a run
    1: UnmatchedReason.NO_LANGUAGE,
    2: UnmatchedReason.NO_CLEARED_MENTOR,
    3: UnmatchedReason.ALL_EXCLUDED,
    4: UnmatchedReason.NO_CAPACITY,
    5: UnmatchedReason.CAPACITY_TAKEN,
}


def bits(values, table, dtype):
    total = 0
    for value in values or []:
        total |= table.get(value, 0)
    return dtype(total)


def settings_for(program) -> MatchingSettings:
    found = MatchingSettings.objects.filter(program=program).first()
    return found or MatchingSettings(program=program)


def needs_clearance(mentee: Participant, program) -> bool:
    """A minor, or someone of unknown age in a program that involves minors (safe side)."""
    if mentee.birth_date is None:
        return program.involves_minors
    return mentee.is_minor


def mentor_cleared(mentor: Participant, today) -> bool:
    return mentor.background_check_in_force(today) and mentor.training_completed_on is not None


def earlier_pairings(cohort, mentee_user_ids, mentor_user_ids=None):
    """The pairs these people formed in the organization's other cohorts (one query)."""
    pairs = Pairing.objects.filter(
        mentee__cohort__program__organization_id=cohort.program.organization_id,
        mentee__user_id__in=mentee_user_ids,
    ).exclude(mentee__cohort=cohort)
    if mentor_user_ids is not None:
        pairs = pairs.filter(mentor__user_id__in=mentor_user_ids)
    return pairs


def earlier_closures(cohort, mentee_user_ids):
    """(mentor user, mentee user) of earlier pairs closed as not working or for safety: never
    proposed again."""
    return (
        earlier_pairings(cohort, mentee_user_ids)
        .filter(status=PairingStatus.CLOSED, close_reason__in=NEVER_AGAIN)
        .values_list("mentor__user_id", "mentee__user_id")
    )


def clearance_gaps(mentors, today) -> list[tuple[Participant, list[str]]]:
    """For each mentor not cleared to mentor a minor, the screening steps missing, in words, so
    the coordinator sees what to do (the run only says that no mentor is cleared)."""
    gaps = []
    for mentor in mentors:
        missing = []
        if not mentor.background_check_on:
            missing.append(_("no background check recorded"))
        elif not mentor.background_check_in_force(today):
            missing.append(
                _("background check expired on %(day)s")
                % {"day": date_format(mentor.background_check_expires_on, "DATE_FORMAT")}
            )
        if mentor.training_completed_on is None:
            missing.append(_("training not done"))
        if missing:
            gaps.append((mentor, missing))
    return gaps


@dataclass
class CohortPool:
    """The engine's pool plus what maps positions back to participants."""

    pool: engine.Pool
    weights: engine.Weights
    mentees: list
    mentors: list
    excluded_mentees: dict = field(default_factory=dict)  # participant -> UnmatchedReason
    dropped_pins: list = field(default_factory=list)


def consent_in_force_ids(cohort: Cohort) -> set[int]:
    """Mentees with at least one guardian whose latest decision is a consent (one query)."""
    latest = {}
    for link_id, participant_id, decision in (
        ConsentRecord.objects.filter(guardian_link__participant__cohort=cohort)
        .order_by("guardian_link_id", "recorded_at", "pk")
        .values_list("guardian_link_id", "guardian_link__participant_id", "decision")
    ):
        latest[link_id] = (participant_id, decision)
    return {pid for pid, decision in latest.values() if decision == "given"}


def load(cohort: Cohort) -> CohortPool:
    program = cohort.program
    config = settings_for(program)
    weights = engine.Weights(**config.weights())
    today = timezone.localdate()
    people = (
        Participant.objects.filter(cohort=cohort)
        .exclude(status__in=[ParticipantStatus.WITHDRAWN, ParticipantStatus.COMPLETED])
        .select_related("user")
        .annotate(
            open_pairs_as_mentor=Count(
                "pairings_as_mentor",
                filter=Q(pairings_as_mentor__status__in=OPEN_STATUSES),
                distinct=True,
            ),
            open_pairs_as_mentee=Count(
                "pairings_as_mentee",
                filter=Q(pairings_as_mentee__status__in=OPEN_STATUSES),
                distinct=True,
            ),
        )
        .order_by("pk")
    )
    consented = consent_in_force_ids(cohort) if program.involves_minors else set()
    mentors, mentees, excluded = [], [], {}
    for person in people:
        if person.role == ParticipantRole.MENTOR:
            mentors.append(person)
        elif person.open_pairs_as_mentee == 0:
            if program.involves_minors and needs_clearance(person, program):
                if person.pk not in consented:
                    excluded[person] = UnmatchedReason.CONSENT_MISSING
                    continue
            mentees.append(person)

    subjects: dict[str, int] = {}

    def subject_id(person):
        key = (person.subject or "").strip().lower()
        if not key:
            return -1
        return subjects.setdefault(key, len(subjects))

    mentee_pos = {p.pk: i for i, p in enumerate(mentees)}
    mentor_pos = {p.pk: j for j, p in enumerate(mentors)}
    m, n = len(mentees), len(mentors)

    forbidden = [set() for _ in range(m)]
    mentor_by_user = {}
    for j, mentor in enumerate(mentors):
        mentor_by_user.setdefault(mentor.user_id, []).append(j)
    for i, mentee in enumerate(mentees):
        forbidden[i].update(mentor_by_user.get(mentee.user_id, []))
    mentees_by_user = {}
    for i, mentee in enumerate(mentees):
        mentees_by_user.setdefault(mentee.user_id, []).append(i)
    for superior_id, subordinate_id in AuthorityLink.objects.filter(
        organization_id=program.organization_id, subordinate_id__in=list(mentees_by_user)
    ).values_list("superior_id", "subordinate_id"):
        for i in mentees_by_user[subordinate_id]:
            forbidden[i].update(mentor_by_user.get(superior_id, []))
    for mentor_user, mentee_user in earlier_closures(cohort, list(mentees_by_user)):
        for i in mentees_by_user[mentee_user]:
            forbidden[i].update(mentor_by_user.get(mentor_user, []))
    pins = []
    for mentor_id, mentee_id, kind in PairRule.objects.filter(mentee__cohort=cohort).values_list(
        "mentor_id", "mentee_id", "kind"
    ):
        if mentee_id in mentee_pos and mentor_id in mentor_pos:
            if kind == RuleKind.EXCLUDE:
                forbidden[mentee_pos[mentee_id]].add(mentor_pos[mentor_id])
            else:
                pins.append((mentee_pos[mentee_id], mentor_pos[mentor_id]))

    bonus = [dict() for _ in range(m)]
    for mentee_id, mentor_id, rank in Suggestion.objects.filter(
        mentee__cohort=cohort, rank__isnull=False, dismissed=False
    ).values_list("mentee_id", "mentor_id", "rank"):
        if mentee_id in mentee_pos and mentor_id in mentor_pos:
            bonus[mentee_pos[mentee_id]][mentor_pos[mentor_id]] = RANK_BONUS.get(rank, 2)

    def csr(rows, with_values=False):
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        idx, vals = [], []
        for i, row in enumerate(rows):
            keys = sorted(row)
            idx.extend(keys)
            if with_values:
                vals.extend(row[k] for k in keys)
            indptr[i + 1] = len(idx)
        result = [indptr, np.asarray(idx, dtype=np.int32)]
        if with_values:
            result.append(np.asarray(vals, dtype=np.int32))
        return result

    forbidden_indptr, forbidden_idx = csr(forbidden)
    bonus_indptr, bonus_idx, bonus_val = csr(bonus, with_values=True)

    def column(people, value, dtype):
        return np.array([value(p) for p in people], dtype=dtype)

    def masks(people, field, table, dtype):
        return column(people, lambda p: bits(getattr(p, field), table, int), dtype)

    pool = engine.Pool(
        mentee_lang=masks(mentees, "languages", LANGUAGE_BITS, np.uint16),
        mentee_pref_lang=column(
            mentees, lambda p: LANGUAGE_BITS.get(p.user.language, 0), np.uint16
        ),
        mentee_needs=masks(mentees, "needs", TOPIC_BITS, np.uint32),
        mentee_avail=masks(mentees, "availability", AVAILABILITY_BITS, np.uint32),
        mentee_interests=masks(mentees, "interests", INTEREST_BITS, np.uint16),
        mentee_school=column(mentees, lambda p: p.school_id or -1, np.int32),
        mentee_subject=column(mentees, subject_id, np.int32),
        mentee_gender_pref=column(
            mentees, lambda p: PREFERENCE_CODES.get(p.gender_preference, 0), np.int8
        ),
        mentee_needs_clearance=column(mentees, lambda p: needs_clearance(p, program), np.bool_),
        mentor_lang=masks(mentors, "languages", LANGUAGE_BITS, np.uint16),
        mentor_expertise=masks(mentors, "expertise", TOPIC_BITS, np.uint32),
        mentor_avail=masks(mentors, "availability", AVAILABILITY_BITS, np.uint32),
        mentor_interests=masks(mentors, "interests", INTEREST_BITS, np.uint16),
        mentor_school=column(mentors, lambda p: p.school_id or -1, np.int32),
        mentor_subject=column(mentors, subject_id, np.int32),
        mentor_gender=column(mentors, lambda p: GENDER_CODES.get(p.gender, 0), np.int8),
        mentor_cleared=column(mentors, lambda p: mentor_cleared(p, today), np.bool_),
        mentor_capacity=column(
            mentors, lambda p: max(0, p.capacity - p.open_pairs_as_mentor), np.int32
        ),
        forbidden_indptr=forbidden_indptr,
        forbidden_idx=forbidden_idx,
        bonus_indptr=bonus_indptr,
        bonus_idx=bonus_idx,
        bonus_val=bonus_val,
    )
    # A pin never overrides a hard rule: one that became ineligible is dropped and reported.
    kept, dropped = [], []
    used = np.zeros(n, dtype=np.int32)
    for i, j in pins:
        if engine.score_pair(pool, weights, i, j) is None or used[j] >= pool.mentor_capacity[j]:
            dropped.append((mentees[i], mentors[j]))
        else:
            kept.append((i, j))
            used[j] += 1
    pool.pinned = kept
    return CohortPool(pool, weights, mentees, mentors, excluded, dropped)


# --- Words --------------------------------------------------------------------------------


def _labels(codes, choices):
    """Choice labels inside a sentence: lower case in French ("français", "mardi après-midi"),
    as labelled in English, where language and day names keep their capital."""
    mapping = dict(choices.choices)
    labels = [str(mapping[c]) for c in codes if c in mapping]
    if get_language() == "en":
        return labels
    return [label[:1].lower() + label[1:] for label in labels]


def explain(criteria: dict, mentor: Participant, mentee: Participant) -> list[str]:
    """Plain words for each criterion that counted, e.g. « même langue : français »."""
    lines = []
    shared = [c for c in mentee.languages if c in set(mentor.languages)]
    if shared:
        lines.append(
            _("same language: %(languages)s")
            % {"languages": ", ".join(_labels(shared, ProfileLanguage))}
        )
    if criteria.get("topics"):
        met = [c for c in mentee.needs if c in set(mentor.expertise)]
        lines.append(
            _("needs met by the mentor's expertise: %(topics)s")
            % {"topics": ", ".join(_labels(met, Topic))}
        )
    if criteria.get("availability"):
        common = [c for c in mentee.availability if c in set(mentor.availability)]
        lines.append(
            _("common availability: %(slots)s")
            % {"slots": ", ".join(_labels(common, Availability))}
        )
    if criteria.get("subject"):
        lines.append(_("same level or subject: %(subject)s") % {"subject": mentee.subject})
    if criteria.get("school"):
        if mentee.school_id == mentor.school_id:
            lines.append(_("same school or site: %(school)s") % {"school": mentee.school})
        else:
            lines.append(_("different schools, as the program wants"))
    if criteria.get("interests"):
        common = [c for c in mentee.interests if c in set(mentor.interests)]
        lines.append(
            _("common interests: %(interests)s")
            % {"interests": ", ".join(_labels(common, Interest))}
        )
    if criteria.get("gender"):
        lines.append(_("the mentee's gender preference is respected"))
    if criteria.get("choice"):
        lines.append(_("chosen by the mentee in their shortlist"))
    return lines


def fit(score: int, weights: dict) -> int:
    """A pair's score on a 0–100 scale: the share of the points the criteria could give with
    these weights (each criterion is worth 0 to 10 times its weight)."""
    from matching.engine import CRITERIA, MATCH_BASE

    most = 10 * sum(int(weights.get(name, 0)) for name in CRITERIA)
    if most <= 0:
        return 100
    return max(0, min(100, round(100 * (score - MATCH_BASE) / most)))
