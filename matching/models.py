"""Pairing: criteria per program, matching runs a coordinator reviews, proposals both sides
answer, and the life of a pair. The Pairing row is the one pair model that meetings, forms and
reports point to."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mentorat.db import QuerySet
from programs.models import OrganizationScopedQuerySet, coordinated_organizations

WEIGHT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]


def weight_field(label, default, help_text=""):
    return models.PositiveSmallIntegerField(
        label, default=default, validators=WEIGHT_VALIDATORS, help_text=help_text
    )


class SchoolRule(models.IntegerChoices):
    INDIFFERENT = 0, _("No preference")
    SAME = 1, _("Same school or site")
    DIFFERENT = -1, _("A different school or site")


class MatchingSettingsQuerySet(OrganizationScopedQuerySet):
    organization_path = "program__organization"


class MatchingSettings(models.Model):
    """A program's criteria (each weighted 0 to 10) and how proposals run."""

    program = models.OneToOneField(
        "programs.Program",
        models.CASCADE,
        related_name="matching_settings",
        verbose_name=_("program"),
    )
    weight_topics = weight_field(_("needs met by expertise"), 8)
    weight_language = weight_field(_("mentor speaks the mentee's preferred language"), 5)
    weight_subject = weight_field(_("same level or subject"), 3)
    weight_availability = weight_field(_("common availability"), 6)
    weight_school = weight_field(_("school or site, as the program wants"), 3)
    school_rule = models.SmallIntegerField(
        _("school or site wanted"), choices=SchoolRule, default=SchoolRule.INDIFFERENT
    )
    weight_interests = weight_field(_("common interests"), 2)
    weight_gender = weight_field(_("gender preference respected"), 4)
    weight_choice = weight_field(_("the mentee's own ranking"), 8)
    shortlist_size = models.PositiveSmallIntegerField(
        _("mentors suggested to each mentee"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    response_days = models.PositiveSmallIntegerField(
        _("days to answer a proposal"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    objects = MatchingSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("matching criteria")
        verbose_name_plural = _("matching criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight_topics__lte=10)
                & Q(weight_language__lte=10)
                & Q(weight_subject__lte=10)
                & Q(weight_availability__lte=10)
                & Q(weight_school__lte=10)
                & Q(weight_interests__lte=10)
                & Q(weight_gender__lte=10)
                & Q(weight_choice__lte=10),
                name="matching_weights_range",
                violation_error_message=_("Each weight goes from 0 to 10."),
            ),
        ]

    def __str__(self):
        return str(self.program)

    WEIGHT_FIELDS = (
        "topics",
        "language",
        "subject",
        "availability",
        "school",
        "interests",
        "gender",
        "choice",
    )

    def weights(self) -> dict:
        values = {name: getattr(self, f"weight_{name}") for name in self.WEIGHT_FIELDS}
        values["school_rule"] = self.school_rule
        return values


# --- Runs -------------------------------------------------------------------------------------


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("Draft, under review")
    PUBLISHED = "published", _("Published")
    DISCARDED = "discarded", _("Replaced")


class MatchingRunQuerySet(OrganizationScopedQuerySet):
    organization_path = "cohort__program__organization"


class MatchingRun(models.Model):
    """One computation of a cohort's pairs. Nothing reaches a participant before it is
    published by a coordinator who reviewed it."""

    cohort = models.ForeignKey(
        "programs.Cohort", models.CASCADE, related_name="matching_runs", verbose_name=_("cohort")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus, default=RunStatus.DRAFT
    )
    incremental = models.BooleanField(
        _("incremental"),
        default=False,
        help_text=_("Only people without a pair, against the places left."),
    )
    weights = models.JSONField(_("weights used"), default=dict)
    total_score = models.IntegerField(_("total score"), default=0)
    greedy_score = models.IntegerField(_("score of a simple greedy pass"), default=0)
    proven_optimal = models.BooleanField(
        _("proven best possible"),
        default=False,
        help_text=_("No other pairing of these people scores more under these rules and weights."),
    )
    gap_percent = models.FloatField(
        _("at most this far from the best possible, in percent"),
        null=True,
        blank=True,
        help_text=_("When the computation stopped before its proof; empty when proven."),
    )
    duration_ms = models.PositiveIntegerField(_("computation time (ms)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("computed at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = MatchingRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort"],
                condition=Q(status=RunStatus.DRAFT),
                name="matching_one_draft_per_cohort",
                violation_error_message=_("This cohort already has a matching under review."),
            ),
        ]

    def __str__(self):
        return _("Matching of %(cohort)s, %(date)s") % {
            "cohort": self.cohort,
            "date": timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M"),
        }

    def get_absolute_url(self):
        return reverse("matching:cohort", kwargs={"pk": self.cohort_id})


class RunPair(models.Model):
    run = models.ForeignKey(MatchingRun, models.CASCADE, related_name="pairs")
    mentor = models.ForeignKey("programs.Participant", models.CASCADE, related_name="+")
    mentee = models.ForeignKey("programs.Participant", models.CASCADE, related_name="+")
    score = models.IntegerField(_("score"))
    criteria = models.JSONField(_("criteria"), default=dict)
    pinned = models.BooleanField(_("pinned"), default=False)

    objects = QuerySet.as_manager()

    class Meta:
        ordering = ["run", "-score"]
        verbose_name = _("proposed pair")
        verbose_name_plural = _("proposed pairs")
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="runpair_one_per_mentee"),
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")),
                name="runpair_not_self",
                violation_error_message=_("Nobody can be paired with themselves."),
            ),
        ]

    def __str__(self):
        return f"{self.mentor.user} → {self.mentee.user}"


class UnmatchedReason(models.TextChoices):
    NO_LANGUAGE = "no_language", _("No mentor shares a language with this mentee.")
    NO_CLEARED_MENTOR = (
        "no_cleared_mentor",
        _("No mentor with a background check in force and training done (required for a minor)."),
    )
    ALL_EXCLUDED = (
        "all_excluded",
        _(
            "Every remaining mentor is excluded "
            "(authority link, declared conflict or earlier pair)."
        ),
    )
    NO_CAPACITY = "no_capacity", _("No mentor has a place left.")
    CAPACITY_TAKEN = (
        "capacity_taken",
        _("The eligible mentors' places went to pairs with a higher total score."),
    )
    CONSENT_MISSING = "consent_missing", _("A guardian's consent is missing for this minor.")


class RunUnmatched(models.Model):
    run = models.ForeignKey(MatchingRun, models.CASCADE, related_name="unmatched")
    mentee = models.ForeignKey("programs.Participant", models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=30, choices=UnmatchedReason)

    objects = QuerySet.as_manager()

    class Meta:
        ordering = ["run", "reason"]
        verbose_name = _("unmatched mentee")
        verbose_name_plural = _("unmatched mentees")
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="rununmatched_once"),
        ]

    def __str__(self):
        return f"{self.mentee.user}: {self.get_reason_display()}"


# --- Coordinator's rules: pins and exclusions -------------------------------------------------


class RuleKind(models.TextChoices):
    PIN = "pin", _("Pinned")
    EXCLUDE = "exclude", _("Excluded")


class ExclusionSource(models.TextChoices):
    COORDINATOR = "coordinator", _("Excluded by a coordinator")
    CONFLICT = "conflict", _("Conflict declared by a participant")
    DECLINED = "declined", _("Proposal declined")
    EXPIRED = "expired", _("Proposal expired without an answer")
    CLOSED = "closed", _("Pair closed")


class PairRuleQuerySet(OrganizationScopedQuerySet):
    organization_path = "mentee__cohort__program__organization"


class PairRule(models.Model):
    """A pair a coordinator pinned (kept in every run) or that may never be proposed again."""

    mentor = models.ForeignKey(
        "programs.Participant", models.CASCADE, related_name="+", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        "programs.Participant", models.CASCADE, related_name="pair_rules", verbose_name=_("mentee")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RuleKind)
    source = models.CharField(
        _("why"), max_length=20, choices=ExclusionSource, default=ExclusionSource.COORDINATOR
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PairRuleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pin or exclusion")
        verbose_name_plural = _("pins and exclusions")
        constraints = [
            models.UniqueConstraint(fields=["mentor", "mentee", "kind"], name="pairrule_unique"),
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(kind=RuleKind.PIN),
                name="pairrule_one_pin",
                violation_error_message=_("This mentee already has a pinned pair."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.mentor.user} → {self.mentee.user}"


# --- The mentee's shortlist -------------------------------------------------------------------


class SuggestionQuerySet(QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(mentee__cohort__program__organization__in=coordinated_organizations(user))
            | Q(mentee__user=user)
        )


class Suggestion(models.Model):
    """A mentor suggested to a mentee, who ranks the suggestions (1 = first choice)."""

    mentee = models.ForeignKey("programs.Participant", models.CASCADE, related_name="suggestions")
    mentor = models.ForeignKey("programs.Participant", models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("order suggested"))
    criteria = models.JSONField(_("criteria"), default=dict)
    rank = models.PositiveSmallIntegerField(_("the mentee's rank"), null=True, blank=True)
    dismissed = models.BooleanField(_("set aside for other suggestions"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["mentee", "dismissed", "position"]
        verbose_name = _("suggested mentor")
        verbose_name_plural = _("suggested mentors")
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor"], name="suggestion_unique"),
        ]

    def __str__(self):
        return f"{self.mentor.user} → {self.mentee.user}"


# --- Pairs ----------------------------------------------------------------------------------


class PairingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    # both accepted; waits for what the program asks before the first meeting (forms signed)
    STARTING = "starting", pgettext_lazy("pair status", "Starting")
    ACTIVE = "active", pgettext_lazy("pair status", "Active")
    PAUSED = "paused", pgettext_lazy("pair status", "Paused")
    CLOSED = "closed", pgettext_lazy("pair status", "Closed")
    DECLINED = "declined", pgettext_lazy("pair status", "Declined")
    EXPIRED = "expired", pgettext_lazy("pair status", "Expired")


OPEN_STATUSES = (
    PairingStatus.PROPOSED,
    PairingStatus.STARTING,
    PairingStatus.ACTIVE,
    PairingStatus.PAUSED,
)


class Answer(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class CloseReason(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    NOT_WORKING = "not_working", _("Not working")
    PARTICIPANT_LEFT = "participant_left", _("A participant left the program")
    SAFETY = "safety", _("Safety concern")
    OTHER = "other", _("Other")


# A pair closed for these reasons is never proposed again, in any later cohort either.
NEVER_AGAIN = (CloseReason.NOT_WORKING, CloseReason.SAFETY)


class PairingQuerySet(OrganizationScopedQuerySet):
    organization_path = "mentee__cohort__program__organization"

    def for_user(self, user):
        """Coordinators: their organizations; mentor and mentee: their own pairs; a guardian:
        their child's. One user may hold several of these roles."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        from programs.models import GuardianLink

        return self.filter(
            Q(mentee__cohort__program__organization__in=coordinated_organizations(user))
            | Q(mentor__user=user)
            | Q(mentee__user=user)
            | Q(mentee__in=GuardianLink.objects.filter(guardian=user).values("participant"))
        )

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Pairing(models.Model):
    mentor = models.ForeignKey(
        "programs.Participant",
        models.PROTECT,
        related_name="pairings_as_mentor",
        verbose_name=_("mentor"),
    )
    mentee = models.ForeignKey(
        "programs.Participant",
        models.PROTECT,
        related_name="pairings_as_mentee",
        verbose_name=_("mentee"),
    )
    run = models.ForeignKey(
        MatchingRun, models.SET_NULL, null=True, blank=True, related_name="pairings"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PairingStatus, default=PairingStatus.PROPOSED
    )
    score = models.IntegerField(_("score"), default=0)
    criteria = models.JSONField(_("criteria"), default=dict)
    respond_by = models.DateTimeField(_("answer expected by"))
    mentor_answer = models.CharField(
        _("mentor's answer"), max_length=10, choices=Answer, blank=True
    )
    mentor_answered_at = models.DateTimeField(null=True, blank=True)
    mentee_answer = models.CharField(
        _("mentee's answer"), max_length=10, choices=Answer, blank=True
    )
    mentee_answered_at = models.DateTimeField(null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    paused_until = models.DateField(_("paused until"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(
        _("closing reason"), max_length=20, choices=CloseReason, blank=True
    )
    closing_message = models.TextField(_("closing message"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")),
                name="pairing_not_self",
                violation_error_message=_("Nobody can be paired with themselves."),
            ),
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status__in=OPEN_STATUSES),
                name="pairing_one_open_per_mentee",
                violation_error_message=_("This mentee already has a pair or a proposal."),
            ),
            models.UniqueConstraint(
                fields=["mentor", "mentee"],
                condition=Q(status__in=OPEN_STATUSES),
                name="pairing_open_pair_unique",
                violation_error_message=_("This pair already exists."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "respond_by"], name="pairing_due"),
            models.Index(fields=["mentor", "status"], name="pairing_mentor_load"),
        ]

    def __str__(self):
        return f"{self.mentor.user} → {self.mentee.user}"

    def get_absolute_url(self):
        return reverse("matching:pairing_detail", kwargs={"pk": self.pk})

    @property
    def ended_early(self) -> bool:
        """Closed for any reason but having completed the program (reports count them apart)."""
        return self.status == PairingStatus.CLOSED and self.close_reason != CloseReason.COMPLETED

    def status_label(self) -> str:
        """The status as people read it: a closed pair "completed" or "ended early"."""
        if self.status == PairingStatus.CLOSED:
            return str(_("Ended early") if self.ended_early else _("Completed"))
        return self.get_status_display()

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def partner_of(self, user):
        """The other person of the pair, for one of its two people (None for anyone else)."""
        if self.mentor.user_id == user.pk:
            return self.mentee.user
        if self.mentee.user_id == user.pk:
            return self.mentor.user
        return None

    def answer_of(self, user):
        if self.mentor.user_id == user.pk:
            return self.mentor_answer
        if self.mentee.user_id == user.pk:
            return self.mentee_answer
        return None


class EventAction(models.TextChoices):
    PROPOSED = "proposed", _("Proposed to both")
    MENTOR_ACCEPTED = "mentor_accepted", _("The mentor accepted")
    MENTOR_DECLINED = "mentor_declined", _("The mentor declined")
    MENTEE_ACCEPTED = "mentee_accepted", _("The mentee accepted")
    MENTEE_DECLINED = "mentee_declined", _("The mentee declined")
    STARTING = "starting", _("Both accepted: waiting for the commitment")
    STARTED = "started", _("The pair started")
    EXPIRED = "expired", _("Expired without an answer")
    PAUSED = "paused", _("Paused")
    RESUMED = "resumed", _("Resumed")
    CLOSED = "closed", _("Closed")
    REVIEW_REQUESTED = "review_requested", _("Human review requested")
    EXIT_FEEDBACK = "exit_feedback", _("Exit feedback given")
    EXIT_FEEDBACK_DECLINED = "exit_feedback_declined", _("Exit feedback declined")


class PairingEventQuerySet(OrganizationScopedQuerySet):
    organization_path = "pairing__mentee__cohort__program__organization"


class PairingEvent(models.Model):
    """Every change of a pair: who, when, from what to what, and why."""

    pairing = models.ForeignKey(Pairing, models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=PairingStatus, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=PairingStatus, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=EventAction)
    note = models.TextField(_("note"), blank=True, max_length=2000)

    objects = PairingEventQuerySet.as_manager()

    class Meta:
        ordering = ["pairing", "at", "pk"]
        verbose_name = _("pair history entry")
        verbose_name_plural = _("pair history")

    def __str__(self):
        return f"{self.pairing}: {self.action}"


class ExitFeedbackQuerySet(OrganizationScopedQuerySet):
    organization_path = "pairing__mentee__cohort__program__organization"

    def for_user(self, user):
        """The coordination reads every side's feedback; a person only their own, never the
        partner's."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(**{f"{self.organization_path}__in": coordinated_organizations(user)})
            | Q(participant__user=user)
        )


class ExitFeedback(models.Model):
    """What one side says when their pair has ended (closure, MENTOR's Elements of Effective
    Practice), or their recorded choice not to answer. Read by the coordination and its author
    only: never by the partner, a guardian or a report that names people."""

    pairing = models.ForeignKey(
        Pairing, models.CASCADE, related_name="exit_feedback", verbose_name=_("pair")
    )
    participant = models.ForeignKey(
        "programs.Participant",
        models.CASCADE,
        related_name="exit_feedback",
        verbose_name=_("participant"),
    )
    declined = models.BooleanField(_("preferred not to answer"), default=False)
    rating = models.PositiveSmallIntegerField(
        _("how the mentoring went"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    went_well = models.TextField(_("what went well"), blank=True, max_length=2000)
    to_improve = models.TextField(_("what could have been better"), blank=True, max_length=2000)
    would_again = models.BooleanField(_("would take part again"), null=True, blank=True)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    objects = ExitFeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["given_at"]
        verbose_name = _("exit feedback")
        verbose_name_plural = _("exit feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "participant"],
                name="exit_feedback_once",
                violation_error_message=_("Your feedback on this pair is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(declined=True) | Q(rating__isnull=False),
                name="exit_feedback_rated",
                violation_error_message=_("Say how the mentoring went, from 1 to 5."),
            ),
        ]

    def __str__(self):
        return f"{self.pairing} — {self.participant}"
