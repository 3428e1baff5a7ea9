"""Organizations, programs, cohorts and the people in them.

Every model a user can reach has a `for_user(user)` queryset method that fails closed:
coordinators see their organizations' records, a participant their own, a guardian their child's.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from mentorat.db import QuerySet
from programs.choices import (
    Availability,
    Gender,
    GenderPreference,
    Interest,
    ProfileLanguage,
    Topic,
)
from programs.fields import MultipleChoiceField

ADULT_AGE = 18


def coordinated_organizations(user):
    """The organizations a user coordinates, as a lazy queryset (a subquery in filters)."""
    if not user.is_authenticated or not user.is_active:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(
        memberships__user=user, memberships__role=MembershipRole.COORDINATOR
    )


def organizations_of(user) -> set[int]:
    """The organizations a person belongs to: as a coordinator, a participant or a guardian."""
    return set(
        Organization.objects.filter(
            Q(memberships__user=user)
            | Q(programs__cohorts__participants__user=user)
            | Q(programs__cohorts__participants__guardian_links__guardian=user)
        ).values_list("pk", flat=True)
    )


def _remembered(user, name: str, ask) -> bool:
    """`ask()` for a signed-in, active user, memoized on the user object under `name` (the
    sign-in backend fills all three with the account: `remember_roles`)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, name):
        setattr(user, name, ask())
    return getattr(user, name)


def is_coordinator(user) -> bool:
    """Whether the user may use the coordination admin."""
    return _remembered(
        user,
        "_is_coordinator",
        lambda: user.is_superuser or coordinated_organizations(user).exists(),
    )


def is_guardian(user) -> bool:
    """Whether the user is a participant's guardian."""
    return _remembered(
        user, "_is_guardian", lambda: GuardianLink.objects.filter(guardian=user).exists()
    )


def is_asked_to_join(user) -> bool:
    """Whether an organization's request to join waits for the user's answer."""
    return _remembered(
        user,
        "_is_asked_to_join",
        lambda: EnrolmentRequest.objects.waiting().filter(user=user).exists(),
    )


def remember_roles(user, *, coordinator: bool, guardian: bool, asked_to_join: bool) -> None:
    """Memoize `is_coordinator`, `is_guardian` and `is_asked_to_join` from what the sign-in
    backend read with the account (programs.auth)."""
    user._is_coordinator = user.is_superuser or coordinator
    user._is_guardian = guardian
    user._is_asked_to_join = asked_to_join


def localized(instance, field: str) -> str:
    """The French or English value of `field` for the active language, falling back to French."""
    lang = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    value = getattr(instance, f"{field}_{lang}", "") if lang in ("fr", "en") else ""
    return value or getattr(instance, f"{field}_fr", "")


class OrganizationScopedQuerySet(QuerySet):
    """Querysets whose rows belong to an organization through `organization_path`."""

    organization_path = "organization"

    def in_coordinated_organizations(self, user):
        return self.filter(**{f"{self.organization_path}__in": coordinated_organizations(user)})

    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.in_coordinated_organizations(user)


# --- Organizations -------------------------------------------------------------------------


class OrganizationKind(models.TextChoices):
    SCHOOL_BOARD = "school_board", _("School board / school service centre")
    UNIVERSITY = "university", _("University or college")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Other")


class OrganizationQuerySet(QuerySet):
    def for_user(self, user):
        return self.filter(pk__in=coordinated_organizations(user).values("pk"))

    def in_coordinated_organizations(self, user):
        return self.for_user(user)


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganizationKind, default=OrganizationKind.SCHOOL_BOARD
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name


class SchoolQuerySet(OrganizationScopedQuerySet):
    pass


class SchoolLevel(models.TextChoices):
    ELEMENTARY = "elementary", _("Elementary school")
    SECONDARY = "secondary", _("Secondary school")
    ADULT = "adult", _("Adult education / vocational training")
    COLLEGE = "college", _("College (CEGEP)")
    UNIVERSITY = "university", _("University")
    OFFICE = "office", _("Administrative office")


class School(models.Model):
    """A school or site of an organization (a building, a campus, a faculty)."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="schools", verbose_name=_("organization")
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"), max_length=30, help_text=_("The code used in the school system's exports.")
    )
    level = models.CharField(
        _("level"), max_length=20, choices=SchoolLevel, default=SchoolLevel.SECONDARY
    )
    city = models.CharField(_("city"), max_length=100, blank=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("school or site")
        verbose_name_plural = _("schools and sites")
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="school_code_unique"),
        ]

    def __str__(self):
        return self.name


class MembershipRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")


class MembershipQuerySet(OrganizationScopedQuerySet):
    pass


class Membership(models.Model):
    """A person who runs programs for an organization."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="memberships", verbose_name=_("organization")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole, default=MembershipRole.COORDINATOR
    )
    title = models.CharField(
        _("title"), max_length=120, blank=True, help_text=_("For example: program lead.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "user__search_key"]
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} ({self.organization})"


# --- Programs and their public pages --------------------------------------------------------


class ProgramKind(models.TextChoices):
    NEW_SCHOOL_LEADERS = "new_school_leaders", _("New school leaders")
    STUDENT_PERSEVERANCE = "student_perseverance", _("Student perseverance")
    HIGHER_EDUCATION = "higher_education", _("Higher education teacher–student")
    OTHER = "other", _("Other")


class ProgramMode(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring")
    TUTORING = "tutoring", _("Tutoring")


class AfterClosureContact(models.TextChoices):
    """The program's rule for the two people once their pair has ended (told to both)."""

    NONE = "none", _("No contact between the two outside the program once the pair has ended.")
    COORDINATION = (
        "coordination",
        _("After the end, any contact between the two goes through the program's coordination."),
    )
    FREE = "free", _("Both may keep in touch after the end if they both wish.")


class ProgramQuerySet(OrganizationScopedQuerySet):
    def public(self):
        return self.filter(is_public=True)


class Program(models.Model):
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="programs", verbose_name=_("organization")
    )
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=ProgramKind)
    mode = models.CharField(
        _("mode"), max_length=20, choices=ProgramMode, default=ProgramMode.MENTORING
    )
    e_mentoring_allowed = models.BooleanField(_("e-mentoring allowed"), default=False)
    share_minor_contact = models.BooleanField(
        _("mentors see a minor mentee's e-mail address"),
        default=False,
        help_text=_("Otherwise contact with a minor goes through the school or the coordination."),
    )
    after_closure_contact = models.CharField(
        _("contact after a pair ends"),
        max_length=20,
        choices=AfterClosureContact,
        default=AfterClosureContact.COORDINATION,
        help_text=_("Shown to both people when their pair ends, in the e-mail and on its page."),
    )
    involves_minors = models.BooleanField(
        _("involves minors"),
        default=False,
        help_text=_("Minor mentees need a guardian's consent before they can be paired."),
    )
    mentee_chooses_mentor = models.BooleanField(
        _("mentee takes part in choosing the mentor"), default=True
    )
    target_meeting_interval_days = models.PositiveSmallIntegerField(
        _("target days between meetings"),
        default=14,
        help_text=_("For example 7 for weekly meetings, 14 for every two weeks."),
    )
    duration_months = models.PositiveSmallIntegerField(_("duration in months"), default=10)
    # The coordinator's check-ins with each pair (MENTOR's Elements: monitoring and support).
    checkins_first_month = models.PositiveSmallIntegerField(
        _("check-ins in a pair's first month"),
        default=2,
        validators=[MaxValueValidator(4)],
        help_text=_("With the mentor, the mentee and, for a minor, a guardian."),
    )
    checkin_interval_days = models.PositiveSmallIntegerField(
        _("days between check-ins afterwards"),
        default=30,
        validators=[MinValueValidator(7), MaxValueValidator(120)],
    )
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("public page online"),
        default=True,
        help_text=_("Parents and candidates can read the program's page without an account."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "name_fr"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_meeting_interval_days__gte=1)
                & Q(target_meeting_interval_days__lte=120),
                name="program_meeting_interval_range",
                violation_error_message=_("The target days between meetings go from 1 to 120."),
            ),
            models.CheckConstraint(
                condition=Q(duration_months__gte=1) & Q(duration_months__lte=60),
                name="program_duration_range",
                violation_error_message=_("A program lasts from 1 to 60 months."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:public_page", kwargs={"slug": self.slug})

    @property
    def name(self):
        return localized(self, "name")

    def current_page(self):
        return self.page_versions.order_by("-number").first()


class ProgramPageVersionQuerySet(OrganizationScopedQuerySet):
    organization_path = "program__organization"


class ProgramPageVersion(models.Model):
    """The public page's text at one point in time. Never edited: a change is a new version,
    so that a consent can say exactly which text the parent read."""

    SECTIONS = (
        ("objectives", _("Objectives")),
        ("student_selection", _("Why students are chosen")),
        ("mentor_selection", _("How mentors are chosen and trained")),
        ("role_mentor", _("The mentor's role")),
        ("role_mentee", _("The mentee's role")),
        ("role_parent", _("The parent's role")),
        ("role_coordinator", _("The coordinator's role")),
        ("calendar", _("Calendar")),
        ("confidentiality", _("Confidentiality")),
    )

    program = models.ForeignKey(
        Program, models.CASCADE, related_name="page_versions", verbose_name=_("program")
    )
    number = models.PositiveIntegerField(_("version"), editable=False)
    objectives_fr = models.TextField(_("objectives (French)"))
    objectives_en = models.TextField(_("objectives (English)"))
    student_selection_fr = models.TextField(_("why students are chosen (French)"))
    student_selection_en = models.TextField(_("why students are chosen (English)"))
    mentor_selection_fr = models.TextField(_("how mentors are chosen and trained (French)"))
    mentor_selection_en = models.TextField(_("how mentors are chosen and trained (English)"))
    role_mentor_fr = models.TextField(_("the mentor's role (French)"))
    role_mentor_en = models.TextField(_("the mentor's role (English)"))
    role_mentee_fr = models.TextField(_("the mentee's role (French)"))
    role_mentee_en = models.TextField(_("the mentee's role (English)"))
    role_parent_fr = models.TextField(_("the parent's role (French)"), blank=True)
    role_parent_en = models.TextField(_("the parent's role (English)"), blank=True)
    role_coordinator_fr = models.TextField(_("the coordinator's role (French)"))
    role_coordinator_en = models.TextField(_("the coordinator's role (English)"))
    calendar_fr = models.TextField(_("calendar (French)"), blank=True)
    calendar_en = models.TextField(_("calendar (English)"), blank=True)
    confidentiality_fr = models.TextField(_("confidentiality (French)"), blank=True)
    confidentiality_en = models.TextField(_("confidentiality (English)"), blank=True)
    created_at = models.DateTimeField(_("published at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    objects = ProgramPageVersionQuerySet.as_manager()

    class Meta:
        ordering = ["program", "-number"]
        verbose_name = _("public page version")
        verbose_name_plural = _("public page versions")
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="page_version_unique"),
        ]

    def __str__(self):
        return _("%(program)s, version %(number)s") % {
            "program": self.program,
            "number": self.number,
        }

    def get_absolute_url(self):
        return reverse(
            "programs:public_page_version",
            kwargs={"slug": self.program.slug, "number": self.number},
        )

    def sections(self):
        """(title, text) pairs in the active language, skipping empty sections."""
        result = []
        for field, title in self.SECTIONS:
            text = localized(self, field)
            if text:
                result.append((field, title, text))
        return result

    def content_fields(self):
        return [f"{field}_{lang}" for field, _title in self.SECTIONS for lang in ("fr", "en")]


# --- Cohorts ----------------------------------------------------------------------------------


class CohortPhase(models.TextChoices):
    RECRUITMENT = "recruitment", _("Recruitment")
    TRAINING = "training", _("Training")
    PAIRING = "pairing", _("Pairing")
    ACTIVE = "active", _("Active")
    CLOSING = "closing", _("Closing")
    CLOSED = "closed", _("Closed")


class CohortQuerySet(OrganizationScopedQuerySet):
    organization_path = "program__organization"

    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        mine = Participant.objects.filter(
            Q(user=user)
            | Q(pk__in=GuardianLink.objects.filter(guardian=user).values("participant"))
        )
        return self.filter(
            Q(program__organization__in=coordinated_organizations(user))
            | Q(pk__in=mine.values("cohort"))
        )


class Cohort(models.Model):
    """One yearly run of a program."""

    program = models.ForeignKey(
        Program, models.PROTECT, related_name="cohorts", verbose_name=_("program")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("For example: 2026–2027."))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    recruitment_ends_on = models.DateField(_("recruitment ends on"), null=True, blank=True)
    training_ends_on = models.DateField(_("training ends on"), null=True, blank=True)
    pairing_ends_on = models.DateField(_("pairing ends on"), null=True, blank=True)
    closing_starts_on = models.DateField(_("closing starts on"), null=True, blank=True)
    phase = models.CharField(
        _("phase"), max_length=20, choices=CohortPhase, default=CohortPhase.RECRUITMENT
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_cohorts",
        verbose_name=_("coordinator"),
        help_text=_("The person mentors, mentees and parents can contact."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["program", "-starts_on"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="cohort_dates",
                violation_error_message=_("The cohort must end after it starts."),
            ),
            models.UniqueConstraint(fields=["program", "name"], name="cohort_name_unique"),
        ]

    def __str__(self):
        return f"{self.program} — {self.name}"

    def calendar(self):
        """The cohort's milestones in date order, for the public page and the portal."""
        steps = [
            (self.starts_on, _("Start of the cohort")),
            (self.recruitment_ends_on, _("End of recruitment")),
            (self.training_ends_on, _("End of mentor training")),
            (self.pairing_ends_on, _("End of pairing")),
            (self.closing_starts_on, _("Closing activities begin")),
            (self.ends_on, _("End of the cohort")),
        ]
        return sorted(((day, label) for day, label in steps if day), key=lambda step: step[0])


# --- Participants -----------------------------------------------------------------------------


class ParticipantRole(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class ParticipantStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COMPLETED = "completed", _("Completed")


class ParticipantQuerySet(OrganizationScopedQuerySet):
    organization_path = "cohort__program__organization"

    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(cohort__program__organization__in=coordinated_organizations(user))
            | Q(user=user)
            | Q(pk__in=GuardianLink.objects.filter(guardian=user).values("participant"))
        )

    def mentors(self):
        return self.filter(role=ParticipantRole.MENTOR)

    def mentees(self):
        return self.filter(role=ParticipantRole.MENTEE)

    # What the coordinator's home counts and its lists filter on (programs/workspace.py): one
    # definition for the figure and for the list it links to.

    def taking_part(self):
        """Not withdrawn nor completed, in a cohort that has not ended."""
        return self.exclude(
            status__in=(ParticipantStatus.WITHDRAWN, ParticipantStatus.COMPLETED)
        ).filter(cohort__ends_on__gte=timezone.localdate())

    def consent_waiting(self):
        """Mentees who need a guardian's consent (a minor, or of unknown age, in a program that
        involves minors) and whose guardians' latest decision is not a consent."""
        today = timezone.localdate()
        try:
            adult_born_by = today.replace(year=today.year - ADULT_AGE)
        except ValueError:  # 29 February
            adult_born_by = today.replace(year=today.year - ADULT_AGE, day=28)
        latest = ConsentRecord.objects.filter(guardian_link=OuterRef("pk")).order_by(
            "-recorded_at", "-pk"
        )
        given = GuardianLink.objects.filter(participant=OuterRef("pk")).annotate(
            latest=Subquery(latest.values("decision")[:1])
        )
        return (
            self.mentees()
            .filter(cohort__program__involves_minors=True)
            .filter(Q(birth_date__isnull=True) | Q(birth_date__gt=adult_born_by))
            .exclude(Exists(given.filter(latest=ConsentDecision.GIVEN)))
        )

    def background_check_expired(self):
        """Mentors of a program with minors whose background check is missing or expired."""
        return (
            self.mentors()
            .filter(cohort__program__involves_minors=True)
            .filter(
                Q(background_check_on__isnull=True)
                | Q(background_check_expires_on__lte=timezone.localdate())
            )
        )

    def background_check_expiring(self, days: int = 30):
        today = timezone.localdate()
        return self.mentors().filter(
            cohort__program__involves_minors=True,
            background_check_on__isnull=False,
            background_check_expires_on__gt=today,
            background_check_expires_on__lte=today + timedelta(days=days),
        )

    def training_missing(self):
        return self.mentors().filter(training_completed_on__isnull=True)

    def invitation_waiting(self):
        """People who have not chosen a password yet (their invitation is not accepted)."""
        return self.filter(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)


class Participant(models.Model):
    """A person's role in a cohort. One person may mentor in one program and be mentored in
    another; within a cohort they have one role."""

    cohort = models.ForeignKey(
        Cohort, models.PROTECT, related_name="participants", verbose_name=_("cohort")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="participations",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=10, choices=ParticipantRole)
    status = models.CharField(
        _("status"), max_length=20, choices=ParticipantStatus, default=ParticipantStatus.ENROLLED
    )
    school = models.ForeignKey(
        School,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("school or site"),
    )
    external_id = models.CharField(
        _("number in the school system"), max_length=40, blank=True, db_index=True
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender, blank=True)
    gender_preference = models.CharField(
        _("preferred gender of the other person"),
        max_length=20,
        choices=GenderPreference,
        blank=True,
        default=GenderPreference.NONE,
    )
    languages = MultipleChoiceField(
        _("languages spoken"), item_choices=ProfileLanguage, blank=False
    )
    level = models.CharField(
        _("level or year"),
        max_length=120,
        blank=True,
        help_text=_("For example: Secondary 3, first year of the bachelor's degree."),
    )
    subject = models.CharField(_("subject or field"), max_length=100, blank=True)
    availability = MultipleChoiceField(_("availability"), item_choices=Availability)
    interests = MultipleChoiceField(_("interests"), item_choices=Interest)
    needs = MultipleChoiceField(
        _("goals or needs"), item_choices=Topic, help_text=_("What the mentee wants help with.")
    )
    expertise = MultipleChoiceField(
        _("expertise"), item_choices=Topic, help_text=_("What the mentor can help with.")
    )
    photo = models.ImageField(
        _("photo"),
        upload_to="photos/",
        blank=True,
        help_text=_(
            "If you wish: shown only to the mentees to whom you are suggested or proposed."
        ),
    )
    about = models.TextField(
        _("about me"),
        blank=True,
        max_length=2000,
        help_text=_("A few words others in the program may read."),
    )
    years_of_experience = models.PositiveSmallIntegerField(
        _("years of experience"), null=True, blank=True
    )
    capacity = models.PositiveSmallIntegerField(
        _("number of mentees"),
        default=1,
        help_text=_("How many mentees this mentor can follow at once."),
    )
    background_check_on = models.DateField(_("background check done on"), null=True, blank=True)
    background_check_expires_on = models.DateField(
        _("background check expires on"), null=True, blank=True
    )
    training_completed_on = models.DateField(_("training completed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "role", "user__search_key"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="participant_once_per_cohort"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=20),
                name="participant_capacity",
                violation_error_message=_("A mentor follows from 1 to 20 mentees."),
            ),
            models.CheckConstraint(
                condition=Q(background_check_expires_on__isnull=True)
                | Q(background_check_on__isnull=True)
                | Q(background_check_expires_on__gt=F("background_check_on")),
                name="participant_background_check_dates",
                violation_error_message=_(
                    "The background check must expire after the day it was done."
                ),
            ),
        ]
        indexes = [models.Index(fields=["cohort", "role", "status"], name="participant_pool")]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.cohort.name})"

    @property
    def is_mentor(self):
        return self.role == ParticipantRole.MENTOR

    @property
    def is_mentee(self):
        return self.role == ParticipantRole.MENTEE

    def age_on(self, day: date):
        if not self.birth_date:
            return None
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    @property
    def is_minor(self):
        age = self.age_on(timezone.localdate())
        return age is not None and age < ADULT_AGE

    def background_check_in_force(self, day: date | None = None):
        day = day or timezone.localdate()
        return bool(
            self.background_check_on
            and (self.background_check_expires_on is None or self.background_check_expires_on > day)
        )

    def guardian_consent_in_force(self):
        """A minor mentee may be paired only while a guardian's latest decision is a consent."""
        return any(link.consent_in_force() for link in self.guardian_links.all())


# --- Authority: who supervises or evaluates whom ------------------------------------------


class AuthorityKind(models.TextChoices):
    SUPERVISES = "supervises", _("Supervises")
    EVALUATES = "evaluates", _("Evaluates")
    OTHER = "other", _("Other authority or conflict")


class AuthorityLinkQuerySet(OrganizationScopedQuerySet):
    pass


class AuthorityLink(models.Model):
    """Someone with authority over another person, who therefore can never be their mentor."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="authority_links", verbose_name=_("organization")
    )
    superior = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="authority_over",
        verbose_name=_("person with authority"),
    )
    subordinate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="authority_from",
        verbose_name=_("person supervised or evaluated"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=AuthorityKind, default=AuthorityKind.SUPERVISES
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AuthorityLinkQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "superior__search_key"]
        verbose_name = _("supervision or evaluation link")
        verbose_name_plural = _("supervision and evaluation links")
        constraints = [
            models.CheckConstraint(
                condition=~Q(superior=F("subordinate")),
                name="authority_not_self",
                violation_error_message=_("Nobody supervises or evaluates themselves."),
            ),
            models.UniqueConstraint(
                fields=["organization", "superior", "subordinate", "kind"], name="authority_unique"
            ),
        ]

    def __str__(self):
        return f"{self.superior} → {self.subordinate} ({self.get_kind_display()})"


# --- Guardians and consent ------------------------------------------------------------------


class GuardianRelationship(models.TextChoices):
    PARENT = "parent", _("Parent")
    LEGAL_GUARDIAN = "legal_guardian", _("Legal guardian")
    OTHER = "other", _("Other")


class GuardianLinkQuerySet(OrganizationScopedQuerySet):
    organization_path = "participant__cohort__program__organization"

    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(participant__cohort__program__organization__in=coordinated_organizations(user))
            | Q(guardian=user)
        )


class GuardianLink(models.Model):
    """A parent or guardian of a minor mentee."""

    participant = models.ForeignKey(
        Participant, models.CASCADE, related_name="guardian_links", verbose_name=_("mentee")
    )
    guardian = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="guardian_links",
        verbose_name=_("parent or guardian"),
    )
    relationship = models.CharField(
        _("relationship"),
        max_length=20,
        choices=GuardianRelationship,
        default=GuardianRelationship.PARENT,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = GuardianLinkQuerySet.as_manager()

    class Meta:
        ordering = ["participant", "guardian__search_key"]
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")
        constraints = [
            models.UniqueConstraint(fields=["participant", "guardian"], name="guardian_unique"),
        ]

    def __str__(self):
        return _("%(guardian)s, guardian of %(child)s") % {
            "guardian": self.guardian,
            "child": self.participant.user,
        }

    def latest_consent(self):
        records = getattr(self, "prefetched_consents", None)
        if records is not None:
            return records[0] if records else None
        return self.consents.order_by("-recorded_at", "-pk").first()

    def consent_in_force(self):
        latest = self.latest_consent()
        return bool(latest and latest.decision == ConsentDecision.GIVEN)


class ConsentDecision(models.TextChoices):
    GIVEN = "given", _("Consent given")
    WITHDRAWN = "withdrawn", _("Consent withdrawn")


class ConsentRecordQuerySet(OrganizationScopedQuerySet):
    organization_path = "guardian_link__participant__cohort__program__organization"

    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(
                guardian_link__participant__cohort__program__organization__in=(
                    coordinated_organizations(user)
                )
            )
            | Q(guardian_link__guardian=user)
        )


class ConsentRecord(models.Model):
    """One decision of a guardian, kept forever: which page version they read, when, and who."""

    guardian_link = models.ForeignKey(
        GuardianLink, models.PROTECT, related_name="consents", verbose_name=_("guardian")
    )
    page_version = models.ForeignKey(
        ProgramPageVersion,
        models.PROTECT,
        related_name="consents",
        verbose_name=_("page version read"),
    )
    decision = models.CharField(_("decision"), max_length=20, choices=ConsentDecision)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        get_latest_by = "recorded_at"
        indexes = [
            models.Index(fields=["guardian_link", "-recorded_at"], name="consent_latest"),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} — {self.guardian_link.guardian}"


# --- Training ---------------------------------------------------------------------------------


class TrainingAudience(models.TextChoices):
    MENTORS = "mentors", _("Mentors")
    MENTEES = "mentees", _("Mentees")
    EVERYONE = "everyone", _("Everyone")


class TrainingSessionQuerySet(OrganizationScopedQuerySet):
    organization_path = "cohort__program__organization"

    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(cohort__program__organization__in=coordinated_organizations(user))
            | Q(pk__in=TrainingAttendance.objects.filter(participant__user=user).values("session"))
        )


class TrainingSession(models.Model):
    cohort = models.ForeignKey(
        Cohort, models.CASCADE, related_name="training_sessions", verbose_name=_("cohort")
    )
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(
        _("audience"), max_length=20, choices=TrainingAudience, default=TrainingAudience.MENTORS
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("place or video link"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    required_before_pairing = models.BooleanField(
        _("required before pairing"),
        default=True,
        help_text=_("Attending marks the mentor's training as completed."),
    )

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "starts_at"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="training_session_dates",
                violation_error_message=_("The session must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.title


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class TrainingAttendanceQuerySet(OrganizationScopedQuerySet):
    organization_path = "session__cohort__program__organization"

    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(session__cohort__program__organization__in=coordinated_organizations(user))
            | Q(participant__user=user)
        )


class TrainingAttendance(models.Model):
    session = models.ForeignKey(
        TrainingSession, models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    participant = models.ForeignKey(
        Participant,
        models.CASCADE,
        related_name="training_attendances",
        verbose_name=_("participant"),
    )
    status = models.CharField(
        _("attendance"), max_length=20, choices=AttendanceStatus, default=AttendanceStatus.INVITED
    )

    objects = TrainingAttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["session", "participant__user__full_name"]
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendances")
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="attendance_unique"),
        ]

    def __str__(self):
        return f"{self.participant.user} — {self.session}"


# --- Imports ----------------------------------------------------------------------------------


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Awaiting confirmation")
    APPLIED = "applied", _("Imported")
    CANCELLED = "cancelled", _("Cancelled")


class ParticipantImportQuerySet(OrganizationScopedQuerySet):
    organization_path = "cohort__program__organization"


class ParticipantImport(models.Model):
    """An uploaded file waiting for the coordinator's confirmation. Rows are stored already
    validated; nothing reaches the participants until the whole file is confirmed."""

    cohort = models.ForeignKey(
        Cohort, models.CASCADE, related_name="imports", verbose_name=_("cohort")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(_("file"), max_length=255)
    rows = models.JSONField(_("rows"), default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus, default=ImportStatus.PREVIEW
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    objects = ParticipantImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("participant import")
        verbose_name_plural = _("participant imports")

    def __str__(self):
        return self.filename


class EnrolmentKind(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    GUARDIAN = "guardian", _("Guardian")
    COORDINATOR = "membership", _("Coordination")


class EnrolmentStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for the person's answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ENROLMENT_DAYS = 30


def enrolment_expiry():
    return timezone.now() + timedelta(days=ENROLMENT_DAYS)


class EnrolmentRequestQuerySet(OrganizationScopedQuerySet):
    def waiting(self):
        return self.filter(status=EnrolmentStatus.WAITING, expires_at__gt=timezone.now())


class EnrolmentRequest(models.Model):
    """An organization asks a person who already has an account through another organization to
    join it. Until they accept, the organization holds only what its coordinator typed (name,
    address, language, the record to create); the account itself is never changed by it, and
    nothing stored in it is shown to the organization. Accepting creates the record."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="enrolment_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="enrolment_requests"
    )
    kind = models.CharField(_("kind of request"), max_length=20, choices=EnrolmentKind)
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("name typed by the coordination"), max_length=150)
    record = models.JSONField(default=dict)  # the record to create, serialized
    summary = models.CharField(_("for"), max_length=300)  # e.g. "Mentee — Cohort 2026-2027"
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EnrolmentStatus, default=EnrolmentStatus.WAITING
    )
    created_at = models.DateTimeField(_("asked on"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires on"), default=enrolment_expiry)
    decided_at = models.DateTimeField(_("answered on"), null=True, blank=True)

    objects = EnrolmentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user", "kind", "summary"],
                condition=Q(status="waiting"),
                name="enrolment_request_once",
                violation_error_message=_("This person has already been asked."),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} <{self.email}> — {self.summary}"

    def get_absolute_url(self):
        return reverse("programs:enrolment", kwargs={"pk": self.pk})

    @property
    def is_waiting(self) -> bool:
        return self.status == EnrolmentStatus.WAITING and self.expires_at > timezone.now()
