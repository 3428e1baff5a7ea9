"""The matching lifecycle through its services: runs, pins, publication, answers, the pair's
life. Real database, real engine; e-mails through Django's locmem backend."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from matching import services
from matching.models import (
    ExclusionSource,
    MatchingRun,
    MatchingSettings,
    Pairing,
    PairingStatus,
    PairRule,
    RuleKind,
    RunStatus,
    UnmatchedReason,
)
from programs.models import AuthorityLink, ConsentRecord, ParticipantRole
from tests.factories import GuardianLinkFactory, ParticipantFactory, UserFactory


def pairs_of(run):
    return {(p.mentor.user.full_name, p.mentee.user.full_name) for p in run.pairs.all()}


def test_run_pairs_on_needs_and_language_and_explains(leaders, claire):
    cohort, mentors, mentees = leaders
    run = services.run_matching(cohort.pk, claire)
    assert run.status == RunStatus.DRAFT
    assert pairs_of(run) == {
        ("Hélène Dubé", "Julie Fortin"),
        ("Gilles Côté", "Marc-André Roy"),
        ("Hélène Dubé", "Nadia Haddad"),
        ("Sarah Miller", "Kevin O'Brien"),
    }
    pair = run.pairs.get(mentee=mentees[0])
    words = [line.replace("\xa0", " ") for line in services.explain_pair(pair)]
    assert "même langue : français" in words
    assert "disponibilités communes : mardi après-midi" in words
    assert "besoins couverts par l’expertise du mentor : leadership pédagogique" in words
    assert run.total_score >= run.greedy_score


def test_capacity_is_never_exceeded_and_leftovers_say_why(leaders, claire):
    cohort, mentors, mentees = leaders
    extra = ParticipantFactory(
        cohort=cohort, role=ParticipantRole.MENTEE, languages=["fr"], needs=["conflict"]
    )
    run = services.run_matching(cohort.pk, claire)
    load = {}
    for pair in run.pairs.all():
        load[pair.mentor_id] = load.get(pair.mentor_id, 0) + 1
    assert all(load[m.pk] <= m.capacity for m in mentors if m.pk in load)
    left = {u.mentee_id: u.reason for u in run.unmatched.all()}
    assert len(left) == 1
    assert next(iter(left.values())) == UnmatchedReason.CAPACITY_TAKEN
    assert extra.pk in left or mentees[2].pk in left or mentees[0].pk in left


def test_supervisor_and_declared_conflicts_are_never_paired(leaders, claire, org_a):
    cohort, mentors, mentees = leaders
    AuthorityLink.objects.create(
        organization=org_a, superior=mentors[0].user, subordinate=mentees[0].user
    )
    PairRule.objects.create(
        mentor=mentors[0], mentee=mentees[2], kind=RuleKind.EXCLUDE, source="conflict"
    )
    run = services.run_matching(cohort.pk, claire)
    pairs = {(p.mentor_id, p.mentee_id) for p in run.pairs.all()}
    assert (mentors[0].pk, mentees[0].pk) not in pairs
    assert (mentors[0].pk, mentees[2].pk) not in pairs


def test_minor_needs_consent_and_a_cleared_trained_mentor(cohort, marc, lea, paul, claire):
    run = services.run_matching(cohort.pk, claire)
    assert run.unmatched.get().reason == UnmatchedReason.CONSENT_MISSING
    link = lea.participations.get().guardian_links.get()
    ConsentRecord.objects.create(
        guardian_link=link,
        page_version=cohort.program.current_page(),
        decision="given",
        recorded_by=paul,
    )
    run = services.run_matching(cohort.pk, claire)
    assert run.unmatched.get().reason == UnmatchedReason.NO_CLEARED_MENTOR
    mentor = marc.participations.get()
    mentor.background_check_on = date(2026, 1, 10)
    mentor.background_check_expires_on = date(2029, 1, 10)
    mentor.training_completed_on = date(2026, 9, 1)
    mentor.save()
    run = services.run_matching(cohort.pk, claire)
    assert run.pairs.get().mentor == mentor
    # consent withdrawn between the run and its publication: refused, nothing published
    ConsentRecord.objects.create(
        guardian_link=link,
        page_version=cohort.program.current_page(),
        decision="withdrawn",
        recorded_by=paul,
    )
    with pytest.raises(services.MatchingError, match="consentement"):
        services.publish_run(run.pk, claire)
    assert not Pairing.objects.exists()


def test_pinned_pairs_stay_when_weights_change(leaders, claire):
    cohort, mentors, mentees = leaders
    run = services.run_matching(cohort.pk, claire)
    unusual = run.pairs.get(mentee=mentees[2])  # Hélène → Nadia
    services.pin(unusual.pk, claire)
    settings = MatchingSettings.objects.create(program=cohort.program, weight_topics=0)
    settings.weight_availability = 10
    settings.save()
    again = services.run_matching(cohort.pk, claire)
    kept = again.pairs.get(mentee=mentees[2])
    assert kept.mentor == mentors[0]
    assert kept.pinned
    assert MatchingRun.objects.get(pk=run.pk).status == RunStatus.DISCARDED


def test_excluded_pair_is_not_proposed_again(leaders, claire):
    cohort, mentors, mentees = leaders
    run = services.run_matching(cohort.pk, claire)
    first = run.pairs.get(mentee=mentees[0])
    services.exclude(first.pk, claire)
    again = services.run_matching(cohort.pk, claire)
    assert not again.pairs.filter(mentor=first.mentor, mentee=mentees[0]).exists()


def test_run_without_mentors_is_refused(org_a, claire):
    from tests.factories import CohortFactory, ProgramFactory

    cohort = CohortFactory(program=ProgramFactory(organization=org_a))
    ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTEE)
    with pytest.raises(services.MatchingError, match="aucun mentor"):
        services.run_matching(cohort.pk, claire)
    assert not MatchingRun.objects.exists()


def publish(leaders, claire, capture):
    cohort, mentors, mentees = leaders
    run = services.run_matching(cohort.pk, claire)
    with capture(execute=True):
        created = services.publish_run(run.pk, claire)
    return run, created


def test_publish_proposes_to_both_once(
    leaders, claire, mailoutbox, django_capture_on_commit_callbacks
):
    run, created = publish(leaders, claire, django_capture_on_commit_callbacks)
    assert len(created) == 4
    assert {p.status for p in created} == {PairingStatus.PROPOSED}
    assert len(mailoutbox) == 8  # mentor and mentee of each pair
    assert mailoutbox[0].subject == "Un jumelage vous est proposé"
    with pytest.raises(services.MatchingError, match="déjà publié"):
        services.publish_run(run.pk, claire)
    assert Pairing.objects.count() == 4
    services.notify(created[0].pk, "proposed")  # a redelivered task sends nothing more
    assert len(mailoutbox) == 8


def test_both_accept_then_active(leaders, claire, django_capture_on_commit_callbacks):
    run, created = publish(leaders, claire, django_capture_on_commit_callbacks)
    pairing = created[0]
    services.answer_proposal(pairing.pk, pairing.mentor.user, True)
    assert Pairing.objects.get(pk=pairing.pk).status == PairingStatus.PROPOSED
    services.answer_proposal(pairing.pk, pairing.mentee.user, True)
    pairing.refresh_from_db()
    assert pairing.status == PairingStatus.ACTIVE
    assert pairing.started_on == timezone.localdate()
    with pytest.raises(services.MatchingError, match="n’attend plus de réponse"):
        services.answer_proposal(pairing.pk, pairing.mentee.user, False)
    with pytest.raises(services.MatchingError):
        services.answer_proposal(pairing.pk, UserFactory(), True)


def test_decline_closes_for_good_and_mentee_returns_to_pool(
    leaders, claire, django_capture_on_commit_callbacks
):
    cohort, mentors, mentees = leaders
    run, created = publish(leaders, claire, django_capture_on_commit_callbacks)
    pairing = next(p for p in created if p.mentee == mentees[0])
    services.answer_proposal(pairing.pk, pairing.mentee.user, False, "Pas le bon moment")
    pairing.refresh_from_db()
    assert pairing.status == PairingStatus.DECLINED
    rule = PairRule.objects.get(mentor=pairing.mentor, mentee=pairing.mentee)
    assert (rule.kind, rule.source) == (RuleKind.EXCLUDE, ExclusionSource.DECLINED)
    again = services.run_matching(cohort.pk, claire)
    assert again.incremental
    assert set(again.pairs.values_list("mentee", flat=True)) <= {mentees[0].pk}
    assert not again.pairs.filter(mentor=pairing.mentor, mentee=mentees[0]).exists()


def test_deadline_passes_then_expired(leaders, claire, django_capture_on_commit_callbacks):
    run, created = publish(leaders, claire, django_capture_on_commit_callbacks)
    pairing = created[0]
    with time_machine.travel(pairing.respond_by + timedelta(minutes=1), tick=False):
        with pytest.raises(services.MatchingError, match="Le délai pour répondre"):
            services.answer_proposal(pairing.pk, pairing.mentor.user, True)
        assert services.expire_overdue_proposals() == 3  # the others
    pairing.refresh_from_db()
    assert pairing.status == PairingStatus.EXPIRED
    assert PairRule.objects.filter(source=ExclusionSource.EXPIRED).count() == 4


def test_pause_resume_close_not_working_rematches(
    leaders, claire, django_capture_on_commit_callbacks
):
    cohort, mentors, mentees = leaders
    run, created = publish(leaders, claire, django_capture_on_commit_callbacks)
    pairing = next(p for p in created if p.mentee == mentees[1])
    for user in (pairing.mentor.user, pairing.mentee.user):
        services.answer_proposal(pairing.pk, user, True)
    with pytest.raises(services.MatchingError):
        services.pause(pairing.pk, claire, "", timezone.localdate() + timedelta(days=10))
    services.pause(pairing.pk, claire, "Congé de maladie", timezone.localdate() + timedelta(10))
    services.resume(pairing.pk, claire)
    services.close(pairing.pk, claire, "not_working", "Merci à vous deux.")
    pairing.refresh_from_db()
    assert pairing.status == PairingStatus.CLOSED
    actions = list(pairing.events.values_list("action", "actor__full_name"))
    assert actions[-3:] == [
        ("paused", "Claire Bélanger"),
        ("resumed", "Claire Bélanger"),
        ("closed", "Claire Bélanger"),
    ]
    again = services.run_matching(cohort.pk, claire)
    assert again.pairs.filter(mentee=mentees[1]).exclude(mentor=pairing.mentor).count() <= 1
    assert not again.pairs.filter(mentee=mentees[1], mentor=pairing.mentor).exists()


def test_shortlist_ranking_counts_in_the_next_run(leaders, claire):
    cohort, mentors, mentees = leaders
    mentors[1].capacity = 2  # Gilles has room for Nadia too: her choice decides
    mentors[1].save()
    nadia = mentees[2]
    suggestions = services.build_shortlist(nadia.pk)
    assert 1 <= len(suggestions) <= 3
    assert all(s.mentor.languages for s in suggestions)
    gilles = next(s for s in suggestions if s.mentor == mentors[1])
    services.rank_suggestions(nadia.pk, {gilles.pk: 1})
    settings = MatchingSettings.objects.create(program=cohort.program, weight_choice=10)
    assert settings.weight_choice == 10
    run = services.run_matching(cohort.pk, claire)
    chosen = run.pairs.get(mentee=nadia)
    assert chosen.mentor == mentors[1]
    assert chosen.criteria["choice"] == 10
    with pytest.raises(services.MatchingError):
        services.rank_suggestions(nadia.pk, {s.pk: 1 for s in suggestions})


def test_declared_conflict_on_a_suggestion_excludes_the_mentor(leaders, claire):
    cohort, mentors, mentees = leaders
    suggestion = services.build_shortlist(mentees[0].pk)[0]
    services.declare_conflict(suggestion.pk, mentees[0].user, "C'est ma tante")
    assert PairRule.objects.filter(
        mentor=suggestion.mentor, mentee=mentees[0], source=ExclusionSource.CONFLICT
    ).exists()
    run = services.run_matching(cohort.pk, claire)
    assert not run.pairs.filter(mentor=suggestion.mentor, mentee=mentees[0]).exists()
    with pytest.raises(services.MatchingError):
        services.declare_conflict(suggestion.pk, mentees[1].user)


def test_database_refuses_two_open_pairs_for_one_mentee(leaders, later):
    from django.db import IntegrityError, transaction

    cohort, mentors, mentees = leaders
    Pairing.objects.create(mentor=mentors[0], mentee=mentees[0], respond_by=later)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pairing.objects.create(mentor=mentors[1], mentee=mentees[0], respond_by=later)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pairing.objects.create(mentor=mentors[0], mentee=mentors[0], respond_by=later)


@time_machine.travel(date(2026, 11, 23), tick=False)
def test_guardian_link_factory_is_usable(db):
    assert GuardianLinkFactory().participant.is_minor
