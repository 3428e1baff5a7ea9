import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.text import search_key
from mentorat.db import QuerySet


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


class WithoutPasswordManager(models.Manager):
    """How Django reaches an account from another record (a participant's user, a pair's
    people, an invitation's): without its password hash, which only signing in and the
    signed-in person's own account read. Reading it anyway costs one more query."""

    def get_queryset(self):
        return super().get_queryset().defer("password")


class User(AbstractBaseUser, PermissionsMixin):
    """A person. What they do (coordinate, mentor, be mentored, be a parent) lives in programs."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=Language, default=Language.FRENCH
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email_reminders = models.BooleanField(
        _("e-mail reminders"),
        default=True,
        help_text=_("Meeting reminders and requests to log a meeting."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("technical staff"),
        default=False,
        help_text=_("Can use the technical administration (not needed by coordinators)."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # accounts.text.search_key of the name and e-mail: searched and sorted on, kept by save()
    search_key = models.CharField(max_length=450, editable=False, default="", db_index=True)

    objects = UserManager()
    without_password = WithoutPasswordManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        base_manager_name = "without_password"
        ordering = ["search_key"]  # French order: "Élodie" with "Emma", not after "Zoé"
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_ci_unique",
                violation_error_message=_("An account already uses this e-mail address."),
            ),
        ]

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        """Reloaded whole (the base manager would leave the password hash as it was)."""
        if from_queryset is None:
            from_queryset = type(self).objects.all()
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def save(self, *args, **kwargs):
        self.search_key = search_key(f"{self.full_name} {self.email}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"full_name", "email"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class InvitationQuerySet(QuerySet):
    def pending(self):
        return self.filter(
            used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use link that lets a person set their password. Only a hash of the token is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="invitations",
        verbose_name=_("invited person"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    token_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["user", "-created_at"], name="invitation_user_recent")]
        constraints = [
            models.UniqueConstraint(
                fields=["token_hash"],
                condition=~models.Q(token_hash=""),
                name="invitation_token_unique",
                violation_error_message=_("This invitation link already exists."),
            ),
        ]

    def __str__(self):
        return _("Invitation for %(user)s") % {"user": self.user}

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def new_token(self) -> str:
        """Give the invitation a fresh secret; only its hash is kept."""
        token = secrets.token_urlsafe(32)
        self.token_hash = self.hash_token(token)
        return token

    @staticmethod
    def default_expiry():
        return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self):
        return self.used_at is None and self.revoked_at is None and not self.is_expired

    @staticmethod
    def accept_path(token: str) -> str:
        return reverse("accounts:invitation_accept", kwargs={"token": token})


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("To send")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Not delivered")


class NotificationQuerySet(QuerySet):
    def due(self, now=None):
        return self.filter(
            status=NotificationStatus.PENDING, next_attempt_at__lte=now or timezone.now()
        )


class Notification(models.Model):
    """An e-mail in the outbox, recorded under a unique key in the transaction of the action
    that causes it (key examples: "pairing:12:proposed"), rendered in its recipient's language,
    then sent by a task after the commit or by the beat task that reads what is due. A key is
    sent at most once per person; a retry after a crash carries the same Message-ID."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=NotificationStatus, default=NotificationStatus.PENDING
    )
    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=300, blank=True)
    text = models.TextField(pgettext_lazy("e-mail", "body"), blank=True)
    html = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    unsubscribe_url = models.URLField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notification_due")]

    def __str__(self):
        return f"{self.key} → {self.user}"


class StoredEmail(models.Model):
    """A message kept in the database instead of being sent (accounts.mail_backends): written in
    the sender's transaction, so it exists exactly when the claim that sent it committed."""

    to = models.CharField(pgettext_lazy("e-mail", "recipient"), max_length=254)
    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=300)
    body = models.TextField(pgettext_lazy("e-mail", "body"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = QuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("stored e-mail")
        verbose_name_plural = _("stored e-mails")

    def __str__(self):
        return f"{self.to}: {self.subject}"
