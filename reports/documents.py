"""The PDF documents: the program or cohort report and the pair dossier (built by a worker, see
`reports.jobs`), the participation certificate and the parent-safe summary (built on request:
one page each, well under a second).

None of them reads a private note, a check-in's confidential note or a survey's free text."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from forms_workflow.models import COORDINATION_READS, FormSubmission, SubmissionStatus
from matching.models import PairingEvent
from matching.services import explain_pair
from meetings.models import CheckIn, Concern, Intervention, Meeting, MeetingStatus
from mentorat.pdf import layout, render_pdf, write
from mentorat.typography import typo
from reports import charts, stats, surveys
from reports.models import ReportKind


@dataclass
class Built:
    data: bytes
    pages: int
    title: str


def _noop(percent, stage):
    pass


def build(job, progress=_noop) -> Built:
    if job.kind == ReportKind.DOSSIER:
        return dossier(job.pairing, progress)
    if job.kind == ReportKind.PROGRAM:
        scope = stats.program_scope(job.program, job.funder)
    else:
        scope = stats.cohort_scope(job.cohort, job.funder)
    return scope_report(scope, job.kind, progress)


def report_title(scope, kind) -> str:
    if kind == ReportKind.PROGRAM:
        title = _("Program report: %(name)s") % {"name": scope.title}
    else:
        title = _("Cohort report: %(name)s") % {"name": scope.title}
    if scope.funder is not None:
        title += " — " + _("funded by %(funder)s") % {"funder": scope.funder.name}
    return typo(title)


def _forms_signed_per_pair(pair_ids) -> dict:
    return dict(
        FormSubmission.objects.filter(pairing__in=pair_ids, status=SubmissionStatus.SIGNED)
        .values_list("pairing")
        .annotate(total=Count("pk"))
        .order_by()
    )


def scope_report(scope, kind, progress=_noop) -> Built:
    """The program's or cohort's report: key figures, charts with their tables, pairs closed and
    re-matched, forms, surveys, then every pair in an appendix."""
    title = report_title(scope, kind)
    progress(5, _("Counting the pairs, meetings and forms"))
    figures = stats.dashboard(scope)
    progress(20, _("Drawing the charts"))
    drawn = charts.dashboard_charts(figures)
    progress(30, _("Reading the surveys"))
    survey_results = [
        {"outcome": outcome, "results": surveys.results(outcome["survey"])}
        for outcome in figures["surveys"]
    ]
    progress(35, _("Listing the pairs"))
    rows = list(stats.pair_rows(scope))
    signed = _forms_signed_per_pair([row.pk for row in rows])
    for row in rows:
        row.forms_signed = signed.get(row.pk, 0)
    organization = scope.cohorts[0].program.organization if scope.cohorts else None
    context = {
        "document_title": title,
        "organization_name": typo(organization.name) if organization else "",
        "program_name": typo(scope.subtitle),
        "scope": scope,
        "figures": figures,
        "charts": drawn,
        "survey_results": survey_results,
        "rows": rows,
        "empty": stats.is_empty(figures),
        "made_at": timezone.now(),
        "min_group": stats.MIN_GROUP,
    }
    progress(45, _("Laying out the pages"))
    html = render_to_string("reports/pdf/report.html", context)
    document = layout(html, title=title)
    progress(90, _("Writing the PDF"))
    return Built(write(document), len(document.pages), title)


def dossier_context(pairing) -> dict:
    """A pair's dossier for the coordination: who, why this pair, meetings (with their logs),
    forms the coordination may read (with their signatures), follow-up. Never a private note,
    nor a check-in's confidential note, nor a concern's text."""
    program = pairing.mentee.cohort.program
    meetings = list(
        Meeting.objects.filter(pairing=pairing)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("log")
        .order_by("starts_at")
    )
    forms = list(
        FormSubmission.objects.filter(
            pairing=pairing, program_form__visibility__in=COORDINATION_READS
        )
        .exclude(status=SubmissionStatus.SUPERSEDED)
        .select_related("template", "participant__user")
        .prefetch_related("signatures")
        .order_by("program_form__order", "pk")
    )
    return {
        "organization_name": typo(program.organization.name),
        "program_name": typo(program.name),
        "pairing": pairing,
        "explanation": explain_pair(pairing),
        "meetings": meetings,
        "held": sum(1 for m in meetings if m.status == MeetingStatus.HELD),
        "forms": forms,
        "interventions": list(
            Intervention.objects.filter(pairing=pairing).select_related("coordinator")
        ),
        "checkins": list(CheckIn.objects.filter(pairing=pairing).order_by("on")),
        "concerns": list(Concern.objects.filter(pairing=pairing).order_by("created_at")),
        "events": list(
            PairingEvent.objects.filter(pairing=pairing).select_related("actor").order_by("at")
        ),
        "made_at": timezone.now(),
    }


def dossier_title(pairing) -> str:
    return typo(
        _("Pair dossier: %(mentor)s and %(mentee)s")
        % {"mentor": pairing.mentor.user.full_name, "mentee": pairing.mentee.user.full_name}
    )


def dossier(pairing, progress=_noop) -> Built:
    title = dossier_title(pairing)
    progress(10, _("Reading the pair's records"))
    context = {"document_title": title, **dossier_context(pairing)}
    progress(40, _("Laying out the pages"))
    document = layout(render_to_string("reports/pdf/dossier.html", context), title=title)
    progress(90, _("Writing the PDF"))
    return Built(write(document), len(document.pages), title)


# --- Made on request ----------------------------------------------------------------------------


def certificate_pdf(certificate, language) -> bytes:
    from django.urls import reverse

    from mentorat.mail import absolute_url

    title = _("Certificate of participation")
    return render_pdf(
        "reports/pdf/certificate.html",
        {
            "certificate": certificate,
            "organization_name": typo(certificate.organization_name, language),
            "program_name": typo(certificate.program_name, language),
            "verify_url": absolute_url(f"{reverse('reports:verify')}?code={certificate.code}"),
        },
        language=language,
        title=title,
    )


def parent_summary_context(pairing) -> dict:
    """What a parent reads about their child's pair: the program, the mentor's name, how many
    meetings were held and when the next one is; no log, no rating, no note, no health colour."""
    program = pairing.mentee.cohort.program
    meetings = Meeting.objects.filter(pairing=pairing)
    counts = meetings.aggregate(
        held=Count("pk", filter=Q(status=MeetingStatus.HELD)),
    )
    upcoming = (
        meetings.filter(
            status__in=(MeetingStatus.CONFIRMED, MeetingStatus.PROPOSED),
            starts_at__gte=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )
    held_months = Counter(
        timezone.localtime(moment).date().replace(day=1)
        for moment in meetings.filter(status=MeetingStatus.HELD).values_list("starts_at", flat=True)
    )
    return {
        "organization_name": typo(program.organization.name),
        "program_name": typo(program.name),
        "program": program,
        "pairing": pairing,
        "child": pairing.mentee.user,
        "mentor": pairing.mentor.user,
        "held": counts["held"],
        "months": sorted(held_months.items()),
        "upcoming": upcoming,
        "made_at": timezone.now(),
    }


def parent_summary_pdf(pairing, language) -> bytes:
    title = _("Summary for parents: %(child)s") % {"child": pairing.mentee.user.full_name}
    return render_pdf(
        "reports/pdf/parent_summary.html",
        parent_summary_context(pairing),
        language=language,
        title=typo(title, language),
    )
