"""What meetings adds to the coordinator's home (programs/workspace.py): pairs that need
follow-up or are to watch, check-ins overdue or due, per cohort, and the open concerns, urgent
first."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from matching.lifecycle import FOLLOWED
from matching.models import Pairing
from meetings import health
from meetings.models import Concern, HealthColor
from programs.workspace import Figure

SHOWN = 5  # concerns named on the home; the rest are on the board
COHORT_FIELDS = (
    "mentee__cohort",
    "mentee__cohort__name",
    "mentee__cohort__program__name_fr",
    "mentee__cohort__program__name_en",
)
COHORT_ORDER = ("mentee__cohort__starts_on", "mentee__cohort")


def cohort_label(row) -> str:
    """ "Program — cohort" from a values() row, the program's name in the active language."""
    english = (translation.get_language() or "fr").startswith("en")
    program = (english and row["mentee__cohort__program__name_en"]) or row[
        "mentee__cohort__program__name_fr"
    ]
    return f"{program} — {row['mentee__cohort__name']}"


def _board_url(row, query: str) -> str:
    return reverse("meetings:board", args=[row["mentee__cohort"]]) + f"?{query}"


def cohort_figure(key: str, parts, label, tone: str) -> Figure:
    """A figure counted per cohort: `parts` are (cohort, count, its board filtered); `label`
    says the total. It links to the only cohort's board, or lists one link per cohort."""
    total = sum(count for _cohort, count, _url in parts)
    return Figure(
        key,
        total,
        label(total),
        tone,
        parts[0][2] if parts else "",
        items=[(f"{cohort} ({count})", url) for cohort, count, url in parts]
        if len(parts) > 1
        else [],
    )


def figures(request, organizations):
    followed = Pairing.objects.filter(
        mentee__cohort__program__organization__in=organizations, status__in=FOLLOWED
    )
    missing = followed.filter(health_state__isnull=True)
    if missing.exists():  # a pair started since the last hourly refresh
        health.refresh(missing)
    colours = {HealthColor.RED: [], HealthColor.AMBER: []}
    for row in (
        followed.filter(health_state__color__in=list(colours))
        .values(*COHORT_FIELDS, "health_state__color")
        .annotate(total=Count("pk"))
        .order_by(*COHORT_ORDER)
    ):
        colour = row["health_state__color"]
        colours[colour].append(
            (cohort_label(row), row["total"], _board_url(row, f"health={colour}"))
        )
    found = [
        cohort_figure(
            "pairs_red",
            colours[HealthColor.RED],
            lambda n: (
                ngettext("%(count)d pair needs follow-up", "%(count)d pairs need follow-up", n)
                % {"count": n}
            ),
            "danger",
        ),
        cohort_figure(
            "pairs_amber",
            colours[HealthColor.AMBER],
            lambda n: (
                ngettext("%(count)d pair to watch", "%(count)d pairs to watch", n) % {"count": n}
            ),
            "warning",
        ),
        *_checkin_figures(followed),
    ]
    concerns = Concern.objects.filter(
        pairing__mentee__cohort__program__organization__in=organizations,
        resolved_at__isnull=True,
    )
    counts = concerns.aggregate(open=Count("pk"), urgent=Count("pk", filter=Q(urgent=True)))
    first = concerns.select_related("pairing__mentor__user", "pairing__mentee__user").order_by(
        "-urgent", "created_at"
    )[:SHOWN]
    items = [
        (
            ("⚠ " + _("Urgent") + " — " if concern.urgent else "")
            + f"{concern.pairing.mentor.user.full_name} → {concern.pairing.mentee.user.full_name}",
            reverse("meetings:pair_followup", args=[concern.pairing_id]),
        )
        for concern in first
    ]
    label = ngettext("%(count)d open concern", "%(count)d open concerns", counts["open"]) % {
        "count": counts["open"]
    }
    if counts["urgent"]:
        label += " " + (
            ngettext("(%(count)d urgent)", "(%(count)d urgent)", counts["urgent"])
            % {"count": counts["urgent"]}
        )
    found.append(
        Figure(
            "concerns",
            counts["open"],
            label,
            "danger" if counts["urgent"] else "warning",
            items[0][1] if items else "",
            items=items,
        )
    )
    return found


def _checkin_figures(followed):
    """The coordinator's check-ins overdue, and due within a week, per cohort (one query)."""
    conditions = health.checkin_conditions()
    states = {state: [] for state in conditions}
    for row in (
        followed.values(*COHORT_FIELDS)
        .annotate(**{state: Count("pk", filter=q) for state, q in conditions.items()})
        .order_by(*COHORT_ORDER)
    ):
        for state, parts in states.items():
            if row[state]:
                parts.append((cohort_label(row), row[state], _board_url(row, f"checkin={state}")))
    return [
        cohort_figure(
            "checkins_overdue",
            states["overdue"],
            lambda n: (
                ngettext("%(count)d check-in overdue", "%(count)d check-ins overdue", n)
                % {"count": n}
            ),
            "danger",
        ),
        cohort_figure(
            "checkins_due",
            states["due"],
            lambda n: (
                ngettext(
                    "%(count)d check-in due within a week",
                    "%(count)d check-ins due within a week",
                    n,
                )
                % {"count": n}
            ),
            "warning",
        ),
    ]


# --- The people list and person page (programs/people.py) -----------------------------------


def people_columns(participants):
    """The last contact of each person's followed pair, for one page of the list."""
    ids = [participant.pk for participant in participants]
    found = {}
    rows = Pairing.objects.filter(
        Q(mentor__in=ids) | Q(mentee__in=ids), status__in=FOLLOWED
    ).values_list("mentor", "mentee", "health_state__last_contact")
    for mentor, mentee, last in rows:
        for pk in (mentor, mentee):
            if pk in ids and last and (pk not in found or found[pk]["last_contact"] < last):
                found[pk] = {"last_contact": last}
    return found


def person_section(request, participant):
    from meetings.models import CheckIn, Meeting

    pairs = Pairing.objects.filter(Q(mentor=participant) | Q(mentee=participant))
    return {
        "template": "meetings/person_section.html",
        "meetings": list(
            Meeting.objects.filter(pairing__in=pairs)
            .select_related("pairing__mentor__user", "pairing__mentee__user")
            .order_by("-starts_at")[:10]
        ),
        "checkins": list(
            CheckIn.objects.filter(pairing__in=pairs)
            .select_related("coordinator")
            .order_by("-on", "-pk")[:10]
        ),
        "concerns": list(
            Concern.objects.filter(pairing__in=pairs)
            .select_related("raised_by")
            .order_by("-urgent", "-created_at")[:10]
        ),
    }


def cohort_section(request, cohort):
    """The cohort hub's follow-up part: pairs by health, check-ins overdue."""
    followed = Pairing.objects.filter(mentee__cohort=cohort, status__in=FOLLOWED)
    counts = followed.aggregate(
        green=Count("pk", filter=Q(health_state__color=HealthColor.GREEN)),
        amber=Count("pk", filter=Q(health_state__color=HealthColor.AMBER)),
        red=Count("pk", filter=Q(health_state__color=HealthColor.RED)),
        overdue=Count("pk", filter=health.checkin_conditions()["overdue"]),
    )
    return {"template": "meetings/cohort_section.html", "cohort": cohort, **counts}
