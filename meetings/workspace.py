"""What meetings adds to the coordinator's home (programs/workspace.py): pairs that need
follow-up or are to watch, check-ins overdue or due, per cohort, and the open concerns, urgent
first."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
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


def cohort_label(row) -> str:
    """ "Program — cohort" from a values() row, the program's name in the active language."""
    english = (translation.get_language() or "fr").startswith("en")
    program = (english and row["mentee__cohort__program__name_en"]) or row[
        "mentee__cohort__program__name_fr"
    ]
    return f"{program} — {row['mentee__cohort__name']}"


def figures(request, organizations):
    followed = Pairing.objects.filter(
        mentee__cohort__program__organization__in=organizations, status__in=FOLLOWED
    )
    missing = followed.filter(health_state__isnull=True)
    if missing.exists():  # a pair started since the last hourly refresh
        health.refresh(missing)
    rows = (
        Pairing.objects.filter(
            mentee__cohort__program__organization__in=organizations,
            status__in=FOLLOWED,
            health_state__color__in=(HealthColor.RED, HealthColor.AMBER),
        )
        .values(*COHORT_FIELDS, "health_state__color")
        .annotate(total=Count("pk"))
        .order_by("mentee__cohort__starts_on", "mentee__cohort")
    )
    per_color = {HealthColor.RED: [], HealthColor.AMBER: []}
    for row in rows:
        url = reverse("meetings:board", args=[row["mentee__cohort"]])
        per_color[row["health_state__color"]].append(
            (
                row["mentee__cohort__name"],
                row["total"],
                f"{url}?health={row['health_state__color']}",
            )
        )
    red = sum(count for _name, count, _url in per_color[HealthColor.RED])
    amber = sum(count for _name, count, _url in per_color[HealthColor.AMBER])
    labels = {
        HealthColor.RED: ngettext(
            "%(count)d pair needs follow-up", "%(count)d pairs need follow-up", red
        )
        % {"count": red},
        HealthColor.AMBER: ngettext("%(count)d pair to watch", "%(count)d pairs to watch", amber)
        % {"count": amber},
    }
    found = []
    for color, tone, total in (
        (HealthColor.RED, "danger", red),
        (HealthColor.AMBER, "warning", amber),
    ):
        parts = per_color[color]
        found.append(
            Figure(
                f"pairs_{color}",
                total,
                labels[color],
                tone,
                parts[0][2] if parts else "",
                # several cohorts: one link each
                items=[(f"{name} ({count})", url) for name, count, url in parts]
                if len(parts) > 1
                else [],
            )
        )
    found.extend(_checkin_figures(followed))
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
    today = timezone.localdate()
    soon = today + timedelta(days=health.CHECKIN_SOON_DAYS)
    rows = (
        followed.values(*COHORT_FIELDS)
        .annotate(
            overdue=Count("pk", filter=Q(health_state__checkin_due_on__lt=today)),
            due=Count(
                "pk",
                filter=Q(
                    health_state__checkin_due_on__gte=today,
                    health_state__checkin_due_on__lte=soon,
                ),
            ),
        )
        .order_by("mentee__cohort__starts_on", "mentee__cohort")
    )
    parts = {"overdue": [], "due": []}
    for row in rows:
        url = reverse("meetings:board", args=[row["mentee__cohort"]])
        for state in parts:
            if row[state]:
                parts[state].append((cohort_label(row), row[state], f"{url}?checkin={state}"))
    overdue = sum(count for _name, count, _url in parts["overdue"])
    due = sum(count for _name, count, _url in parts["due"])

    def figure(key, count, label, tone):
        links = parts[key]
        return Figure(
            f"checkins_{key}",
            count,
            label,
            tone,
            links[0][2] if links else "",
            items=[(f"{name} ({n})", url) for name, n, url in links] if len(links) > 1 else [],
        )

    return [
        figure(
            "overdue",
            overdue,
            ngettext("%(count)d check-in overdue", "%(count)d check-ins overdue", overdue)
            % {"count": overdue},
            "danger",
        ),
        figure(
            "due",
            due,
            ngettext(
                "%(count)d check-in due within a week", "%(count)d check-ins due within a week", due
            )
            % {"count": due},
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
        overdue=Count("pk", filter=Q(health_state__checkin_due_on__lt=timezone.localdate())),
    )
    return {"template": "meetings/cohort_section.html", "cohort": cohort, **counts}
