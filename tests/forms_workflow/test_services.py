"""The forms' services: versions, locking, reopening, co-signatures, evidence, the start gate."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.utils import timezone

from forms_workflow import demo, services
from forms_workflow.models import (
    FormSubmission,
    FormTemplate,
    ProgramForm,
    Signature,
    SubmissionStatus,
)
from matching import services as matching_services
from matching.models import PairingStatus
from meetings.models import Meeting, MeetingStatus
from tests.factories import PairingFactory
from tests.forms_workflow.conftest import forms_of, sign

TORONTO = ZoneInfo("America/Toronto")


def test_builtin_templates_are_installed_once_with_both_languages(db):
    assert services.install_builtin_templates() == 0  # post_migrate installed them already
    keys = set(FormTemplate.objects.filter(organization=None).values_list("key", flat=True))
    assert {"agefo-1", "agefo-2", "agefo-3", "agefo-4", "agefo-5"} <= keys
    assert {"agefo-annex-4", "agefo-annex-5"} <= keys
    form1 = services.builtin("agefo-1")
    assert form1.title_fr.startswith("Formulaire 1")
    assert form1.title_en.startswith("Form 1")
    assert "Autoévaluation" in form1.title_fr


def test_a_copy_keeps_its_family_and_an_answered_one_is_never_changed_in_place(agefo, org_a):
    copy = services.copy_template(services.builtin("agefo-3").pk, org_a, agefo.marc)
    assert copy.family == "agefo-3"
    assert copy.organization == org_a
    assert copy.version == 1
    schema = copy.schema
    schema["sections"][0]["title"]["fr"] = "Mes besoins"
    same = services.save_template(
        copy.pk, agefo.marc, title_fr=copy.title_fr, title_en=copy.title_en, schema=schema
    )
    assert same.pk == copy.pk  # nobody answered it: changed in place

    program_form = agefo.program_forms["agefo-3"]
    program_form.template = copy
    program_form.save()
    submission = agefo.forms["agefo-3"]
    FormSubmission.objects.filter(pk=submission.pk).update(template=copy)
    services.save_draft(submission.pk, agefo.marc, {"needs": "Gérer le temps"})

    schema["sections"][0]["title"]["fr"] = "Nos besoins"
    new = services.save_template(
        copy.pk, agefo.marc, title_fr=copy.title_fr, title_en=copy.title_en, schema=schema
    )
    assert new.pk != copy.pk
    assert new.version == 2
    copy.refresh_from_db()
    assert copy.schema["sections"][0]["title"]["fr"] == "Mes besoins"  # the answered version
    program_form.refresh_from_db()
    assert program_form.template == new  # new answers use the new version
    submission.refresh_from_db()
    assert submission.template == copy


def test_a_built_in_template_cannot_be_edited(agefo):
    template = services.builtin("agefo-1")
    with pytest.raises(services.FormError):
        services.save_template(
            template.pk, agefo.marc, title_fr="x", title_en="x", schema=template.schema
        )


def test_an_invalid_schema_is_refused_with_reasons(agefo, org_a):
    copy = services.copy_template(services.builtin("agefo-1").pk, org_a, agefo.marc)
    broken = {"sections": [{"title": {"fr": "A", "en": ""}, "questions": [{"key": "X Y"}]}]}
    with pytest.raises(services.FormError) as error:
        services.save_template(copy.pk, agefo.marc, title_fr="a", title_en="a", schema=broken)
    assert "English text" in str(error.value) or "anglais" in str(error.value)


def test_the_pair_gets_one_form_of_each_kind_idempotently(agefo):
    forms = agefo.forms
    assert set(forms) == {"agefo-1", "agefo-2", "agefo-3", "agefo-4", "agefo-5"}
    assert forms["agefo-1"].participant.user == agefo.lea
    assert forms["agefo-4"].participant.user == agefo.marc
    assert forms["agefo-2"].participant is None  # filled together
    assert services.sync_pair(agefo.pair.pk) == 0
    assert forms["agefo-1"].due_on == agefo.pair.started_on + timedelta(days=14)
    assert forms["agefo-4"].due_on is None  # after 4 meetings held: not due yet


def test_due_after_meetings_and_before_the_cohort_end(agefo):
    for day in range(4):
        Meeting.objects.create(
            pairing=agefo.pair,
            starts_at=timezone.now() - timedelta(days=20 - day * 3),
            duration_minutes=60,
            status=MeetingStatus.HELD,
            proposed_by=agefo.marc,
        )
    services.sync_pair(agefo.pair.pk)
    forms = forms_of(agefo.pair)
    fourth = timezone.localdate(timezone.now() - timedelta(days=11))
    assert forms["agefo-4"].due_on == fourth + timedelta(days=services.MEETINGS_GRACE_DAYS)
    cohort = agefo.pair.mentee.cohort
    assert forms["agefo-5"].due_on == cohort.ends_on - timedelta(days=14)


def test_a_draft_saves_partially_and_a_signature_needs_every_required_answer(agefo):
    form1 = agefo.forms["agefo-1"]
    result = services.save_draft(form1.pk, agefo.lea, {"position_context": "Nouvelle direction"})
    assert result.changed == ["position_context"]
    form1.refresh_from_db()
    assert form1.answers == {"position_context": "Nouvelle direction"}
    assert form1.revision == 1
    with pytest.raises(services.FormError, match="required|obligatoire|Answer every"):
        sign(form1, agefo.lea, answers=form1.answers)
    assert not Signature.objects.filter(submission=form1).exists()


def test_a_signed_form_is_locked_and_records_its_digest(agefo):
    form1 = sign(agefo.forms["agefo-1"], agefo.lea)
    assert form1.status == SubmissionStatus.SIGNED
    assert form1.submitted_at
    signature = form1.signatures.get()
    assert signature.digest == services.content_digest(form1)
    assert len(signature.digest) == 64
    with pytest.raises(services.FormError, match="locked|verrouill"):
        services.save_draft(form1.pk, agefo.lea, {"position_context": "autre"})


def test_only_its_authors_sign_and_never_twice(agefo, cast):
    with pytest.raises(services.FormError):
        sign(agefo.forms["agefo-1"], agefo.marc)  # the mentee's self-assessment
    with pytest.raises(services.FormError):
        sign(agefo.forms["agefo-2"], cast["claire"])
    sign(agefo.forms["agefo-2"], agefo.marc)
    with pytest.raises(services.FormError, match="already|déjà"):
        sign(agefo.forms["agefo-2"], agefo.marc)


def test_a_name_that_is_not_yours_is_refused_but_accents_and_case_are_forgiven(agefo):
    form1 = agefo.forms["agefo-1"]
    with pytest.raises(services.FormError, match="Léa Gagnon"):
        sign(form1, agefo.lea, name="Marc Tremblay")
    signed = sign(form1, agefo.lea, name="  lea   GAGNON ")
    assert signed.status == SubmissionStatus.SIGNED


def test_a_change_after_the_first_signature_cancels_it_and_both_sign_again(agefo):
    plan = agefo.forms["agefo-3"]
    sign(plan, agefo.marc)
    plan.refresh_from_db()
    assert plan.status == SubmissionStatus.AWAITING
    answers = {**plan.answers, "needs": "Mieux communiquer avec l’équipe"}
    signed = sign(plan, agefo.lea, answers=answers)  # Léa changes an answer, then signs
    assert signed.status == SubmissionStatus.AWAITING  # Marc's signature was cancelled
    cancelled = signed.signatures.get(role="mentor")
    assert cancelled.invalidated_at is not None
    assert services.missing_signers(signed) == ["mentor"]
    signed = sign(plan, agefo.marc, answers=signed.answers)
    assert signed.status == SubmissionStatus.SIGNED
    assert {s.digest for s in signed.signatures.valid()} == {services.content_digest(signed)}


def test_a_partner_s_change_made_while_you_typed_is_kept_and_reported(agefo):
    plan = agefo.forms["agefo-3"]
    services.save_draft(plan.pk, agefo.marc, {"needs": "A"})
    plan.refresh_from_db()
    seen = plan.revision
    services.save_draft(plan.pk, agefo.lea, {"needs": "B (Léa)"}, base_revision=seen)
    result = services.save_draft(
        plan.pk, agefo.marc, {"needs": "C (Marc)", "goal_1": "Déléguer"}, base_revision=seen
    )
    assert result.conflicts == ["needs"]
    assert result.changed == ["goal_1"]
    plan.refresh_from_db()
    assert plan.answers["needs"] == "B (Léa)"
    assert plan.editors["needs"]["name"] == "Léa Gagnon"
    assert plan.editors["goal_1"]["name"] == "Marc Tremblay"


def test_a_draft_follows_a_new_version_but_a_signature_needs_the_version_it_saw(agefo, org_a):
    copy = services.copy_template(services.builtin("agefo-1").pk, org_a, agefo.marc)
    program_form = agefo.program_forms["agefo-1"]
    program_form.template = copy
    program_form.save()
    form1 = agefo.forms["agefo-1"]
    old_version = form1.template_id
    with pytest.raises(services.FormError, match="updated|mis à jour"):
        services.sign(
            form1.pk,
            agefo.lea,
            agefo.lea.full_name,
            answers=demo.demo_answers(form1.template.schema),
            base_revision=None,
            template_id=old_version,
        )
    result = services.save_draft(form1.pk, agefo.lea, {"position_context": "Mes notes"})
    assert result.moved_to_version == copy.version
    form1.refresh_from_db()
    assert form1.template == copy
    assert form1.answers["position_context"] == "Mes notes"


def test_reopening_keeps_the_signed_version_verifiable(agefo, cast):
    form1 = sign(agefo.forms["agefo-1"], agefo.lea)
    with pytest.raises(services.FormError):
        services.reopen(form1.pk, cast["claire"], "  ")
    new = services.reopen(form1.pk, cast["claire"], "Une réponse à préciser.")
    form1.refresh_from_db()
    assert form1.status == SubmissionStatus.SUPERSEDED
    assert new.status == SubmissionStatus.DRAFT
    assert new.reopened_from == form1
    assert new.answers == form1.answers
    assert all(check.matches for check in services.verify(form1))
    assert services.can_edit(new, agefo.lea)
    with pytest.raises(services.FormError):
        services.reopen(form1.pk, cast["claire"], "Encore")


def test_an_answer_altered_in_the_database_fails_verification(agefo):
    form1 = sign(agefo.forms["agefo-1"], agefo.lea)
    assert dict(services.verify_all())[form1.pk] is True
    with connection.cursor() as cursor:  # behind the application's back
        answers = dict(form1.answers, position_context="Réponse modifiée en douce")
        cursor.execute(
            "UPDATE forms_workflow_formsubmission SET answers = %s WHERE id = %s",
            [json.dumps(answers), form1.pk],
        )
    form1.refresh_from_db()
    assert [check.matches for check in services.verify(form1)] == [False]
    assert dict(services.verify_all())[form1.pk] is False


@pytest.mark.django_db(transaction=True)
def test_the_command_exits_1_when_a_signed_form_was_altered(agefo):
    from django.core.management import call_command

    form1 = sign(agefo.forms["agefo-1"], agefo.lea)
    call_command("verify_signatures")  # all good: no exit
    FormSubmission.objects.filter(pk=form1.pk).update(answers={"position_context": "changé"})
    with pytest.raises(SystemExit) as stopped:
        call_command("verify_signatures")
    assert stopped.value.code == 1


def test_the_checklist_reads_the_pair_s_real_state(agefo):
    pair = agefo.pair
    Meeting.objects.create(
        pairing=pair,
        starts_at=timezone.now() - timedelta(days=10),
        duration_minutes=60,
        status=MeetingStatus.HELD,
        proposed_by=agefo.marc,
    )
    evidence = services.checklist_evidence(pair)
    assert evidence["confidentiality_before_first_meeting"]["met"] is False
    assert evidence["self_assessment_signed"]["met"] is False
    assert evidence["training_done"]["met"] is False
    sign(agefo.forms["agefo-1"], agefo.lea)
    sign(agefo.forms["agefo-2"], agefo.marc)
    sign(agefo.forms["agefo-2"], agefo.lea)
    sign(agefo.forms["agefo-3"], agefo.marc)
    sign(agefo.forms["agefo-3"], agefo.lea)
    evidence = services.checklist_evidence(pair)
    # due 14 days after the start, 6 days ago: signed, but late
    assert evidence["self_assessment_signed"]["met"] is False
    assert (
        "due date" in evidence["self_assessment_signed"]["text"]
        or "échéance" in (evidence["self_assessment_signed"]["text"])
    )
    assert evidence["learning_plan_signed"]["met"] is True  # due in 10 days
    # signed today, after the meeting of ten days ago
    assert evidence["confidentiality_before_first_meeting"]["met"] is False
    assert (
        "après" in evidence["confidentiality_before_first_meeting"]["text"]
        or "after" in (evidence["confidentiality_before_first_meeting"]["text"])
    )
    assert evidence["meetings_target"]["text"].startswith("Rencontres tenues\xa0: 1")

    checklist = sign(agefo.forms["agefo-5"], agefo.marc)
    assert checklist.evidence["learning_plan_signed"]["met"] is True  # kept as signed
    assert checklist.status == SubmissionStatus.SIGNED


# --- The commitment gates the start ---------------------------------------------------------


def cleared(mentor_user):
    """A mentor of minors: background check and training done."""
    mentor = mentor_user.participations.get()
    mentor.background_check_on = timezone.localdate() - timedelta(days=30)
    mentor.training_completed_on = timezone.localdate() - timedelta(days=20)
    mentor.save()


def consented_proposal(cast):
    """Marc and Léa proposed to each other; Paul gave his consent; Marc may mentor a minor."""
    from programs.models import ConsentDecision, ConsentRecord, GuardianLink

    lea = cast["lea"].participations.get()
    link = GuardianLink.objects.get(participant=lea, guardian=cast["paul"])
    ConsentRecord.objects.create(
        guardian_link=link,
        page_version=lea.cohort.program.current_page(),
        decision=ConsentDecision.GIVEN,
        recorded_by=cast["paul"],
    )
    cleared(cast["marc"])
    return PairingFactory(
        mentor=cast["marc"].participations.get(),
        mentee=lea,
        status=PairingStatus.PROPOSED,
        mentor_answer="",
        mentee_answer="",
        started_on=None,
        respond_by=timezone.now() + timedelta(days=7),
    )


@pytest.fixture
def proposal(cast):
    """The commitment (form 2) comes before the first meeting, and Paul acknowledges it."""
    from programs.models import ProgramKind

    program = cast["lea"].participations.get().cohort.program
    demo.configure(program, ProgramKind.NEW_SCHOOL_LEADERS)
    ProgramForm.objects.filter(program=program, template__key="agefo-2").update(
        guardian_acknowledges=True
    )
    return consented_proposal(cast)


def test_an_accepted_pair_starts_only_once_the_commitment_is_signed_and_acknowledged(
    proposal, cast, django_capture_on_commit_callbacks
):
    from meetings import services as meeting_services

    marc, lea, paul = cast["marc"], cast["lea"], cast["paul"]
    matching_services.answer_proposal(proposal.pk, marc, accept=True)
    matching_services.answer_proposal(proposal.pk, lea, accept=True)
    proposal.refresh_from_db()
    assert proposal.status == PairingStatus.STARTING
    assert proposal.started_on is None
    missing = matching_services.lifecycle.start_requirements(proposal)
    assert len(missing) == 1
    assert "Formulaire 2" in missing[0]
    with pytest.raises(meeting_services.MeetingError):
        meeting_services.propose(
            proposal.pk,
            marc,
            meeting_services.Slot(timezone.now() + timedelta(days=3), 60, "École"),
        )
    commitment = forms_of(proposal)["agefo-2"]
    sign(commitment, marc)
    with django_capture_on_commit_callbacks(execute=True):
        sign(commitment, lea)
    proposal.refresh_from_db()
    assert proposal.status == PairingStatus.STARTING  # the guardian has not read it yet
    assert "parent" in matching_services.lifecycle.start_requirements(proposal)[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(commitment.pk, paul)
    proposal.refresh_from_db()
    assert proposal.status == PairingStatus.ACTIVE
    assert proposal.started_on == timezone.localdate()
    assert {m.to[0] for m in mail.outbox} >= {marc.email, lea.email}
    assert proposal.events.filter(action="started").exists()


def test_a_program_without_gating_forms_starts_at_once(cast):
    pair = consented_proposal(cast)
    matching_services.answer_proposal(pair.pk, cast["marc"], accept=True)
    matching_services.answer_proposal(pair.pk, cast["lea"], accept=True)
    pair.refresh_from_db()
    assert pair.status == PairingStatus.ACTIVE


def test_only_a_guardian_of_the_mentee_acknowledges(proposal, cast):
    matching_services.answer_proposal(proposal.pk, cast["marc"], accept=True)
    matching_services.answer_proposal(proposal.pk, cast["lea"], accept=True)
    commitment = forms_of(proposal)["agefo-2"]
    with pytest.raises(services.FormError):
        services.acknowledge(commitment.pk, cast["paul"])  # not signed yet
    sign(commitment, cast["marc"])
    sign(commitment, cast["lea"])
    with pytest.raises(services.FormError):
        services.acknowledge(commitment.pk, cast["nina"])


# --- Reminders ------------------------------------------------------------------------------


def test_reminders_go_once_before_the_due_date_and_once_when_overdue(agefo, cast):
    form1 = agefo.forms["agefo-1"]
    due = form1.due_on
    start = datetime.combine(due - timedelta(days=5), datetime.min.time(), TORONTO)
    with time_machine.travel(start + timedelta(hours=9), tick=False):
        assert services.send_due_reminders()["soon"] == 0
    with time_machine.travel(start + timedelta(days=3, hours=9), tick=False):
        mail.outbox.clear()
        counts = services.send_due_reminders()
        assert counts["soon"] >= 1
        services.send_due_reminders()  # a second tick the same day: nothing more
    from accounts import outbox

    outbox.send_due()
    to_lea = [m for m in mail.outbox if m.to == [agefo.lea.email] and "Formulaire 1" in m.subject]
    assert len(to_lea) == 1
    assert to_lea[0].extra_headers.get("List-Unsubscribe")
    with time_machine.travel(start + timedelta(days=6, hours=9), tick=False):
        assert services.send_due_reminders()["overdue"] >= 1
        assert services.send_due_reminders()["overdue"] == 0
    sign(form1, agefo.lea)
    with time_machine.travel(start + timedelta(days=30, hours=9), tick=False):
        services.send_due_reminders()
        keys = set(
            cast["lea"]
            .notifications.filter(key__startswith=f"form:{form1.pk}:")
            .values_list("key", flat=True)
        )
    assert len(keys) == 2  # the signed form is not reminded again


def test_the_coordination_reminds_each_waiting_signer_once_a_day(agefo, cast, org_b):
    plan = agefo.forms["agefo-3"]
    sign(plan, agefo.marc)
    organizations = [agefo.program.organization]
    assert services.remind([plan.pk], cast["claire"], organizations) == 1  # Léa only
    assert services.remind([plan.pk], cast["claire"], organizations) == 0
    assert services.remind([plan.pk], cast["oscar"], [org_b]) == 0  # not his organization


def test_a_refused_recipient_does_not_block_the_others(agefo, settings):
    """The outbox sends each reminder on its own: a failing address is marked and skipped."""
    from accounts import outbox
    from accounts.models import Notification

    plan = agefo.forms["agefo-3"]
    services.remind([plan.pk], None, [agefo.program.organization])
    assert Notification.objects.filter(key__startswith=f"form:{plan.pk}:").count() == 2
    agefo.marc.is_active = False
    agefo.marc.save()
    counts = outbox.send_due()
    assert counts["sent"] == 1
    assert counts["failed"] == 1
    assert [m.to for m in mail.outbox] == [[agefo.lea.email]]


def test_sync_all_is_a_beat_task_that_gives_missing_forms(agefo):
    FormSubmission.objects.filter(pairing=agefo.pair).delete()
    from forms_workflow import tasks

    assert tasks.sync_forms.delay().get()["pairs"] == 5
