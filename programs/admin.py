"""The coordinators' browser admin, scoped to their organizations.

A coordinator (a Membership with the coordinator role) uses this site without being Django staff;
every queryset, every foreign-key choice and every object lookup goes through the models'
scoping, and a record outside their organizations is a 404.
"""

from functools import wraps

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import security
from accounts import services as account_services
from accounts.models import Language, User
from accounts.text import search_key
from mentorat.forms import NormalizedModelForm, NormalizedTextMixin
from mentorat.validators import check_date_between, plausible_date
from programs import events, services, workspace
from programs.imports import ImportAdminMixin
from programs.models import (
    AttendanceStatus,
    AuthorityLink,
    Cohort,
    ConsentDecision,
    ConsentRecord,
    EnrolmentKind,
    EnrolmentRequest,
    EnrolmentStatus,
    GuardianLink,
    Membership,
    Organization,
    Participant,
    ParticipantRole,
    Program,
    ProgramPageVersion,
    School,
    TrainingAttendance,
    TrainingSession,
    coordinated_organizations,
    is_coordinator,
    organizations_of,
)


class CoordinationAdminSite(admin.AdminSite):
    site_header = _("Mentorat — coordination")
    site_title = _("Mentorat coordination")
    index_title = _("Your organization's programs")
    enable_nav_sidebar = False

    def has_permission(self, request):
        return is_coordinator(request.user)

    def admin_view(self, view, cacheable=False):
        """Signed-in people who are not coordinators get a 403, not a login loop."""
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            response = inner(request, *args, **kwargs)
            refused_list = response.get("Location") == f"{request.path}?{ERROR_FLAG}=1" or (
                getattr(response, "template_name", None) == "admin/invalid_setup.html"
                and set(request.GET) - {ERROR_FLAG}
            )
            if refused_list:
                # a list asked with filters or an order it does not know (an old or edited
                # link): the whole list, with a word, instead of Django's "database error"
                messages.warning(
                    request,
                    _("This link's filters do not apply to this list: here is the whole list."),
                )
                return redirect(request.path)
            return response

        return wrapper

    def login(self, request, extra_context=None):
        """The admin's own login page is never shown: the site's sign-in page takes over, with
        the page the person asked for (not this login page) as where to go next."""
        target = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ) or target.startswith(request.path):
            target = reverse("coordination:index")
        return redirect_to_login(target, reverse("accounts:login"))

    def index(self, request, extra_context=None):
        """The coordinator's home, in the site's design: what needs doing, then the cohorts."""
        organizations = coordinated_organizations(request.user)
        cohorts = list(workspace.active_cohorts(organizations))
        figures = workspace.collect(request, organizations)
        context = {
            **self.each_context(request),
            "figures": [figure for figure in figures if figure.count],
            "clear": [figure for figure in figures if not figure.count],
            "cards": workspace.cohort_cards(cohorts),
            "records": self.get_app_list(request),
        }
        return TemplateResponse(request, "programs/coordination_home.html", context)

    def get_urls(self):
        """Without the admin's "r/<content type>/<id>/" shortcut: it redirects to any object's
        page by id, whatever its organization (a program's private slug included)."""
        from programs.views import (
            RemindGuardiansView,
            cohort_hub,
            new_school_year,
            people_list,
            person,
        )

        own = [
            path(
                "rappels/parents/",
                self.admin_view(RemindGuardiansView.as_view()),
                name="remind_guardians",
            ),
            path("personnes/", self.admin_view(people_list), name="people"),
            path("personnes/<int:pk>/", self.admin_view(person), name="person"),
            path("cohortes/<int:pk>/", self.admin_view(cohort_hub), name="cohort_hub"),
            path(
                "cohortes/<int:pk>/annee-suivante/",
                self.admin_view(new_school_year),
                name="new_school_year",
            ),
        ]
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        return own + [self._in_french(url) for url in urls]

    def _in_french(self, url):
        """Each model's pages under a French address, like the rest of the site
        (/fr/coordination/participants/ rather than /fr/coordination/programs/participant/);
        the URL names stay the same."""
        for model, model_admin in self._registry.items():
            route = f"{model._meta.app_label}/{model._meta.model_name}/"
            if str(url.pattern) == route:
                slug = FRENCH_SLUGS.get(model._meta.label_lower, route.rstrip("/"))
                return path(f"{slug}/", include(model_admin.urls))
        return url


FRENCH_SLUGS = {
    "programs.organization": "organisations",
    "programs.school": "ecoles",
    "programs.membership": "coordonnateurs",
    "programs.program": "programmes",
    "programs.programpageversion": "pages-publiques",
    "programs.cohort": "cohortes",
    "programs.participant": "participants",
    "programs.guardianlink": "parents",
    "programs.consentrecord": "consentements",
    "programs.authoritylink": "liens-d-autorite",
    "programs.trainingsession": "formations",
    "programs.enrolmentrequest": "demandes-d-adhesion",
    "matching.matchingsettings": "criteres-de-jumelage",
    "matching.pairing": "jumelages",
    "matching.pairrule": "epinglages-et-exclusions",
    "matching.matchingrun": "calculs-de-jumelage",
    "meetings.closureday": "journees-de-fermeture",
    "meetings.meeting": "rencontres",
    "meetings.groupmeeting": "rencontres-de-groupe",
}
# The pages of each record, in French too (the URL names stay Django's).
FRENCH_PAGES = {
    "add/": "ajouter/",
    "<path:object_id>/history/": "<path:object_id>/historique/",
    "<path:object_id>/delete/": "<path:object_id>/supprimer/",
    "<path:object_id>/change/": "<path:object_id>/modifier/",
}

coordination_site = CoordinationAdminSite(name="coordination")


def organization_people(user):
    """The people a coordinator may pick: members and participants of their organizations."""
    orgs = coordinated_organizations(user)
    return User.without_password.filter(  # a list of names to pick from
        Q(memberships__organization__in=orgs)
        | Q(participations__cohort__program__organization__in=orgs)
        | Q(guardian_links__participant__cohort__program__organization__in=orgs)
    ).distinct()


class ScopedRelatedFilter(admin.RelatedOnlyFieldListFilter):
    """Filter choices drawn only from rows the coordinator can see, in one query."""

    select_for_str = {Cohort: ["program"]}

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.empty_value_display = _("Not set")

    def field_choices(self, field, request, model_admin):
        pks = model_admin.get_queryset(request).values(f"{self.field_path}__pk")
        related = field.related_model
        qs = related._default_manager.filter(pk__in=pks)
        if related in self.select_for_str:
            qs = qs.select_related(*self.select_for_str[related])
        return [(obj.pk, str(obj)) for obj in qs]


def scoped(field_name):
    return (field_name, ScopedRelatedFilter)


def count_of(queryset, field):
    """A correlated COUNT subquery: no join in the list's own query, so paging stays cheap."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted), 0)


def plain_blank(field):
    """ "Choose…" where Django offers "---------" for no choice."""
    if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
        field.empty_label = _("Choose…")
    elif isinstance(field, forms.TypedChoiceField) and field.choices:
        field.choices = [
            ("", _("Choose…")) if value == "" else (value, label) for value, label in field.choices
        ]
    return field


class PlainInlineMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return plain_blank(super().formfield_for_dbfield(db_field, request, **kwargs))


class ScopedAdmin(admin.ModelAdmin):
    """Base for every model a coordinator manages."""

    form = NormalizedModelForm
    list_per_page = 50
    view_on_site = False  # the shortcut URL is removed (CoordinationAdminSite.get_urls)

    def get_queryset(self, request):
        qs = self.model.objects.for_user(request.user)
        return qs.in_coordinated_organizations(request.user)

    def has_module_permission(self, request):
        return is_coordinator(request.user)

    def get_urls(self):
        return [
            path(FRENCH_PAGES[str(url.pattern)], url.callback, name=url.name)
            if str(url.pattern) in FRENCH_PAGES
            else url
            for url in super().get_urls()
        ]

    def get_action_choices(self, request, default_choices=None):
        return super().get_action_choices(request, [("", _("Choose an action…"))])

    # Titles in a coordinator's words, not Django's ("Select participant to change").
    def changelist_view(self, request, extra_context=None):
        title = capfirst(self.model._meta.verbose_name_plural)
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    def add_view(self, request, form_url="", extra_context=None):
        title = _("New record: %(name)s") % {"name": self.model._meta.verbose_name}
        return super().add_view(request, form_url, {"title": title, **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {"title": capfirst(self.model._meta.verbose_name), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    def get_search_results(self, request, queryset, search_term):
        """Every word must match one of the fields. A person's name ("…full_name") is searched
        through their stored key, so accents, case, apostrophes and hyphens do not matter:
        "lea" finds "Léa", "o'brien" finds "O’Brien", "marc andre" finds "Marc-André"."""
        words = search_term.split()
        if not words or not self.search_fields:
            return queryset, False
        people = [
            f.removesuffix("full_name") for f in self.search_fields if f.endswith("full_name")
        ]
        others = [f for f in self.search_fields if not f.endswith("full_name")]
        query = Q()
        for word in words:
            key = search_key(word)
            match = Q()
            for prefix in people:
                match |= Q(**{f"{prefix}search_key__contains": key})
            for field in others:
                match |= Q(**{f"{field}__icontains": word})
            query &= match
        return queryset.filter(query), False

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request.user)

    def has_add_permission(self, request):
        return is_coordinator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_coordinator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_coordinator(request.user)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.DateField | forms.DateTimeField | forms.SplitDateTimeField):
            field.validators.append(plausible_date)
        return plain_blank(field)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if related is User:
            kwargs["queryset"] = organization_people(request.user)
        elif hasattr(related.objects, "for_user"):
            scoped = related.objects.for_user(request.user)
            kwargs["queryset"] = scoped.in_coordinated_organizations(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnlyAdmin(ScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PersonFormMixin(NormalizedTextMixin, forms.ModelForm):
    """Pick a person by e-mail (created if new) instead of a list of every user."""

    person_email = forms.EmailField(label=_("E-mail address"), max_length=254)
    person_name = forms.CharField(label=_("Full name"), max_length=150)
    person_language = forms.ChoiceField(
        label=_("Preferred language"), choices=Language.choices, initial=Language.FRENCH
    )
    send_invitation = forms.BooleanField(
        label=_("Send an invitation e-mail"),
        required=False,
        initial=True,
        help_text=_("A single-use link to choose a password, valid for a limited time."),
    )
    request_enrolment = forms.BooleanField(
        label=_(
            "If this address already has an account with another organization, "
            "ask the person to join"
        ),
        required=False,
        help_text=_(
            "They receive a request by e-mail and appear here once they accept; until then you "
            "see only what you typed, and their account is not changed."
        ),
    )
    person_field = "user"
    enrolment_kind = ""  # EnrolmentKind of the record (set by each form)
    enrolment_for = None  # the person to ask, when clean() found an account elsewhere
    unique_with: tuple[str, ...] = ()  # with the person, unique in the model
    coordinator = None  # set by PersonAdminMixin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = getattr(self.instance, f"{self.person_field}_id", None) and getattr(
            self.instance, self.person_field
        )
        if person:
            self.fields["person_email"].initial = person.email
            self.fields["person_name"].initial = person.full_name
            self.fields["person_language"].initial = person.language
            self.fields["send_invitation"].initial = False

    def clean_person_email(self):
        return self.cleaned_data["person_email"].strip().lower()

    def clean(self):
        """Identity is per organization: a coordinator never attaches, renames or reveals a
        person who has an account through another organization, and an e-mail change that
        names another person is refused here rather than moving the record to them."""
        data = super().clean()
        email = data.get("person_email")
        if not email:
            return data
        current = getattr(self.instance, f"{self.person_field}_id", None) and getattr(
            self.instance, self.person_field
        )
        found = User.objects.filter(email__iexact=email).first()
        self.person = current if current and current.email == email else found
        if current and found and found != current:
            self.add_error(
                "person_email",
                _("This address belongs to another person. To enrol them, add a new record."),
            )
            return data
        together = {name: data.get(name) for name in self.unique_with}
        if self.person and all(together.values()):
            twins = self.Meta.model.objects.filter(**{self.person_field: self.person}, **together)
            if twins.exclude(pk=self.instance.pk).exists():
                self.add_error("person_email", _("This person is already enrolled here."))
                return data
        if found and found != current and not self.may_attach(found):
            if current is None and data.get("request_enrolment"):
                self.enrolment_for = found  # asked, never attached: PersonAdminMixin
                return data
            self.add_error(
                "person_email",
                _(
                    "This address already has an account with another organization. To enrol "
                    "the person, tick “ask the person to join” below: they accept by e-mail."
                ),
            )
        return data

    def enrolment_target(self, obj) -> tuple:
        """(organization, summary) of the record a request to join would create."""
        raise NotImplementedError

    def may_attach(self, person) -> bool:
        """An existing account may be attached when it already belongs to the coordinator's
        organizations and to no other."""
        theirs = organizations_of(person)
        mine = set(coordinated_organizations(self.coordinator).values_list("pk", flat=True))
        return bool(theirs) and theirs <= mine

    def may_edit_identity(self, person) -> bool:
        """Name and language are edited only for people of no other organization."""
        mine = set(coordinated_organizations(self.coordinator).values_list("pk", flat=True))
        return organizations_of(person) <= mine

    def attach_person(self, obj):
        data = self.cleaned_data
        user = getattr(self, "person", None)
        if user is None:
            user, _created = account_services.get_or_create_person(
                data["person_email"], data["person_name"], data["person_language"]
            )
        elif self.may_edit_identity(user):
            user.full_name = data["person_name"]
            user.language = data["person_language"]
            user.email = data["person_email"]
            user.save(update_fields=["full_name", "language", "email"])
        setattr(obj, self.person_field, user)
        return user


class EnrolmentRequested(Exception):  # noqa: N818 - a signal, not an error
    """Raised by save_model instead of saving: the person is asked to join (changeform_view)."""

    def __init__(self, obj, form):
        super().__init__()
        self.obj, self.form = obj, form


class PersonAdminMixin:
    """Saves the person named in the form and sends the invitation after commit; a person with
    an account through another organization is asked to join instead (programs.services)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"coordinator": request.user})

    def _without_request_field(self, names):
        return [name for name in names if name != "request_enrolment"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return self._without_request_field(fields) if obj else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [
            (name, {**options, "fields": self._without_request_field(options["fields"])})
            for name, options in fieldsets
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (
            EnrolmentRequested
        ) as asked:  # nothing was saved: the admin's transaction rolled back
            organization, summary = asked.form.enrolment_target(asked.obj)
            data = asked.form.cleaned_data
            services.request_enrolment(
                asked.obj,
                asked.form.person_field,
                asked.form.enrolment_kind,
                organization,
                {"email": data["person_email"], "full_name": data["person_name"]},
                request.user,
                summary,
            )
            messages.success(
                request,
                _(
                    "%(email)s already has an account with another organization: a request to "
                    "join is on its way. The person appears here once they accept."
                )
                % {"email": data["person_email"]},
            )
            return redirect("coordination:programs_enrolmentrequest_changelist")

    def save_model(self, request, obj, form, change):
        if form.enrolment_for is not None:
            setattr(obj, form.person_field, form.enrolment_for)
            raise EnrolmentRequested(obj, form)
        with transaction.atomic():
            user = form.attach_person(obj)
            super().save_model(request, obj, form, change)
            if form.cleaned_data.get("send_invitation"):
                account_services.invite(user, invited_by=request.user)
                messages.info(
                    request, _("An invitation is on its way to %(email)s.") % {"email": user.email}
                )

    @admin.action(description=_("Send (again) an invitation e-mail"))
    def send_invitations(self, request, queryset):
        people = {
            getattr(obj, self.person_field)
            for obj in queryset.select_related(self.person_field)
            # someone who already chose a password signs in (or resets it): no new link
            if not getattr(obj, self.person_field).has_usable_password()
        }
        for person in people:
            account_services.invite(person, invited_by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d invitation is on its way.",
                "%(count)d invitations are on their way.",
                len(people),
            )
            % {"count": len(people)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unlock sign-in (after too many failed attempts)"))
    def unlock_sign_in(self, request, queryset):
        """The people of the selected rows may sign in again at once; the queryset is the
        coordinator's own, so nobody outside their organizations is reached."""
        people = {
            getattr(obj, self.person_field) for obj in queryset.select_related(self.person_field)
        }
        unlocked = sum(1 for person in people if security.unlock(person.email))
        self.message_user(
            request,
            ngettext(
                "%(count)d account was locked and may sign in again.",
                "%(count)d accounts were locked and may sign in again.",
                unlocked,
            )
            % {"count": unlocked},
            messages.SUCCESS,
        )


# --- Organization ------------------------------------------------------------------------


class SchoolInline(PlainInlineMixin, admin.TabularInline):
    model = School
    extra = 0
    fields = ["name", "code", "level", "city"]


@admin.register(Organization, site=coordination_site)
class OrganizationAdmin(ScopedAdmin):
    list_display = ["name", "kind", "contact_email"]
    search_fields = ["name"]
    inlines = [SchoolInline]
    prepopulated_fields = {"slug": ["name"]}

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_inline_instances(self, request, obj=None):
        return super().get_inline_instances(request, obj) if obj else []


@admin.register(School, site=coordination_site)
class SchoolAdmin(ScopedAdmin):
    list_display = ["name", "code", "level", "city", "organization"]
    list_filter = ["level"]
    search_fields = ["name", "code", "city"]


class MembershipForm(PersonFormMixin):
    unique_with = ("organization",)
    enrolment_kind = EnrolmentKind.COORDINATOR

    def enrolment_target(self, obj):
        return obj.organization, str(_("Coordination of %(name)s") % {"name": obj.organization})

    class Meta:
        model = Membership
        fields = ["organization", "role", "title"]


@admin.register(Membership, site=coordination_site)
class MembershipAdmin(PersonAdminMixin, ScopedAdmin):
    form = MembershipForm
    person_field = "user"
    list_display = ["user", "user_email", "title", "organization"]
    list_select_related = ["user", "organization"]
    search_fields = ["user__full_name", "user__email"]
    actions = ["send_invitations", "unlock_sign_in"]
    fields = [
        "organization",
        "person_email",
        "person_name",
        "person_language",
        "role",
        "title",
        "send_invitation",
        "request_enrolment",
    ]

    @admin.display(description=_("E-mail address"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email


# --- Programs -------------------------------------------------------------------------------


@admin.register(Program, site=coordination_site)
class ProgramAdmin(ScopedAdmin):
    list_display = ["name_fr", "kind", "mode", "involves_minors", "is_public", "page_link"]
    list_filter = ["kind", "mode", "is_public"]
    search_fields = ["name_fr", "name_en"]
    prepopulated_fields = {"slug": ["name_fr"]}
    list_select_related = ["organization"]
    fieldsets = [
        (None, {"fields": ["organization", "name_fr", "name_en", "slug", "kind", "mode"]}),
        (
            _("How the program runs"),
            {
                "fields": [
                    "involves_minors",
                    "share_minor_contact",
                    "after_closure_contact",
                    "mentee_chooses_mentor",
                    "e_mentoring_allowed",
                    "target_meeting_interval_days",
                    "duration_months",
                    "checkins_first_month",
                    "checkin_interval_days",
                ]
            },
        ),
        (
            _("Public page"),
            {"fields": ["is_public", "contact_name", "contact_email", "contact_phone"]},
        ),
    ]

    @admin.display(description=_("Public page"))
    def page_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Open"))


@admin.register(ProgramPageVersion, site=coordination_site)
class ProgramPageVersionAdmin(ScopedAdmin):
    """Page versions are never edited: "Add" starts from the latest text and saves a new one."""

    list_display = ["program", "number", "created_at", "created_by", "consent_count"]
    list_filter = [scoped("program")]
    list_select_related = ["program", "created_by"]
    readonly_fields = ["number", "created_at", "created_by"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(consent_total=count_of(ConsentRecord.objects.all(), "page_version"))
        )

    @admin.display(description=_("Consents recorded"), ordering="consent_total")
    def consent_count(self, obj):
        return obj.consent_total

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        program_id = request.GET.get("program")
        if program_id:
            program = Program.objects.for_user(request.user).filter(pk=program_id).first()
            latest = program.current_page() if program else None
            if latest:
                initial.update({name: getattr(latest, name) for name in latest.content_fields()})
        return initial

    def save_model(self, request, obj, form, change):
        services.publish_page_version(obj, by=request.user)


@admin.register(Cohort, site=coordination_site)
class CohortAdmin(ScopedAdmin):
    list_display = ["name", "program", "phase", "starts_on", "ends_on", "coordinator", "size"]
    list_filter = ["phase", scoped("program")]
    list_select_related = ["program", "coordinator"]
    search_fields = ["name", "program__name_fr"]
    date_hierarchy = "starts_on"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(participant_total=count_of(Participant.objects.all(), "cohort"))
        )

    @admin.display(description=_("Participants"), ordering="participant_total")
    def size(self, obj):
        return obj.participant_total

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "coordinator":
            kwargs["queryset"] = User.without_password.filter(
                memberships__organization__in=coordinated_organizations(request.user)
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# --- Participants -------------------------------------------------------------------------


class ParticipantForm(PersonFormMixin):
    unique_with = ("cohort",)
    enrolment_kind = EnrolmentKind.PARTICIPANT

    def enrolment_target(self, obj):
        cohort = obj.cohort
        summary = f"{obj.get_role_display()} — {cohort.program.name}, {cohort.name}"
        return cohort.program.organization, summary

    def clean_birth_date(self):
        born = self.cleaned_data.get("birth_date")
        check_date_between(born, latest=timezone.localdate())
        return born

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and self.instance.pk:
            for problem in events.problems("capacity", self.instance, capacity):
                raise forms.ValidationError(problem)
        return capacity

    class Meta:
        model = Participant
        fields = [
            "cohort",
            "role",
            "status",
            "school",
            "external_id",
            "birth_date",
            "languages",
            "level",
            "subject",
            "availability",
            "interests",
            "needs",
            "expertise",
            "about",
            "gender",
            "gender_preference",
            "years_of_experience",
            "capacity",
            "background_check_on",
            "background_check_expires_on",
            "training_completed_on",
        ]


@admin.register(Participant, site=coordination_site)
class ParticipantAdmin(ImportAdminMixin, PersonAdminMixin, ScopedAdmin):
    form = ParticipantForm
    person_field = "user"
    change_list_template = "admin/programs/participant/change_list.html"
    list_display = ["user", "email", "role", "status", "program", "cohort_name", "training_done"]
    list_filter = ["role", "status", scoped("cohort"), scoped("school")]
    list_select_related = ["user", "cohort__program", "school"]
    search_fields = ["user__full_name", "user__email", "external_id"]
    actions = ["send_invitations", "unlock_sign_in"]
    fieldsets = [
        (
            _("Person"),
            {
                "fields": [
                    "person_email",
                    "person_name",
                    "person_language",
                    "send_invitation",
                    "request_enrolment",
                ]
            },
        ),
        (
            _("Participation"),
            {"fields": ["cohort", "role", "status", "school", "external_id", "birth_date"]},
        ),
        (
            _("Profile"),
            {
                "fields": [
                    "languages",
                    "level",
                    "subject",
                    "availability",
                    "interests",
                    "needs",
                    "expertise",
                    "about",
                    "gender",
                    "gender_preference",
                ]
            },
        ),
        (
            _("Mentor"),
            {
                "fields": [
                    "years_of_experience",
                    "capacity",
                    "background_check_on",
                    "background_check_expires_on",
                    "training_completed_on",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        """Status and capacity changes go through the pair lifecycle, in the same transaction."""
        super().save_model(request, obj, form, change)
        if change:
            services.participant_changed(obj.pk, form.changed_data, request.user)

    def has_delete_permission(self, request, obj=None):
        """A participant with history (pairs, proposals) is withdrawn, never deleted."""
        if obj is not None and (obj.pairings_as_mentor.exists() or obj.pairings_as_mentee.exists()):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        with_history = queryset.filter(
            Q(pairings_as_mentor__isnull=False) | Q(pairings_as_mentee__isnull=False)
        ).distinct()
        if with_history.exists():
            self.message_user(
                request,
                _("Participants with a pair history are withdrawn, never deleted: %(names)s.")
                % {"names": ", ".join(str(p.user) for p in with_history.select_related("user"))},
                messages.ERROR,
            )
            queryset = queryset.exclude(pk__in=with_history.values("pk"))
        super().delete_queryset(request, queryset)

    @admin.display(description=_("E-mail address"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.display(description=_("Program"), ordering="cohort__program__name_fr")
    def program(self, obj):
        return obj.cohort.program

    @admin.display(description=_("Cohort"), ordering="cohort__name")
    def cohort_name(self, obj):
        return obj.cohort.name

    @admin.display(description=_("Training done"), boolean=True)
    def training_done(self, obj):
        if obj.role != ParticipantRole.MENTOR:
            return None
        return obj.training_completed_on is not None


class GuardianLinkForm(PersonFormMixin):
    person_field = "guardian"
    unique_with = ("participant",)
    enrolment_kind = EnrolmentKind.GUARDIAN

    def enrolment_target(self, obj):
        participant = obj.participant
        return participant.cohort.program.organization, str(
            _("%(relationship)s of %(child)s — %(program)s")
            % {
                "relationship": obj.get_relationship_display(),
                "child": participant.user.full_name,
                "program": participant.cohort.program.name,
            }
        )

    class Meta:
        model = GuardianLink
        fields = ["participant", "relationship"]


@admin.register(GuardianLink, site=coordination_site)
class GuardianLinkAdmin(PersonAdminMixin, ScopedAdmin):
    form = GuardianLinkForm
    person_field = "guardian"
    list_display = ["guardian", "guardian_email", "participant", "relationship", "consent"]
    list_select_related = ["guardian", "participant__user", "participant__cohort"]
    search_fields = ["guardian__full_name", "guardian__email", "participant__user__full_name"]
    actions = ["send_invitations", "unlock_sign_in"]
    fields = [
        "participant",
        "relationship",
        "person_email",
        "person_name",
        "person_language",
        "send_invitation",
        "request_enrolment",
    ]

    def get_queryset(self, request):
        latest = ConsentRecord.objects.filter(guardian_link=OuterRef("pk")).order_by(
            "-recorded_at", "-pk"
        )
        return (
            super()
            .get_queryset(request)
            .annotate(latest_decision=Subquery(latest.values("decision")[:1]))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "participant":
            field.queryset = field.queryset.filter(role=ParticipantRole.MENTEE).select_related(
                "user", "cohort"
            )
        return field

    @admin.display(description=_("E-mail address"), ordering="guardian__email")
    def guardian_email(self, obj):
        return obj.guardian.email

    @admin.display(description=_("Consent in force"), boolean=True)
    def consent(self, obj):
        return obj.latest_decision == ConsentDecision.GIVEN


@admin.register(ConsentRecord, site=coordination_site)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ["guardian_link", "decision", "page_version", "recorded_at", "recorded_by"]
    list_filter = ["decision"]
    list_select_related = [
        "guardian_link__guardian",
        "guardian_link__participant__user",
        "page_version__program",
        "recorded_by",
    ]


@admin.register(AuthorityLink, site=coordination_site)
class AuthorityLinkAdmin(ScopedAdmin):
    list_display = ["superior", "kind", "subordinate", "organization"]
    list_filter = ["kind"]
    list_select_related = ["superior", "subordinate", "organization"]
    search_fields = ["superior__full_name", "subordinate__full_name"]


# --- Training -------------------------------------------------------------------------------


class TrainingAttendanceInline(PlainInlineMixin, admin.TabularInline):
    model = TrainingAttendance
    extra = 0
    fields = ["participant", "status"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "participant":
            kwargs["queryset"] = (
                Participant.objects.for_user(request.user)
                .in_coordinated_organizations(request.user)
                .select_related("user", "cohort")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request.user)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(TrainingSession, site=coordination_site)
class TrainingSessionAdmin(ScopedAdmin):
    list_display = ["title", "cohort", "audience", "starts_at", "location", "attendees"]
    list_filter = ["audience", scoped("cohort")]
    list_select_related = ["cohort__program"]
    inlines = [TrainingAttendanceInline]
    actions = ["invite_audience"]

    def get_queryset(self, request):
        present = TrainingAttendance.objects.filter(status=AttendanceStatus.PRESENT)
        return super().get_queryset(request).annotate(present_total=count_of(present, "session"))

    @admin.display(description=_("Present"), ordering="present_total")
    def attendees(self, obj):
        return obj.present_total

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for attendance in formset.new_objects + [obj for obj, _fields in formset.changed_objects]:
            services.record_training_attendance(attendance.pk, attendance.status)

    @admin.action(description=_("Invite the session's audience from its cohort"))
    def invite_audience(self, request, queryset):
        created = sum(services.invite_training_audience(session.pk) for session in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d person added to the attendance list.",
                "%(count)d people added to the attendance list.",
                created,
            )
            % {"count": created},
            messages.SUCCESS,
        )


# --- Requests to join -----------------------------------------------------------------------


@admin.register(EnrolmentRequest, site=coordination_site)
class EnrolmentRequestAdmin(ReadOnlyAdmin):
    """People of another organization asked to join: only what the coordinator typed is shown,
    never the account's own name or anything else stored in it."""

    list_display = ["full_name", "email", "summary", "state", "created_at", "requested_by"]
    list_filter = ["status", "kind"]
    list_select_related = ["requested_by"]
    search_fields = ["full_name", "email"]
    fields = [
        "full_name",
        "email",
        "kind",
        "summary",
        "state",
        "requested_by",
        "created_at",
        "expires_at",
        "decided_at",
    ]
    readonly_fields = fields
    actions = ["withdraw"]

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj):
        if obj.status == EnrolmentStatus.WAITING and not obj.is_waiting:
            return _("Expired without an answer")
        return obj.get_status_display()

    @admin.action(description=_("Withdraw the selected requests"))
    def withdraw(self, request, queryset):
        count = queryset.filter(status=EnrolmentStatus.WAITING).update(
            status=EnrolmentStatus.WITHDRAWN, decided_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d request was withdrawn.", "%(count)d requests were withdrawn.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )
