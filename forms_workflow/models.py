"""Forms: versioned bilingual templates, what a program asks of whom, and the signed answers.

- `FormTemplate`: one version of a form (sections and questions in French and English, see
  `forms_workflow.schema`). Built-in templates (the AGÉFO forms) belong to no organization; a
  coordinator copies one to adapt it. A version that has answers is never changed in place:
  editing it makes the next version (`services.save_template`).
- `ProgramForm`: a template attached to a program: who fills it, who reads the answers, when it
  is due, whether it gates the pair's start.
- `FormSubmission`: one person's (or one pair's) answers, on the template version they were
  filled under; signed by each signer with a SHA-256 digest of the answers and the version.
  Reopening a signed form supersedes it (kept, still verifiable) with a new draft.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mentorat.db import QuerySet
from programs.models import OrganizationScopedQuerySet, coordinated_organizations


class FilledBy(models.TextChoices):
    MENTEE = "mentee", _("The mentee")
    MENTOR = "mentor", _("The mentor")
    JOINT = "joint", _("The mentor and the mentee together")


class Scope(models.TextChoices):
    PAIR = "pair", _("Each pair")
    PARTICIPANT = "participant", _("Each participant, before pairing")


class Visibility(models.TextChoices):
    AUTHOR = "author", _("The author only")
    AUTHOR_COORDINATION = "author_coordination", _("The author and the coordination")
    PAIR = "pair", _("The pair")
    PAIR_COORDINATION = "pair_coordination", _("The pair and the coordination")


COORDINATION_READS = (Visibility.AUTHOR_COORDINATION, Visibility.PAIR_COORDINATION)
PARTNER_READS = (Visibility.PAIR, Visibility.PAIR_COORDINATION)


class DueKind(models.TextChoices):
    AFTER_START = "after_start", _("Days after the pair's start")
    AFTER_MEETINGS = "after_meetings", _("Once this many meetings are held (two weeks' grace)")
    BEFORE_END = "before_end", _("Days before the cohort's end")


class FormTemplateQuerySet(QuerySet):
    def for_user(self, user):
        """Built-in templates for everyone signed in; an organization's own to its coordinators."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(organization__isnull=True) | Q(organization__in=coordinated_organizations(user))
        )


class FormTemplate(models.Model):
    organization = models.ForeignKey(
        "programs.Organization",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="form_templates",
        verbose_name=_("organization"),
        help_text=_("Empty for the built-in templates, which every organization can copy."),
    )
    key = models.SlugField(_("key"), max_length=80)
    family = models.SlugField(
        _("family"),
        max_length=80,
        help_text=_("The built-in form this one comes from (the checklist reads it)."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    schema = models.JSONField(_("sections and questions"))
    copied_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = FormTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["key", "-version"]
        verbose_name = _("form template")
        verbose_name_plural = _("form templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "key", "version"],
                name="form_template_version_unique",
                violation_error_message=_("This version of the form already exists."),
            ),
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=Q(organization__isnull=True),
                name="form_template_builtin_unique",
                violation_error_message=_("This version of the built-in form already exists."),
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def title(self) -> str:
        from forms_workflow.schema import pick

        return pick({"fr": self.title_fr, "en": self.title_en})

    @property
    def is_builtin(self) -> bool:
        return self.organization_id is None


class ProgramFormQuerySet(OrganizationScopedQuerySet):
    organization_path = "program__organization"


class ProgramForm(models.Model):
    program = models.ForeignKey(
        "programs.Program", models.CASCADE, related_name="forms", verbose_name=_("program")
    )
    template = models.ForeignKey(
        FormTemplate,
        models.PROTECT,
        related_name="program_forms",
        verbose_name=_("form"),
        help_text=_("New answers use this version; answers already begun keep theirs."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    scope = models.CharField(_("for"), max_length=12, choices=Scope, default=Scope.PAIR)
    filled_by = models.CharField(_("filled by"), max_length=10, choices=FilledBy)
    visibility = models.CharField(
        _("who reads the answers"),
        max_length=20,
        choices=Visibility,
        default=Visibility.PAIR_COORDINATION,
    )
    due_kind = models.CharField(
        _("due"), max_length=20, choices=DueKind, default=DueKind.AFTER_START
    )
    due_value = models.PositiveSmallIntegerField(
        _("days or meetings"),
        default=14,
        help_text=_("Days after the start or before the end, or a number of meetings held."),
    )
    gates_start = models.BooleanField(
        _("needed before the first meeting"),
        default=False,
        help_text=_("An accepted pair starts only once this form is signed."),
    )
    guardian_acknowledges = models.BooleanField(
        _("a guardian acknowledges it (minor mentee)"),
        default=False,
        help_text=_("For a minor, a guardian reads the signed form and acknowledges it."),
    )
    beside_shortlist = models.BooleanField(
        _("shown beside the shortlist"),
        default=False,
        help_text=_("Questions a mentee asks themselves while choosing a mentor."),
    )

    objects = ProgramFormQuerySet.as_manager()

    class Meta:
        ordering = ["program", "order", "pk"]
        verbose_name = _("program form")
        verbose_name_plural = _("program forms")
        constraints = [
            models.CheckConstraint(
                condition=~Q(scope=Scope.PARTICIPANT, filled_by=FilledBy.JOINT),
                name="program_form_joint_needs_pair",
                violation_error_message=_("A form filled together can only be asked of a pair."),
            ),
        ]

    def __str__(self):
        return f"{self.program} — {self.template.title}"

    @property
    def signer_roles(self) -> tuple[str, ...]:
        if self.filled_by == FilledBy.JOINT:
            return ("mentor", "mentee")
        return (self.filled_by,)


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("form", "Draft")
    AWAITING = "awaiting", _("Awaiting co-signature")
    SIGNED = "signed", pgettext_lazy("form", "Signed")
    SUPERSEDED = "superseded", _("Reopened (kept as signed)")


LIVE_STATUSES = (SubmissionStatus.DRAFT, SubmissionStatus.AWAITING, SubmissionStatus.SIGNED)


class FormSubmissionQuerySet(QuerySet):
    def for_user(self, user):
        """Who reads a form's answers: its authors always; the partner and the coordination as
        the program says; a guardian the forms they acknowledge for their child."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        from programs.models import GuardianLink, is_coordinator, is_guardian

        in_pair = Q(pairing__mentor__user=user) | Q(pairing__mentee__user=user)
        author = Q(participant__user=user) | (Q(participant__isnull=True) & in_pair)
        partner = Q(program_form__visibility__in=PARTNER_READS) & in_pair
        readers = author | partner
        # the two other ways in, only for those they can let in (both known from sign-in)
        if is_coordinator(user):
            readers |= Q(
                program_form__visibility__in=COORDINATION_READS,
                program_form__program__organization__in=coordinated_organizations(user),
            )
        if is_guardian(user):
            readers |= Q(
                program_form__guardian_acknowledges=True,
                pairing__mentee__in=GuardianLink.objects.filter(guardian=user).values(
                    "participant"
                ),
            )
        return self.filter(readers)

    def with_people(self):
        """With the form, its template, its signers and their signatures (lists, reminders)."""
        return self.select_related(
            "template",
            "program_form",
            "participant__user",
            "pairing__mentor__user",
            "pairing__mentee__user",
        ).prefetch_related("signatures")

    def in_organizations(self, organizations):
        """Statuses (never answers) for the coordination's matrix and reminders."""
        return self.filter(program_form__program__organization__in=organizations)


class FormSubmission(models.Model):
    program_form = models.ForeignKey(
        ProgramForm, models.PROTECT, related_name="submissions", verbose_name=_("form")
    )
    template = models.ForeignKey(
        FormTemplate, models.PROTECT, related_name="submissions", verbose_name=_("version")
    )
    pairing = models.ForeignKey(
        "matching.Pairing",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="form_submissions",
        verbose_name=_("pair"),
    )
    participant = models.ForeignKey(
        "programs.Participant",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="form_submissions",
        verbose_name=_("filled by"),
        help_text=_("Empty for a form the pair fills together."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=SubmissionStatus, default=SubmissionStatus.DRAFT
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    editors = models.JSONField(default=dict, blank=True)  # question key → who changed it last
    revision = models.PositiveIntegerField(default=0)  # +1 at every change of the answers
    due_on = models.DateField(_("due on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    reopened_from = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="reopened_as"
    )
    reopen_reason = models.TextField(_("reason for reopening"), blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FormSubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["program_form__order", "pk"]
        verbose_name = _("form answers")
        verbose_name_plural = _("form answers")
        constraints = [
            models.UniqueConstraint(
                fields=["program_form", "pairing", "participant"],
                condition=Q(status__in=LIVE_STATUSES, pairing__isnull=False),
                name="submission_one_live_per_person",
                violation_error_message=_("This person already has this form to fill."),
            ),
            models.UniqueConstraint(
                fields=["program_form", "pairing"],
                condition=Q(
                    status__in=LIVE_STATUSES, pairing__isnull=False, participant__isnull=True
                ),
                name="submission_one_live_per_pair",
                violation_error_message=_("This pair already has this form to fill."),
            ),
            models.UniqueConstraint(
                fields=["program_form", "participant"],
                condition=Q(status__in=LIVE_STATUSES, pairing__isnull=True),
                name="submission_one_live_before_pairing",
                violation_error_message=_("This participant already has this form to fill."),
            ),
            models.CheckConstraint(
                condition=Q(pairing__isnull=False) | Q(participant__isnull=False),
                name="submission_has_a_subject",
                violation_error_message=_("A form is filled by a pair or by a participant."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="submission_due"),
        ]

    def __str__(self):
        return str(self.template.title)

    def get_absolute_url(self):
        return reverse("forms_workflow:fill", kwargs={"pk": self.pk})

    @property
    def is_locked(self) -> bool:
        return self.status in (SubmissionStatus.SIGNED, SubmissionStatus.SUPERSEDED)


class SignatureQuerySet(QuerySet):
    def valid(self):
        return self.filter(invalidated_at__isnull=True)


class Signature(models.Model):
    submission = models.ForeignKey(
        FormSubmission, models.CASCADE, related_name="signatures", verbose_name=_("form")
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="form_signatures"
    )
    role = models.CharField(_("as"), max_length=10, choices=FilledBy)
    typed_name = models.CharField(_("name typed"), max_length=150)
    signed_at = models.DateTimeField(_("signed at"))
    revision = models.PositiveIntegerField()
    digest = models.CharField(_("SHA-256 digest"), max_length=64)
    invalidated_at = models.DateTimeField(null=True, blank=True)
    invalidated_reason = models.CharField(max_length=300, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["signed_at", "pk"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "role"],
                condition=Q(invalidated_at__isnull=True),
                name="signature_one_valid_per_role",
                violation_error_message=_("This form is already signed."),
            ),
        ]

    def __str__(self):
        return f"{self.typed_name} — {self.signed_at:%Y-%m-%d %H:%M}"


class GuardianAcknowledgement(models.Model):
    submission = models.ForeignKey(FormSubmission, models.CASCADE, related_name="acknowledgements")
    guardian = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    digest = models.CharField(max_length=64)  # what the guardian read
    acknowledged_at = models.DateTimeField()

    objects = QuerySet.as_manager()

    class Meta:
        ordering = ["acknowledged_at"]
        verbose_name = _("guardian's acknowledgement")
        verbose_name_plural = _("guardians' acknowledgements")
        constraints = [
            models.UniqueConstraint(fields=["submission", "guardian"], name="acknowledgement_once"),
        ]

    def __str__(self):
        return f"{self.guardian} — {self.acknowledged_at:%Y-%m-%d}"


class FormEventAction(models.TextChoices):
    CREATED = "created", _("Assigned")
    SIGNED = "signed", pgettext_lazy("form event", "Signed")
    SIGNATURE_INVALIDATED = "invalidated", _("Signature cancelled by a change")
    REOPENED = "reopened", _("Reopened by the coordination")
    VERSION_CHANGED = "version", _("Moved to the new version of the form")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by a guardian")
    REMINDED = "reminded", _("Reminder sent")


class FormEvent(models.Model):
    submission = models.ForeignKey(FormSubmission, models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=FormEventAction)
    note = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    objects = QuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("form event")
        verbose_name_plural = _("form events")

    def __str__(self):
        return f"{self.get_action_display()} — {self.at:%Y-%m-%d %H:%M}"
