"""The lifecycle's invariants under random sequences of events (Hypothesis state machine):
after every step, no active pair for a minor without current consent, never more followed
pairs than a mentor's capacity, no open pair with a participant who left, and every state
change of a pair in its history."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from matching import lifecycle
from matching import services as matching
from matching.models import Pairing, PairingEvent, PairingStatus
from programs import services as programs
from programs.models import ConsentDecision, Participant, ParticipantRole, ParticipantStatus
from tests.factories import (
    CohortFactory,
    GuardianLinkFactory,
    MembershipFactory,
    PageVersionFactory,
    ParticipantFactory,
    ProgramFactory,
    UserFactory,
)

FOLLOWED = (PairingStatus.ACTIVE, PairingStatus.PAUSED)
LEFT = (ParticipantStatus.WITHDRAWN, ParticipantStatus.COMPLETED)


class Lifecycle(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        program = ProgramFactory(involves_minors=True)
        self.version = PageVersionFactory(program=program)
        self.coordinator = UserFactory()
        MembershipFactory(organization=program.organization, user=self.coordinator)
        cohort = CohortFactory(program=program, coordinator=self.coordinator)
        self.mentors = [
            ParticipantFactory(
                cohort=cohort,
                role=ParticipantRole.MENTOR,
                capacity=2,
                background_check_on=date(2026, 1, 5),
                training_completed_on=date(2026, 1, 10),
            )
            for _ in range(2)
        ]
        self.links = []
        for _ in range(3):
            link = GuardianLinkFactory(participant__cohort=cohort)
            programs.record_consent(link.pk, link.guardian, ConsentDecision.GIVEN, self.version.pk)
            self.links.append(link)
        self.pairings = []
        for n, link in enumerate(self.links):
            mentor = self.mentors[n % 2]
            pairing = Pairing.objects.create(
                mentor=mentor,
                mentee=link.participant,
                respond_by=timezone.now() + timedelta(days=7),
            )
            PairingEvent.objects.create(
                pairing=pairing, action="proposed", to_status=PairingStatus.PROPOSED
            )
            self.pairings.append(pairing)
        # the first pair has already started: its events matter from the first step
        started = self.pairings[0]
        Pairing.objects.filter(pk=started.pk).update(
            status=PairingStatus.ACTIVE, started_on=timezone.localdate()
        )
        PairingEvent.objects.create(
            pairing=started,
            action="started",
            from_status=PairingStatus.PROPOSED,
            to_status=PairingStatus.ACTIVE,
        )

    def people(self):
        return self.mentors + [link.participant for link in self.links]

    @rule(n=st.integers(0, 2), side=st.sampled_from(["mentor", "mentee"]), accept=st.booleans())
    def answer(self, n, side, accept):
        pairing = Pairing.objects.select_related("mentor__user", "mentee__user").get(
            pk=self.pairings[n].pk
        )
        try:
            matching.answer_proposal(pairing.pk, getattr(pairing, side).user, accept)
        except matching.MatchingError:
            pass

    @rule(n=st.integers(0, 2), give=st.booleans())
    def consent(self, n, give):
        link = self.links[n]
        decision = ConsentDecision.GIVEN if give else ConsentDecision.WITHDRAWN
        try:
            programs.record_consent(link.pk, link.guardian, decision, self.version.pk)
        except programs.ProgramsError:
            pass

    @rule(n=st.integers(0, 4), status=st.sampled_from(ParticipantStatus.values))
    def status(self, n, status):
        person = Participant.objects.get(pk=self.people()[n].pk)
        person.status = status
        person.save(update_fields=["status"])
        programs.participant_changed(person.pk, ["status"], self.coordinator)

    @rule(n=st.integers(0, 1), capacity=st.integers(1, 3))
    def capacity(self, n, capacity):
        mentor = Participant.objects.get(pk=self.mentors[n].pk)
        if lifecycle.capacity_problem(mentor, capacity) is None:  # what the form enforces
            mentor.capacity = capacity
            mentor.save(update_fields=["capacity"])
            programs.participant_changed(mentor.pk, ["capacity"], self.coordinator)

    @rule(n=st.integers(0, 2), action=st.sampled_from(["resume", "pause", "close"]))
    def coordinate(self, n, action):
        pk = self.pairings[n].pk
        try:
            if action == "resume":
                matching.resume(pk, self.coordinator)
            elif action == "pause":
                until = timezone.localdate() + timedelta(days=7)
                matching.pause(pk, self.coordinator, "Vacances", until)
            else:
                matching.close(pk, self.coordinator, "not_working")
        except matching.MatchingError:
            pass

    @invariant()
    def no_active_pair_for_a_minor_without_consent(self):
        for link in self.links:
            mentee = Participant.objects.select_related("cohort__program").get(
                pk=link.participant_id
            )
            if lifecycle.consent_missing(mentee):
                assert not Pairing.objects.filter(
                    mentee=mentee, status=PairingStatus.ACTIVE
                ).exists()

    @invariant()
    def never_more_followed_pairs_than_places(self):
        for mentor in Participant.objects.filter(pk__in=[m.pk for m in self.mentors]):
            followed = Pairing.objects.filter(mentor=mentor, status__in=FOLLOWED).count()
            assert followed <= mentor.capacity

    @invariant()
    def nobody_who_left_keeps_an_open_pair(self):
        for person in Participant.objects.filter(pk__in=[p.pk for p in self.people()]):
            if person.status in LEFT:
                side = "mentor" if person.is_mentor else "mentee"
                assert not Pairing.objects.filter(
                    **{side: person}, status__in=[*FOLLOWED, PairingStatus.PROPOSED]
                ).exists()

    @invariant()
    def every_state_change_is_in_the_history(self):
        for pairing in Pairing.objects.filter(pk__in=[p.pk for p in self.pairings]):
            last = pairing.events.order_by("at", "pk").last()
            assert last is not None
            assert last.to_status == pairing.status


@pytest.mark.django_db
def test_lifecycle_invariants_hold_under_random_events():
    run_state_machine_as_test(
        Lifecycle,
        settings=settings(
            max_examples=40,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
