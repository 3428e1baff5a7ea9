"""Reports and evaluation: what the program shows its board, its funders and its families.

- `Funder`: a grant that funds programs or cohorts; every report and export can be filtered by it.
- `ReportJob`: a PDF built in the background (cohort or program report, pair dossier), with its
  progress; a file kept for a set time, then removed by a beat task.
- `CertificatePolicy` and `Certificate`: the conditions a program sets (meetings held, forms
  signed) and the participation certificates issued, each with a code a third party checks on a
  public page.
- `Survey` and `SurveyResponse`: pre, mid and end-of-program questionnaires, built on the form
  templates; shown only aggregated, never for fewer than `reports.stats.MIN_GROUP` people.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mentorat.db import QuerySet
from programs.models import OrganizationScopedQuerySet

# --- Funders ------------------------------------------------------------------------------------


class FunderQuerySet(OrganizationScopedQuerySet):
    organization_path = "organization"


class Funder(models.Model):
    organization = models.ForeignKey(
        "programs.Organization",
        models.CASCADE,
        related_name="funders",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("funder"), max_length=200)
    grant = models.CharField(
        _("grant or agreement"),
        max_length=200,
        blank=True,
        help_text=_("Its reference, as the funder's reports name it."),
    )
    programs = models.ManyToManyField(
        "programs.Program",
        blank=True,
        related_name="funders",
        verbose_name=_("programs funded"),
    )
    cohorts = models.ManyToManyField(
        "programs.Cohort",
        blank=True,
        related_name="funders",
        verbose_name=_("cohorts funded"),
        help_text=_("Only these cohorts, when the grant does not fund the whole program."),
    )

    objects = FunderQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                name="funder_name_unique",
                violation_error_message=_("Your organization already has a funder by this name."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.grant})" if self.grant else self.name

    def funds(self):
        """The cohorts this funder pays for: its cohorts and every cohort of its programs."""
        from programs.models import Cohort

        return Cohort.objects.filter(
            Q(pk__in=self.cohorts.values("pk")) | Q(program__in=self.programs.values("pk"))
        )


# --- Report jobs --------------------------------------------------------------------------------


class ReportKind(models.TextChoices):
    PROGRAM = "program", _("Program report")
    COHORT = "cohort", _("Cohort report")
    DOSSIER = "dossier", _("Pair dossier")


class JobStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("report", "Queued")
    RUNNING = "running", pgettext_lazy("report", "Being built")
    DONE = "done", pgettext_lazy("report", "Ready")
    FAILED = "failed", pgettext_lazy("report", "Failed")
    EXPIRED = "expired", pgettext_lazy("report", "Removed after its retention period")


UNFINISHED = (JobStatus.QUEUED, JobStatus.RUNNING)


class ReportJobQuerySet(OrganizationScopedQuerySet):
    organization_path = "organization"


class ReportJob(models.Model):
    organization = models.ForeignKey(
        "programs.Organization", models.CASCADE, related_name="report_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="report_jobs",
        verbose_name=_("asked by"),
    )
    kind = models.CharField(_("report"), max_length=10, choices=ReportKind)
    program = models.ForeignKey(
        "programs.Program", models.CASCADE, null=True, blank=True, related_name="report_jobs"
    )
    cohort = models.ForeignKey(
        "programs.Cohort", models.CASCADE, null=True, blank=True, related_name="report_jobs"
    )
    pairing = models.ForeignKey(
        "matching.Pairing", models.CASCADE, null=True, blank=True, related_name="report_jobs"
    )
    funder = models.ForeignKey(
        Funder,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_jobs",
        verbose_name=_("funder"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    key = models.CharField(max_length=200)  # what was asked: one job at a time per key
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)  # percent
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    error = models.TextField(_("reason of the failure"), blank=True)
    file = models.FileField(upload_to="reports/", blank=True, max_length=300)
    title = models.CharField(_("title"), max_length=300, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kept until"), null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(status__in=UNFINISHED),
                name="report_job_one_running_per_key",
                violation_error_message=_("This report is already being built."),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="report_job_progress_percent",
                violation_error_message=_("The progress is a percentage."),
            ),
        ]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="report_job_status")]

    def __str__(self):
        return self.title or self.get_kind_display()

    def get_absolute_url(self):
        return reverse("reports:job", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status not in UNFINISHED


# --- Certificates -------------------------------------------------------------------------------


class CertificatePolicyQuerySet(OrganizationScopedQuerySet):
    organization_path = "program__organization"


class CertificatePolicy(models.Model):
    """What a participant of the program must have done to receive a certificate."""

    program = models.OneToOneField(
        "programs.Program", models.CASCADE, related_name="certificate_policy"
    )
    min_meetings = models.PositiveSmallIntegerField(
        _("meetings held, at least"),
        default=6,
        help_text=_("Meetings the pair held, marked as held."),
    )
    forms_signed = models.BooleanField(
        _("every form of the pair signed"),
        default=True,
        help_text=_("The forms the program asks of the pair, signed by this participant."),
    )

    objects = CertificatePolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate conditions")
        verbose_name_plural = _("certificate conditions")

    def __str__(self):
        return str(self.program)


def new_certificate_code() -> str:
    """Twelve characters a person can read over the phone: no 0/O, 1/I/L."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class CertificateQuerySet(OrganizationScopedQuerySet):
    organization_path = "participant__cohort__program__organization"

    def for_user(self, user):
        """The coordination's certificates, and one's own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(pk__in=super().for_user(user).values("pk")) | Q(participant__user=user)
        )


class Certificate(models.Model):
    participant = models.ForeignKey(
        "programs.Participant",
        models.PROTECT,
        related_name="certificates",
        verbose_name=_("participant"),
    )
    code = models.CharField(
        _("verification code"), max_length=14, unique=True, default=new_certificate_code
    )
    # What the certificate says, kept as issued (a later change of name or program does not
    # change a certificate already given).
    holder_name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=10)
    program_name = models.CharField(_("program"), max_length=200)
    cohort_name = models.CharField(_("cohort"), max_length=200)
    organization_name = models.CharField(_("organization"), max_length=200)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    meetings_held = models.PositiveIntegerField(_("meetings held"))
    forms_signed = models.PositiveIntegerField(_("forms signed"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(revoked_at__isnull=True),
                name="certificate_one_valid_per_participant",
                violation_error_message=_("This participant already has a certificate."),
            )
        ]

    def __str__(self):
        return f"{self.holder_name} — {self.code}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


# --- Surveys ------------------------------------------------------------------------------------


class SurveyWave(models.TextChoices):
    PRE = "pre", _("Start of the program")
    MID = "mid", _("Mid-program")
    END = "end", _("End of the program")


class SurveyAudience(models.TextChoices):
    MENTEES = "mentees", _("Mentees")
    MENTORS = "mentors", _("Mentors")
    BOTH = "both", _("Mentors and mentees")


class SurveyQuerySet(OrganizationScopedQuerySet):
    organization_path = "cohort__program__organization"


class Survey(models.Model):
    cohort = models.ForeignKey(
        "programs.Cohort", models.CASCADE, related_name="surveys", verbose_name=_("cohort")
    )
    template = models.ForeignKey(
        "forms_workflow.FormTemplate",
        models.PROTECT,
        related_name="surveys",
        verbose_name=_("questionnaire"),
    )
    wave = models.CharField(
        pgettext_lazy("survey", "moment in the program"), max_length=5, choices=SurveyWave
    )
    audience = models.CharField(
        _("sent to"), max_length=10, choices=SurveyAudience, default=SurveyAudience.MENTEES
    )
    closes_on = models.DateField(_("answers until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "created_at", "pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "template", "wave"],
                name="survey_once_per_wave",
                violation_error_message=_(
                    "This questionnaire was already sent to this cohort at this time."
                ),
            )
        ]

    def __str__(self):
        return f"{self.template.title} — {self.get_wave_display()}"

    def get_absolute_url(self):
        return reverse("reports:survey", kwargs={"pk": self.pk})


class SurveyResponseQuerySet(QuerySet):
    def for_user(self, user):
        """A response is read by its author only: the coordination sees aggregates."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(participant__user=user)


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, models.CASCADE, related_name="responses")
    participant = models.ForeignKey(
        "programs.Participant", models.CASCADE, related_name="survey_responses"
    )
    answers = models.JSONField(default=dict, blank=True)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        ordering = ["survey", "pk"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "participant"],
                name="survey_response_once",
                violation_error_message=_("This person already has this questionnaire."),
            )
        ]

    def __str__(self):
        return str(self.survey)

    def get_absolute_url(self):
        return reverse("reports:answer", kwargs={"pk": self.pk})
