"""The matching API: runs, pins and exclusions, publication, proposals and the pair's life.

Views, admin actions, tasks and commands all call these. Hard rules are checked here (and by
database constraints where they can be), never only in forms."""

import math
import time
from datetime import timedelta

import numpy as np
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.services import notify_once
from matching import engine, lifecycle
from matching.models import (
    OPEN_STATUSES,
    Answer,
    CloseReason,
    ExclusionSource,
    ExitFeedback,
    MatchingRun,
    Pairing,
    PairingEvent,
    PairingStatus,
    PairRule,
    RuleKind,
    RunPair,
    RunStatus,
    RunUnmatched,
    Suggestion,
)
from matching.pool import (
    ENGINE_REASONS,
    earlier_closures,
    explain,
    load,
    mentor_cleared,
    needs_clearance,
    settings_for,
)
from mentorat.mail import absolute_url
from programs import portal
from programs.models import (
    AuthorityLink,
    Cohort,
    Participant,
    ParticipantRole,
    ParticipantStatus,
)

CANDIDATES_PER_MENTEE = 24
# Seconds the engine may spend improving the pairing before it settles for the best found and a
# proven bound (soft: the bound's last pass comes after). A cohort of thousands takes far less.
SOLVE_TIME_LIMIT = 20.0


class MatchingError(Exception):
    """An expected refusal, with a translated message for the user."""


# --- Hard rules -------------------------------------------------------------------------------


def hard_rule_violations(mentor: Participant, mentee: Participant) -> list[str]:
    """Every hard rule this pair would break, in words (empty when the pair is allowed)."""
    problems = []
    program = mentee.cohort.program
    if mentor.role != ParticipantRole.MENTOR or mentee.role != ParticipantRole.MENTEE:
        problems.append(_("A pair joins a mentor and a mentee."))
    if mentor.cohort_id != mentee.cohort_id:
        problems.append(_("Both must be in the same cohort."))
    if mentor.user_id == mentee.user_id:
        problems.append(_("Nobody can be paired with themselves."))
    inactive = (ParticipantStatus.WITHDRAWN, ParticipantStatus.COMPLETED)
    if mentor.status in inactive or mentee.status in inactive:
        problems.append(_("A participant has left the cohort."))
    if AuthorityLink.objects.filter(
        organization_id=program.organization_id,
        superior_id=mentor.user_id,
        subordinate_id=mentee.user_id,
    ).exists():
        problems.append(_("The mentor supervises or evaluates this mentee."))
    if (
        earlier_closures(mentee.cohort, [mentee.user_id])
        .filter(mentor__user=mentor.user_id)
        .exists()
    ):
        problems.append(
            _("They were paired before and that pair was closed as not working or for safety.")
        )
    if PairRule.objects.filter(mentor=mentor, mentee=mentee, kind=RuleKind.EXCLUDE).exists():
        problems.append(_("This pair is excluded (declined, closed, conflict or coordinator)."))
    if not set(mentor.languages) & set(mentee.languages):
        problems.append(_("They share no language."))
    if needs_clearance(mentee, program):
        if not mentee.guardian_consent_in_force():
            problems.append(_("A guardian's consent is missing for this minor."))
        if not mentor_cleared(mentor, timezone.localdate()):
            problems.append(
                _("The mentor of a minor needs a background check in force and training done.")
            )
    return problems


FOLLOWED = lifecycle.ENGAGED


def _check_capacity(mentor: Participant, statuses=OPEN_STATUSES):
    """Lock the mentor's row and re-read their capacity, then count their pairs in `statuses`:
    two publications (or two acceptances) cannot both take the last place, and a capacity
    lowered since a proposal is the one that counts. Publishing counts open pairs (proposals
    included); starting a pair counts the pairs followed (active or paused)."""
    capacity = (
        Participant.objects.select_for_update().filter(pk=mentor.pk).values_list("capacity")
    ).first()[0]
    taken = Pairing.objects.filter(mentor=mentor, status__in=statuses).count()
    if taken + 1 > capacity:
        raise MatchingError(
            _("%(mentor)s has no place left (%(capacity)d mentees at most).")
            % {"mentor": mentor.user, "capacity": capacity}
        )


def _event(pairing, actor, action, from_status="", note=""):
    PairingEvent.objects.create(
        pairing=pairing,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=pairing.status,
        note=note,
    )


def _exclude(mentor, mentee, source, by=None, note=""):
    PairRule.objects.filter(mentor=mentor, mentee=mentee, kind=RuleKind.PIN).delete()
    PairRule.objects.get_or_create(
        mentor=mentor,
        mentee=mentee,
        kind=RuleKind.EXCLUDE,
        defaults={"source": source, "created_by": by, "note": note[:300]},
    )


# --- Runs ---------------------------------------------------------------------------------


@transaction.atomic
def run_matching(cohort_id: int, by) -> MatchingRun:
    """Compute a draft run for the cohort: everyone without an open pair, against the places
    left. Replaces the previous draft; pinned pairs are kept."""
    started = time.perf_counter()
    cohort = Cohort.objects.select_for_update().select_related("program").get(pk=cohort_id)
    loaded = load(cohort)
    if not loaded.mentors:
        raise MatchingError(_("This cohort has no mentor to pair with."))
    if not loaded.mentees and not loaded.excluded_mentees:
        raise MatchingError(_("Every mentee of this cohort already has a pair or a proposal."))
    pool, weights = loaded.pool, loaded.weights
    cands = engine.candidates(pool, weights, k=CANDIDATES_PER_MENTEE)
    solution = engine.optimize(pool, cands, time_limit=SOLVE_TIME_LIMIT)
    assignment = solution.assignment
    greedy = engine.greedy(pool, cands)
    reasons = engine.unmatched_reasons(pool, cands, assignment)
    if (reasons[assignment < 0] == engine.REASON_PLACE_LEFT).any():
        # optimize completes any assignment it stops early: this would be a bug, and saying
        # "the places were taken" would be false
        raise RuntimeError("a mentee is left unmatched while an eligible mentor has a place")
    MatchingRun.objects.filter(cohort=cohort, status=RunStatus.DRAFT).update(
        status=RunStatus.DISCARDED
    )
    pinned = set(pool.pinned)
    pairs, total = [], 0
    for i, j in enumerate(assignment.tolist()):
        if j < 0:
            continue
        scored = engine.score_pair(pool, weights, i, j)
        score, criteria = scored
        total += score
        pairs.append(
            RunPair(
                mentor=loaded.mentors[j],
                mentee=loaded.mentees[i],
                score=score,
                criteria=criteria,
                pinned=(i, j) in pinned,
            )
        )
    published_before = cohort.matching_runs.filter(status=RunStatus.PUBLISHED).exists()
    run = MatchingRun.objects.create(
        cohort=cohort,
        created_by=by,
        weights=weights.__dict__.copy(),
        incremental=published_before,
        total_score=total,
        greedy_score=int(engine.total_score(pool, weights, greedy)),
        proven_optimal=solution.proven,
        gap_percent=None if solution.proven else _gap_shown(solution.gap_percent),
    )
    for pair in pairs:
        pair.run = run
    RunPair.objects.bulk_create(pairs)
    unmatched = [
        RunUnmatched(run=run, mentee=loaded.mentees[i], reason=ENGINE_REASONS[int(reasons[i])])
        for i in np.flatnonzero(assignment < 0).tolist()
        if int(reasons[i]) in ENGINE_REASONS
    ]
    unmatched += [
        RunUnmatched(run=run, mentee=mentee, reason=reason)
        for mentee, reason in loaded.excluded_mentees.items()
    ]
    RunUnmatched.objects.bulk_create(unmatched)
    run.duration_ms = int((time.perf_counter() - started) * 1000)
    run.save(update_fields=["duration_ms"])
    return run


def _gap_shown(gap_percent: float) -> float:
    """The gap as the run page shows it, 2 decimals, rounded up so that "within X %" holds."""
    return max(0.01, math.ceil(gap_percent * 100 - 1e-9) / 100)


def _draft(run_pair_id: int) -> RunPair:
    pair = RunPair.objects.select_related("run", "mentor", "mentee__cohort__program").get(
        pk=run_pair_id
    )
    if pair.run.status != RunStatus.DRAFT:
        raise MatchingError(_("This run was already published or replaced."))
    return pair


@transaction.atomic
def pin(run_pair_id: int, by) -> PairRule:
    pair = _draft(run_pair_id)
    PairRule.objects.filter(mentee=pair.mentee, kind=RuleKind.PIN).delete()
    rule = PairRule.objects.create(
        mentor=pair.mentor, mentee=pair.mentee, kind=RuleKind.PIN, created_by=by
    )
    RunPair.objects.filter(pk=pair.pk).update(pinned=True)
    return rule


@transaction.atomic
def unpin(run_pair_id: int, by) -> None:
    pair = _draft(run_pair_id)
    PairRule.objects.filter(mentor=pair.mentor, mentee=pair.mentee, kind=RuleKind.PIN).delete()
    RunPair.objects.filter(pk=pair.pk).update(pinned=False)


@transaction.atomic
def exclude(run_pair_id: int, by, note: str = "") -> PairRule:
    """Never propose this pair again in the cohort; the next run finds another mentor."""
    pair = _draft(run_pair_id)
    _exclude(pair.mentor, pair.mentee, ExclusionSource.COORDINATOR, by=by, note=note)
    pair.delete()
    return PairRule.objects.get(mentor=pair.mentor, mentee=pair.mentee, kind=RuleKind.EXCLUDE)


@transaction.atomic
def publish_run(run_id: int, by, notify_people: bool = True) -> list[Pairing]:
    """Turn a reviewed draft into proposals both sides answer. Atomic and idempotent: a second
    publication (or a concurrent one) is refused and changes nothing. (The demo data publishes
    without e-mails.)"""
    run = (
        MatchingRun.objects.select_for_update(of=("self",))
        .select_related("cohort__program")
        .get(pk=run_id)
    )
    if run.status == RunStatus.PUBLISHED:
        raise MatchingError(_("This run is already published."))
    if run.status != RunStatus.DRAFT:
        raise MatchingError(_("A newer run replaced this one: publish the newer run."))
    deadline = timezone.now() + timedelta(days=settings_for(run.cohort.program).response_days)
    created = []
    pairs = run.pairs.select_related("mentor__user", "mentee__user", "mentee__cohort__program")
    for pair in pairs.order_by("mentor_id", "pk"):
        problems = hard_rule_violations(pair.mentor, pair.mentee)
        if problems:
            raise MatchingError(
                _("%(pair)s can no longer be proposed: %(problems)s Run the matching again.")
                % {"pair": pair, "problems": " ".join(problems)}
            )
        _check_capacity(pair.mentor)
        try:
            with transaction.atomic():
                pairing = Pairing.objects.create(
                    mentor=pair.mentor,
                    mentee=pair.mentee,
                    run=run,
                    score=pair.score,
                    criteria=pair.criteria,
                    respond_by=deadline,
                )
        except IntegrityError:
            raise MatchingError(
                _("%(mentee)s already has a pair or a proposal. Run the matching again.")
                % {"mentee": pair.mentee.user}
            ) from None
        _event(pairing, by, "proposed")
        created.append(pairing)
    run.status = RunStatus.PUBLISHED
    run.published_by = by
    run.published_at = timezone.now()
    run.save(update_fields=["status", "published_by", "published_at"])
    if notify_people:
        for pairing in created:
            notify(pairing.pk, "proposed")
    return created


# --- Proposals ----------------------------------------------------------------------------


def _side(pairing: Pairing, user) -> str:
    if pairing.mentor.user_id == user.pk:
        return "mentor"
    if pairing.mentee.user_id == user.pk:
        return "mentee"
    raise MatchingError(_("Only the mentor and the mentee answer a proposal."))


def _locked(pairing_id: int) -> Pairing:
    return (
        Pairing.objects.select_for_update(of=("self",))
        .select_related("mentor__user", "mentee__user", "mentee__cohort__program")
        .get(pk=pairing_id)
    )


def answer_proposal(pairing_id: int, user, accept: bool, reason: str = "") -> Pairing:
    """Accept or decline. Both accept → active; one declines → closed for good in this cohort,
    and the mentee goes back into the pool."""
    expire_if_overdue(pairing_id)
    with transaction.atomic():
        pairing = _locked(pairing_id)
        if pairing.status == PairingStatus.EXPIRED:
            raise MatchingError(_("The deadline to answer this proposal has passed."))
        if pairing.status != PairingStatus.PROPOSED:
            raise MatchingError(_("This proposal is no longer awaiting an answer."))
        side = _side(pairing, user)
        if getattr(pairing, f"{side}_answer"):
            raise MatchingError(_("You already answered this proposal."))
        now = timezone.now()
        setattr(pairing, f"{side}_answer", Answer.ACCEPTED if accept else Answer.DECLINED)
        setattr(pairing, f"{side}_answered_at", now)
        before = pairing.status
        if not accept:
            pairing.status = PairingStatus.DECLINED
            pairing.closed_on = timezone.localdate()
            _exclude(pairing.mentor, pairing.mentee, ExclusionSource.DECLINED, by=user)
            event = "declined"
        elif pairing.mentor_answer == pairing.mentee_answer == Answer.ACCEPTED:
            problems = hard_rule_violations(pairing.mentor, pairing.mentee)
            if problems:
                raise MatchingError(" ".join(problems))
            _check_capacity(pairing.mentor, FOLLOWED)
            if lifecycle.start_requirements(pairing):
                pairing.status = PairingStatus.STARTING  # lifecycle.start_if_ready() starts it
                event = "starting"
            else:
                pairing.status = PairingStatus.ACTIVE
                pairing.started_on = timezone.localdate()
                event = "started"
        else:
            event = "accepted"
        pairing.save()
        _event(pairing, user, f"{side}_{'accepted' if accept else 'declined'}", before, reason)
        if event in ("starting", "started"):
            lifecycle.accepted(pairing)
        if event != "accepted":
            notify(pairing.pk, event)
        return pairing


def expire_if_overdue(pairing_id: int) -> bool:
    with transaction.atomic():
        pairing = _locked(pairing_id)
        if pairing.status != PairingStatus.PROPOSED or pairing.respond_by > timezone.now():
            return False
        pairing.status = PairingStatus.EXPIRED
        pairing.closed_on = timezone.localdate()
        pairing.save(update_fields=["status", "closed_on", "updated_at"])
        _exclude(pairing.mentor, pairing.mentee, ExclusionSource.EXPIRED)
        _event(pairing, None, "expired", PairingStatus.PROPOSED)
        notify(pairing.pk, "expired")
        return True


def expire_overdue_proposals() -> int:
    """Beat task body: close every proposal whose deadline passed (each in its own transaction)."""
    due = Pairing.objects.filter(
        status=PairingStatus.PROPOSED, respond_by__lte=timezone.now()
    ).values_list("pk", flat=True)
    return sum(expire_if_overdue(pk) for pk in list(due))


# --- A pair's life --------------------------------------------------------------------------


@transaction.atomic
def pause(pairing_id: int, by, reason: str, resume_on) -> Pairing:
    pairing = _locked(pairing_id)
    if pairing.status != PairingStatus.ACTIVE:
        raise MatchingError(_("Only an active pair can be paused."))
    if not reason.strip():
        raise MatchingError(_("Say why the pair is paused."))
    if resume_on is None or resume_on <= timezone.localdate():
        raise MatchingError(_("The resume date must be in the future."))
    if resume_on > timezone.localdate() + timedelta(days=366):
        raise MatchingError(_("A pause lasts at most a year: choose an earlier resume date."))
    pairing.status = PairingStatus.PAUSED
    pairing.paused_until = resume_on
    pairing.save(update_fields=["status", "paused_until", "updated_at"])
    _event(pairing, by, "paused", PairingStatus.ACTIVE, reason)
    return pairing


@transaction.atomic
def resume(pairing_id: int, by, note: str = "") -> Pairing:
    pairing = _locked(pairing_id)
    if pairing.status != PairingStatus.PAUSED:
        raise MatchingError(_("Only a paused pair can resume."))
    problems = hard_rule_violations(pairing.mentor, pairing.mentee)
    if problems:
        raise MatchingError(" ".join(problems))
    pairing.status = PairingStatus.ACTIVE
    pairing.paused_until = None
    pairing.save(update_fields=["status", "paused_until", "updated_at"])
    _event(pairing, by, "resumed", PairingStatus.PAUSED, note)
    return pairing


@transaction.atomic
def close(pairing_id: int, by, reason: str, message: str = "", closed_on=None) -> Pairing:
    """Close an active or paused pair. The pair is never proposed again in the cohort; the
    mentee goes back into the pool (a "not working" pair is re-matched by the next run)."""
    pairing = _locked(pairing_id)
    if pairing.status not in FOLLOWED:
        raise MatchingError(_("Only an active or paused pair can be closed."))
    if reason not in CloseReason.values:
        raise MatchingError(_("Choose a reason for closing the pair."))
    before = pairing.status
    pairing.status = PairingStatus.CLOSED
    pairing.close_reason = reason
    pairing.closing_message = message
    pairing.closed_on = closed_on or timezone.localdate()
    pairing.save()
    _exclude(pairing.mentor, pairing.mentee, ExclusionSource.CLOSED, by=by)
    _event(pairing, by, "closed", before, f"{CloseReason(reason).label}. {message}".strip())
    lifecycle._stopped(pairing, by, str(CloseReason(reason).label), notify=[])
    notify(pairing.pk, "closed")
    return pairing


FEEDBACK_FIELDS = ("rating", "went_well", "to_improve", "would_again")


def exit_feedback_expected(pairing: Pairing, user) -> bool:
    """A side of a pair that started and has ended is asked once how it went."""
    return (
        pairing.status == PairingStatus.CLOSED
        and pairing.started_on is not None
        and user.pk in (pairing.mentor.user_id, pairing.mentee.user_id)
    )


@transaction.atomic
def give_exit_feedback(pairing_id: int, user, answers: dict | None) -> ExitFeedback:
    """Record one side's exit feedback, or with `answers` None their choice not to answer; once
    per side. The partner is never told what was said."""
    pairing = _locked(pairing_id)
    if not exit_feedback_expected(pairing, user):
        raise MatchingError(_("Feedback is asked only once a pair has ended."))
    participant = pairing.mentor if _side(pairing, user) == "mentor" else pairing.mentee
    if ExitFeedback.objects.filter(pairing=pairing, participant=participant).exists():
        raise MatchingError(_("Your feedback on this pair is already recorded."))
    if answers is None:
        feedback = ExitFeedback.objects.create(
            pairing=pairing, participant=participant, declined=True
        )
        _event(pairing, user, "exit_feedback_declined", pairing.status)
    else:
        values = {name: answers.get(name) for name in FEEDBACK_FIELDS}
        values["went_well"] = values["went_well"] or ""
        values["to_improve"] = values["to_improve"] or ""
        feedback = ExitFeedback.objects.create(pairing=pairing, participant=participant, **values)
        _event(pairing, user, "exit_feedback", pairing.status)
    return feedback


@transaction.atomic
def withdraw_proposal(pairing_id: int, by, note: str) -> Pairing:
    """A proposal that can no longer start (a participant left): closed without an exclusion,
    so nothing is held against the pair."""
    pairing = _locked(pairing_id)
    if pairing.status != PairingStatus.PROPOSED:
        raise MatchingError(_("This proposal is no longer awaiting an answer."))
    pairing.status = PairingStatus.CLOSED
    pairing.close_reason = CloseReason.PARTICIPANT_LEFT
    pairing.closed_on = timezone.localdate()
    pairing.save(update_fields=["status", "close_reason", "closed_on", "updated_at"])
    _event(pairing, by, "closed", PairingStatus.PROPOSED, note)
    notify(pairing.pk, "closed")
    return pairing


@transaction.atomic
def request_review(pairing_id: int, user, note: str) -> PairingEvent:
    """A participant asks for a person to review an automated proposal (Québec's Law 25)."""
    pairing = _locked(pairing_id)
    _side(pairing, user)
    event = PairingEvent.objects.create(
        pairing=pairing,
        actor=user,
        action="review_requested",
        from_status=pairing.status,
        to_status=pairing.status,
        note=note,
    )
    notify(pairing.pk, f"review_requested:{event.pk}")
    return event


# --- The mentee's shortlist -------------------------------------------------------------------


def build_shortlist(mentee_id: int) -> list[Suggestion]:
    """The mentee's current suggestions; computes the next ones from the engine if there are
    fewer than the program's shortlist size (dismissed suggestions are not suggested again)."""
    mentee = Participant.objects.select_related("cohort__program", "user").get(pk=mentee_id)
    size = settings_for(mentee.cohort.program).shortlist_size
    current = list(
        mentee.suggestions.filter(dismissed=False).select_related("mentor__user", "mentor__school")
    )
    if len(current) >= size:
        return current
    loaded = load(mentee.cohort)
    if mentee not in loaded.mentees:
        return current
    i = loaded.mentees.index(mentee)
    known = set(mentee.suggestions.values_list("mentor_id", flat=True))
    scored = []
    for j, mentor in enumerate(loaded.mentors):
        if mentor.pk in known:
            continue
        result = engine.score_pair(loaded.pool, loaded.weights, i, j)
        if result is not None and loaded.pool.mentor_capacity[j] > 0:
            scored.append((-result[0], mentor.pk, mentor, result[1]))
    scored.sort(key=lambda item: (item[0], item[1]))
    start = mentee.suggestions.count()
    new = [
        Suggestion(mentee=mentee, mentor=mentor, position=start + n + 1, criteria=criteria)
        for n, (_neg, _pk, mentor, criteria) in enumerate(scored[: size - len(current)])
    ]
    Suggestion.objects.bulk_create(new, ignore_conflicts=True)
    return list(
        mentee.suggestions.filter(dismissed=False).select_related("mentor__user", "mentor__school")
    )


@transaction.atomic
def rank_suggestions(mentee_id: int, ranks: dict[int, int | None]) -> None:
    """Save the mentee's ranking (suggestion id → 1, 2, 3… or None); ranks must be distinct."""
    chosen = [rank for rank in ranks.values() if rank]
    if len(chosen) != len(set(chosen)):
        raise MatchingError(_("Give each mentor a different rank."))
    suggestions = Suggestion.objects.filter(mentee_id=mentee_id, dismissed=False)
    known = {s.pk: s for s in suggestions}
    if set(ranks) - set(known):
        raise MatchingError(_("This suggestion is not yours."))
    for pk, rank in ranks.items():
        known[pk].rank = rank
    Suggestion.objects.bulk_update(list(known.values()), ["rank"])


@transaction.atomic
def more_suggestions(mentee_id: int) -> list[Suggestion]:
    Suggestion.objects.filter(mentee_id=mentee_id, dismissed=False).update(
        dismissed=True, rank=None
    )
    return build_shortlist(mentee_id)


@transaction.atomic
def declare_conflict(suggestion_id: int, user, note: str = "") -> None:
    """The mentee knows this mentor in a way that rules them out (a teacher, a relative…)."""
    suggestion = Suggestion.objects.select_related("mentee", "mentor").get(pk=suggestion_id)
    if suggestion.mentee.user_id != user.pk:
        raise MatchingError(_("This suggestion is not yours."))
    _exclude(suggestion.mentor, suggestion.mentee, ExclusionSource.CONFLICT, by=user, note=note)
    suggestion.dismissed = True
    suggestion.rank = None
    suggestion.save(update_fields=["dismissed", "rank"])


# --- Notifications ----------------------------------------------------------------------------


def notify(pairing_id: int, event: str) -> int:
    """Tell the people concerned, each message once (keyed on pair and event)."""
    pairing = Pairing.objects.select_related(
        "mentor__user", "mentee__user", "mentee__cohort__coordinator", "mentee__cohort__program"
    ).get(pk=pairing_id)
    cohort = pairing.mentee.cohort
    people = {
        "proposed": [pairing.mentor.user, pairing.mentee.user],
        "started": [pairing.mentor.user, pairing.mentee.user],
        "starting": [pairing.mentor.user, pairing.mentee.user],
        "declined": [pairing.mentor.user, pairing.mentee.user, cohort.coordinator],
        "expired": [pairing.mentor.user, pairing.mentee.user, cohort.coordinator],
        "closed": [pairing.mentor.user, pairing.mentee.user],
        # never the child: the mentor and the coordinator
        "consent_paused": [pairing.mentor.user, cohort.coordinator],
    }.get(event.split(":")[0], [cohort.coordinator])
    sent = 0
    for user in filter(None, people):
        with translation.override(user.language):
            url = absolute_url(pairing.get_absolute_url())
        sent += notify_once(
            user,
            f"pairing:{pairing.pk}:{event}",
            f"pairing_{event.split(':')[0]}",
            {"pairing": pairing, "url": url, "cohort": cohort},
        )
    if event == "closed" and needs_clearance(pairing.mentee, cohort.program):
        sent += _tell_guardians_of_the_end(pairing, cohort)
    return sent


def _tell_guardians_of_the_end(pairing, cohort) -> int:
    """A minor's guardians hear that the pair ended, and whether it completed the program; never
    the reason of an early end nor the coordinator's message to the pair (the coordination
    speaks to the family directly), always whom to contact."""
    sent = 0
    for link in pairing.mentee.guardian_links.select_related("guardian"):
        guardian = link.guardian
        with translation.override(guardian.language):
            url = absolute_url(reverse("programs:portal"))
        sent += notify_once(
            guardian,
            f"pairing:{pairing.pk}:closed:guardian",
            "pairing_closed_guardian",
            {"pairing": pairing, "cohort": cohort, "coordinator": cohort.coordinator, "url": url},
        )
    return sent


def open_pairings_of(user):
    return Pairing.objects.filter(Q(mentor__user=user) | Q(mentee__user=user)).open()


# What the portal's parts read of a pair: its state, its two people's names (not the matching's
# criteria, the profiles or a password hash); its program's name and meeting target come with
# the person's participation.
PORTAL_PAIR_FIELDS = (
    "status",
    "respond_by",
    "started_on",
    "mentor_answer",
    "mentee_answer",
    "mentor__user__full_name",
    "mentee__user__full_name",
    "mentee__cohort",  # the cohort itself comes with the person's participation
)


@portal.read_once
def portal_pairings(request, participations) -> list:
    """The person's open pairs, read once per portal page for every part that shows them
    (matching's, meetings' and forms' sections and actions): their participations' ids, no
    join, no DISTINCT, only the fields those parts show."""
    ids = [participation.pk for participation in participations]
    pairs = (
        list(
            Pairing.objects.filter(Q(mentor__in=ids) | Q(mentee__in=ids))
            .open()
            .select_related("mentor__user", "mentee__user")
            .only(*PORTAL_PAIR_FIELDS)
            .order_by("pk")
        )
        if ids
        else []
    )
    # a pair lives in its two people's cohort: the person's participation already holds it
    cohorts = {participation.cohort_id: participation.cohort for participation in participations}
    for pairing in pairs:
        if pairing.mentee.cohort_id in cohorts:
            pairing.mentee.cohort = cohorts[pairing.mentee.cohort_id]
    return pairs


@portal.read_once
def portal_children_pairings(request) -> list:
    """The pairs of the person's children (the guardian links the portal read), newest first,
    read once for every part that shows them (meetings' and reports' sections): their state,
    dates and names only."""
    children = [link.participant_id for link in getattr(request, "portal_guardian_links", [])]
    if not children:
        return []
    return list(
        Pairing.objects.filter(mentee__in=children)
        .select_related("mentor__user", "mentee__user")
        .only("status", "started_on", "mentor__user__full_name", "mentee__user__full_name")
        .order_by(F("started_on").desc(nulls_last=True), "-pk")
    )


def explain_pair(pair) -> list[str]:
    return explain(pair.criteria, pair.mentor, pair.mentee)
