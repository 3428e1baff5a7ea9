"""The coordination's matrix: a cohort's pairs × its forms, each cell a status (never answers).

Built in a constant number of queries whatever the cohort's size: one page of pairs, the
program's forms, the page's submissions as values, and the cohort's totals per form."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forms_workflow.models import (
    COORDINATION_READS,
    FormSubmission,
    ProgramForm,
    Scope,
    SubmissionStatus,
)
from matching.models import Pairing, PairingStatus
from programs.models import Cohort, is_coordinator

PAGE_SIZE = 100
FOLLOWED_PAIRS = (PairingStatus.STARTING, PairingStatus.ACTIVE, PairingStatus.PAUSED)
SHOWN_PAIRS = (*FOLLOWED_PAIRS, PairingStatus.CLOSED)
OPEN = (SubmissionStatus.DRAFT, SubmissionStatus.AWAITING)
STATUSES = {
    "todo": (_("To do"), "secondary"),
    "draft": (pgettext_lazy("form", "Draft"), "info"),
    "awaiting": (_("Awaiting co-signature"), "warning"),
    "signed": (pgettext_lazy("form", "Signed"), "success"),
    "overdue": (_("Overdue"), "danger"),
}


def coordinated_cohort(request, pk) -> Cohort:
    if not is_coordinator(request.user):
        raise Http404
    cohorts = Cohort.objects.for_user(request.user).in_coordinated_organizations(request.user)
    return get_object_or_404(cohorts.select_related("program"), pk=pk)


def status_key(status: str, revision: int, due_on, today) -> str:
    if status == SubmissionStatus.SIGNED:
        return "signed"
    if due_on and due_on < today:
        return "overdue"
    if status == SubmissionStatus.AWAITING:
        return "awaiting"
    return "draft" if revision else "todo"


def status_of(submission, today=None) -> dict:
    key = status_key(
        submission.status, submission.revision, submission.due_on, today or timezone.localdate()
    )
    label, tone = STATUSES[key]
    return {"key": key, "label": label, "tone": tone}


def _late(cohort):
    """The cohort's forms overdue in pairs still under way (the ones reminders go to)."""
    return FormSubmission.objects.filter(
        pairing__mentee__cohort=cohort,
        pairing__status__in=FOLLOWED_PAIRS,
        status__in=OPEN,
        due_on__lt=timezone.localdate(),
    )


def pair_rows(cohort, only_late=False):
    pairs = Pairing.objects.filter(mentee__cohort=cohort, status__in=SHOWN_PAIRS)
    if only_late:
        pairs = pairs.filter(pk__in=_late(cohort).values("pairing"))
    return pairs.order_by("mentee__user__full_name", "pk").values(
        "pk", "status", "mentor__user__full_name", "mentee__user__full_name"
    )


def late_ids(cohort) -> list[int]:
    return list(_late(cohort).values_list("pk", flat=True))


def build(cohort, page, user) -> dict:
    today = timezone.localdate()
    columns = list(
        ProgramForm.objects.filter(program=cohort.program, scope=Scope.PAIR)
        .select_related("template")
        .defer("template__schema")
        .order_by("order", "pk")
    )
    pair_ids = [row["pk"] for row in page.object_list]
    cells = {}
    for row in FormSubmission.objects.filter(
        pairing__in=pair_ids, status__in=(*OPEN, SubmissionStatus.SIGNED)
    ).values("pk", "pairing_id", "program_form_id", "status", "revision", "due_on"):
        cells[(row["pairing_id"], row["program_form_id"])] = row
    rows = []
    for pair in page.object_list:
        row_cells = []
        for column in columns:
            found = cells.get((pair["pk"], column.pk))
            key = (
                status_key(found["status"], found["revision"], found["due_on"], today)
                if found
                else "todo"
            )
            label, tone = STATUSES[key]
            row_cells.append(
                {
                    "column": column,
                    "submission_id": found["pk"] if found else None,
                    "readable": column.visibility in COORDINATION_READS,
                    "key": key,
                    "label": label,
                    "tone": tone,
                    "due_on": found["due_on"] if found else None,
                }
            )
        rows.append({"pair": pair, "cells": row_cells})
    totals = {
        (t["program_form"]): t
        for t in FormSubmission.objects.filter(
            pairing__mentee__cohort=cohort,
            pairing__status__in=SHOWN_PAIRS,
            status__in=(*OPEN, SubmissionStatus.SIGNED),
        )
        .values("program_form")
        .annotate(
            signed=Count("pk", filter=Q(status=SubmissionStatus.SIGNED)),
            overdue=Count(
                "pk",
                filter=Q(status__in=OPEN, due_on__lt=today, pairing__status__in=FOLLOWED_PAIRS),
            ),
            total=Count("pk"),
        )
        .order_by()
    }
    return {
        "columns": [
            {
                "form": column,
                "signed": totals.get(column.pk, {}).get("signed", 0),
                "overdue": totals.get(column.pk, {}).get("overdue", 0),
                "total": totals.get(column.pk, {}).get("total", 0),
            }
            for column in columns
        ],
        "rows": rows,
        "statuses": [{"key": k, "label": v[0], "tone": v[1]} for k, v in STATUSES.items()],
        "late_count": sum(t["overdue"] for t in totals.values()),
    }
