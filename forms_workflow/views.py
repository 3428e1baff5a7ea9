"""Form pages. Style: function views (actions, htmx), see CONVENTIONS.md.

A form's page shows its answers to whoever may read them (`FormSubmission.objects.for_user`),
editable by its authors until it is signed; a draft saves itself as they type (htmx). Anything
outside is a 404."""

import logging
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, Value
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from forms_workflow import matrix as matrices
from forms_workflow import schema as schemas
from forms_workflow import services
from forms_workflow.forms import ReopenForm, SignForm
from forms_workflow.models import (
    FormSubmission,
    GuardianAcknowledgement,
    Signature,
    SubmissionStatus,
)
from matching.models import PairingStatus
from mentorat.pdf import pdf_response, render_pdf
from mentorat.typography import datetime_text, typo
from programs import portal
from programs.models import GuardianLink, coordinated_organizations, is_coordinator
from programs.portal import Action

logger = logging.getLogger(__name__)
OPEN_FORMS = (SubmissionStatus.DRAFT, SubmissionStatus.AWAITING)
FOLLOWED_OR_STARTING = (PairingStatus.STARTING, PairingStatus.ACTIVE, PairingStatus.PAUSED)
SUBMISSION_RELATED = (
    "template",
    "program_form__program__organization",
    "participant__user",
    "participant__cohort",
    "pairing__mentor__user",
    "pairing__mentee__user",
    "pairing__mentee__cohort__program__organization",
)


def _submission_for(request, pk) -> FormSubmission:
    return get_object_or_404(
        FormSubmission.objects.for_user(request.user)
        .select_related(*SUBMISSION_RELATED)
        .prefetch_related("signatures__signer", "acknowledgements"),
        pk=pk,
    )


def _posted_answers(submission, data, required: bool):
    form = schemas.AnswersForm(submission.template.schema, data, required=required)
    form.is_valid()
    return form


def _context(request, submission, form=None, sign_form=None, reopen_form=None):
    user = request.user
    editable = services.can_edit(submission, user)
    schema = submission.template.schema
    # while it is filled, the checklist's evidence is read live; once signed, as it was signed
    evidence = (
        services.checklist_evidence(submission.pairing)
        if editable and services.has_evidence(submission)
        else submission.evidence
    )
    if editable:
        if form is None:
            form = schemas.AnswersForm(
                schema, initial=_initial(submission, evidence), required=True
            )
        sections = _editable_sections(submission, form, evidence, user)
    else:
        sections = _readable_sections(submission)
    waiting = [
        role
        for role in services.roles_of(submission, user)
        if role in services.missing_signers(submission)
    ]
    coordination = (
        is_coordinator(user)
        and coordinated_organizations(user)
        .filter(pk=submission.program_form.program.organization_id)
        .exists()
    )
    return {
        "submission": submission,
        "template": submission.template,
        "intro": schemas.pick(schema.get("intro")),
        "form": form,
        "sections": sections,
        "editable": editable,
        "signatures": list(submission.signatures.all()),
        "sign_form": sign_form or (SignForm() if editable and waiting else None),
        "can_sign": editable and bool(waiting),
        "missing_signers": [
            services.signer_name(submission, role) for role in services.missing_signers(submission)
        ],
        "reopen_form": reopen_form
        or (
            ReopenForm() if coordination and submission.status == SubmissionStatus.SIGNED else None
        ),
        "can_acknowledge": _can_acknowledge(submission, user),
        "acknowledgements": list(submission.acknowledgements.all()),
        "pair_title": _pair_title(submission),
        "is_overdue": submission.due_on
        and submission.due_on < timezone.localdate()
        and submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.AWAITING),
    }


def _readable_sections(submission) -> list[dict]:
    return [
        {
            "title": schemas.pick(section["title"]),
            "help": schemas.pick(section.get("help")),
            "items": [
                {
                    "label": schemas.pick(q["label"]),
                    "value": schemas.display_value(q, submission.answers.get(q["key"])),
                    "evidence": submission.evidence.get(q.get("evidence") or ""),
                }
                for q in section["questions"]
                if q["kind"] != "signature"
            ],
        }
        for section in submission.template.schema["sections"]
    ]


def _editable_sections(submission, form, evidence, user) -> list[dict]:
    """The form's fields by section, each with its evidence (read with its box) and, on a form
    filled together, what the partner changed and when."""
    editors = {
        key: {**value, "at": datetime_text(datetime.fromisoformat(value["at"]))}
        for key, value in submission.editors.items()
        if submission.participant_id is None and value.get("user") != user.pk
    }
    sections = list(form.sections())
    for section in sections:
        for item in section["items"]:
            question = item.get("question")
            if question:
                item["evidence"] = evidence.get(question.get("evidence") or "")
                item["editor"] = editors.get(question["key"])
                if item["evidence"]:
                    item["field"].field.widget.attrs["aria-describedby"] = (
                        f"evidence-{question['key']}"
                    )
    return sections


def _initial(submission, evidence) -> dict:
    """The stored answers; a checklist item nobody has touched yet ticked as its evidence says."""
    initial = dict(submission.answers)
    for q in schemas.questions(submission.template.schema):
        if q.get("evidence") and q["key"] not in submission.editors:
            initial[q["key"]] = evidence.get(q["evidence"], {}).get("met", False)
    return initial


def _pair_title(submission) -> str:
    if submission.pairing_id is None:
        return submission.participant.user.full_name
    pairing = submission.pairing
    return _("Mentor: %(mentor)s — mentee: %(mentee)s") % {
        "mentor": pairing.mentor.user.full_name,
        "mentee": pairing.mentee.user.full_name,
    }


def _can_acknowledge(submission, user) -> bool:
    return bool(
        submission.program_form.guardian_acknowledges
        and submission.status == SubmissionStatus.SIGNED
        and submission.pairing_id
        and GuardianLink.objects.filter(
            participant_id=submission.pairing.mentee_id, guardian=user
        ).exists()
        and not any(a.guardian_id == user.pk for a in submission.acknowledgements.all())
    )


@login_required
def fill(request, pk):
    """Read a form; its authors fill it, save it and sign it here."""
    submission = _submission_for(request, pk)
    if request.method != "POST":
        return render(request, "forms_workflow/fill.html", _context(request, submission))
    if not services.can_edit(submission, request.user):
        messages.error(request, _("This form cannot be changed."))
        return redirect(submission)
    signing = "sign" in request.POST
    form = _posted_answers(submission, request.POST, required=signing)
    base = _int(request.POST.get("revision"))
    template_id = _int(request.POST.get("template_version"))
    if not signing:
        if not form.is_valid():  # nothing saved; what was typed is shown again, with why
            return render(request, "forms_workflow/fill.html", _context(request, submission, form))
        result = services.save_draft(
            submission.pk, request.user, form.answers(), base_revision=base
        )
        _tell(request, result)
        messages.success(request, _("Draft saved."))
        return redirect(submission)
    sign_form = SignForm(request.POST)
    if not (form.is_valid() and sign_form.is_valid()):
        return render(
            request,
            "forms_workflow/fill.html",
            _context(request, submission, form=form, sign_form=sign_form),
        )
    try:
        signed = services.sign(
            submission.pk,
            request.user,
            sign_form.cleaned_data["typed_name"],
            answers=form.answers(),
            base_revision=base,
            template_id=template_id,
        )
    except services.FormError as error:
        sign_form.add_error(None, str(error))
        submission.refresh_from_db()
        return render(
            request,
            "forms_workflow/fill.html",
            _context(request, submission, form=form, sign_form=sign_form),
        )
    if signed.status == SubmissionStatus.SIGNED:
        messages.success(request, _("Signed. The form is complete and locked."))
    else:
        messages.success(
            request,
            _("Signed. The form is complete once %(names)s signs it too.")
            % {
                "names": ", ".join(
                    services.signer_name(signed, r) for r in services.missing_signers(signed)
                )
            },
        )
    return redirect(signed)


def _merged(submission, form) -> dict:
    """A draft with errors: the valid answers saved, the others left as stored."""
    kept = {k: v for k, v in submission.answers.items() if k not in form.fields or k in form.errors}
    return {**kept, **form.answers()}


def _int(value):
    """A number sent by a page (an id, a revision), or None when it cannot be one."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number < 2**31 else None


def _tell(request, result):
    if result.moved_to_version:
        messages.info(
            request,
            _(
                "The coordination updated this form (version %(version)s) while you were typing. "
                "Your answers were kept; check them against the questions."
            )
            % {"version": result.moved_to_version},
        )
    if result.conflicts:
        messages.warning(
            request,
            ngettext(
                "Your partner changed one answer while you were typing; theirs was kept: "
                "read it again.",
                "Your partner changed %(count)d answers while you were typing; theirs were "
                "kept: read them again.",
                len(result.conflicts),
            )
            % {"count": len(result.conflicts)},
        )
    if result.invalidated:
        messages.warning(
            request, _("The answers changed: the signatures were cancelled and both sign again.")
        )


@require_POST
def autosave(request, pk):
    """htmx: save the draft as it is typed; answers a status line. Signed out, it says so and
    the page keeps what was typed (the browser keeps a copy too)."""
    if not request.user.is_authenticated:
        return render(request, "forms_workflow/autosave.html", {"signed_out": True}, status=401)
    submission = _submission_for(request, pk)
    if not services.can_edit(submission, request.user):
        return render(
            request, "forms_workflow/autosave.html", {"refused": True, "submission": submission}
        )
    form = _posted_answers(submission, request.POST, required=False)
    answers = _merged(submission, form)
    try:
        result = services.save_draft(
            submission.pk, request.user, answers, base_revision=_int(request.POST.get("revision"))
        )
    except services.FormError as error:
        return render(
            request, "forms_workflow/autosave.html", {"error": str(error), "submission": submission}
        )
    errors = [(form[key].label, error) for key, errors in form.errors.items() for error in errors]
    return render(
        request,
        "forms_workflow/autosave.html",
        {
            "submission": result.submission,
            "result": result,
            "errors": errors,
            "saved_at": timezone.now(),
        },
    )


@login_required
def pdf(request, pk):
    submission = _submission_for(request, pk)
    if submission.status not in (
        SubmissionStatus.SIGNED,
        SubmissionStatus.SUPERSEDED,
        SubmissionStatus.AWAITING,
    ):
        raise Http404
    return pdf_response(
        render_pdf(
            "forms_workflow/pdf.html",
            pdf_context(submission),
            title=submission.template.title,
        ),
        f"{submission.template.title}.pdf",
    )


def pdf_context(submission) -> dict:
    program = submission.program_form.program
    checks = services.verify(submission)
    return {
        "submission": submission,
        "organization_name": typo(program.organization.name),
        "program_name": typo(program.name),
        "document_title": submission.template.title,
        "pair_title": _pair_title(submission),
        "sections": [
            {
                "title": schemas.pick(section["title"]),
                "items": [
                    {
                        "label": schemas.pick(q["label"]),
                        "value": schemas.display_value(q, submission.answers.get(q["key"])),
                        "evidence": submission.evidence.get(q.get("evidence") or "", None),
                    }
                    for q in section["questions"]
                    if q["kind"] != "signature"
                ],
            }
            for section in submission.template.schema["sections"]
        ],
        "checks": checks,
        "acknowledgements": list(submission.acknowledgements.all()),
    }


@login_required
def verify(request, pk):
    """Recompute the digest of what is stored and say whether it still matches the signatures."""
    submission = _submission_for(request, pk)
    return render(
        request,
        "forms_workflow/verify.html",
        {
            "submission": submission,
            "checks": services.verify(submission),
            "digest": services.content_digest(submission),
        },
    )


@login_required
@require_POST
def reopen(request, pk):
    submission = _submission_for(request, pk)
    organizations = coordinated_organizations(request.user)
    if not organizations.filter(pk=submission.program_form.program.organization_id).exists():
        raise Http404
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "forms_workflow/fill.html",
            _context(request, submission, reopen_form=form),
        )
    try:
        new = services.reopen(submission.pk, request.user, form.cleaned_data["reason"])
    except services.FormError as error:
        messages.error(request, str(error))
        return redirect(submission)
    messages.success(request, _("Reopened: the signed version is kept; the signers can edit it."))
    return redirect(new)


@login_required
@require_POST
def acknowledge(request, pk):
    submission = _submission_for(request, pk)
    try:
        services.acknowledge(submission.pk, request.user)
    except services.FormError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you: your acknowledgement is recorded."))
    return redirect(submission)


# --- The coordination's matrix ------------------------------------------------------------------


@login_required
def cohort_matrix(request, pk):
    """Pairs × forms of a cohort, with each form's status; remind one person or everyone late."""
    cohort = matrices.coordinated_cohort(request, pk)
    if request.method == "POST":
        ids = request.POST.getlist("submission")
        if "late" in request.POST:
            ids = matrices.late_ids(cohort)
        ids = [i for i in (_int(v) for v in ids) if i]
        if not ids:
            messages.error(request, _("Choose the forms whose signers you want to remind."))
        else:
            sent = services.remind(ids, request.user, coordinated_organizations(request.user))
            messages.success(
                request,
                ngettext(
                    "%(count)d reminder sent.",
                    "%(count)d reminders sent.",
                    sent,
                )
                % {"count": sent},
            )
        return redirect(reverse("forms_workflow:matrix", args=[cohort.pk]) + _query(request))
    only_late = request.GET.get("late") == "1"
    rows = matrices.pair_rows(cohort, only_late=only_late)
    page = Paginator(rows, matrices.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "forms_workflow/matrix.html",
        {
            "cohort": cohort,
            **matrices.build(cohort, page, request.user),
            "page_obj": page,
            "only_late": only_late,
        },
    )


def _query(request) -> str:
    keep = {k: v for k, v in request.GET.items() if k in ("page", "late")}
    return ("?" + "&".join(f"{k}={v}" for k, v in keep.items())) if keep else ""


# --- The portal ---------------------------------------------------------------------------------


# What the portal shows of a form and needs to say who signs it: not its answers, its
# template's questions, the profiles or a password hash.
PORTAL_FORM_FIELDS = (
    "status",
    "revision",
    "due_on",
    "template__title_fr",
    "template__title_en",
    "program_form__order",
    "program_form__filled_by",
    "program_form__gates_start",
    "program_form__guardian_acknowledges",
    "participant__user",
    "pairing",  # the pair itself comes from the portal's reads of pairs
)


@portal.read_once
def _my_forms(request, participations) -> list[FormSubmission]:
    """The forms the person fills (to do, awaiting a co-signature, signed), read once for the
    portal's actions and its section: found by the ids the portal already holds (their
    participations, their open pairs, their children), not by OR across joins."""
    from matching.services import portal_children_pairings, portal_pairings

    user = request.user
    pairs = {pairing.pk: pairing for pairing in portal_pairings(request, participations)}
    children_pairs = {pairing.pk: pairing for pairing in portal_children_pairings(request)}
    mine_ids = [participation.pk for participation in participations]
    # forms come with the acceptance: a pair under way or starting, never one proposed
    pair_ids = [pk for pk, pairing in pairs.items() if pairing.status in FOLLOWED_OR_STARTING]
    starting = [
        pk for pk, pairing in children_pairs.items() if pairing.status == PairingStatus.STARTING
    ]
    wanted = Q(pairing__isnull=True, participant__in=mine_ids) | Q(
        Q(participant__isnull=True) | Q(participant__in=mine_ids), pairing__in=pair_ids
    )
    wanted &= Q(status__in=(*OPEN_FORMS, SubmissionStatus.SIGNED))
    if starting:  # a guardian: the commitment of their child's starting pair, to acknowledge
        wanted |= Q(
            program_form__guardian_acknowledges=True,
            status=SubmissionStatus.SIGNED,
            pairing__in=starting,
        )
    found = []
    if mine_ids or starting:
        found = list(
            FormSubmission.objects.for_user(user)
            .filter(wanted)
            .annotate(  # a guardian's acknowledgement (nobody else's rows need it)
                acknowledged=Exists(
                    GuardianAcknowledgement.objects.filter(submission=OuterRef("pk"), guardian=user)
                )
                if starting
                else Value(False)
            )
            .select_related("template", "program_form", "participant")
            .only(*PORTAL_FORM_FIELDS)
            .prefetch_related(
                Prefetch(
                    "signatures",
                    Signature.objects.only("submission", "signer", "invalidated_at"),
                )
            )
            .order_by("due_on", "program_form__order", "pk")
        )
    known = {**children_pairs, **pairs}
    for submission in found:
        if submission.pairing_id in known:
            submission.pairing = known[submission.pairing_id]
        submission.mine = bool(services.roles_of(submission, user))
    return found


def portal_actions(request, participations, guardian_links):
    """Forms to fill or sign, the ones before the first meeting first; for a guardian, the
    commitment to acknowledge."""
    user = request.user
    found = []
    today = timezone.localdate()
    for submission in _my_forms(request, participations):
        if not submission.mine:
            if not submission.acknowledged:
                found.append(
                    Action(
                        _("Read the commitment signed by %(child)s and their mentor")
                        % {"child": submission.pairing.mentee.user.full_name},
                        submission.get_absolute_url(),
                        _("Their first meeting waits for your acknowledgement."),
                        order=1,
                        button=_("Read and acknowledge"),
                    )
                )
            continue
        if submission.status not in OPEN_FORMS or user.pk in {
            s.signer_id for s in submission.signatures.all() if not s.invalidated_at
        }:
            continue  # signed: complete, or waiting for the partner
        gating = submission.program_form.gates_start and submission.pairing_id
        if gating and submission.pairing.status == PairingStatus.STARTING:
            detail = _(
                "To sign together before your first meeting: no meeting can be planned before."
            )
        elif submission.due_on and submission.due_on < today:
            detail = _("Overdue since %(day)s.") % {"day": _day(submission.due_on)}
        elif submission.due_on:
            detail = _("Due on %(day)s.") % {"day": _day(submission.due_on)}
        else:
            detail = ""
        partner = submission.pairing.partner_of(user) if submission.pairing_id else None
        label = (
            _("Fill and sign with %(name)s: %(form)s")
            % {"name": partner.full_name, "form": submission.template.title}
            if partner and submission.participant_id is None
            else _("Fill and sign: %(form)s") % {"form": submission.template.title}
        )
        found.append(
            Action(
                label,
                submission.get_absolute_url(),
                detail,
                order=5 if gating else 30,
                button=_("Open the form"),
            )
        )
    return found


def _day(day) -> str:
    from django.utils.formats import date_format

    return date_format(day, "DATE_FORMAT")


def portal_section(request, participations):
    """My forms, with their status and due dates."""
    user = request.user
    submissions = sorted(
        (s for s in _my_forms(request, participations) if s.mine),
        key=lambda s: (s.program_form.order, s.pk),
    )
    today = timezone.localdate()
    rows = [
        {
            "submission": s,
            "status": matrices.status_of(s, today),
            "partner": s.pairing.partner_of(user) if s.pairing_id else None,
        }
        for s in submissions
    ]
    return {"template": "forms_workflow/portal_section.html", "rows": rows}


def shortlist_aside(request, mentee):
    """Beside a mentee's shortlist: the questions to ask oneself before choosing a mentor
    (AGÉFO's annex 5), with the mentee's own private answers if the program asks for them."""
    submission = (
        FormSubmission.objects.for_user(request.user)
        .filter(
            participant=mentee,
            pairing=None,
            program_form__beside_shortlist=True,
            status__in=(SubmissionStatus.DRAFT, SubmissionStatus.AWAITING, SubmissionStatus.SIGNED),
        )
        .select_related("template")
        .first()
    )
    questions = []
    if submission is not None:
        questions = [
            schemas.pick(q["label"]) for q in schemas.answered_questions(submission.template.schema)
        ]
    return {
        "template": "forms_workflow/shortlist_aside.html",
        "submission": submission,
        "questions": questions,
    }
