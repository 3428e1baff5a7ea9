"""Report pages. Style: function views (actions, htmx), see CONVENTIONS.md.

The coordination's pages (dashboard, report jobs, exports, certificates, surveys and analysis)
read only their organizations' rows; anything else is a 404. A participant answers their own
questionnaires and downloads their own certificate; a guardian downloads their child's summary;
anyone checks a certificate's code."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from forms_workflow import schema as schemas
from matching.models import Pairing, PairingStatus
from matching.services import portal_children_pairings
from mentorat.pdf import pdf_response
from programs.models import (
    Cohort,
    GuardianLink,
    Program,
    coordinated_organizations,
    is_coordinator,
)
from programs.portal import Action
from reports import certificates as certs
from reports import charts, documents, exports, jobs, stats, surveys
from reports.forms import FunderFilterForm, RevokeForm, SurveyForm, VerifyForm
from reports.models import Certificate, ReportJob, ReportKind, Survey, SurveyResponse

logger = logging.getLogger(__name__)


def _pk(value) -> int | None:
    """An id from a form or a query string, or None (never an integer the database refuses)."""
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) <= 9 else None


def _coordinator(request):
    if not is_coordinator(request.user):
        raise Http404


def _cohort(request, pk) -> Cohort:
    _coordinator(request)
    return get_object_or_404(
        Cohort.objects.in_coordinated_organizations(request.user).select_related(
            "program__organization"
        ),
        pk=pk,
    )


def _program(request, pk) -> Program:
    _coordinator(request)
    return get_object_or_404(
        Program.objects.in_coordinated_organizations(request.user).select_related("organization"),
        pk=pk,
    )


def _funder_filter(request, organization):
    form = FunderFilterForm(request.GET or None, organization=organization)
    funder = form.cleaned_data["funder"] if form.is_bound and form.is_valid() else None
    return form, funder


def _scope(request, kind, pk):
    """The scope of a dashboard, an export or a report: a program (filtered by funder) or a
    cohort."""
    if kind == "programme":
        program = _program(request, pk)
        form, funder = _funder_filter(request, program.organization)
        return stats.program_scope(program, funder), form, program, None
    cohort = _cohort(request, pk)
    form, funder = _funder_filter(request, cohort.program.organization)
    if funder is not None and not funder.funds().filter(pk=cohort.pk).exists():
        scope = stats.cohort_scope(cohort, funder)
        scope.cohorts = []  # this funder does not fund this cohort: nothing to show
    else:
        scope = stats.cohort_scope(cohort, funder)
    return scope, form, cohort.program, cohort


# --- Home and dashboards ------------------------------------------------------------------------


@login_required
def home(request):
    """The reports' home: each program and its cohorts, the funders, the latest reports."""
    _coordinator(request)
    organizations = coordinated_organizations(request.user)
    programs = list(
        Program.objects.filter(organization__in=organizations)
        .select_related("organization")
        .prefetch_related("cohorts", "funders")
        .order_by("name_fr", "pk")
    )
    recent = list(
        ReportJob.objects.filter(organization__in=organizations)
        .select_related("requested_by", "program", "cohort", "funder")
        .order_by("-created_at")[:10]
    )
    from reports.models import Funder

    funders = list(
        Funder.objects.filter(organization__in=organizations).prefetch_related(
            "programs", "cohorts"
        )
    )
    return render(
        request,
        "reports/home.html",
        {"programs": programs, "recent": recent, "funders": funders},
    )


@login_required
def dashboard(request, kind, pk):
    """A program's or cohort's dashboard: key figures and charts, each with its table."""
    scope, filter_form, program, cohort = _scope(request, kind, pk)
    figures = stats.dashboard(scope)
    query = request.GET.urlencode()
    return render(
        request,
        "reports/dashboard.html",
        {
            "kind": kind,
            "program": program,
            "cohort": cohort,
            "scope": scope,
            "figures": figures,
            "charts": charts.dashboard_charts(figures),
            "empty": stats.is_empty(figures),
            "filter_form": filter_form,
            "query": f"?{query}" if query else "",
            "report_kind": ReportKind.PROGRAM if kind == "programme" else ReportKind.COHORT,
            "datasets": exports.titles(),
            "min_group": stats.MIN_GROUP,
            "jobs": list(
                ReportJob.objects.filter(
                    **({"cohort": cohort} if cohort else {"program": program, "cohort": None})
                )
                .select_related("requested_by")
                .order_by("-created_at")[:5]
            ),
        },
    )


# --- Report jobs --------------------------------------------------------------------------------


@login_required
@require_POST
def request_report(request):
    """Ask for a report; the same report asked while it is being built returns that one."""
    _coordinator(request)
    kind = request.POST.get("kind")
    language = translation.get_language() or "fr"
    pk = _pk(request.POST.get("target"))
    if pk is None or kind not in ReportKind.values:
        raise Http404
    funder = None
    if kind == ReportKind.DOSSIER:
        pairing = get_object_or_404(
            Pairing.objects.in_coordinated_organizations(request.user).select_related(
                "mentee__cohort__program__organization"
            ),
            pk=pk,
        )
        target = {"pairing": pairing, "cohort": pairing.mentee.cohort}
        organization = pairing.mentee.cohort.program.organization
    elif kind == ReportKind.PROGRAM:
        program = _program(request, pk)
        organization = program.organization
        target = {"program": program}
    else:
        cohort = _cohort(request, pk)
        organization = cohort.program.organization
        target = {"cohort": cohort, "program": cohort.program}
    if kind != ReportKind.DOSSIER:
        form = FunderFilterForm(request.POST, organization=organization)
        funder = form.cleaned_data["funder"] if form.is_valid() else None
    job, created = jobs.request(
        request.user,
        kind,
        organization=organization,
        language=language,
        funder=funder,
        **target,
    )
    if created:
        messages.success(request, _("Your report is being built: this page follows its progress."))
    else:
        messages.info(request, _("This report is already being built: here it is."))
    return redirect(job)


def _job_for(request, pk) -> ReportJob:
    _coordinator(request)
    return get_object_or_404(
        ReportJob.objects.in_coordinated_organizations(request.user).select_related(
            "requested_by",
            "program",
            "cohort",
            "pairing__mentor__user",
            "pairing__mentee__user",
            "funder",
        ),
        pk=pk,
    )


@login_required
def job(request, pk):
    return render(request, "reports/job.html", {"job": _job_for(request, pk)})


@login_required
def job_status(request, pk):
    """The progress part of the job's page, polled by htmx until the job is finished."""
    return render(request, "reports/job_status.html", {"job": _job_for(request, pk)})


@login_required
def download(request, pk):
    job = _job_for(request, pk)
    if job.status != "done" or not job.file:
        raise Http404
    try:
        with default_storage.open(job.file.name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError as error:
        raise Http404 from error
    return pdf_response(data, f"{job.title or job.get_kind_display()}.pdf")


@login_required
@require_POST
def retry(request, pk):
    job = _job_for(request, pk)
    if job.status not in ("failed", "expired"):
        return redirect(job)
    new = jobs.retry(job, request.user)
    messages.success(request, _("The report is asked again."))
    return redirect(new)


# --- Exports ------------------------------------------------------------------------------------


@login_required
def export(request, kind, pk, dataset, fmt):
    if dataset not in exports.DATASETS or fmt not in exports.FORMATS:
        raise Http404
    scope, _form, program, cohort = _scope(request, kind, pk)
    data, content_type = exports.export(scope, dataset, fmt)
    name = f"{exports.titles()[dataset]} — {scope.title}.{fmt}"
    response = HttpResponse(data, content_type=content_type)
    from urllib.parse import quote

    ascii_name = f"{dataset}-{kind}-{pk}.{fmt}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Certificates -------------------------------------------------------------------------------


@login_required
def certificates(request, pk):
    """Who met the conditions, who has a certificate; issue them all at once."""
    cohort = _cohort(request, pk)
    if request.method == "POST":
        issued = certs.issue(cohort, by=request.user)
        messages.success(
            request,
            ngettext("%(count)d certificate issued.", "%(count)d certificates issued.", len(issued))
            % {"count": len(issued)},
        )
        return redirect("reports:certificates", cohort.pk)
    return _certificates_page(request, cohort)


def _certificates_page(request, cohort, revoke_form=None, revoking=None):
    """The cohort's certificates page; with a refused revocation, its form and errors."""
    standings = certs.standings(cohort)
    return render(
        request,
        "reports/certificates.html",
        {
            "cohort": cohort,
            "standings": standings,
            "policy": standings[0].policy if standings else certs.policy_for(cohort.program),
            "eligible": sum(1 for s in standings if s.eligible and not s.certificate),
            "revoked": list(
                Certificate.objects.filter(
                    participant__cohort=cohort, revoked_at__isnull=False
                ).order_by("-revoked_at")
            ),
            "revoke_form": revoke_form or RevokeForm(),
            "revoking": revoking,
        },
        status=400 if revoke_form is not None else 200,
    )


def _certificate_for(request, pk) -> Certificate:
    return get_object_or_404(
        Certificate.objects.for_user(request.user).select_related("participant__user"), pk=pk
    )


@login_required
def certificate_pdf(request, pk):
    certificate = _certificate_for(request, pk)
    if not certificate.is_valid:
        raise Http404
    language = translation.get_language() or "fr"
    return pdf_response(
        documents.certificate_pdf(certificate, language),
        f"{_('Certificate')} — {certificate.holder_name}.pdf",
    )


@login_required
@require_POST
def revoke(request, pk):
    _coordinator(request)
    certificate = get_object_or_404(
        Certificate.objects.in_coordinated_organizations(request.user).select_related(
            "participant__cohort"
        ),
        pk=pk,
    )
    form = RevokeForm(request.POST)
    cohort = certificate.participant.cohort
    if not form.is_valid():
        return _certificates_page(request, cohort, form, certificate.pk)
    try:
        certs.revoke(certificate, form.cleaned_data["reason"], request.user)
    except certs.CertificateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The certificate is revoked: its code now says so."))
    return redirect("reports:certificates", cohort.pk)


@ratelimit(key="ip", rate="30/m", method="GET", block=False)
def verify(request):
    """Anyone checks a certificate's code: valid (with what it certifies), revoked, or unknown."""
    form = VerifyForm(request.GET or None)
    certificate, checked = None, False
    limited = getattr(request, "limited", False)
    if form.is_bound and form.is_valid() and not limited:
        checked = True
        certificate = certs.lookup(form.cleaned_data["code"])
    return render(
        request,
        "reports/verify.html",
        {
            "form": form,
            "certificate": certificate,
            "checked": checked,
            "limited": limited,
            "role": certs.role_label(certificate.role) if certificate else "",
        },
        status=429 if limited else 200,
    )


# --- Surveys ------------------------------------------------------------------------------------


@login_required
def survey_list(request, pk):
    """A cohort's questionnaires with their response rates; send a new one."""
    cohort = _cohort(request, pk)
    form = SurveyForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            survey = surveys.send(cohort, by=request.user, **form.cleaned_data)
        except surveys.SurveyError as error:
            form.add_error("wave", str(error))
        else:
            sent = survey.responses.count()
            messages.success(
                request,
                ngettext(
                    "The questionnaire is sent to %(count)d person.",
                    "The questionnaire is sent to %(count)d people.",
                    sent,
                )
                % {"count": sent},
            )
            return redirect("reports:surveys", cohort.pk)
    scope = stats.cohort_scope(cohort)
    return render(
        request,
        "reports/surveys.html",
        {"cohort": cohort, "form": form, "outcomes": surveys.outcomes(scope)},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def survey_results(request, pk):
    _coordinator(request)
    survey = get_object_or_404(
        Survey.objects.in_coordinated_organizations(request.user).select_related(
            "template", "cohort__program"
        ),
        pk=pk,
    )
    return render(
        request,
        "reports/survey.html",
        {"survey": survey, "results": surveys.results(survey), "min_group": stats.MIN_GROUP},
    )


@login_required
def analysis(request, kind, pk):
    """How the outcomes relate to what the pairs did, with the caution that it is correlation."""
    scope, filter_form, program, cohort = _scope(request, kind, pk)
    survey = None
    chosen = _pk(request.GET.get("survey"))
    if chosen is not None:
        survey = (
            Survey.objects.filter(cohort__in=scope.cohort_ids, pk=chosen)
            .select_related("template")
            .first()
        )
    return render(
        request,
        "reports/analysis.html",
        {
            "kind": kind,
            "program": program,
            "cohort": cohort,
            "scope": scope,
            "filter_form": filter_form,
            "result": surveys.analysis(scope, survey),
            "min_group": stats.MIN_GROUP,
        },
    )


@login_required
def answer(request, pk):
    """A person answers their questionnaire (their own response only; once)."""
    response = get_object_or_404(
        SurveyResponse.objects.for_user(request.user).select_related(
            "survey__template", "survey__cohort__program"
        ),
        pk=pk,
    )
    schema = response.survey.template.schema
    closed = response.survey.closes_on < timezone.localdate()
    form = schemas.AnswersForm(
        schema, request.POST if request.method == "POST" else None, required=True
    )
    if request.method == "POST" and not response.submitted_at and not closed and form.is_valid():
        try:
            surveys.submit(response, form.answers())
        except surveys.SurveyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you: your answers are recorded."))
        return redirect("programs:portal")
    return render(
        request,
        "reports/answer.html",
        {
            "response": response,
            "form": form,
            "closed": closed,
            "intro": schemas.pick(schema.get("intro")),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# --- Parent-safe summary ------------------------------------------------------------------------


@login_required
def parent_summary(request, pk):
    """A minor mentee's pair summarized for their parents: their guardians and the coordination."""
    user = request.user
    pairing = get_object_or_404(
        Pairing.objects.filter(
            Q(mentee__cohort__program__organization__in=coordinated_organizations(user))
            | Q(mentee__in=GuardianLink.objects.filter(guardian=user).values("participant"))
        )
        .filter(started_on__isnull=False)
        .select_related("mentor__user", "mentee__user", "mentee__cohort__program__organization"),
        pk=pk,
    )
    language = translation.get_language() or "fr"
    return pdf_response(
        documents.parent_summary_pdf(pairing, language),
        _("Summary for parents — %(child)s.pdf") % {"child": pairing.mentee.user.full_name},
    )


# --- What reports adds to other pages -----------------------------------------------------------


def cohort_section(request, cohort):
    """The cohort hub's reports part: the dashboard, surveys, certificates."""
    return {"template": "reports/cohort_section.html", "cohort": cohort}


def pair_aside(request, pairing, coordinator):
    """On a pair's page, for the coordination: its dossier as a PDF; and, for a minor's pair,
    the summary for the parents."""
    if not coordinator:
        return None
    return {
        "template": "reports/pair_aside.html",
        "pairing": pairing,
        "parent_summary": bool(pairing.started_on)
        and pairing.mentee.cohort.program.involves_minors,
    }


def portal_actions(request, participations, guardian_links):
    """Questionnaires to answer."""
    found = []
    if not participations:
        return found
    for response in surveys.open_responses(request.user, participations):
        found.append(
            Action(
                _("Answer the questionnaire: %(title)s")
                % {"title": response.survey.template.title},
                reverse("reports:answer", args=[response.pk]),
                _("About five minutes; open until %(day)s.")
                % {"day": _day(response.survey.closes_on)},
                order=40,
                button=_("Answer"),
            )
        )
    return found


def _day(day) -> str:
    from django.utils.formats import date_format

    return date_format(day, "DATE_FORMAT")


def portal_section(request, participations):
    """My certificates; for a parent, the summaries of their child's pair."""
    mine = []
    if participations:
        mine = list(
            Certificate.objects.filter(
                participant__in=[p.pk for p in participations], revoked_at__isnull=True
            ).order_by("-issued_at")
        )
    children = [  # the pairs that started, from the portal's one read of the children's pairs
        pairing
        for pairing in portal_children_pairings(request)
        if pairing.started_on is not None and pairing.status != PairingStatus.DECLINED
    ]
    return {
        "template": "reports/portal_section.html",
        "certificates": mine,
        "children": children,
    }
