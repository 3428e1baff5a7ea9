"""Matching pages. Style: function views (actions, htmx), see CONVENTIONS.md.

Coordinators review and publish runs and follow pairs; mentors and mentees answer proposals and
rank their shortlist. Every object comes through `for_user` (or a coordinator's cohort scope),
so anything outside is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from matching import lifecycle, services
from matching.filters import PairingFilter
from matching.forms import (
    AnswerForm,
    CloseForm,
    ExitFeedbackForm,
    PauseForm,
    ReviewRequestForm,
    ShortlistRankForm,
    WeightsForm,
)
from matching.models import (
    ExitFeedback,
    MatchingRun,
    Pairing,
    PairingStatus,
    RunPair,
    RunStatus,
    UnmatchedReason,
)
from matching.pool import (
    clearance_gaps,
    earlier_pairings,
    explain,
    fit,
    needs_clearance,
    settings_for,
)
from programs import portal
from programs.models import (
    Cohort,
    Participant,
    ParticipantRole,
    ParticipantStatus,
    is_coordinator,
)


def _coordinated_cohort(request, pk):
    if not is_coordinator(request.user):
        raise Http404
    cohorts = Cohort.objects.for_user(request.user).in_coordinated_organizations(request.user)
    return get_object_or_404(cohorts.select_related("program"), pk=pk)


def _coordinated_run(request, pk):
    if not is_coordinator(request.user):
        raise Http404
    runs = MatchingRun.objects.for_user(request.user).select_related("cohort__program")
    return get_object_or_404(runs, pk=pk)


def _coordinated_run_pair(request, pk):
    pair = get_object_or_404(RunPair.objects.select_related("run"), pk=pk)
    _coordinated_run(request, pair.run_id)
    return pair


@login_required
def cohort_matching(request, pk):
    """The coordinator's review: the latest draft, its pairs with reasons, who is left out."""
    cohort = _coordinated_cohort(request, pk)
    config = settings_for(cohort.program)
    form = WeightsForm(request.POST or None, instance=config)
    if request.method == "POST":
        if form.is_valid():
            form.instance.program = cohort.program
            form.save()
            messages.success(request, _("The criteria are saved. Run the matching again."))
            return redirect("matching:cohort", pk=cohort.pk)
        messages.error(request, _("The criteria were not saved: correct the fields shown."))
    run = cohort.matching_runs.filter(status=RunStatus.DRAFT).first()
    pairs, unmatched = [], []
    if run:
        pairs = list(
            run.pairs.select_related(
                "mentor__user", "mentee__user", "mentor__school", "mentee__school"
            ).order_by("-pinned", "-score", "pk")
        )
        earlier = {}
        for old in earlier_pairings(
            cohort, [p.mentee.user_id for p in pairs], [p.mentor.user_id for p in pairs]
        ).select_related("mentee__cohort", "mentor"):
            earlier.setdefault((old.mentor.user_id, old.mentee.user_id), []).append(old)
        for pair in pairs:
            pair.explanation = explain(pair.criteria, pair.mentor, pair.mentee)
            pair.earlier = earlier.get((pair.mentor.user_id, pair.mentee.user_id), [])
            pair.fit = fit(pair.score, run.weights)
        unmatched = list(run.unmatched.select_related("mentee__user"))
    screening_gaps = []
    LEFT = (ParticipantStatus.WITHDRAWN, ParticipantStatus.COMPLETED)
    if any(item.reason == UnmatchedReason.NO_CLEARED_MENTOR for item in unmatched):
        mentors = cohort.participants.mentors().exclude(status__in=LEFT).select_related("user")
        screening_gaps = clearance_gaps(mentors, timezone.localdate())
    published = cohort.matching_runs.filter(status=RunStatus.PUBLISHED).first()
    return render(
        request,
        "matching/cohort_matching.html",
        {
            "cohort": cohort,
            "form": form,
            "run": run,
            "pairs": pairs,
            "unmatched": unmatched,
            "screening_gaps": screening_gaps,
            "average_fit": round(sum(p.fit for p in pairs) / len(pairs)) if pairs else None,
            "consent_missing": any(
                item.reason == UnmatchedReason.CONSENT_MISSING for item in unmatched
            ),
            "last_published": published,
            "mentor_count": cohort.participants.mentors().count(),
            "mentee_count": cohort.participants.mentees().count(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def run_create(request, pk):
    cohort = _coordinated_cohort(request, pk)
    try:
        run = services.run_matching(cohort.pk, request.user)
    except services.MatchingError as exc:
        messages.error(request, str(exc))
    else:
        pairs, left = run.pairs.count(), run.unmatched.count()
        messages.success(
            request,
            ngettext(
                "Matching computed: %(pairs)d pair proposed.",
                "Matching computed: %(pairs)d pairs proposed.",
                pairs,
            )
            % {"pairs": pairs}
            + " "
            + ngettext("%(left)d mentee left out.", "%(left)d mentees left out.", left)
            % {"left": left},
        )
    return redirect("matching:cohort", pk=cohort.pk)


@login_required
@require_POST
def run_pair_action(request, pk, action):
    pair = _coordinated_run_pair(request, pk)
    cohort_id = pair.run.cohort_id
    handlers = {
        "pin": (services.pin, _("Pair pinned: it stays in every new run.")),
        "unpin": (services.unpin, _("Pair unpinned.")),
        "exclude": (services.exclude, _("Pair excluded: it will never be proposed again.")),
    }
    if action not in handlers:
        raise Http404
    handler, done = handlers[action]
    try:
        handler(pair.pk, request.user)
    except services.MatchingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("matching:cohort", pk=cohort_id)


@login_required
@require_POST
def run_publish(request, pk):
    run = _coordinated_run(request, pk)
    try:
        created = services.publish_run(run.pk, request.user)
    except services.MatchingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext(
                "Published: %(count)d proposal sent to its mentor and mentee.",
                "Published: %(count)d proposals sent to mentors and mentees.",
                len(created),
            )
            % {"count": len(created)},
        )
    return redirect("matching:cohort", pk=run.cohort_id)


@login_required
def pairing_list(request):
    """Coordinators: their organizations' pairs; participants: their own."""
    qs = (
        Pairing.objects.for_user(request.user)
        .select_related("mentor__user", "mentee__user", "mentee__cohort__program")
        .order_by("-created_at")
    )
    pairing_filter = PairingFilter(request.GET, queryset=qs, request=request)
    template = "matching/pairing_list.html" + ("#rows" if request.htmx else "")
    return render(request, template, {"filter": pairing_filter})


def _pairing_for(request, pk):
    qs = Pairing.objects.for_user(request.user).select_related(
        "mentor__user",
        "mentee__user",
        "mentor__school",
        "mentee__school",
        "mentee__cohort__program",
        "mentee__cohort__coordinator",
    )
    return get_object_or_404(qs, pk=pk)


@login_required
def pairing_detail(request, pk):
    return _render_detail(request, _pairing_for(request, pk))


def _render_detail(request, pairing, feedback_form=None):
    user = request.user
    coordinator = (
        is_coordinator(user)
        and Pairing.objects.in_coordinated_organizations(user).filter(pk=pairing.pk).exists()
    )
    side = (
        "mentor"
        if pairing.mentor.user_id == user.pk
        else "mentee"
        if pairing.mentee.user_id == user.pk
        else None
    )
    answer_form = AnswerForm(prefix="answer")
    if request.method == "POST" and side and "answer-accept" in request.POST:
        answer_form = AnswerForm(request.POST, prefix="answer")
        if answer_form.is_valid():
            try:
                answered = services.answer_proposal(
                    pairing.pk,
                    user,
                    answer_form.cleaned_data["accept"],
                    answer_form.cleaned_data["reason"],
                )
            except services.MatchingError as exc:
                messages.error(request, str(exc))
            else:
                if answered.status == PairingStatus.ACTIVE:
                    messages.success(request, _("You both accepted: the pair has started."))
                elif answered.status == PairingStatus.STARTING:
                    messages.success(
                        request,
                        _("You both accepted. One step remains before your first meeting."),
                    )
                else:
                    messages.success(request, _("Your answer is recorded."))
            return redirect("matching:pairing_detail", pk=pairing.pk)
    events, feedback = [], []
    if coordinator:
        events = list(pairing.events.select_related("actor"))
    if coordinator or side:  # for_user: the coordination reads both sides, a person their own
        feedback = list(
            ExitFeedback.objects.for_user(user)
            .filter(pairing=pairing)
            .select_related("participant__user")
        )
    asked = side is not None and services.exit_feedback_expected(pairing, user)
    mine = next((f for f in feedback if f.participant.user_id == user.pk), None)
    followed = pairing.status in (PairingStatus.ACTIVE, PairingStatus.PAUSED)
    program = pairing.mentee.cohort.program
    minor = needs_clearance(pairing.mentee, program)
    context = {
        "pairing": pairing,
        "side": side,
        "show_contacts": bool(side) and followed,
        # a minor's address is shown to their mentor only where the program allows it
        "show_mentee_contact": bool(side)
        and followed
        and (side == "mentee" or not minor or program.share_minor_contact),
        "coordinator": coordinator,
        "explanation": explain(pairing.criteria, pairing.mentor, pairing.mentee),
        "answer_form": answer_form,
        "my_answer": pairing.answer_of(user) if side else None,
        "review_form": ReviewRequestForm(prefix="review"),
        "pause_form": PauseForm(prefix="pause"),
        "close_form": CloseForm(prefix="close"),
        "events": events,
        "is_proposed": pairing.status == PairingStatus.PROPOSED,
        "start_missing": lifecycle.start_requirements(pairing)
        if pairing.status == PairingStatus.STARTING
        else [],
        "feedback": feedback,
        "my_feedback": mine,
        "feedback_form": (feedback_form or ExitFeedbackForm(prefix="exit"))
        if asked and not mine
        else None,
        "after_closure_rule": program.get_after_closure_contact_display()
        if pairing.status == PairingStatus.CLOSED
        else "",
        "asides": [
            aside
            for aside in (function(request, pairing, coordinator) for function in PAIR_ASIDES)
            if aside
        ],
    }
    return render(request, "matching/pairing_detail.html", context, status=200)


@login_required
@require_POST
def pairing_review(request, pk):
    pairing = _pairing_for(request, pk)
    form = ReviewRequestForm(request.POST, prefix="review")
    if not form.is_valid():
        messages.error(request, _("Say what a person should look at again."))
        return redirect("matching:pairing_detail", pk=pairing.pk)
    try:
        services.request_review(pairing.pk, request.user, form.cleaned_data["note"])
    except services.MatchingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your request is sent: a coordinator will review the pair."))
    return redirect("matching:pairing_detail", pk=pairing.pk)


@login_required
@require_POST
def pairing_exit_feedback(request, pk):
    """A side of an ended pair says how it went, or records that they prefer not to answer."""
    pairing = _pairing_for(request, pk)
    if not services.exit_feedback_expected(pairing, request.user):
        messages.error(request, _("Feedback is asked only once a pair has ended."))
        return redirect("matching:pairing_detail", pk=pairing.pk)
    answers = None
    if "exit-decline" not in request.POST:
        form = ExitFeedbackForm(request.POST, prefix="exit")
        if not form.is_valid():  # shown again with what was typed, the errors beside it
            return _render_detail(request, pairing, feedback_form=form)
        answers = form.cleaned_data
    try:
        services.give_exit_feedback(pairing.pk, request.user, answers)
    except services.MatchingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Thank you: your feedback goes to the coordination only.")
            if answers
            else _("Noted: you prefer not to answer."),
        )
    return redirect("matching:pairing_detail", pk=pairing.pk)


@login_required
@require_POST
def pairing_lifecycle(request, pk, action):
    """Coordinators pause, resume or close a pair."""
    if not is_coordinator(request.user):
        raise Http404
    pairing = get_object_or_404(
        Pairing.objects.for_user(request.user).in_coordinated_organizations(request.user), pk=pk
    )
    try:
        if action == "pause":
            form = PauseForm(request.POST, prefix="pause")
            if not form.is_valid():
                raise services.MatchingError(_("Give a reason and a resume date."))
            services.pause(
                pairing.pk,
                request.user,
                form.cleaned_data["reason"],
                form.cleaned_data["resume_on"],
            )
        elif action == "resume":
            services.resume(pairing.pk, request.user)
        elif action == "close":
            form = CloseForm(request.POST, prefix="close")
            if not form.is_valid():
                raise services.MatchingError(_("Choose a reason for closing the pair."))
            services.close(
                pairing.pk, request.user, form.cleaned_data["reason"], form.cleaned_data["message"]
            )
        else:
            raise Http404
    except services.MatchingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The pair is updated."))
    return redirect("matching:pairing_detail", pk=pairing.pk)


def _own_mentee(request, pk):
    return get_object_or_404(
        Participant.objects.filter(user=request.user, role=ParticipantRole.MENTEE).select_related(
            "cohort__program"
        ),
        pk=pk,
    )


SHORTLIST_ASIDES = []  # function(request, mentee) -> {"template": …}: beside the shortlist
PAIR_ASIDES = []  # function(request, pairing, coordinator) -> {"template": …} or None


def register_pair_aside(function):
    """Higher apps add a part to a pair's page (reports: the pair's dossier for the
    coordination)."""
    if function not in PAIR_ASIDES:
        PAIR_ASIDES.append(function)
    return function


def register_shortlist_aside(function):
    """Higher apps show something beside a mentee's shortlist (forms: the questions to ask
    oneself before choosing a mentor, AGÉFO's annex 5)."""
    if function not in SHORTLIST_ASIDES:
        SHORTLIST_ASIDES.append(function)
    return function


@login_required
def shortlist(request, pk):
    """A mentee ranks the mentors suggested to them, or asks for others."""
    mentee = _own_mentee(request, pk)
    if not mentee.cohort.program.mentee_chooses_mentor:
        raise Http404
    suggestions = services.build_shortlist(mentee.pk)
    form = ShortlistRankForm(request.POST or None, suggestions=suggestions)
    confirm_more = False
    if request.method == "POST":
        if "more" in request.POST:
            if request.POST.get("confirm") or not suggestions:
                services.more_suggestions(mentee.pk)
                messages.success(request, _("Here are other suggestions."))
                return redirect("matching:shortlist", pk=mentee.pk)
            # the current suggestions are set aside for good: ask first
            form = ShortlistRankForm(suggestions=suggestions)
            confirm_more = True
        elif "conflict" in request.POST:
            conflict = request.POST["conflict"]
            if not conflict.isdigit() or not any(s.pk == int(conflict) for s in suggestions):
                raise Http404
            try:
                services.declare_conflict(int(conflict), request.user)
            except services.MatchingError:
                raise Http404 from None
            messages.success(
                request, _("Noted: this mentor will not be proposed to you. Thank you.")
            )
            return redirect("matching:shortlist", pk=mentee.pk)
        elif form.is_valid():
            try:
                services.rank_suggestions(mentee.pk, form.ranks())
            except services.MatchingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Your ranking is saved. Thank you!"))
                return redirect("programs:portal")
    for suggestion in suggestions:
        suggestion.explanation = explain(suggestion.criteria, suggestion.mentor, mentee)
        suggestion.rank_field = form[f"rank_{suggestion.pk}"]
    return render(
        request,
        "matching/shortlist.html",
        {
            "mentee": mentee,
            "suggestions": suggestions,
            "form": form,
            "confirm_more": confirm_more,
            "asides": [aside(request, mentee) for aside in SHORTLIST_ASIDES],
        },
        status=400 if form.errors else 200,
    )


def portal_section(request, participations):
    """What the portal shows about pairing (registered with programs' portal)."""
    mine = services.portal_pairings(request, participations)
    paired = {pairing.mentee_id for pairing in mine}
    cohorts = []
    if is_coordinator(request.user):
        cohorts = list(
            Cohort.objects.for_user(request.user)
            .in_coordinated_organizations(request.user)
            .select_related("program")
        )
    return {
        "cohorts": cohorts,
        "template": "matching/portal_section.html",
        "pairings": mine,
        "choosing": [
            p
            for p in participations
            if p.is_mentee and p.cohort.program.mentee_chooses_mentor and p.pk not in paired
        ],
    }


def portal_actions(request, participations, guardian_links):
    """Proposals waiting for the person's answer; choosing one's mentor (programs' portal)."""
    user = request.user
    found = []
    open_pairs = services.portal_pairings(request, participations)
    open_mentees = {pairing.mentee_id for pairing in open_pairs}
    for pairing in open_pairs:
        if pairing.status != PairingStatus.PROPOSED or pairing.answer_of(user):
            continue  # started, or answered and waiting for the other side
        found.append(
            portal.Action(
                _("Answer the proposal to be paired with %(name)s")
                % {"name": pairing.partner_of(user).full_name},
                pairing.get_absolute_url(),
                _("Answer by %(date)s. The pair starts only if you both accept.")
                % {"date": date_format(timezone.localtime(pairing.respond_by), "DATE_FORMAT")},
                order=10,
                button=_("See the proposal and answer"),
            )
        )
    for participation in participations:
        if (
            participation.is_mentee
            and participation.cohort.program.mentee_chooses_mentor
            and participation.pk not in open_mentees
        ):
            found.append(
                portal.Action(
                    _("Choose your mentor"),
                    reverse("matching:shortlist", args=[participation.pk]),
                    _(
                        "Rank the mentors suggested to you: the coordination takes your "
                        "choice into account."
                    ),
                    order=15,
                    button=_("See the suggestions"),
                )
            )
    return found
