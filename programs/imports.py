"""Import mentors and mentees from a CSV or XLSX export of a school system.

Two steps, as coordinators expect from a spreadsheet import:
1. upload: every row is checked (header, e-mail, dates, duplicates, lengths, school codes); any
   error lists its line and column and nothing is stored;
2. preview: a valid file is kept as a `ParticipantImport` awaiting confirmation; "Import" creates
   everyone in one transaction, "Cancel" drops it. Nothing is ever half-saved.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

import tablib
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts import services as account_services
from accounts.models import Language, User
from mentorat.forms import NormalizedTextMixin
from programs.choices import ProfileLanguage
from programs.models import (
    Cohort,
    GuardianLink,
    ImportStatus,
    Membership,
    Participant,
    ParticipantImport,
    ParticipantRole,
    School,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_CELL = 254
# NUL and the other control characters (PostgreSQL refuses NUL), and the bidirectional
# overrides and isolates that make a name display differently from what is stored.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# column -> accepted header spellings (French first, then English)
COLUMNS = {
    "email": ("courriel", "email", "e-mail", "adresse courriel"),
    "full_name": ("nom", "nom complet", "full_name", "name", "full name"),
    "role": ("rôle", "role"),
    "language": ("langue", "language", "langue préférée", "preferred language"),
    "languages": ("langues parlées", "languages", "langues"),
    "birth_date": ("date de naissance", "birth_date", "date_naissance", "birth date"),
    "school_code": ("école", "ecole", "code école", "school", "school_code", "site"),
    "external_id": ("numéro", "numero", "fiche", "external_id", "student number", "id"),
    "level": ("niveau", "level"),
    "subject": ("matière", "matiere", "discipline", "subject"),
    "capacity": ("capacité", "capacite", "capacity"),
    "guardian_email": ("courriel parent", "parent_email", "guardian_email", "guardian e-mail"),
    "guardian_name": ("nom parent", "parent_name", "guardian_name", "guardian name"),
}
REQUIRED = ("email", "full_name", "role")
ROLE_WORDS = {
    "mentor": ParticipantRole.MENTOR,
    "mentore": ParticipantRole.MENTOR,
    "mentor·e": ParticipantRole.MENTOR,
    "mentee": ParticipantRole.MENTEE,
    "mentoré": ParticipantRole.MENTEE,
    "mentore·e": ParticipantRole.MENTEE,
    "mentorée": ParticipantRole.MENTEE,
    "mentoré·e": ParticipantRole.MENTEE,
}
HEADER_LOOKUP = {spelling: key for key, spellings in COLUMNS.items() for spelling in spellings}


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ParseResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def error(self, line, column, message):
        self.errors.append(RowError(line, column, str(message)))


def read_table(upload) -> list[list[str]]:
    """The uploaded file as rows of strings (header first). Raises ValidationError if unreadable."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    name = upload.name.lower()
    content = upload.read()
    if name.endswith(".xlsx"):
        try:
            dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx", headers=False)
        except Exception:  # noqa: BLE001 - any parse failure means the same thing to the user
            raise ValidationError(
                _("This file cannot be read as an Excel (.xlsx) workbook.")
            ) from None
        return [["" if cell is None else _cell_text(cell) for cell in row] for row in dataset]
    if name.endswith(".csv") or name.endswith(".txt"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = content.decode("cp1252")
            except UnicodeDecodeError:
                raise ValidationError(
                    _("The file's text encoding is not recognized (use UTF-8).")
                ) from None
        sample = text[:4096]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [
            row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)
        ]
    raise ValidationError(_("Choose a .csv or .xlsx file."))


def _cell_text(cell) -> str:
    if isinstance(cell, date):
        return cell.strftime("%Y-%m-%d")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def parse(table: list[list[str]], cohort: Cohort) -> ParseResult:
    result = ParseResult()
    if not table:
        result.error(1, "", _("The file is empty."))
        return result
    header = [cell.strip().lower() for cell in table[0]]
    columns = []
    for position, title in enumerate(header, start=1):
        key = HEADER_LOOKUP.get(title)
        if key is None:
            result.error(
                1, title or f"#{position}", _("Unknown column “%(title)s”.") % {"title": title}
            )
        elif key in columns:
            result.error(1, title, _("The column “%(title)s” appears twice.") % {"title": title})
        columns.append(key)
    for key in REQUIRED:
        if key not in columns:
            result.error(
                1,
                COLUMNS[key][0],
                _("The column “%(title)s” is missing.") % {"title": COLUMNS[key][0]},
            )
    if result.errors:
        return result
    if len(table) - 1 > MAX_ROWS:
        result.error(1, "", _("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
        return result
    if len(table) == 1:
        result.error(2, "", _("The file has a header but no rows."))
        return result

    schools = {
        school.code.lower(): school.pk
        for school in School.objects.filter(organization_id=cohort.program.organization_id)
    }
    enrolled = set(cohort.participants.values_list("user__email", flat=True))
    enrolled = {email.lower() for email in enrolled}
    seen: dict[str, int] = {}

    for line, raw in enumerate(table[1:], start=2):
        values = {key: (raw[i].strip() if i < len(raw) else "") for i, key in enumerate(columns)}
        row_errors_before = len(result.errors)
        for key, value in values.items():
            value = values[key] = unicodedata.normalize("NFC", value)
            if FORBIDDEN_CHARACTERS.search(value):
                result.error(
                    line,
                    COLUMNS[key][0],
                    _("This value contains an invisible control or text-direction character."),
                )
                values[key] = ""
            elif len(value) > MAX_CELL:
                result.error(
                    line,
                    COLUMNS[key][0],
                    _("This value is too long (%(length)d characters, at most %(max)d).")
                    % {"length": len(value), "max": MAX_CELL},
                )
                values[key] = ""
        row = _clean_row(values, line, result, schools, cohort)
        email = row.get("email")
        if email:
            if email in seen:
                result.error(
                    line,
                    "courriel",
                    _("%(email)s already appears on line %(line)d.")
                    % {"email": email, "line": seen[email]},
                )
            elif email in enrolled:
                result.error(
                    line,
                    "courriel",
                    _("%(email)s is already enrolled in this cohort.") % {"email": email},
                )
            seen.setdefault(email, line)
        if len(result.errors) == row_errors_before:
            row["line"] = line
            result.rows.append(row)
    _refuse_other_organizations_people(result, cohort)
    return result


FOREIGN_ACCOUNT = gettext_lazy(
    "This address already has an account with another organization: it cannot be imported. "
    "Add the person from the participant form and tick “ask the person to join”."
)


def foreign_accounts(emails, organization_id) -> set[str]:
    """Which of these addresses have an account that the organization may not attach: one that
    belongs to another organization, or to none (the rule of programs.admin.PersonFormMixin).
    Three queries, whatever the number of addresses."""
    emails = {email.lower() for email in emails if email}
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    if not existing:
        return set()
    orgs: dict[str, set] = {email: set() for email in existing}
    for relation in (
        Membership.objects.filter(user__email__in=existing).values_list(
            "user__email", "organization_id"
        ),
        Participant.objects.filter(user__email__in=existing).values_list(
            "user__email", "cohort__program__organization_id"
        ),
        GuardianLink.objects.filter(guardian__email__in=existing).values_list(
            "guardian__email", "participant__cohort__program__organization_id"
        ),
    ):
        for email, org in relation:
            orgs[email].add(org)
    return {email for email, theirs in orgs.items() if theirs != {organization_id}}


def _refuse_other_organizations_people(result, cohort):
    """The import never attaches (nor invites, nor reveals) a person who has an account through
    another organization: those lines are refused like any other error."""
    foreign = foreign_accounts(
        [row["email"] for row in result.rows] + [row["guardian_email"] for row in result.rows],
        cohort.program.organization_id,
    )
    if not foreign:
        return
    kept = []
    for row in result.rows:
        refused = False
        if row["email"] in foreign:
            result.error(row["line"], "courriel", str(FOREIGN_ACCOUNT))
            refused = True
        if row["guardian_email"] in foreign:
            result.error(row["line"], "courriel parent", str(FOREIGN_ACCOUNT))
            refused = True
        if not refused:
            kept.append(row)
    result.rows = kept


def _clean_row(values, line, result, schools, cohort) -> dict:
    row: dict = {}
    for key in REQUIRED:
        if not values.get(key):
            result.error(line, COLUMNS[key][0], _("This value is required."))
    email = values.get("email", "").lower()
    if email:
        try:
            validate_email(email)
            row["email"] = email
        except ValidationError:
            result.error(
                line, "courriel", _("“%(value)s” is not a valid e-mail address.") % {"value": email}
            )
    row["full_name"] = values.get("full_name", "")
    role_text = values.get("role", "").lower()
    if role_text:
        role = ROLE_WORDS.get(role_text)
        if role is None:
            result.error(
                line,
                "rôle",
                _("“%(value)s” is not a role: write mentor or mentoré.")
                % {"value": values["role"]},
            )
        row["role"] = role
    language = values.get("language", "").lower() or Language.FRENCH
    if language not in Language.values:
        result.error(line, "langue", _("The language must be fr or en."))
    row["language"] = language
    spoken = [
        code.strip().lower() for code in values.get("languages", "").replace(",", ";").split(";")
    ]
    spoken = [code for code in spoken if code]
    unknown = [code for code in spoken if code not in ProfileLanguage.values]
    if unknown:
        result.error(
            line,
            "langues parlées",
            _("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)},
        )
    row["languages"] = spoken or [language]
    birth = values.get("birth_date", "")
    row["birth_date"] = None
    if birth:
        try:
            parsed = date.fromisoformat(birth)
            if len(birth) != 10:
                raise ValueError
            if not date(1900, 1, 1) <= parsed <= timezone.localdate():
                result.error(line, "date de naissance", _("This date of birth is not plausible."))
            row["birth_date"] = parsed.isoformat()
        except ValueError:
            result.error(
                line,
                "date de naissance",
                _("“%(value)s” is not a date in the YYYY-MM-DD format.") % {"value": birth},
            )
    code = values.get("school_code", "")
    row["school_id"] = None
    if code:
        if code.lower() not in schools:
            result.error(
                line,
                "école",
                _("No school has the code “%(code)s” in your organization.") % {"code": code},
            )
        row["school_id"] = schools.get(code.lower())
    row["external_id"] = values.get("external_id", "")
    row["level"] = values.get("level", "")[:120]
    row["subject"] = values.get("subject", "")[:100]
    capacity = values.get("capacity", "")
    row["capacity"] = 1
    if capacity:
        if not capacity.isdigit() or not 1 <= int(capacity) <= 20:
            result.error(line, "capacité", _("The capacity must be a whole number from 1 to 20."))
        else:
            row["capacity"] = int(capacity)
    guardian_email = values.get("guardian_email", "").lower()
    row["guardian_email"] = ""
    row["guardian_name"] = values.get("guardian_name", "")
    if guardian_email:
        try:
            validate_email(guardian_email)
            row["guardian_email"] = guardian_email
        except ValidationError:
            result.error(
                line,
                "courriel parent",
                _("“%(value)s” is not a valid e-mail address.") % {"value": guardian_email},
            )
        if guardian_email == email:
            result.error(line, "courriel parent", _("A mentee cannot be their own guardian."))
        if not row["guardian_name"]:
            result.error(line, "nom parent", _("Give the guardian's name with their e-mail."))
    if cohort.program.involves_minors and row.get("role") == ParticipantRole.MENTEE:
        if row["birth_date"] and not row["guardian_email"]:
            born = date.fromisoformat(row["birth_date"])
            today = timezone.localdate()
            age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            if age < 18:
                result.error(
                    line, "courriel parent", _("A minor mentee needs a guardian's e-mail address.")
                )
    return row


class ImportError_(Exception):
    """The database changed between preview and confirmation."""


@transaction.atomic
def apply_import(import_id: int, by: User, send_invitations: bool) -> int:
    """Create every person of a previewed import, or nothing. Returns how many participants."""
    batch = ParticipantImport.objects.select_for_update().select_related("cohort").get(pk=import_id)
    if batch.status != ImportStatus.PREVIEW:
        raise ImportError_(_("This import was already confirmed or cancelled."))
    created = 0
    emails = [row["email"] for row in batch.rows] + [row["guardian_email"] for row in batch.rows]
    if foreign_accounts(emails, batch.cohort.program.organization_id):
        raise ImportError_(
            _(
                "Some of these people now have an account with another organization. "
                "Nothing was imported; upload the file again."
            )
        )
    try:
        with transaction.atomic():
            for row in batch.rows:
                user, _new = account_services.get_or_create_person(
                    row["email"], row["full_name"], row["language"]
                )
                participant = Participant(
                    cohort=batch.cohort,
                    user=user,
                    role=row["role"],
                    school_id=row["school_id"],
                    external_id=row["external_id"],
                    birth_date=row["birth_date"],
                    languages=row["languages"],
                    level=row["level"],
                    subject=row["subject"],
                    capacity=row["capacity"],
                )
                participant.save()
                created += 1
                if send_invitations:
                    account_services.invite(user, invited_by=by)
                if row["guardian_email"]:
                    guardian, _new = account_services.get_or_create_person(
                        row["guardian_email"], row["guardian_name"], row["language"]
                    )
                    GuardianLink.objects.get_or_create(participant=participant, guardian=guardian)
                    if send_invitations:
                        account_services.invite(guardian, invited_by=by)
    except IntegrityError:
        raise ImportError_(
            _(
                "Someone enrolled some of these people meanwhile. "
                "Nothing was imported; upload the file again."
            )
        ) from None
    batch.status = ImportStatus.APPLIED
    batch.applied_at = timezone.now()
    batch.save(update_fields=["status", "applied_at"])
    return created


class ImportUploadForm(NormalizedTextMixin, forms.Form):
    cohort = forms.ModelChoiceField(label=gettext_lazy("Cohort"), queryset=Cohort.objects.none())
    file = forms.FileField(
        label=gettext_lazy("File (.csv or .xlsx)"),
        help_text=gettext_lazy(
            "First line: column names. Required: courriel, nom, rôle (mentor or mentoré). "
            "Optional: langue, langues parlées, date de naissance (YYYY-MM-DD), école, numéro, "
            "niveau, matière, capacité, courriel parent, nom parent."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = (
            Cohort.objects.for_user(user)
            .in_coordinated_organizations(user)
            .select_related("program")
        )


class ImportAdminMixin(admin.ModelAdmin):
    """Adds upload → preview → confirm/cancel pages to the participants' admin."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("importer/", wrap(self.import_upload_view), name="programs_participant_import"),
            path(
                "importer/<int:import_id>/",
                wrap(self.import_preview_view),
                name="programs_participant_import_preview",
            ),
            *super().get_urls(),
        ]

    def _context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import mentors and mentees"),
            **extra,
        }

    def import_upload_view(self, request):
        form = ImportUploadForm(request.POST or None, request.FILES or None, user=request.user)
        errors = []
        if request.method == "POST" and form.is_valid():
            cohort = form.cleaned_data["cohort"]
            try:
                table = read_table(form.cleaned_data["file"])
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                result = parse(table, cohort)
                if result.errors:
                    errors = result.errors
                else:
                    batch = ParticipantImport.objects.create(
                        cohort=cohort,
                        created_by=request.user,
                        filename=form.cleaned_data["file"].name[:255],
                        rows=result.rows,
                    )
                    return redirect(
                        "coordination:programs_participant_import_preview", import_id=batch.pk
                    )
        return TemplateResponse(
            request,
            "admin/programs/participant/import_upload.html",
            self._context(request, form=form, errors=errors),
            status=400 if errors or form.errors else 200,
        )

    def import_preview_view(self, request, import_id):
        batch = get_object_or_404(
            ParticipantImport.objects.for_user(request.user).select_related("cohort__program"),
            pk=import_id,
            status=ImportStatus.PREVIEW,
        )
        if request.method == "POST":
            if "cancel" in request.POST:
                batch.status = ImportStatus.CANCELLED
                batch.save(update_fields=["status"])
                messages.info(request, _("Import cancelled: nothing was saved."))
                return redirect("coordination:programs_participant_changelist")
            try:
                count = apply_import(
                    batch.pk, request.user, send_invitations=bool(request.POST.get("invite"))
                )
            except ImportError_ as exc:
                messages.error(request, str(exc))
                return redirect("coordination:programs_participant_import")
            messages.success(
                request,
                ngettext(
                    "%(count)d participant imported into %(cohort)s.",
                    "%(count)d participants imported into %(cohort)s.",
                    count,
                )
                % {"count": count, "cohort": batch.cohort},
            )
            url = reverse("coordination:programs_participant_changelist")
            return redirect(f"{url}?cohort__id__exact={batch.cohort_id}")
        schools = dict(
            School.objects.filter(organization_id=batch.cohort.program.organization_id).values_list(
                "pk", "name"
            )
        )
        rows = [
            {
                **row,
                "role_label": ParticipantRole(row["role"]).label,
                "school": schools.get(row["school_id"], ""),
            }
            for row in batch.rows
        ]
        return TemplateResponse(
            request,
            "admin/programs/participant/import_preview.html",
            self._context(request, batch=batch, rows=rows),
        )
