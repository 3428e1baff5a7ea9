"""The forms' invariants under random sequences of events (Hypothesis state machine): answers,
drafts, signatures, acknowledgements, reopenings and meetings proposed in any order.

After every step: a pair is active only once its commitment is signed by both and acknowledged
by a guardian (the mentee is a minor); a starting pair to which nothing is missing has started;
no meeting exists for a pair that has not started; a form is signed exactly when each of its
signers holds a valid signature, and every valid signature matches what is stored; a pair's
last history entry is its status."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from forms_workflow import demo, services
from forms_workflow.models import (
    FormSubmission,
    ProgramForm,
    SubmissionStatus,
)
from matching import lifecycle
from matching import services as matching
from matching.models import Pairing, PairingEvent, PairingStatus
from meetings import services as meetings
from meetings.models import Meeting
from programs import services as programs
from programs.models import ConsentDecision, ParticipantRole, ProgramKind
from tests.factories import (
    CohortFactory,
    GuardianLinkFactory,
    MembershipFactory,
    PageVersionFactory,
    ParticipantFactory,
    ProgramFactory,
    UserFactory,
)

FORMS = ("agefo-2", "agefo-3")


class FormsLifecycle(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        program = ProgramFactory(involves_minors=True)
        version = PageVersionFactory(program=program)
        demo.configure(program, ProgramKind.NEW_SCHOOL_LEADERS)
        ProgramForm.objects.filter(program=program, template__key="agefo-2").update(
            guardian_acknowledges=True
        )
        self.coordinator = UserFactory()
        MembershipFactory(organization=program.organization, user=self.coordinator)
        cohort = CohortFactory(program=program, coordinator=self.coordinator)
        self.links, self.pairings = [], []
        for _ in range(2):
            mentor = ParticipantFactory(
                cohort=cohort,
                role=ParticipantRole.MENTOR,
                capacity=2,
                background_check_on=date(2026, 1, 5),
                training_completed_on=date(2026, 1, 10),
            )
            link = GuardianLinkFactory(participant__cohort=cohort)
            programs.record_consent(link.pk, link.guardian, ConsentDecision.GIVEN, version.pk)
            pairing = Pairing.objects.create(
                mentor=mentor,
                mentee=link.participant,
                respond_by=timezone.now() + timedelta(days=7),
            )
            PairingEvent.objects.create(
                pairing=pairing, action="proposed", to_status=PairingStatus.PROPOSED
            )
            self.links.append(link)
            self.pairings.append(pairing)

    def _pair(self, n) -> Pairing:
        return Pairing.objects.select_related("mentor__user", "mentee__user").get(
            pk=self.pairings[n].pk
        )

    def _form(self, n, family):
        return (
            FormSubmission.objects.filter(pairing_id=self.pairings[n].pk, template__family=family)
            .exclude(status=SubmissionStatus.SUPERSEDED)
            .select_related("template")
            .first()
        )

    @rule(n=st.integers(0, 1), side=st.sampled_from(["mentor", "mentee"]))
    def accept(self, n, side):
        pairing = self._pair(n)
        try:
            matching.answer_proposal(pairing.pk, getattr(pairing, side).user, True)
        except matching.MatchingError:
            pass

    @rule(
        n=st.integers(0, 1),
        family=st.sampled_from(FORMS),
        side=st.sampled_from(["mentor", "mentee"]),
        text=st.sampled_from(["", "Écouter", "Se revoir jeudi"]),
    )
    def edit(self, n, family, side, text):
        submission = self._form(n, family)
        if submission is None:
            return
        key = "ending_terms" if family == "agefo-2" else "needs"
        user = getattr(self._pair(n), side).user
        try:
            services.save_draft(submission.pk, user, {**submission.answers, key: text})
        except services.FormError:
            pass

    @rule(
        n=st.integers(0, 1),
        family=st.sampled_from(FORMS),
        side=st.sampled_from(["mentor", "mentee"]),
    )
    def sign(self, n, family, side):
        submission = self._form(n, family)
        if submission is None:
            return
        user = getattr(self._pair(n), side).user
        answers = {**demo.demo_answers(submission.template.schema), **submission.answers}
        try:
            services.sign(
                submission.pk,
                user,
                user.full_name,
                answers=answers,
                base_revision=None,
                template_id=submission.template_id,
            )
        except services.FormError:
            pass

    @rule(n=st.integers(0, 1))
    def acknowledge(self, n):
        submission = self._form(n, "agefo-2")
        if submission is None:
            return
        try:
            services.acknowledge(submission.pk, self.links[n].guardian)
        except services.FormError:
            pass

    @rule(n=st.integers(0, 1), family=st.sampled_from(FORMS))
    def reopen(self, n, family):
        submission = self._form(n, family)
        if submission is None:
            return
        try:
            services.reopen(submission.pk, self.coordinator, "À revoir")
        except services.FormError:
            pass

    @rule(n=st.integers(0, 1))
    def plan_a_meeting(self, n):
        pairing = self._pair(n)
        slot = meetings.Slot(timezone.now() + timedelta(days=2, hours=n), 60, "École")
        try:
            meetings.propose(pairing.pk, pairing.mentor.user, slot, confirmed=True)
        except meetings.MeetingError:
            pass

    @invariant()
    def a_pair_starts_only_with_its_commitment_signed_and_acknowledged(self):
        for pairing in Pairing.objects.filter(pk__in=[p.pk for p in self.pairings]):
            if pairing.status in (PairingStatus.ACTIVE, PairingStatus.PAUSED):
                assert FormSubmission.objects.filter(
                    pairing=pairing,
                    template__family="agefo-2",
                    status__in=(SubmissionStatus.SIGNED, SubmissionStatus.SUPERSEDED),
                    acknowledgements__isnull=False,
                ).exists()
            if pairing.status == PairingStatus.STARTING:
                assert lifecycle.start_requirements(pairing), "nothing missing, yet not started"

    @invariant()
    def no_meeting_before_the_start(self):
        assert not Meeting.objects.filter(
            pairing__in=[p.pk for p in self.pairings],
            pairing__status__in=(PairingStatus.PROPOSED, PairingStatus.STARTING),
        ).exists()

    @invariant()
    def signed_means_every_signer_and_the_same_content(self):
        for submission in FormSubmission.objects.filter(
            pairing__in=[p.pk for p in self.pairings]
        ).select_related("template", "program_form"):
            valid = list(submission.signatures.valid())
            roles = sorted(s.role for s in valid)
            assert len(roles) == len(set(roles))
            if submission.status in (SubmissionStatus.SIGNED, SubmissionStatus.SUPERSEDED):
                assert roles == sorted(submission.program_form.signer_roles)
            elif submission.status == SubmissionStatus.AWAITING:
                assert 0 < len(roles) < len(submission.program_form.signer_roles)
            else:
                assert roles == []
            digest = services.content_digest(submission)
            assert all(s.digest == digest for s in valid)

    @invariant()
    def every_state_change_is_in_the_history(self):
        for pairing in Pairing.objects.filter(pk__in=[p.pk for p in self.pairings]):
            assert pairing.events.order_by("at", "pk").last().to_status == pairing.status


@pytest.mark.django_db
def test_forms_invariants_hold_under_random_events():
    run_state_machine_as_test(
        FormsLifecycle,
        settings=settings(
            max_examples=30,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
