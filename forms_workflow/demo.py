"""Demo forms for `manage.py seed_demo`: each demo program asks for its forms (the five AGÉFO
forms and the annexes for new school leaders; the student's commitment, signed before the first
meeting and acknowledged by a parent, in the high-school program; the learning plan and an end
of program evaluation at the university), and the demo pairs have forms in every state: signed,
awaiting a co-signature, a draft, to do, overdue, and one high-school pair "starting" because a
parent has not acknowledged the commitment yet. Idempotent; sends no e-mail."""

from datetime import timedelta

from django.utils import timezone

from forms_workflow import schema as schemas
from forms_workflow import services
from forms_workflow.models import (
    DueKind,
    FilledBy,
    FormSubmission,
    ProgramForm,
    Scope,
    Signature,
    SubmissionStatus,
    Visibility,
)
from matching.models import Answer, Pairing, PairingEvent, PairingStatus
from programs.models import ProgramKind

A, AC, P, PC = (
    Visibility.AUTHOR,
    Visibility.AUTHOR_COORDINATION,
    Visibility.PAIR,
    Visibility.PAIR_COORDINATION,
)
# (template key, scope, filled by, visibility, due kind, due value, gates start, guardian acks)
FORMS = {
    ProgramKind.NEW_SCHOOL_LEADERS: [
        ("agefo-1", Scope.PAIR, FilledBy.MENTEE, A, DueKind.AFTER_START, 14, False, False),
        ("agefo-2", Scope.PAIR, FilledBy.JOINT, PC, DueKind.AFTER_START, 7, True, False),
        ("agefo-3", Scope.PAIR, FilledBy.JOINT, PC, DueKind.AFTER_START, 30, False, False),
        ("agefo-4", Scope.PAIR, FilledBy.MENTOR, P, DueKind.AFTER_MEETINGS, 4, False, False),
        ("agefo-5", Scope.PAIR, FilledBy.MENTOR, PC, DueKind.BEFORE_END, 14, False, False),
        (
            "agefo-annex-4",
            Scope.PARTICIPANT,
            FilledBy.MENTOR,
            A,
            DueKind.AFTER_START,
            21,
            False,
            False,
        ),
        (
            "agefo-annex-5",
            Scope.PARTICIPANT,
            FilledBy.MENTEE,
            A,
            DueKind.AFTER_START,
            21,
            False,
            False,
        ),
    ],
    ProgramKind.STUDENT_PERSEVERANCE: [
        (
            "perseverance-commitment",
            Scope.PAIR,
            FilledBy.JOINT,
            PC,
            DueKind.AFTER_START,
            7,
            True,
            True,
        ),
        ("end-of-program", Scope.PAIR, FilledBy.MENTEE, AC, DueKind.BEFORE_END, 14, False, False),
    ],
    ProgramKind.HIGHER_EDUCATION: [
        ("agefo-3", Scope.PAIR, FilledBy.JOINT, PC, DueKind.AFTER_START, 30, False, False),
        ("end-of-program", Scope.PAIR, FilledBy.MENTEE, AC, DueKind.BEFORE_END, 14, False, False),
    ],
}
TEXT = "Préciser nos priorités pour l’année et les moyens de les atteindre."


def demo_answers(schema: dict) -> dict:
    """Plausible answers to every question of a form (required or not)."""
    answers = {}
    for question in schemas.answered_questions(schema):
        kind = question["kind"]
        if kind == "text":
            answers[question["key"]] = "Rencontres aux deux semaines"
        elif kind == "long_text":
            answers[question["key"]] = TEXT
        elif kind == "likert":
            answers[question["key"]] = (len(question["scale"]) + 1) // 2 + 1
        elif kind == "choice":
            answers[question["key"]] = question["choices"][0]["value"]
        elif kind == "multi":
            answers[question["key"]] = [question["choices"][0]["value"]]
        elif kind == "date":
            answers[question["key"]] = timezone.localdate().isoformat()
        elif kind == "check":
            answers[question["key"]] = True
    return answers


def sign_as_demo(submission: FormSubmission, users) -> FormSubmission:
    for user in users:
        submission = services.sign(
            submission.pk,
            user,
            user.full_name,
            answers=demo_answers(submission.template.schema),
            base_revision=None,
            template_id=submission.template_id,
        )
    return submission


def configure(program, kind=None) -> list[ProgramForm]:
    """Attach the forms of `kind` (default: the program's kind) to a program without forms."""
    found = []
    for order, (key, scope, by, visibility, due_kind, due, gates, acks) in enumerate(
        FORMS.get(kind or program.kind, []), 1
    ):
        found.append(
            ProgramForm.objects.create(
                program=program,
                template=services.builtin(key),
                order=order,
                scope=scope,
                filled_by=by,
                visibility=visibility,
                due_kind=due_kind,
                due_value=due,
                gates_start=gates,
                guardian_acknowledges=acks,
                beside_shortlist=key == "agefo-annex-5",
            )
        )
    return found


def seed_forms(organization, coordinator) -> str | None:
    configured = 0
    for program in organization.programs.all():
        if not program.forms.exists():
            configured += bool(configure(program))
    pairs = list(
        Pairing.objects.filter(
            mentee__cohort__program__organization=organization,
            status__in=(PairingStatus.ACTIVE, PairingStatus.STARTING),
        )
        .select_related("mentor__user", "mentee__user", "mentee__cohort__program")
        .order_by("pk")
    )
    for pairing in pairs:
        services.sync_pair(pairing.pk)
    for participant_id in organization.programs.filter(forms__scope=Scope.PARTICIPANT).values_list(
        "cohorts__participants", flat=True
    ):
        if participant_id:
            services.sync_participant(participant_id)
    if Signature.objects.filter(
        submission__program_form__program__organization=organization
    ).exists():
        return None  # the states below were given already
    leaders = [p for p in pairs if p.mentee.cohort.program.kind == ProgramKind.NEW_SCHOOL_LEADERS]
    for index, pairing in enumerate(leaders[:3]):
        _states(pairing, index)
    starting = _a_starting_pair(organization)
    line = f"Forms: {configured} programs set up, {len(pairs)} pairs given their forms"
    if starting:
        line += f"; {starting} waits for a parent's acknowledgement of the commitment"
    return line + "."


def _forms_of(pairing) -> dict[str, FormSubmission]:
    return {
        s.template.family: s
        for s in FormSubmission.objects.filter(
            pairing=pairing, status__in=(SubmissionStatus.DRAFT, SubmissionStatus.AWAITING)
        ).select_related("template")
    }


def _states(pairing: Pairing, index: int) -> None:
    """Pair 0: forms 1–4 signed, the checklist to confirm; pair 1: the self-assessment begun,
    the commitment signed, the plan awaiting the mentee's signature; pair 2: the commitment
    signed, the rest to do (the self-assessment overdue)."""
    mentor, mentee = pairing.mentor.user, pairing.mentee.user
    forms = _forms_of(pairing)
    if "agefo-2" in forms:
        sign_as_demo(forms["agefo-2"], [mentor, mentee])
    if index == 0:
        for family, signers in (
            ("agefo-1", [mentee]),
            ("agefo-3", [mentor, mentee]),
            ("agefo-4", [mentor]),
        ):
            if family in forms:
                sign_as_demo(forms[family], signers)
    elif index == 1:
        if "agefo-1" in forms:
            answers = demo_answers(forms["agefo-1"].template.schema)
            half = dict(list(answers.items())[: len(answers) // 2])
            services.save_draft(forms["agefo-1"].pk, mentee, half)
        if "agefo-3" in forms:
            sign_as_demo(forms["agefo-3"], [mentor])


def _a_starting_pair(organization) -> str:
    """A high-school proposal accepted by both whose commitment is signed, waiting for the
    parent's acknowledgement (the demo login "Parent (commitment to acknowledge)")."""
    proposal = (
        Pairing.objects.filter(
            mentee__cohort__program__organization=organization,
            mentee__cohort__program__kind=ProgramKind.STUDENT_PERSEVERANCE,
            status=PairingStatus.PROPOSED,
            mentee__guardian_links__isnull=False,
        )
        .select_related("mentor__user", "mentee__user")
        .order_by("pk")
        .first()
    )
    if proposal is None:
        return ""
    now = timezone.now() - timedelta(days=2)
    Pairing.objects.filter(pk=proposal.pk).update(
        status=PairingStatus.STARTING,
        mentor_answer=Answer.ACCEPTED,
        mentee_answer=Answer.ACCEPTED,
        mentor_answered_at=now,
        mentee_answered_at=now,
    )
    PairingEvent.objects.create(
        pairing=proposal,
        action="starting",
        from_status=PairingStatus.PROPOSED,
        to_status=PairingStatus.STARTING,
        note="Demo",
    )
    services.sync_pair(proposal.pk)
    commitment = _forms_of(proposal).get("perseverance-commitment")
    if commitment:
        sign_as_demo(commitment, [proposal.mentor.user, proposal.mentee.user])
    return f"{proposal.mentor.user.full_name} — {proposal.mentee.user.full_name}"
