"""Exports of a report's scope as CSV (UTF-8 with a byte order mark, so spreadsheet programs
read the accents) and XLSX, built with tablib; headers in the language of the page.

A cell that a spreadsheet would read as a formula (it begins with =, +, -, @, a tab or a carriage
return) is neutralized with a leading apostrophe (OWASP's CSV injection advice). Nothing private
is exported: no private note, no confidential note, no free-text survey answer, and survey
results only as the aggregates shown on screen."""

import tablib
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from forms_workflow.models import LIVE_STATUSES, FormSubmission
from forms_workflow.schema import pick
from meetings.models import Meeting, MeetingStatus
from reports import stats, surveys
from reports.models import Survey

DATASETS = ("pairs", "meetings", "forms", "surveys")
FORMATS = ("csv", "xlsx")
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """A cell value a spreadsheet shows as text, never runs."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def _day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _moment(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def pairs(scope) -> tablib.Dataset:
    data = tablib.Dataset(
        headers=[
            _("Cohort"),
            _("Mentor"),
            _("Mentee"),
            _("Status"),
            _("Started on"),
            _("Closed on"),
            _("Reason for closing"),
            _("Meetings held"),
            _("Meetings that did not take place"),
            _("Health"),
            _("Last contact"),
        ]
    )
    for pair in stats.pair_rows(scope):
        health = getattr(pair, "health_state", None)
        data.append(
            [
                safe(pair.mentee.cohort.name),
                safe(pair.mentor.user.full_name),
                safe(pair.mentee.user.full_name),
                pair.get_status_display(),
                _day(pair.started_on),
                _day(pair.closed_on),
                pair.get_close_reason_display() if pair.close_reason else "",
                pair.held,
                pair.missed,
                health.get_color_display() if health else "",
                _moment(health.last_contact) if health else "",
            ]
        )
    return data


def meetings(scope) -> tablib.Dataset:
    data = tablib.Dataset(
        headers=[
            _("Mentor"),
            _("Mentee"),
            _("Date"),
            _("Duration (minutes)"),
            _("How"),
            _("Status"),
            _("Mentor attended"),
            _("Mentee attended"),
        ]
    )
    rows = (
        Meeting.objects.filter(pairing__in=scope.pairing_ids())
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("pairing__mentor__user", "pairing__mentee__user")
        .order_by("starts_at", "pk")
    )
    yes, no = _("Yes"), _("No")
    for meeting in rows:
        data.append(
            [
                safe(meeting.pairing.mentor.user.full_name),
                safe(meeting.pairing.mentee.user.full_name),
                _moment(meeting.starts_at),
                meeting.duration_minutes,
                meeting.get_mode_display(),
                meeting.get_status_display(),
                "" if meeting.mentor_attended is None else (yes if meeting.mentor_attended else no),
                "" if meeting.mentee_attended is None else (yes if meeting.mentee_attended else no),
            ]
        )
    return data


def forms(scope) -> tablib.Dataset:
    """Each form's status, never its answers."""
    data = tablib.Dataset(
        headers=[
            _("Form"),
            _("Mentor"),
            _("Mentee"),
            _("Filled by"),
            _("Status"),
            _("Due on"),
            _("Signed at"),
        ]
    )
    rows = (
        FormSubmission.objects.filter(
            Q(pairing__in=scope.pairing_ids())
            | Q(pairing__isnull=True, participant__cohort__in=scope.cohort_ids),
            status__in=LIVE_STATUSES,
        )
        .select_related(
            "template", "pairing__mentor__user", "pairing__mentee__user", "participant__user"
        )
        .order_by("program_form__order", "pk")
    )
    for submission in rows:
        pairing = submission.pairing
        data.append(
            [
                safe(
                    pick({"fr": submission.template.title_fr, "en": submission.template.title_en})
                ),
                safe(pairing.mentor.user.full_name if pairing else ""),
                safe(pairing.mentee.user.full_name if pairing else ""),
                safe(submission.participant.user.full_name if submission.participant else ""),
                submission.get_status_display(),
                _day(submission.due_on),
                _moment(submission.submitted_at),
            ]
        )
    return data


def survey_results(scope) -> tablib.Dataset:
    """The aggregates shown on screen (groups under the threshold say so), never a person's
    answers."""
    data = tablib.Dataset(
        headers=[
            _("Questionnaire"),
            pgettext("survey", "Moment in the program"),
            _("Question"),
            _("Group"),
            _("Answers"),
            _("Mean"),
            _("Distribution"),
        ]
    )
    for survey in (
        Survey.objects.filter(cohort__in=scope.cohort_ids)
        .select_related("template")
        .annotate(answered=Count("responses", filter=Q(responses__submitted_at__isnull=False)))
    ):
        result = surveys.results(survey)
        for section in result["sections"]:
            for question in section["questions"]:
                for group in question["groups"]:
                    hidden = group["hidden"]
                    data.append(
                        [
                            safe(survey.template.title),
                            survey.get_wave_display(),
                            safe(question["label"]),
                            safe(str(group["name"])),
                            group["n"],
                            "" if hidden else group.get("mean", ""),
                            str(hidden)
                            if hidden
                            else "; ".join(
                                f"{level['label']}: {level['percent']} %"
                                for level in group.get("levels", [])
                            ),
                        ]
                    )
    return data


BUILDERS = {"pairs": pairs, "meetings": meetings, "forms": forms, "surveys": survey_results}


def titles() -> dict:
    return {
        "pairs": _("Pairs"),
        "meetings": _("Meetings"),
        "forms": _("Forms status"),
        "surveys": _("Survey results"),
    }


def export(scope, dataset: str, fmt: str) -> tuple[bytes, str]:
    data = BUILDERS[dataset](scope)
    data.title = titles()[dataset][:31]
    if fmt == "csv":
        return ("\ufeff" + data.export("csv")).encode("utf-8"), "text/csv; charset=utf-8"
    return (
        data.export("xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
