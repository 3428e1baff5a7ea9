"""Meeting pages. Style: function views (actions), see CONVENTIONS.md.

The mentor and the mentee plan their meetings; coordinators of the organization can read them.
Everything comes through `for_user`, so anything outside is a 404."""

import hashlib
import logging
import re
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from matching.models import Pairing, PairingStatus
from meetings import calendar, health, services
from meetings.filters import BoardFilter
from meetings.forms import (
    CancelForm,
    CheckInForm,
    ConcernForm,
    InterventionForm,
    OutcomeForm,
    PrivateNoteForm,
    RatingForm,
    RescheduleForm,
    SeriesForm,
    SlotForm,
)
from meetings.models import (
    PLANNED_STATUSES,
    CalendarFeed,
    GroupMeeting,
    HealthColor,
    Meeting,
    MeetingLog,
    MeetingRating,
    MeetingStatus,
    PairHealth,
    PrivateNote,
    Pulse,
)
from mentorat.mail import absolute_url
from mentorat.typography import datetime_text
from programs import portal
from programs.models import TrainingSession
from programs.portal import Action

logger = logging.getLogger(__name__)
FEED_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _pairing_for(request, pk):
    """Pairs whose meetings the user may see: their own, or their organizations' (not a
    guardian's: parents get a digest without details)."""
    user = request.user
    coordinated = Pairing.objects.in_coordinated_organizations(user)
    qs = Pairing.objects.for_user(user).filter(
        Q(mentor__user=user) | Q(mentee__user=user) | Q(pk__in=coordinated.values("pk"))
    )
    return get_object_or_404(
        qs.select_related("mentor__user", "mentee__user", "mentee__cohort__program"), pk=pk
    )


def _meeting_for(request, pk):
    qs = Meeting.objects.for_user(request.user).select_related(
        "pairing__mentor__user", "pairing__mentee__user", "pairing__mentee__cohort", "series"
    )
    return get_object_or_404(qs, pk=pk)


def _is_member(pairing, user):
    return user.pk in (pairing.mentor.user_id, pairing.mentee.user_id)


def _submit_slot(request, form, action):
    """Run `action(slot, confirmed)`; warnings turn into a confirmation checkbox."""
    try:
        return action(form.slot(), form.cleaned_data["confirmed"])
    except services.NeedsConfirmation as exc:
        form.ask_confirmation()
        form.warnings = exc.warnings
    except services.MeetingError as exc:
        form.add_error(None, str(exc))
    return None


@login_required
def pairing_meetings(request, pk):
    pairing = _pairing_for(request, pk)
    member = _is_member(pairing, request.user)
    form = SlotForm(prefix="meeting")
    series_form = SeriesForm(prefix="series")
    if request.method == "POST":
        if not member:
            raise Http404
        if "series-day" in request.POST:
            series_form = SeriesForm(request.POST, prefix="series")
            if series_form.is_valid():
                result = _submit_series(request, pairing, series_form)
                if result:
                    return redirect("meetings:pairing_meetings", pk=pairing.pk)
        else:
            form = SlotForm(request.POST, prefix="meeting")
            if form.is_valid():
                meeting = _submit_slot(
                    request,
                    form,
                    lambda slot, ok: services.propose(pairing.pk, request.user, slot, ok),
                )
                if meeting:
                    messages.success(request, _("Meeting proposed: your partner confirms it."))
                    return redirect("meetings:pairing_meetings", pk=pairing.pk)
    now = timezone.now()
    meetings = list(pairing.meetings.select_related("proposed_by").order_by("starts_at"))
    context = {
        "pairing": pairing,
        "member": member,
        "active": pairing.status == PairingStatus.ACTIVE,
        "upcoming": [m for m in meetings if m.ends_at >= now and m.status != "cancelled"],
        "past": [m for m in meetings if m.ends_at < now or m.status == "cancelled"],
        "form": form,
        "series_form": series_form,
    }
    status = 400 if form.errors or series_form.errors or getattr(form, "warnings", None) else 200
    return render(request, "meetings/pairing_meetings.html", context, status=status)


def _submit_series(request, pairing, form):
    try:
        result = services.propose_series(
            pairing.pk,
            request.user,
            form.slot(),
            form.cleaned_data["interval_weeks"],
            form.cleaned_data["until"],
        )
    except services.MeetingError as exc:
        form.add_error(None, str(exc))
        return None
    messages.success(
        request,
        ngettext("%(count)d meeting proposed.", "%(count)d meetings proposed.", len(result.created))
        % {"count": len(result.created)},
    )
    for day, reason in result.skipped:
        messages.info(request, _("Skipped %(day)s: %(reason)s") % {"day": day, "reason": reason})
    return result


@login_required
def meeting_detail(request, pk):
    meeting = _meeting_for(request, pk)
    user = request.user
    member = _is_member(meeting.pairing, user)
    is_mentor = meeting.pairing.mentor.user_id == user.pk
    local = timezone.localtime(meeting.starts_at)
    form = RescheduleForm(
        prefix="move",
        initial={
            "day": local.date(),
            "start": local.time(),
            "duration_minutes": meeting.duration_minutes,
            "mode": meeting.mode,
            "place": meeting.place,
            "video_link": meeting.video_link,
        },
    )
    log = MeetingLog.objects.filter(meeting=meeting).first()
    outcome_form = OutcomeForm(
        prefix="outcome",
        initial={
            "held": "1",
            "mentor_attended": True,
            "mentee_attended": True,
            "duration_minutes": log.duration_minutes if log else meeting.duration_minutes,
            **(
                {
                    f: getattr(log, f)
                    for f in ("topics", "academic", "professional", "personal", "next_steps")
                }
                if log
                else {}
            ),
        },
    )
    my_rating = MeetingRating.objects.filter(meeting=meeting, rater=user).first()
    rating_form = RatingForm(prefix="rating", initial={"rating": my_rating and my_rating.rating})
    note = PrivateNote.objects.for_user(user).filter(meeting=meeting).first()
    note_form = PrivateNoteForm(prefix="note", initial={"text": note.text if note else ""})
    if request.method == "POST":
        if not member:
            raise Http404
        done = None
        try:
            if "outcome-held" in request.POST:
                outcome_form = OutcomeForm(request.POST, prefix="outcome")
                if outcome_form.is_valid():
                    services.record_outcome(
                        meeting.pk, user, services.LogEntry(**outcome_form.cleaned_data)
                    )
                    done = _("The meeting is recorded. Thank you!")
            elif "rating-rating" in request.POST:
                rating_form = RatingForm(request.POST, prefix="rating")
                if rating_form.is_valid():
                    services.rate(meeting.pk, user, rating_form.cleaned_data["rating"])
                    done = _("Your rating is saved.")
            elif "note-text" in request.POST:
                note_form = PrivateNoteForm(request.POST, prefix="note")
                if note_form.is_valid():
                    services.save_private_note(meeting.pk, user, note_form.cleaned_data["text"])
                    done = _("Your private note is saved.")
            else:
                form = RescheduleForm(request.POST, prefix="move")
                if form.is_valid():
                    moved = _submit_slot(
                        request,
                        form,
                        lambda slot, ok: services.reschedule(
                            meeting.pk, user, slot, form.cleaned_data["reason"], ok
                        ),
                    )
                    if moved:
                        done = _("New time proposed: your partner confirms it.")
        except services.MeetingError as exc:
            messages.error(request, str(exc))
        if done:
            messages.success(request, done)
            return redirect(meeting.get_absolute_url())
    past = meeting.starts_at <= timezone.now()
    context = {
        "meeting": meeting,
        "member": member,
        "is_mentor": is_mentor,
        "past": past,
        "log": log,
        "can_confirm": member
        and meeting.status == MeetingStatus.PROPOSED
        and meeting.proposed_by_id != user.pk,
        "planned": meeting.status in (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED),
        "form": form,
        "cancel_form": CancelForm(prefix="cancel"),
        "outcome_form": outcome_form,
        "rating_form": rating_form,
        "note_form": note_form,
    }
    invalid = any(f.errors for f in (form, outcome_form, rating_form, note_form))
    status = 400 if invalid or getattr(form, "warnings", None) else 200
    return render(request, "meetings/meeting_detail.html", context, status=status)


@login_required
@require_POST
def meeting_action(request, pk, action):
    meeting = _meeting_for(request, pk)
    if not _is_member(meeting.pairing, request.user):
        raise Http404
    try:
        if action == "confirm":
            services.confirm(meeting.pk, request.user)
            messages.success(request, _("Meeting confirmed."))
        elif action == "confirm-series" and meeting.series_id:
            count = services.confirm_series(meeting.series_id, request.user)
            messages.success(
                request,
                ngettext("%(count)d meeting confirmed.", "%(count)d meetings confirmed.", count)
                % {"count": count},
            )
        elif action == "cancel":
            form = CancelForm(request.POST, prefix="cancel")
            if not form.is_valid():
                raise services.MeetingError(_("Say why the meeting is cancelled."))
            services.cancel(meeting.pk, request.user, form.cleaned_data["reason"])
            messages.success(request, _("Meeting cancelled: your partner is told."))
        else:
            raise Http404
    except services.MeetingError as exc:
        messages.error(request, str(exc))
    return redirect(meeting.get_absolute_url())


@login_required
def meeting_ics(request, pk):
    meeting = _meeting_for(request, pk)
    body = calendar.meetings_calendar([meeting], [], request.user)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rencontre-{meeting.pk}.ics"'
    return response


@login_required
def calendar_settings(request):
    if request.method == "POST":
        if "revoke" in request.POST:
            services.revoke_feed(request.user)
            messages.success(request, _("Your calendar address no longer works."))
        else:
            had_one = CalendarFeed.objects.filter(user=request.user, revoked=False).exists()
            services.regenerate_feed(request.user)
            messages.success(
                request,
                _("New calendar address: the previous one no longer works.")
                if had_one
                else _("Your calendar address is created."),
            )
        return redirect("meetings:calendar_settings")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    links = {}
    if feed and not feed.revoked:
        url = absolute_url(reverse("calendar_feed", kwargs={"token": feed.token}))
        webcal = "webcal://" + url.split("://", 1)[1]
        links = {
            "feed_url": url,
            "webcal_url": webcal,
            "google_url": "https://calendar.google.com/calendar/render?cid="
            + quote(webcal, safe=""),
            "outlook_url": "https://outlook.live.com/calendar/0/addfromweb?url="
            + quote(url, safe="")
            + "&name="
            + quote(str(_("Mentorat"))),
        }
    return render(request, "meetings/calendar_settings.html", {"feed": feed, **links})


def calendar_feed(request, token):
    """The personal feed, read by calendar apps without a session: the token is the key."""
    feed = None
    if FEED_TOKEN.fullmatch(token):
        feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or feed.revoked or not feed.user.is_active:
        with translation.override(feed.user.language if feed else settings.LANGUAGE_CODE):
            message = _("This calendar address was revoked or replaced.")
        return HttpResponse(message, status=404, content_type="text/plain; charset=utf-8")
    user = feed.user
    since = timezone.now() - timedelta(days=180)
    meetings = Meeting.objects.filter(
        Q(pairing__mentor__user=user) | Q(pairing__mentee__user=user), starts_at__gte=since
    )
    trainings = TrainingSession.objects.filter(
        attendances__participant__user=user, starts_at__gte=since
    )
    groups = GroupMeeting.objects.filter(invitations__participant__user=user, starts_at__gte=since)
    # Calendar apps poll often: the body is cached until a meeting changes.
    state = meetings.aggregate(last=Max("updated_at"), count=Count("pk"), seq=Sum("sequence"))
    group_state = groups.aggregate(count=Count("pk"), sequence=Max("sequence"))
    version = (
        f"{feed.token}|{user.language}|{state['last']}|{state['count']}|{state['seq']}"
        f"|{trainings.count()}"
        f"|{group_state['count']}|{group_state['sequence']}"
    )
    key = "ics:" + hashlib.sha256(version.encode()).hexdigest()
    try:
        body = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage only costs the rendering
        logger.warning("Cache unavailable for the calendar feed", exc_info=True)
        body = None
    if body is None:
        body = calendar.meetings_calendar(
            meetings.select_related("pairing__mentor__user", "pairing__mentee__user"),
            trainings,
            user,
            groups,
        )
        try:
            cache.set(key, body, 60 * 60)
        except Exception:  # noqa: BLE001
            logger.warning("Cache unavailable for the calendar feed", exc_info=True)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def portal_section(request, participations):
    """Upcoming meetings, a way to plan them and to raise a concern; boards for coordinators."""
    from matching.services import portal_children_pairings, portal_pairings
    from programs.models import Cohort, is_coordinator

    user = request.user
    followed = [PairingStatus.ACTIVE, PairingStatus.PAUSED]
    pairs = [p for p in portal_pairings(request, participations) if p.status in followed]
    children_pairs = [p for p in portal_children_pairings(request) if p.status in followed]
    now = timezone.now()
    upcoming = [
        meeting
        for meeting in _portal_meetings(request, participations)
        if meeting.starts_at >= now and meeting.status in PLANNED_STATUSES
    ][:5]
    boards = []
    if is_coordinator(user):
        boards = list(
            Cohort.objects.for_user(user)
            .in_coordinated_organizations(user)
            .select_related("program")
        )
    return {
        "template": "meetings/portal_section.html",
        "pairs": pairs,
        "children_pairs": children_pairs,
        "upcoming": upcoming,
        "boards": boards,
    }


# --- Follow-up: the coordinator's board, concerns and interventions -------------------------


def _coordinated_cohort(request, pk):
    from programs.models import Cohort, is_coordinator

    if not is_coordinator(request.user):
        raise Http404
    cohorts = Cohort.objects.for_user(request.user).in_coordinated_organizations(request.user)
    return get_object_or_404(cohorts.select_related("program"), pk=pk)


def _coordinated_pairing(request, pk):
    from programs.models import is_coordinator

    if not is_coordinator(request.user):
        raise Http404
    qs = Pairing.objects.for_user(request.user).in_coordinated_organizations(request.user)
    return get_object_or_404(
        qs.select_related("mentor__user", "mentee__user", "mentee__cohort__program"), pk=pk
    )


@login_required
def board(request, pk):
    """Every followed pair of a cohort with its health, computed by the database."""
    cohort = _coordinated_cohort(request, pk)
    counts = health.board_counts(cohort)
    board_filter = BoardFilter(request.GET, queryset=health.board_pairs(cohort))
    paginator = Paginator(board_filter.qs, 50)
    known = board_filter.known_total(counts)
    if known is not None:  # the counts already say it: no second pass over the cohort
        paginator.count = known
    page = paginator.get_page(request.GET.get("page"))
    template = "meetings/board.html" + ("#rows" if request.htmx else "")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        template,
        {
            "cohort": cohort,
            "filter": board_filter,
            "page": page,
            "query": query.urlencode(),
            "counts": [(HealthColor(color), total) for color, total in counts.items()],
            "target": cohort.program.target_meeting_interval_days,
            "today": timezone.localdate(),
        },
    )


@login_required
def pair_followup(request, pk):
    pairing = _coordinated_pairing(request, pk)
    health.refresh(Pairing.objects.filter(pk=pairing.pk))
    figures = PairHealth.objects.filter(pairing=pairing).first()
    minor = pairing.mentee.is_minor or pairing.mentee.birth_date is None
    recording = request.method == "POST" and "checkin" in request.POST
    checkin_form = CheckInForm(request.POST if recording else None, prefix="checkin", minor=minor)
    form = InterventionForm(None if recording else (request.POST or None))
    if recording:
        if checkin_form.is_valid():
            try:
                services.record_checkin(pairing.pk, request.user, **checkin_form.cleaned_data)
            except services.MeetingError as exc:
                checkin_form.add_error(None, str(exc))
            else:
                messages.success(request, _("Check-in recorded."))
                return redirect("meetings:pair_followup", pk=pairing.pk)
    elif request.method == "POST":
        if "resolve" in request.POST:
            resolve = request.POST["resolve"]
            if not resolve.isdigit():
                raise Http404
            concern = get_object_or_404(pairing.concerns, pk=int(resolve))
            services.resolve_concern(concern.pk, request.user)
            messages.success(request, _("Concern marked as resolved."))
            return redirect("meetings:pair_followup", pk=pairing.pk)
        if form.is_valid():
            try:
                services.record_intervention(pairing.pk, request.user, **form.cleaned_data)
            except services.MeetingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Intervention recorded."))
                return redirect("meetings:pair_followup", pk=pairing.pk)
    meetings = pairing.meetings.select_related("log").order_by("-starts_at")
    context = {
        "pairing": pairing,
        "figures": figures,
        "days_since": health.days_since(
            figures.last_contact if figures else None, pairing.started_on
        ),
        "meetings": meetings,
        "concerns": pairing.concerns.select_related("raised_by"),
        "interventions": pairing.interventions.select_related("coordinator"),
        "checkins": pairing.checkins.select_related("coordinator"),
        "checkin_form": checkin_form,
        "pulse_reasons": figures.pulse_reasons if figures else [],
        "today": timezone.localdate(),
        "form": form,
    }
    failed = form.errors or checkin_form.errors
    return render(request, "meetings/pair_followup.html", context, status=400 if failed else 200)


@login_required
def concern_create(request, pk):
    """A mentor, a mentee or a guardian raises a concern with the coordination."""
    user = request.user
    pairing = get_object_or_404(
        Pairing.objects.for_user(user)
        .filter(
            Q(mentor__user=user) | Q(mentee__user=user) | Q(mentee__guardian_links__guardian=user)
        )
        .distinct()
        .select_related("mentor__user", "mentee__user"),
        pk=pk,
    )
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.raise_concern(
                pairing.pk, user, form.cleaned_data["kind"], form.cleaned_data["text"]
            )
        except services.MeetingError as exc:
            form.add_error(None, str(exc))
        else:
            if concern.urgent:
                messages.success(request, _("Your urgent concern was sent to the coordination."))
            else:
                messages.success(request, _("Your concern was sent to the coordination."))
            return redirect("programs:portal")
    return render(
        request,
        "meetings/concern_form.html",
        {"pairing": pairing, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def digest(request, pk):
    """A guardian's page about their child's mentoring (coordinators may see it too)."""
    user = request.user
    coordinated = Pairing.objects.in_coordinated_organizations(user)
    pairing = get_object_or_404(
        Pairing.objects.filter(
            Q(mentee__guardian_links__guardian=user) | Q(pk__in=coordinated.values("pk"))
        )
        .distinct()
        .select_related("mentor__user", "mentee__user", "mentee__cohort__program"),
        pk=pk,
    )
    return render(request, "meetings/digest.html", {"digest": services.digest(pairing)})


LOG_LOOKBACK_DAYS = 30


@portal.read_once
def _portal_meetings(request, participations) -> list[Meeting]:
    """The person's planned meetings, and those of the last 30 days their mentor has to log,
    read once for the portal's actions and section: by the ids of the portal's shared pairs,
    each meeting carrying its pair from that read."""
    from matching.services import portal_pairings

    pairs = {pairing.pk: pairing for pairing in portal_pairings(request, participations)}
    mentor_of = [p.pk for p in pairs.values() if p.mentor.user_id == request.user.pk]
    now = timezone.now()
    meetings = []
    if pairs:
        meetings = list(
            Meeting.objects.filter(pairing__in=list(pairs))
            .filter(
                Q(starts_at__gte=now, status__in=PLANNED_STATUSES)
                | Q(
                    pairing__in=mentor_of,
                    starts_at__lt=now,
                    starts_at__gte=now - timedelta(days=LOG_LOOKBACK_DAYS),
                    status__in=(MeetingStatus.CONFIRMED, MeetingStatus.HELD),
                    log__isnull=True,
                )
            )
            .order_by("starts_at", "pk")
        )
    for meeting in meetings:
        meeting.pairing = pairs[meeting.pairing_id]
    return meetings


def portal_actions(request, participations, guardian_links):
    """For a mentor or mentee (programs' portal): a meeting to confirm, a past meeting to log,
    a next meeting to plan (with the days since the last contact), then the next meeting."""
    user = request.user
    now = timezone.now()
    found = []
    meetings = [
        meeting
        for meeting in _portal_meetings(request, participations)
        if meeting.pairing.status == PairingStatus.ACTIVE
    ]
    planned = set()
    upcoming = None
    for meeting in meetings:
        partner = meeting.pairing.partner_of(user)
        when = datetime_text(meeting.starts_at)
        if meeting.starts_at < now:
            if meeting.ends_at <= now:
                found.append(
                    Action(
                        _("Log your meeting of %(when)s with %(name)s")
                        % {"when": when, "name": partner.full_name},
                        meeting.get_absolute_url(),
                        _("Two minutes: whether it took place, its length, the themes."),
                        order=25,
                        button=_("Log the meeting"),
                    )
                )
            continue
        planned.add(meeting.pairing_id)
        if meeting.status == MeetingStatus.PROPOSED and meeting.proposed_by_id != user.pk:
            found.append(
                Action(
                    _("%(name)s proposes a meeting on %(when)s")
                    % {"name": partner.full_name, "when": when},
                    meeting.get_absolute_url(),
                    _("Confirm it, or propose another time."),
                    order=20,
                    button=_("Answer"),
                )
            )
        elif upcoming is None and meeting.status == MeetingStatus.CONFIRMED:
            upcoming = (meeting, partner, when)
    from matching.services import portal_pairings

    # the portal's shared pairs (one query for every part), read twice below: for the next
    # meeting to plan, then for the pulse
    pairs = [
        p for p in portal_pairings(request, participations) if p.status == PairingStatus.ACTIVE
    ]
    ids = [pairing.pk for pairing in pairs]
    last_contact, rated = {}, set()
    if ids:  # one read: each pair's last contact, and whether the person rated it this month
        for pairing_id, contact, has_rated in (
            Pairing.objects.filter(pk__in=ids)
            .annotate(
                rated=Exists(
                    Pulse.objects.filter(
                        pairing=OuterRef("pk"), rater=user, month=services.this_month()
                    )
                )
            )
            .values_list("pk", "health_state__last_contact", "rated")
            .order_by()
        ):
            last_contact[pairing_id] = contact
            if has_rated:
                rated.add(pairing_id)
    for pairing in pairs:
        pairing.rated_this_month = pairing.pk in rated
    for pairing in pairs:
        if pairing.pk in planned:
            continue
        partner = pairing.partner_of(user)
        since = health.days_since(last_contact.get(pairing.pk), pairing.started_on, now)
        target = pairing.mentee.cohort.program.target_meeting_interval_days
        detail = _("Nothing is planned yet.")
        if since is not None and since > target:
            detail = ngettext(
                "No contact for %(days)d day: the program suggests a meeting every %(target)d.",
                "No contact for %(days)d days: the program suggests a meeting every %(target)d.",
                since,
            ) % {"days": since, "target": target}
        found.append(
            Action(
                _("Plan your next meeting with %(name)s") % {"name": partner.full_name},
                reverse("meetings:pairing_meetings", args=[pairing.pk]),
                detail,
                order=30,
                button=_("Plan a meeting"),
            )
        )
    for pairing in pairs:
        if pairing.rated_this_month:
            continue
        partner = pairing.partner_of(user)
        found.append(
            Action(
                _("How is your pairing with %(name)s going this month?")
                % {"name": partner.full_name},
                reverse("meetings:pulse", args=[pairing.pk]),
                _(
                    "From 1 (not well at all) to 10 (very well): one click. Only the "
                    "coordination sees it."
                ),
                order=40,
                choices=tuple((n, _("%(n)d out of 10") % {"n": n}) for n in range(1, 11)),
                name="rating",
            )
        )
    if upcoming:
        meeting, partner, when = upcoming
        place = meeting.place or meeting.get_mode_display()
        found.append(
            Action(
                _("Next meeting: %(when)s with %(name)s")
                % {"when": when, "name": partner.full_name},
                meeting.get_absolute_url(),
                place,
                order=90,
                button=_("See the meeting"),
            )
        )
    return found


@login_required
@require_POST
def pulse(request, pk):
    """One click from the portal: this month's rating of the pair by one of its two people."""
    pairing = get_object_or_404(
        Pairing.objects.filter(Q(mentor__user=request.user) | Q(mentee__user=request.user)),
        pk=pk,
    )
    value = request.POST.get("rating", "")
    try:
        services.rate_pulse(pairing.pk, request.user, int(value) if value.isdigit() else 0)
    except services.MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Thank you: your rating for this month is recorded."))
    return redirect("programs:portal")


def pulse_link(request, token):
    """From the monthly e-mail, without signing in: the rating chosen in the message, sent
    with one button (a link alone never records anything: mail scanners open links)."""
    found = services.read_pulse_token(token)
    if found is None:
        return render(request, "meetings/pulse_link.html", {"expired": True}, status=404)
    user, pairing = found
    value = request.POST.get("rating") or request.GET.get("note", "")
    rating = int(value) if value.isdigit() and 1 <= int(value) <= 10 else None
    if request.method == "POST" and rating:
        services.rate_pulse(pairing.pk, user, rating)
        return render(request, "meetings/pulse_link.html", {"done": True, "rating": rating})
    context = {"partner": pairing.partner_of(user), "rating": rating, "choices": range(1, 11)}
    return render(request, "meetings/pulse_link.html", context)
