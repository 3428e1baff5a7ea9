"""The forms' internal API: views, admin, tasks and commands call these, never the models.

- Templates: the built-in ones installed idempotently; a copy per organization; an edit of a
  version that has answers makes the next version (answers keep the version they were filled on).
- Assignments: each pair (and, for forms before pairing, each participant) gets its forms with
  their due dates; `sync_*` is idempotent and run when a pair is accepted and by the daily beat.
- Filling: drafts merge per question (what a partner changed since you opened the form is kept
  and reported, not overwritten); signing checks the required answers and the typed name, and
  records the SHA-256 digest of the answers and the template version. A change after a signature
  cancels every signature of that form: both sign again.
- The start gate: a pair of a program whose forms "gate the start" stays "starting" until each
  is signed by all its signers and, for a minor, acknowledged by a guardian.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import outbox
from forms_workflow import schema as schemas
from forms_workflow.models import (
    LIVE_STATUSES,
    DueKind,
    FilledBy,
    FormEvent,
    FormEventAction,
    FormSubmission,
    FormTemplate,
    GuardianAcknowledgement,
    ProgramForm,
    Scope,
    Signature,
    SubmissionStatus,
)
from matching import lifecycle
from matching.models import Pairing, PairingStatus
from meetings.models import Meeting, MeetingStatus
from mentorat.mail import absolute_url
from mentorat.typography import datetime_text

MEETINGS_GRACE_DAYS = 14
STARTED_STATUSES = (
    PairingStatus.STARTING,
    PairingStatus.ACTIVE,
    PairingStatus.PAUSED,
    PairingStatus.CLOSED,
)


class FormError(Exception):
    """An expected refusal, in words the person can act on."""


# --- Templates ----------------------------------------------------------------------------------


def install_builtin_templates() -> int:
    """Create the built-in templates, or their next version when the text shipped changed and the
    current one has answers (without answers it is updated in place). Returns how many changed."""
    from forms_workflow.builtin import BUILTIN_TEMPLATES

    changed = 0
    for data in BUILTIN_TEMPLATES:
        schema = {"intro": data.get("intro", {}), "sections": data["sections"]}
        errors = schemas.validate_schema(schema)
        if errors:
            raise ValueError(f"{data['key']}: {errors}")
        fields = {
            "title_fr": data["title"]["fr"],
            "title_en": data["title"]["en"],
            "schema": schema,
        }
        current = (
            FormTemplate.objects.filter(organization=None, key=data["key"])
            .order_by("-version")
            .first()
        )
        if current is None:
            FormTemplate.objects.create(key=data["key"], family=data["key"], **fields)
            changed += 1
        elif any(getattr(current, name) != value for name, value in fields.items()):
            _new_version_or_update(current, fields, by=None)
            changed += 1
    return changed


def builtin(key: str) -> FormTemplate:
    return FormTemplate.objects.filter(organization=None, key=key).order_by("-version").first()


def copy_template(template_id: int, organization, by) -> FormTemplate:
    """An organization's own copy of a template, to adapt; it keeps the family (the checklist
    still recognizes a copied learning plan)."""
    source = FormTemplate.objects.get(pk=template_id)
    base = f"{source.key}-{organization.slug}"[:70]
    key, number = base, 1
    while FormTemplate.objects.filter(organization=organization, key=key).exists():
        number += 1
        key = f"{base}-{number}"
    return FormTemplate.objects.create(
        organization=organization,
        key=key,
        family=source.family,
        title_fr=source.title_fr,
        title_en=source.title_en,
        schema=source.schema,
        copied_from=source,
        created_by=by,
    )


@transaction.atomic
def save_template(template_id: int, by, *, title_fr: str, title_en: str, schema) -> FormTemplate:
    """Edit an organization's template: in place while nobody answered it, else as its next
    version, which the program forms using it switch to (begun answers keep theirs)."""
    template = FormTemplate.objects.select_for_update().get(pk=template_id)
    if template.is_builtin:
        raise FormError(_("A built-in form cannot be changed: copy it, then adapt the copy."))
    errors = schemas.validate_schema(schema)
    if errors:
        raise FormError(" ".join(errors))
    fields = {"title_fr": title_fr, "title_en": title_en, "schema": schema}
    return _new_version_or_update(template, fields, by)


def _new_version_or_update(template: FormTemplate, fields: dict, by) -> FormTemplate:
    if not template.submissions.exists():
        for name, value in fields.items():
            setattr(template, name, value)
        template.save()
        return template
    latest = (
        FormTemplate.objects.filter(organization=template.organization, key=template.key)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    new = FormTemplate.objects.create(
        organization=template.organization,
        key=template.key,
        family=template.family,
        version=latest + 1,
        copied_from=template.copied_from,
        created_by=by,
        **fields,
    )
    ProgramForm.objects.filter(
        template__key=template.key, template__organization=template.organization
    ).update(template=new)
    return new


# --- Assignments and due dates ------------------------------------------------------------------


def _pair_start(pairing: Pairing) -> date | None:
    if pairing.started_on:
        return pairing.started_on
    answered = [d for d in (pairing.mentor_answered_at, pairing.mentee_answered_at) if d]
    return timezone.localdate(max(answered)) if answered else None


def held_meetings(pairing_ids) -> dict[int, list]:
    """The start times of each pair's held meetings, oldest first (one query)."""
    found: dict[int, list] = {}
    rows = (
        Meeting.objects.filter(pairing__in=pairing_ids, status=MeetingStatus.HELD)
        .order_by("starts_at")
        .values_list("pairing_id", "starts_at")
    )
    for pairing_id, starts_at in rows:
        found.setdefault(pairing_id, []).append(starts_at)
    return found


def due_date(program_form: ProgramForm, cohort, pairing=None, held=None) -> date | None:
    value = program_form.due_value
    if program_form.due_kind == DueKind.BEFORE_END:
        return cohort.ends_on - timedelta(days=value)
    if program_form.due_kind == DueKind.AFTER_MEETINGS:
        if pairing is None:
            return None
        held = held if held is not None else held_meetings([pairing.pk]).get(pairing.pk, [])
        if len(held) < max(value, 1):
            return None
        return timezone.localdate(held[max(value, 1) - 1]) + timedelta(days=MEETINGS_GRACE_DAYS)
    start = _pair_start(pairing) if pairing is not None else cohort.starts_on
    return start + timedelta(days=value) if start else None


def _subject_for(program_form: ProgramForm, pairing: Pairing):
    if program_form.filled_by == FilledBy.JOINT:
        return [None]
    return [pairing.mentor if program_form.filled_by == FilledBy.MENTOR else pairing.mentee]


@transaction.atomic
def sync_pair(pairing_id: int) -> int:
    """Give the pair the forms its program asks of pairs (idempotent); due dates refreshed.
    Returns how many were created."""
    pairing = Pairing.objects.select_related("mentor", "mentee__cohort__program").get(pk=pairing_id)
    if pairing.status not in STARTED_STATUSES:
        return 0
    cohort = pairing.mentee.cohort
    program_forms = list(
        ProgramForm.objects.filter(program=cohort.program, scope=Scope.PAIR).select_related(
            "template"
        )
    )
    existing = {
        (s.program_form_id, s.participant_id): s
        for s in FormSubmission.objects.filter(pairing=pairing, status__in=LIVE_STATUSES)
    }
    held = held_meetings([pairing.pk]).get(pairing.pk, [])
    created = 0
    for program_form in program_forms:
        due = due_date(program_form, cohort, pairing, held)
        for person in _subject_for(program_form, pairing):
            person_id = person.pk if person else None
            submission = existing.get((program_form.pk, person_id))
            if submission is None:
                if pairing.status == PairingStatus.CLOSED:
                    continue  # an ended pair is not given new forms
                try:
                    with transaction.atomic():
                        submission = FormSubmission.objects.create(
                            program_form=program_form,
                            template=program_form.template,
                            pairing=pairing,
                            participant=person,
                            due_on=due,
                        )
                except IntegrityError:  # a concurrent sync created it
                    continue
                FormEvent.objects.create(submission=submission, action=FormEventAction.CREATED)
                created += 1
            elif submission.due_on != due and submission.status != SubmissionStatus.SIGNED:
                FormSubmission.objects.filter(pk=submission.pk).update(due_on=due)
    return created


@transaction.atomic
def sync_participant(participant_id: int) -> int:
    """The forms a participant fills before pairing (annex 4 for a mentor)."""
    from programs.models import Participant, ParticipantStatus

    person = Participant.objects.select_related("cohort__program").get(pk=participant_id)
    if person.status == ParticipantStatus.WITHDRAWN:
        return 0
    created = 0
    for program_form in ProgramForm.objects.filter(
        program=person.cohort.program, scope=Scope.PARTICIPANT, filled_by=person.role
    ).select_related("template"):
        if FormSubmission.objects.filter(
            program_form=program_form, participant=person, pairing=None, status__in=LIVE_STATUSES
        ).exists():
            continue
        submission = FormSubmission.objects.create(
            program_form=program_form,
            template=program_form.template,
            participant=person,
            due_on=due_date(program_form, person.cohort),
        )
        FormEvent.objects.create(submission=submission, action=FormEventAction.CREATED)
        created += 1
    return created


def sync_all(today=None) -> dict[str, int]:
    """Beat (daily): forms for every pair and participant of cohorts under way, due dates
    refreshed (a meeting count reached moves a due date)."""
    from programs.models import Participant

    today = today or timezone.localdate()
    programs = ProgramForm.objects.values("program")
    pairs = Pairing.objects.filter(
        status__in=(PairingStatus.STARTING, PairingStatus.ACTIVE, PairingStatus.PAUSED),
        mentee__cohort__program__in=programs,
        mentee__cohort__ends_on__gte=today,
    ).values_list("pk", flat=True)
    people = Participant.objects.filter(
        cohort__program__forms__scope=Scope.PARTICIPANT, cohort__ends_on__gte=today
    ).values_list("pk", flat=True)
    return {
        "pairs": sum(sync_pair(pk) for pk in pairs),
        "participants": sum(sync_participant(pk) for pk in people.distinct()),
    }


# --- Who does what ------------------------------------------------------------------------------


def roles_of(submission: FormSubmission, user) -> list[str]:
    """The signer roles `user` holds on this form ("mentor", "mentee"), in signing order."""
    program_form = submission.program_form
    if submission.participant_id is not None:
        if submission.participant.user_id == user.pk:
            return [program_form.filled_by]
        return []
    pairing = submission.pairing
    roles = []
    if pairing.mentor.user_id == user.pk:
        roles.append(FilledBy.MENTOR.value)
    if pairing.mentee.user_id == user.pk:
        roles.append(FilledBy.MENTEE.value)
    return roles


def can_edit(submission: FormSubmission, user) -> bool:
    return bool(roles_of(submission, user)) and submission.status in (
        SubmissionStatus.DRAFT,
        SubmissionStatus.AWAITING,
    )


def signer_name(submission: FormSubmission, role: str) -> str:
    if submission.participant_id is not None:
        return submission.participant.user.full_name
    side = submission.pairing.mentor if role == FilledBy.MENTOR else submission.pairing.mentee
    return side.user.full_name


def missing_signers(submission: FormSubmission) -> list[str]:
    signed = {s.role for s in submission.signatures.all() if s.invalidated_at is None}
    return [role for role in submission.program_form.signer_roles if role not in signed]


def content_digest(submission: FormSubmission) -> str:
    template = submission.template
    return schemas.digest(
        template.key, template.version, template.schema, submission.answers, submission.evidence
    )


def _locked(submission_id: int) -> FormSubmission:
    return (
        FormSubmission.objects.select_for_update(of=("self",))
        .select_related(
            "program_form__program",
            "template",
            "participant__user",
            "pairing__mentor__user",
            "pairing__mentee__user",
            "pairing__mentee__cohort__program",
        )
        .get(pk=submission_id)
    )


def _check_editor(submission: FormSubmission, user) -> None:
    if not roles_of(submission, user):
        raise FormError(_("Only the people who fill this form can change it."))
    if submission.status == SubmissionStatus.SUPERSEDED:
        raise FormError(_("This form was reopened: its new version is the one to fill."))
    if submission.status == SubmissionStatus.SIGNED:
        raise FormError(_("This form is signed and locked. The coordination can reopen it."))
    pairing = submission.pairing
    if pairing is not None and pairing.status not in (
        PairingStatus.STARTING,
        PairingStatus.ACTIVE,
        PairingStatus.PAUSED,
    ):
        raise FormError(_("This pair has ended: its forms can no longer be changed."))


# --- Drafts -------------------------------------------------------------------------------------


@dataclass
class SaveResult:
    submission: FormSubmission
    changed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # kept as the partner wrote them
    moved_to_version: int | None = None  # the draft moved to the template's new version
    invalidated: bool = False  # a change cancelled the signatures


def _move_to_current_version(submission: FormSubmission, by) -> int | None:
    """A draft nobody signed follows the version the program uses now, keeping the answers whose
    questions still exist."""
    current = submission.program_form.template
    if current.pk == submission.template_id or submission.signatures.valid().exists():
        return None
    keys = {q["key"] for q in schemas.answered_questions(current.schema)}
    submission.answers = {k: v for k, v in submission.answers.items() if k in keys}
    submission.template = current
    FormEvent.objects.create(
        submission=submission,
        actor=by,
        action=FormEventAction.VERSION_CHANGED,
        note=f"v{current.version}",
    )
    return current.version


def _apply(submission, by, answers: dict, base_revision: int | None) -> SaveResult:
    """Merge `answers` (every answered question of the form, empty ones included) into the
    stored ones, question by question."""
    result = SaveResult(submission)
    keys = [q["key"] for q in schemas.answered_questions(submission.template.schema)]
    now = timezone.now()
    for key in keys:
        new = answers.get(key)
        old = submission.answers.get(key)
        if (new in (None, "", [], False) and old in (None, "", [], False)) or new == old:
            continue
        last = submission.editors.get(key) or {}
        if (
            base_revision is not None
            and last.get("revision", 0) > base_revision
            and last.get("user") != by.pk
        ):
            result.conflicts.append(key)
            continue
        if new in (None, "", []):
            submission.answers.pop(key, None)
        else:
            submission.answers[key] = new
        result.changed.append(key)
    if result.changed:
        submission.revision += 1
        for key in result.changed:
            submission.editors[key] = {
                "user": by.pk,
                "name": by.full_name,
                "at": now.isoformat(),
                "revision": submission.revision,
            }
        result.invalidated = _invalidate_signatures(
            submission, by, _("The answers changed after this signature.")
        )
    return result


def _invalidate_signatures(submission: FormSubmission, by, reason: str) -> bool:
    count = submission.signatures.valid().update(
        invalidated_at=timezone.now(), invalidated_reason=reason[:300]
    )
    if count:
        submission.status = SubmissionStatus.DRAFT
        FormEvent.objects.create(
            submission=submission,
            actor=by,
            action=FormEventAction.SIGNATURE_INVALIDATED,
            note=reason,
        )
    return bool(count)


def save_draft(
    submission_id: int, by, answers: dict, *, base_revision: int | None = None
) -> SaveResult:
    """Save what was typed (already checked field by field by the form: lengths, levels,
    dates). Nothing required is checked: a draft may be incomplete."""
    with transaction.atomic():
        submission = _locked(submission_id)
        _check_editor(submission, by)
        moved = _move_to_current_version(submission, by)
        result = _apply(submission, by, answers, base_revision)
        result.moved_to_version = moved
        if has_evidence(submission):
            submission.evidence = checklist_evidence(submission.pairing)
        submission.save()
    return result


def has_evidence(submission: FormSubmission) -> bool:
    return any(q.get("evidence") for q in schemas.questions(submission.template.schema))


# --- Signing ------------------------------------------------------------------------------------


def _comparable(name: str) -> str:
    """A name as typed, for comparison: case, spaces, accents and dashes aside."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("-", " ").replace("’", "'").split())


def name_matches(typed: str, full_name: str) -> bool:
    return bool(typed.strip()) and _comparable(typed) == _comparable(full_name)


def sign(
    submission_id: int,
    by,
    typed_name: str,
    *,
    answers: dict,
    base_revision: int | None,
    template_id: int,
) -> FormSubmission:
    """Save the answers, check them all, and sign as every role `by` holds on the form that has
    not signed yet. Complete once every signer has signed; the pair may then start."""
    with transaction.atomic():
        submission = _locked(submission_id)
        _check_editor(submission, by)
        if _move_to_current_version(submission, by):
            submission.save(update_fields=["template", "answers", "updated_at"])
        if template_id != submission.template_id:
            raise FormError(
                _(
                    "This form was updated by the coordination while you were typing. Your "
                    "answers are kept below: check them on the new version, then sign."
                )
            )
        if base_revision is not None and base_revision != submission.revision:
            changed_by = {
                e.get("name")
                for e in submission.editors.values()
                if e.get("revision", 0) > base_revision and e.get("user") != by.pk
            }
            if changed_by:
                raise FormError(
                    _(
                        "%(names)s changed this form while you were reading it. Read the "
                        "current answers, then sign."
                    )
                    % {"names": ", ".join(sorted(n for n in changed_by if n))}
                )
        roles = [r for r in roles_of(submission, by) if r in missing_signers(submission)]
        if not roles:
            raise FormError(_("You already signed this version of the form."))
        name = signer_name(submission, roles[0])
        if not name_matches(typed_name, name):
            raise FormError(
                _("Type your full name exactly as it appears here: %(name)s.") % {"name": name}
            )
        _apply(submission, by, answers, base_revision)
        missing = _missing_required(submission)
        if missing:
            raise FormError(
                _("Answer every required question before signing: %(questions)s.")
                % {"questions": "; ".join(missing)}
            )
        if has_evidence(submission):
            submission.evidence = checklist_evidence(submission.pairing)
        now = timezone.now()
        digest = content_digest(submission)
        for role in roles:
            Signature.objects.create(
                submission=submission,
                signer=by,
                role=role,
                typed_name=typed_name.strip()[:150],
                signed_at=now,
                revision=submission.revision,
                digest=digest,
            )
        FormEvent.objects.create(
            submission=submission, actor=by, action=FormEventAction.SIGNED, note=", ".join(roles)
        )
        if missing_signers(submission):
            submission.status = SubmissionStatus.AWAITING
        else:
            submission.status = SubmissionStatus.SIGNED
            submission.submitted_at = now
        submission.save()
        pairing_id = submission.pairing_id
    if pairing_id and submission.status == SubmissionStatus.SIGNED:
        lifecycle.start_if_ready(pairing_id, by)
    return submission


def _missing_required(submission: FormSubmission) -> list[str]:
    return [
        schemas.pick(q["label"])
        for q in schemas.answered_questions(submission.template.schema)
        if q.get("required") and submission.answers.get(q["key"]) in (None, "", [], False)
    ]


def acknowledge(submission_id: int, guardian) -> GuardianAcknowledgement:
    """A guardian read the signed commitment of their child's pair; the pair may then start."""
    from programs.models import GuardianLink

    with transaction.atomic():
        submission = _locked(submission_id)
        pairing = submission.pairing
        if not (
            submission.program_form.guardian_acknowledges
            and pairing is not None
            and GuardianLink.objects.filter(participant=pairing.mentee, guardian=guardian).exists()
        ):
            raise FormError(_("Only a guardian of the mentee acknowledges this form."))
        if submission.status != SubmissionStatus.SIGNED:
            raise FormError(_("The form is acknowledged once both have signed it."))
        ack, created = GuardianAcknowledgement.objects.get_or_create(
            submission=submission,
            guardian=guardian,
            defaults={"digest": content_digest(submission), "acknowledged_at": timezone.now()},
        )
        if created:
            FormEvent.objects.create(
                submission=submission, actor=guardian, action=FormEventAction.ACKNOWLEDGED
            )
    lifecycle.start_if_ready(pairing.pk, guardian)
    return ack


def reopen(submission_id: int, by, reason: str) -> FormSubmission:
    """The coordination reopens a signed form: the signed one is kept (superseded, still
    verifiable) and a new draft with the same answers takes its place."""
    reason = (reason or "").strip()
    if not reason:
        raise FormError(_("Say why the form is reopened: its signers will read it."))
    with transaction.atomic():
        old = _locked(submission_id)
        if old.status != SubmissionStatus.SIGNED:
            raise FormError(_("Only a signed form can be reopened."))
        old.status = SubmissionStatus.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
        new = FormSubmission.objects.create(
            program_form=old.program_form,
            template=old.template,
            pairing=old.pairing,
            participant=old.participant,
            answers=old.answers,
            evidence=old.evidence,
            editors=old.editors,
            revision=old.revision,
            due_on=old.due_on,
            reopened_from=old,
            reopen_reason=reason[:1000],
        )
        for submission in (old, new):
            FormEvent.objects.create(
                submission=submission, actor=by, action=FormEventAction.REOPENED, note=reason
            )
    return new


# --- Verification -------------------------------------------------------------------------------


@dataclass
class SignatureCheck:
    signature: Signature
    matches: bool


def verify(submission: FormSubmission) -> list[SignatureCheck]:
    """Recompute the digest of what is stored and compare it with each valid signature."""
    current = content_digest(submission)
    return [
        SignatureCheck(signature, signature.digest == current)
        for signature in submission.signatures.all()
        if signature.invalidated_at is None
    ]


def verify_all(batch: int = 2000):
    """Every signed form: yields (submission id, whether all its signatures still match). Each
    template's schema is read and serialized once, whatever the number of its answers."""
    signed = FormSubmission.objects.filter(
        status__in=(SubmissionStatus.SIGNED, SubmissionStatus.SUPERSEDED)
    )
    templates = {}
    last = 0
    while True:
        rows = list(
            signed.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "template_id", "answers", "evidence")[:batch]
        )
        if not rows:
            return
        missing = {template_id for _pk, template_id, _a, _e in rows} - set(templates)
        for template in FormTemplate.objects.filter(pk__in=missing):
            templates[template.pk] = (
                template.key,
                template.version,
                schemas.schema_json(template.schema),
            )
        digests: dict[int, set] = {}
        for pk, value in (
            Signature.objects.valid()
            .filter(submission__in=[row[0] for row in rows])
            .values_list("submission_id", "digest")
        ):
            digests.setdefault(pk, set()).add(value)
        for pk, template_id, answers, evidence in rows:
            key, version, schema_text = templates[template_id]
            expected = schemas.digest(
                key, version, None, answers, evidence, schema_text=schema_text
            )
            found = digests.get(pk, set())
            yield pk, bool(found) and found == {expected}
        last = rows[-1][0]


# --- The checklist (form 5) ---------------------------------------------------------------------


def _signed_on_time(submissions) -> tuple[bool, str]:
    if not submissions:
        return False, _("Not asked by this program.")
    late, waiting = [], []
    for s in submissions:
        if s.status != SubmissionStatus.SIGNED:
            waiting.append(s)
        elif s.due_on and timezone.localdate(s.submitted_at) > s.due_on:
            late.append(s)
    if waiting:
        return False, _("Not signed yet.")
    when = max(s.submitted_at for s in submissions)
    if late:
        return False, _("Signed on %(when)s, after its due date.") % {"when": datetime_text(when)}
    return True, _("Signed on %(when)s.") % {"when": datetime_text(when)}


def checklist_evidence(pairing: Pairing) -> dict:
    """Each item of the verification checklist from the pair's real state, with its evidence:
    `{key: {"met": bool, "text": str}}`."""
    from mentorat.typography import datetime_text

    if pairing is None:
        return {}
    by_family: dict[str, list] = {}
    for submission in FormSubmission.objects.filter(
        pairing=pairing, status__in=LIVE_STATUSES
    ).select_related("template"):
        by_family.setdefault(submission.template.family, []).append(submission)
    evidence = {}
    for key, family in (
        ("self_assessment_signed", "agefo-1"),
        ("learning_plan_signed", "agefo-3"),
        ("feedback_signed", "agefo-4"),
    ):
        met, text = _signed_on_time(by_family.get(family, []))
        evidence[key] = {"met": met, "text": text}
    held = held_meetings([pairing.pk]).get(pairing.pk, [])
    confidentiality = by_family.get("agefo-2", [])
    signed = [s for s in confidentiality if s.status == SubmissionStatus.SIGNED]
    if not signed:
        evidence["confidentiality_before_first_meeting"] = {
            "met": False,
            "text": _("The commitment is not signed by both yet."),
        }
    else:
        at = signed[0].submitted_at
        before = not held or at <= held[0]
        evidence["confidentiality_before_first_meeting"] = {
            "met": before,
            "text": (
                _("Signed by both on %(when)s, before the first meeting.")
                if before
                else _("Signed by both on %(when)s, after the first meeting.")
            )
            % {"when": datetime_text(at)},
        }
    program = pairing.mentee.cohort.program
    start = pairing.started_on
    end = min(timezone.localdate(), pairing.closed_on or timezone.localdate())
    expected = (
        max(1, (end - start).days // max(program.target_meeting_interval_days, 1)) if start else 1
    )
    evidence["meetings_target"] = {
        "met": len(held) >= expected,
        "text": _("Meetings held: %(held)d; expected by now: %(expected)d.")
        % {"held": len(held), "expected": expected},
    }
    mentor = pairing.mentor
    evidence["training_done"] = {
        "met": bool(mentor.training_completed_on),
        "text": (
            _("Training completed on %(day)s.")
            % {"day": date_format(mentor.training_completed_on, "DATE_FORMAT")}
            if mentor.training_completed_on
            else _("The mentor's training is not recorded.")
        ),
    }
    return evidence


# --- The start gate -----------------------------------------------------------------------------


def start_gate(pairing: Pairing) -> list[str]:
    """What the program asks before the pair's first meeting and is still missing."""
    program_forms = [
        pf
        for pf in ProgramForm.objects.filter(
            program_id=pairing.mentee.cohort.program_id, gates_start=True, scope=Scope.PAIR
        ).select_related("template")
    ]
    if not program_forms:
        return []
    submissions = {
        s.program_form_id: s
        for s in FormSubmission.objects.filter(
            pairing=pairing, program_form__in=program_forms, status__in=LIVE_STATUSES
        ).prefetch_related("acknowledgements")
    }
    minor = pairing.mentee.is_minor
    missing = []
    for program_form in program_forms:
        submission = submissions.get(program_form.pk)
        title = program_form.template.title
        if submission is None or submission.status != SubmissionStatus.SIGNED:
            missing.append(
                _("%(form)s: to be signed by %(who)s.")
                % {"form": title, "who": program_form.get_filled_by_display().lower()}
            )
        elif program_form.guardian_acknowledges and minor and not submission.acknowledgements.all():
            missing.append(
                _("%(form)s: to be acknowledged by a parent or guardian.") % {"form": title}
            )
    return missing


# --- Reminders ----------------------------------------------------------------------------------

SOON_DAYS = 3


def waiting_signers(submission: FormSubmission) -> list:
    """The people who still have to sign (users)."""
    missing = missing_signers(submission)
    if submission.participant_id is not None:
        return [submission.participant.user] if missing else []
    pairing = submission.pairing
    return [
        (pairing.mentor if role == FilledBy.MENTOR else pairing.mentee).user for role in missing
    ]


def _due_query(today):
    return (
        FormSubmission.objects.filter(
            status__in=(SubmissionStatus.DRAFT, SubmissionStatus.AWAITING),
            due_on__isnull=False,
            due_on__lte=today + timedelta(days=SOON_DAYS),
        )
        .filter(
            Q(pairing__isnull=True)
            | Q(
                pairing__status__in=(
                    PairingStatus.STARTING,
                    PairingStatus.ACTIVE,
                    PairingStatus.PAUSED,
                )
            )
        )
        .with_people()
    )


def send_due_reminders(today=None) -> dict[str, int]:
    """Beat (daily): each signer of a form due within 3 days is reminded once, and once more on
    the day after it became overdue; keys make each message exactly once."""
    today = today or timezone.localdate()
    counts = {"soon": 0, "overdue": 0}
    for submission in _due_query(today):
        kind = "overdue" if submission.due_on < today else "soon"
        for user in waiting_signers(submission):
            if not (user.is_active and user.email and user.email_reminders):
                continue
            key = f"form:{submission.pk}:{kind}:{submission.due_on.isoformat()}"
            if _remind(user, submission, key, kind):
                counts[kind] += 1
    return counts


def _remind(user, submission, key, kind, by=None) -> bool:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        url = absolute_url(reverse("forms_workflow:fill", kwargs={"pk": submission.pk}))
        title = submission.template.title
    recorded = outbox.record(
        user,
        key,
        "form_reminder",
        {"submission": submission, "title": title, "url": url, "kind": kind},
        reminder=True,
    )
    if recorded:
        FormEvent.objects.create(
            submission=submission,
            actor=by,
            action=FormEventAction.REMINDED,
            note=user.full_name,
        )
    return recorded


def remind(submission_ids, by, organizations) -> int:
    """The coordination reminds the signers of these forms (at most once a day each)."""
    today = timezone.localdate()
    sent = 0
    submissions = (
        FormSubmission.objects.in_organizations(organizations)
        .filter(
            pk__in=submission_ids, status__in=(SubmissionStatus.DRAFT, SubmissionStatus.AWAITING)
        )
        .with_people()
    )
    for submission in submissions:
        kind = "overdue" if submission.due_on and submission.due_on < today else "nudge"
        for user in waiting_signers(submission):
            if not (user.is_active and user.email):
                continue
            key = f"form:{submission.pk}:asked:{today.isoformat()}"
            sent += _remind(user, submission, key, kind, by=by)
    return sent
