"""Meetings of a pair: scheduling around the organization's closure days, calendars, what
happened (attendance, log, ratings) and private notes only their author reads."""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mentorat.db import PortableIndex, QuerySet
from programs.models import OrganizationScopedQuerySet, coordinated_organizations


class ClosureKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    PEDAGOGICAL = "pedagogical", _("Pedagogical day")
    OTHER = "other", _("Other closure")


class ClosureDayQuerySet(OrganizationScopedQuerySet):
    pass


class ClosureDay(models.Model):
    """A day the organization's schools are closed: recurring meetings skip it."""

    organization = models.ForeignKey(
        "programs.Organization",
        models.CASCADE,
        related_name="closure_days",
        verbose_name=_("organization"),
    )
    day = models.DateField(_("day"))
    label = models.CharField(_("label"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ClosureKind, default=ClosureKind.HOLIDAY
    )

    objects = ClosureDayQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "day"]
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        constraints = [
            models.UniqueConstraint(fields=["organization", "day"], name="closure_day_unique"),
        ]

    def __str__(self):
        return f"{self.day} — {self.label}"


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video call")
    PHONE = "phone", _("Phone")
    WRITTEN = "written", _("Written exchange (e-mentoring)")


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("meeting status", "Confirmed")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")
    HELD = "held", pgettext_lazy("meeting status", "Held")
    MISSED = "missed", _("Did not take place")


PLANNED_STATUSES = (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED)


class MeetingQuerySet(OrganizationScopedQuerySet):
    organization_path = "pairing__mentee__cohort__program__organization"

    def for_user(self, user):
        """Coordinators: their organizations; mentor and mentee: their pairs' meetings."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(pairing__mentee__cohort__program__organization__in=coordinated_organizations(user))
            | Q(pairing__mentor__user=user)
            | Q(pairing__mentee__user=user)
        )

    def planned(self):
        return self.filter(status__in=PLANNED_STATUSES)


class MeetingSeries(models.Model):
    """ "Every second Tuesday until the end of the cohort": the rule that made a set of meetings."""

    pairing = models.ForeignKey("matching.Pairing", models.CASCADE, related_name="series")
    interval_weeks = models.PositiveSmallIntegerField(
        _("every how many weeks"), validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    until = models.DateField(_("until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self):
        return _("Every %(weeks)d weeks until %(until)s") % {
            "weeks": self.interval_weeks,
            "until": self.until,
        }


class Meeting(models.Model):
    pairing = models.ForeignKey(
        "matching.Pairing", models.CASCADE, related_name="meetings", verbose_name=_("pair")
    )
    series = models.ForeignKey(
        MeetingSeries, models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    mode = models.CharField(
        _("mode"), max_length=20, choices=MeetingMode, default=MeetingMode.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus, default=MeetingStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    change_reason = models.CharField(_("reason for the change"), max_length=500, blank=True)
    mentor_attended = models.BooleanField(_("mentor attended"), null=True, blank=True)
    mentee_attended = models.BooleanField(_("mentee attended"), null=True, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480),
                name="meeting_duration_range",
                violation_error_message=_("A meeting lasts from 5 minutes to 8 hours."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="meeting_due"),
            models.Index(fields=["pairing", "starts_at"], name="meeting_pair_time"),
        ]

    def __str__(self):
        return _("Meeting of %(pair)s") % {"pair": self.pairing}

    def get_absolute_url(self):
        return reverse("meetings:meeting_detail", kwargs={"pk": self.pk})

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class MeetingLog(models.Model):
    """What the mentor records after a meeting. Not private notes: the coordinator reads it."""

    meeting = models.OneToOneField(Meeting, models.CASCADE, related_name="log")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("actual duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    topics = models.TextField(_("topics discussed"), max_length=2000)
    academic = models.BooleanField(_("academic dimension addressed"), default=False)
    professional = models.BooleanField(_("professional dimension addressed"), default=False)
    personal = models.BooleanField(_("personal or well-being dimension addressed"), default=False)
    next_steps = models.TextField(_("next steps"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting log")
        verbose_name_plural = _("meeting logs")

    def __str__(self):
        return str(self.meeting)


class MeetingRating(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="ratings")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    objects = QuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting rating")
        verbose_name_plural = _("meeting ratings")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "rater"], name="rating_once"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5),
                name="rating_range",
                violation_error_message=_("Give a rating from 1 to 5."),
            ),
        ]

    def __str__(self):
        return f"{self.rating}/5"


class Pulse(models.Model):
    """Once a month, each side of an active pair rates the relationship from 1 to 10 (iMentor's
    Pair Rater). The coordination reads both; the partner never sees the other's rating."""

    pairing = models.ForeignKey(
        "matching.Pairing", models.CASCADE, related_name="pulses", verbose_name=_("pair")
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("rated by")
    )
    month = models.DateField(_("month"))  # its first day
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    rated_at = models.DateTimeField(_("rated at"), auto_now=True)

    objects = QuerySet.as_manager()

    class Meta:
        ordering = ["-month"]
        verbose_name = _("monthly pulse")
        verbose_name_plural = _("monthly pulses")
        constraints = [
            models.UniqueConstraint(fields=["pairing", "rater", "month"], name="pulse_once"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=10),
                name="pulse_range",
                violation_error_message=_("Give a rating from 1 to 10."),
            ),
        ]

    def __str__(self):
        return f"{self.rating}/10"


class PrivateNoteQuerySet(QuerySet):
    def for_user(self, user):
        """Only the author, ever: not the coordinator, not the partner, not an export."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(author=user)


class PrivateNote(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    text = models.TextField(_("private note"), max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PrivateNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="private_note_once"),
        ]

    def __str__(self):
        return _("Private note")


def new_feed_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A personal iCalendar address with a secret token: revocable and regenerable."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)
    revoked = models.BooleanField(default=False)

    objects = QuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)


class ConcernKind(models.TextChoices):
    GENERAL = "general", _("Something is not going well")
    SAFETY = "safety", _("Safety concern (urgent)")


class ConcernQuerySet(OrganizationScopedQuerySet):
    organization_path = "pairing__mentee__cohort__program__organization"

    def for_user(self, user):
        """Confidential: coordinators of the organization, and the person who raised it."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(pairing__mentee__cohort__program__organization__in=coordinated_organizations(user))
            | Q(raised_by=user)
        )


class Concern(models.Model):
    pairing = models.ForeignKey(
        "matching.Pairing", models.CASCADE, related_name="concerns", verbose_name=_("pair")
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("raised by")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ConcernKind, default=ConcernKind.GENERAL
    )
    text = models.TextField(_("what is happening"), max_length=5000)
    urgent = models.BooleanField(_("urgent"), default=False)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["-urgent", "-created_at"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="safety") | Q(urgent=True),
                name="concern_safety_is_urgent",
                violation_error_message=_("A safety concern is always urgent."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.pairing}"


class InterventionKind(models.TextChoices):
    MET_MENTOR = "met_mentor", _("Met the mentor")
    MET_MENTEE = "met_mentee", _("Met the mentee")
    MET_BOTH = "met_both", _("Met both")


class InterventionOutcome(models.TextChoices):
    CONTINUE = "continue", _("Continue")
    PAUSE = "pause", _("Pause")
    REMATCH = "rematch", _("Re-match")
    CLOSE = "close", _("Close")


class InterventionQuerySet(OrganizationScopedQuerySet):
    organization_path = "pairing__mentee__cohort__program__organization"


class Intervention(models.Model):
    pairing = models.ForeignKey(
        "matching.Pairing", models.CASCADE, related_name="interventions", verbose_name=_("pair")
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("intervention"), max_length=20, choices=InterventionKind)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=InterventionOutcome)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.pairing}"


class CheckInChannel(models.TextChoices):
    CALL = "call", _("Phone call")
    MEETING = "meeting", _("In person")
    EMAIL = "email", _("E-mail or message")


class CheckInOutcome(models.TextChoices):
    GOING_WELL = "going_well", _("All is well")
    TO_WATCH = "to_watch", _("To watch")
    NEEDS_ACTION = "needs_action", _("Needs action: open a concern")


class CheckInQuerySet(OrganizationScopedQuerySet):
    organization_path = "pairing__mentee__cohort__program__organization"


class CheckIn(models.Model):
    """A coordinator's scheduled check-in with a pair (the program sets how often). Its note
    is for the coordination only: never shown to the pair, a guardian or in a report."""

    pairing = models.ForeignKey(
        "matching.Pairing", models.CASCADE, related_name="checkins", verbose_name=_("pair")
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    on = models.DateField(_("date"), default=timezone.localdate)
    channel = models.CharField(_("how"), max_length=20, choices=CheckInChannel)
    with_mentor = models.BooleanField(_("with the mentor"), default=True)
    with_mentee = models.BooleanField(_("with the mentee"), default=True)
    with_guardian = models.BooleanField(_("with a guardian"), default=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CheckInOutcome)
    note = models.TextField(_("confidential note"), max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.CheckConstraint(
                condition=Q(with_mentor=True) | Q(with_mentee=True) | Q(with_guardian=True),
                name="checkin_with_someone",
                violation_error_message=_("Say with whom the check-in took place."),
            ),
        ]

    def __str__(self):
        return f"{self.pairing} — {self.on}"


class HealthColor(models.TextChoices):
    GREEN = "green", _("Going well")
    AMBER = "amber", _("To watch")
    RED = "red", _("Needs follow-up")


class PairHealth(models.Model):
    """A pair's follow-up figures and colour, computed by the database (meetings/health.py)."""

    pairing = models.OneToOneField("matching.Pairing", models.CASCADE, related_name="health_state")
    # The mentee's cohort, stored with the figures (a pair never changes cohort) so that the
    # board walks one index in its order and stops at its 50 rows.
    cohort = models.ForeignKey(
        "programs.Cohort",
        models.CASCADE,
        related_name="+",
        db_index=False,  # led the index below
    )
    color = models.CharField(_("health"), max_length=10, choices=HealthColor)
    changed_at = models.DateTimeField()
    changes = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()
    last_contact = models.DateTimeField(_("last contact"), null=True, blank=True)
    held_recently = models.PositiveIntegerField(default=0)
    missed_recently = models.PositiveIntegerField(default=0)
    next_planned = models.BooleanField(default=False)
    mean_rating = models.FloatField(null=True, blank=True)
    open_concerns = models.PositiveIntegerField(default=0)
    urgent_concerns = models.PositiveIntegerField(default=0)
    pulse_mentor = models.PositiveSmallIntegerField(_("mentor's pulse"), null=True, blank=True)
    pulse_mentee = models.PositiveSmallIntegerField(_("mentee's pulse"), null=True, blank=True)
    last_checkin = models.DateField(_("last check-in"), null=True, blank=True)
    checkin_due_on = models.DateField(_("next check-in due"), null=True, blank=True)
    # The board's order (red first), stored by the database from the colour: sortable and
    # indexed, never out of step with it, whoever writes the row.
    rank = models.GeneratedField(
        expression=models.Case(
            models.When(color=HealthColor.RED, then=models.Value(0)),
            models.When(color=HealthColor.AMBER, then=models.Value(1)),
            default=models.Value(2),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )

    objects = QuerySet.as_manager()

    class Meta:
        verbose_name = _("pair health")
        verbose_name_plural = _("pair health")
        indexes = [
            models.Index(fields=["color", "last_contact"], name="pairhealth_board"),
            PortableIndex(
                models.F("cohort"),
                models.F("rank"),
                models.F("last_contact").asc(nulls_first=True),
                models.F("pairing"),
                name="pairhealth_cohort_rank",
            ),
        ]

    def __str__(self):
        return f"{self.pairing}: {self.color}"

    @property
    def pulse_reasons(self) -> list[str]:
        from meetings.health import pulse_reasons

        return pulse_reasons(vars(self))


class GroupMeetingKind(models.TextChoices):
    SUPPORT = "support", _("Mentors' support meeting")
    TRAINING = "training", _("Training")


class GroupMeetingQuerySet(OrganizationScopedQuerySet):
    organization_path = "cohort__program__organization"

    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(cohort__program__organization__in=coordinated_organizations(user))
            | Q(pk__in=GroupInvitation.objects.filter(participant__user=user).values("meeting"))
        )


class GroupMeeting(models.Model):
    cohort = models.ForeignKey(
        "programs.Cohort", models.CASCADE, related_name="group_meetings", verbose_name=_("cohort")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=GroupMeetingKind, default=GroupMeetingKind.SUPPORT
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place or video link"), max_length=300, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = GroupMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="group_dates",
                violation_error_message=_("The meeting must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.title


class GroupInvitation(models.Model):
    meeting = models.ForeignKey(GroupMeeting, models.CASCADE, related_name="invitations")
    participant = models.ForeignKey("programs.Participant", models.CASCADE, related_name="+")
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    objects = QuerySet.as_manager()

    class Meta:
        verbose_name = _("group meeting invitation")
        verbose_name_plural = _("group meeting invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="group_invite_once"),
        ]

    def __str__(self):
        return f"{self.participant} — {self.meeting}"
