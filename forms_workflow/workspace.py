"""What forms add to the coordinator's home and to a cohort's hub (programs/workspace.py)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from forms_workflow.matrix import FOLLOWED_PAIRS, OPEN, SHOWN_PAIRS
from forms_workflow.models import FormSubmission, SubmissionStatus
from meetings.workspace import COHORT_FIELDS, COHORT_ORDER, cohort_figure, cohort_label


def figures(request, organizations):
    """Forms overdue, per cohort, each linking to its matrix filtered on the late ones."""
    today = timezone.localdate()
    parts = [
        (
            cohort_label({key.replace("pairing__", "", 1): row[key] for key in row}),
            row["total"],
            reverse("forms_workflow:matrix", args=[row["pairing__mentee__cohort"]]) + "?late=1",
        )
        for row in FormSubmission.objects.in_organizations(organizations)
        .filter(status__in=OPEN, due_on__lt=today, pairing__status__in=FOLLOWED_PAIRS)
        .values(*(f"pairing__{name}" for name in COHORT_FIELDS))
        .annotate(total=Count("pk"))
        .order_by(*(f"pairing__{name}" for name in COHORT_ORDER))
    ]
    return [
        cohort_figure(
            "forms_overdue",
            parts,
            lambda n: (
                ngettext("%(count)d form overdue", "%(count)d forms overdue", n) % {"count": n}
            ),
            "warning",
        )
    ]


def cohort_section(request, cohort):
    """The cohort hub's forms part: signed, waiting and overdue, and the matrix."""
    today = timezone.localdate()
    counts = FormSubmission.objects.filter(
        pairing__mentee__cohort=cohort,
        pairing__status__in=SHOWN_PAIRS,
        status__in=(*OPEN, SubmissionStatus.SIGNED),
    ).aggregate(
        signed=Count("pk", filter=Q(status=SubmissionStatus.SIGNED)),
        waiting=Count("pk", filter=Q(status__in=OPEN)),
        overdue=Count(
            "pk", filter=Q(status__in=OPEN, due_on__lt=today, pairing__status__in=FOLLOWED_PAIRS)
        ),
    )
    has_forms = cohort.program.forms.exists()
    return {
        "template": "forms_workflow/cohort_section.html",
        "cohort": cohort,
        "has_forms": has_forms,
        **counts,
    }
