"""Public program pages, the participants' portal and guardians' consent.

Style: class-based views (see CONVENTIONS.md). Every object comes through `for_user` or the
public queryset, so a record outside the user's scope is a 404.
"""

import re

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView

from accounts import services as account_services
from programs import people, portal, services, workspace
from programs.filters import PeopleFilter
from programs.forms import ConsentForm, ParticipantProfileForm
from programs.models import (
    Cohort,
    ConsentRecord,
    EnrolmentRequest,
    GuardianLink,
    Participant,
    ParticipantRole,
    ParticipantStatus,
    Program,
    TrainingAttendance,
    coordinated_organizations,
    is_asked_to_join,
    is_coordinator,
    is_guardian,
)


def summary_of(text: str, sentences: int = 2) -> str:
    """The page's opening: the first sentences of its first section (a parent's summary)."""
    first = text.strip().split("\n\n")[0].replace("\n", " ")
    parts = re.split(r"(?<=[.!?])\s+", first)
    return " ".join(parts[:sentences])


class ProgramDirectoryView(ListView):
    """The landing page: public programs, and a way in for people with an account."""

    template_name = "programs/program_directory.html"
    context_object_name = "programs"

    def get_queryset(self):
        return Program.objects.public().select_related("organization")

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("programs:portal")
        return super().get(request, *args, **kwargs)


class PublicPageView(DetailView):
    """What parents read: the program's current page, in the active language."""

    template_name = "programs/public_page.html"
    context_object_name = "program"

    def get_queryset(self):
        return Program.objects.public().select_related("organization")

    def get_version(self):
        version = self.object.current_page()
        if version is None:
            raise Http404
        return version

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = self.get_version()
        cohort = self.object.cohorts.order_by("-starts_on").first()
        sections = version.sections()
        context.update(
            version=version,
            sections=sections,
            summary=summary_of(sections[0][2]) if sections else "",
            cohort=cohort,
            calendar=cohort.calendar() if cohort else [],
            is_current=version.number == self.object.current_page().number,
        )
        return context


class PublicPageVersionView(PublicPageView):
    """An earlier version, as a parent read it when they gave consent."""

    def get_version(self):
        return get_object_or_404(self.object.page_versions, number=self.kwargs["number"])


# What the portal's parts show and decide from, of a participation and of a child (the
# portal's home, the actions, the sections): not the profile, nor a password hash.
PORTAL_PARTICIPATION_FIELDS = (
    "user",
    "role",
    "status",
    "training_completed_on",
    "cohort__name",
    "cohort__phase",
    "cohort__starts_on",
    "cohort__ends_on",
    "cohort__recruitment_ends_on",
    "cohort__training_ends_on",
    "cohort__pairing_ends_on",
    "cohort__closing_starts_on",
    "cohort__program__name_fr",
    "cohort__program__name_en",
    "cohort__program__slug",
    "cohort__program__involves_minors",
    "cohort__program__mentee_chooses_mentor",
    "cohort__program__contact_name",
    "cohort__program__contact_email",
    "cohort__program__target_meeting_interval_days",
    "cohort__coordinator__full_name",
    "cohort__coordinator__email",
    "school__name",
)
PORTAL_CHILD_FIELDS = (
    "guardian",
    "participant__birth_date",
    "participant__user__full_name",
    "participant__cohort__name",
    "participant__cohort__program__name_fr",
    "participant__cohort__program__name_en",
    "participant__cohort__program__slug",
    "participant__cohort__program__involves_minors",
    "participant__cohort__coordinator__full_name",
    "participant__cohort__coordinator__email",
)


class PortalView(LoginRequiredMixin, TemplateView):
    """Home of a signed-in person: their participations, their children, what comes next."""

    template_name = "programs/portal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        participations = list(
            Participant.objects.filter(user=user)
            .select_related("cohort__program", "cohort__coordinator", "school")
            .only(*PORTAL_PARTICIPATION_FIELDS)
            .prefetch_related(
                Prefetch(
                    "training_attendances",
                    queryset=TrainingAttendance.objects.filter(session__ends_at__gte=timezone.now())
                    .select_related("session")
                    .only(
                        "participant",
                        "session__title",
                        "session__starts_at",
                        "session__location",
                    ),
                    to_attr="upcoming_trainings",
                )
            )
            .order_by("-cohort__starts_on")
        )
        for participation in participations:
            participation.next_steps = [
                step for step in participation.cohort.calendar() if step[0] >= today
            ][:3]
        guardian_links = []
        if is_guardian(user):  # read with the account at sign-in: no query for most people
            guardian_links = list(
                GuardianLink.objects.filter(guardian=user)
                .select_related(
                    "participant__user",
                    "participant__cohort__program",
                    "participant__cohort__coordinator",
                )
                .only(*PORTAL_CHILD_FIELDS)
                .prefetch_related(
                    Prefetch(
                        "consents",
                        queryset=ConsentRecord.objects.order_by("-recorded_at", "-pk"),
                        to_attr="prefetched_consents",
                    )
                )
            )
        # every part of the portal reads the same participations and guardian links
        self.request.portal_guardian_links = guardian_links
        context.update(
            participations=participations,
            guardian_links=guardian_links,
            enrolment_requests=list(
                EnrolmentRequest.objects.waiting()
                .filter(user=user)
                .select_related("organization", "requested_by")
            )
            if is_asked_to_join(user)
            else [],
            is_coordinator=is_coordinator(user),
            actions=portal.collect_actions(self.request, participations, guardian_links),
            sections=portal.render_sections(self.request, participations),
        )
        return context


class ProfileUpdateView(LoginRequiredMixin, UpdateView):
    """A participant edits their own profile; nobody else's is reachable here."""

    template_name = "programs/profile_form.html"
    form_class = ParticipantProfileForm
    context_object_name = "participant"

    def get_queryset(self):
        return Participant.objects.filter(user=self.request.user).select_related(
            "user", "cohort__program"
        )

    def form_valid(self, form):
        messages.success(self.request, _("Your profile is saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("programs:portal")


class ConsentView(LoginRequiredMixin, FormView):
    """A guardian reads the current page and gives or withdraws consent."""

    template_name = "programs/consent.html"
    form_class = ConsentForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.link = get_object_or_404(
            GuardianLink.objects.filter(guardian=request.user).select_related(
                "participant__user", "participant__cohort__program__organization"
            ),
            pk=kwargs["pk"],
        )
        self.program = self.link.participant.cohort.program
        self.version = self.program.current_page()
        if self.version is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"page_version": self.version.pk}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            link=self.link,
            program=self.program,
            version=self.version,
            sections=self.version.sections(),
            history=self.link.consents.select_related("page_version__program", "recorded_by"),
            latest=self.link.latest_consent(),
        )
        return context

    def form_valid(self, form):
        try:
            record = services.record_consent(
                self.link.pk,
                self.request.user,
                form.cleaned_data["decision"],
                form.cleaned_data["page_version"],
            )
        except services.ProgramsError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your decision is recorded: %(decision)s.")
            % {"decision": record.get_decision_display().lower()},
        )
        return redirect("programs:portal")


class EnrolmentView(LoginRequiredMixin, TemplateView):
    """A person of another organization answers a request to join: only their own requests."""

    template_name = "programs/enrolment.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.enrolment = get_object_or_404(
                EnrolmentRequest.objects.filter(user=request.user).select_related(
                    "organization", "requested_by"
                ),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(enrolment=self.enrolment, **kwargs)

    def post(self, request, *args, **kwargs):
        accept = "accept" in request.POST
        try:
            services.answer_enrolment(self.enrolment.pk, request.user, accept)
        except services.ProgramsError as exc:
            messages.error(request, str(exc))
            return redirect(self.enrolment.get_absolute_url())
        if accept:
            messages.success(
                request,
                _("Welcome to %(organization)s: you appear in its program from now on.")
                % {"organization": self.enrolment.organization},
            )
        else:
            messages.success(request, _("Your answer is recorded: nothing was shared."))
        return redirect("programs:portal")


def _tell_reminders(request, recorded: int) -> None:
    messages.success(
        request,
        ngettext(
            "%(count)d reminder is on its way to the parents.",
            "%(count)d reminders are on their way to the parents.",
            recorded,
        )
        % {"count": recorded},
    )


class RemindGuardiansView(LoginRequiredMixin, View):
    """From the coordinator's home: remind the parents whose consent is waiting."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise Http404
        cohort = request.POST.get("cohort", "")
        recorded, orphans = services.remind_guardians(
            request.user, int(cohort) if cohort.isdigit() else None
        )
        _tell_reminders(request, recorded)
        if orphans:
            messages.warning(
                request,
                ngettext(
                    "%(count)d mentee has no guardian on file: add one from their record.",
                    "%(count)d mentees have no guardian on file: add one from their record.",
                    orphans,
                )
                % {"count": orphans},
            )
        if cohort.isdigit():
            return redirect("matching:cohort", pk=int(cohort))
        return redirect("coordination:index")


# --- The coordinator's people list and person page (served inside the coordination site) ----

PEOPLE_PER_PAGE = 50


def _coordinated_people(request):
    return (
        Participant.objects.in_coordinated_organizations(request.user)
        .select_related("user", "cohort__program", "school")
        .order_by("user__search_key", "pk")
    )


def people_list(request):
    """Every participant of the coordinator's organizations: filters, search that ignores
    accents, the columns a coordinator needs, bulk invitations and reminders."""
    if request.method == "POST":
        return _people_action(request)
    found = PeopleFilter(request.GET, queryset=_coordinated_people(request), request=request)
    page = Paginator(found.qs, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page)
    consents = _consent_states(rows)
    for participant in rows:
        participant.consent_state = consents.get(participant.pk)
    people.fill(rows)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": found,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "total": page.paginator.count,
        "today": timezone.localdate(),
    }
    return render(request, "programs/people.html", context)


def _consent_states(participants) -> dict:
    """For the minors of a page: "given" or "waiting" (one query)."""
    minors = [p.pk for p in participants if p.is_mentee and p.cohort.program.involves_minors]
    if not minors:
        return {}
    waiting = set(
        Participant.objects.filter(pk__in=minors).consent_waiting().values_list("pk", flat=True)
    )
    return {pk: "waiting" if pk in waiting else "given" for pk in minors}


def _people_action(request):
    chosen = [int(pk) for pk in request.POST.getlist("chosen") if pk.isdigit()]
    selected = _coordinated_people(request).filter(pk__in=chosen)
    action = request.POST.get("action")
    if not chosen or action not in ("invite", "remind"):
        messages.error(request, _("Choose people in the list, then an action."))
    elif action == "invite":
        invited = 0
        for participant in selected:
            if not participant.user.has_usable_password():
                account_services.invite(participant.user, invited_by=request.user)
                invited += 1
        messages.success(
            request,
            ngettext(
                "%(count)d invitation is on its way.",
                "%(count)d invitations are on their way.",
                invited,
            )
            % {"count": invited},
        )
    else:
        recorded, _orphans = services.remind_guardians(
            request.user, participant_ids=[p.pk for p in selected]
        )
        _tell_reminders(request, recorded)
    return redirect(request.get_full_path())


def person(request, pk):
    """One participant: profile, guardians and consents, then what the apps add (pairs with
    their history, meetings, check-ins, concerns)."""
    participant = get_object_or_404(_coordinated_people(request), pk=pk)
    links = list(
        participant.guardian_links.select_related("guardian").prefetch_related(
            Prefetch(
                "consents",
                queryset=ConsentRecord.objects.select_related("page_version").order_by(
                    "-recorded_at", "-pk"
                ),
                to_attr="prefetched_consents",
            )
        )
    )
    context = {
        "participant": participant,
        "links": links,
        "sections": [section(request, participant) for section in people.SECTIONS],
        "today": timezone.localdate(),
    }
    return render(request, "programs/person.html", context)


def new_school_year(request, pk):
    """From the home's cohort card: next school year's cohort in one step."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    source = get_object_or_404(Cohort.objects.in_coordinated_organizations(request.user), pk=pk)
    try:
        made = services.new_school_year(source.pk, request.user)
    except services.ProgramsError as exc:
        messages.error(request, str(exc))
        return redirect("coordination:index")
    messages.success(
        request,
        _(
            "The cohort %(name)s is ready: %(trainings)d training sessions and %(days)d closure "
            "days copied (check their dates), %(mentors)d returning mentors asked to re-enrol."
        )
        % {
            "name": made.cohort.name,
            "trainings": made.trainings,
            "days": made.copied,
            "mentors": made.asked,
        },
    )
    return redirect("coordination:programs_cohort_change", made.cohort.pk)


def cohort_hub(request, pk):
    """A cohort's page, the hub of its phases: participants, training, then what the apps add
    (matching, follow-up; forms and reports later)."""
    cohort = get_object_or_404(
        Cohort.objects.in_coordinated_organizations(request.user).select_related(
            "program", "coordinator"
        ),
        pk=pk,
    )
    (card,) = workspace.cohort_cards([cohort])
    counts = {
        (row["role"], row["status"]): row["total"]
        for row in cohort.participants.values("role", "status").annotate(total=Count("pk"))
    }
    context = {
        "cohort": cohort,
        "card": card,
        "roles": [
            (
                role.label,
                [
                    (status.label, counts.get((role.value, status.value), 0))
                    for status in ParticipantStatus
                ],
            )
            for role in ParticipantRole
        ],
        "trainings": list(cohort.training_sessions.order_by("starts_at")),
        "sections": [section(request, cohort) for section in workspace.COHORT_SECTIONS],
    }
    return render(request, "programs/cohort_hub.html", context)


@login_required
def photo(request, pk):
    """A mentor's photo, never a public file: for the mentor, the coordination, and the
    mentees to whom they are suggested or proposed (or paired with)."""
    user = request.user
    mentors = Participant.objects.mentors().exclude(photo="")
    allowed = (
        Q(user=user)
        | Q(cohort__program__organization__in=coordinated_organizations(user))
        | Q(pk__in=pairing_model().objects.filter(mentee__user=user).values("mentor"))
        | Q(pk__in=suggestion_model().objects.filter(mentee__user=user).values("mentor"))
    )
    mentor = get_object_or_404(mentors.filter(allowed).distinct(), pk=pk)
    response = FileResponse(mentor.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def pairing_model():
    return apps.get_model("matching", "Pairing")  # a higher app: no import from here


def suggestion_model():
    return apps.get_model("matching", "Suggestion")
