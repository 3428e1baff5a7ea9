"""The coordinator's home: what needs doing in their organizations, and one card per cohort.

Each app registers, in its AppConfig.ready(), functions that count what it owns, so that
programs never imports the apps to its right:

- `figures(request, organizations) -> list[Figure]`: a few aggregate queries each, whatever the
  number of rows (the home's query count stays constant);
- `cohort_stats(cohort_ids) -> {cohort_id: {stage: count}}`: the cohort cards' funnel.

A figure links to the list that shows exactly what it counts, filtered, with the action at hand.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

TONES = ("danger", "warning", "info")
FIGURES = []
COHORT_STATS = []
COHORT_SECTIONS = []  # function(request, cohort) -> {"template": …, …}: the cohort hub's parts

# The funnel of a cohort card, in order: (key, label).
FUNNEL = (
    ("enrolled", pgettext_lazy("funnel", "Enrolled")),
    ("trained", pgettext_lazy("funnel", "Trained")),
    ("paired", pgettext_lazy("funnel", "Paired")),
    ("active", pgettext_lazy("funnel", "In an active pair")),
    ("completed", pgettext_lazy("funnel", "Completed")),
)


@dataclass
class Figure:
    """One thing to do: `label` already says the count ("3 consents waiting")."""

    key: str
    count: int
    label: str
    tone: str = "info"  # danger (act now), warning (soon), info
    url: str = ""
    action: tuple | None = None  # (button label, URL it posts to)
    items: list = field(default_factory=list)  # [(text, url)]: the first few, urgent first


def register_figures(function):
    if function not in FIGURES:
        FIGURES.append(function)
    return function


def register_cohort_section(function):
    if function not in COHORT_SECTIONS:
        COHORT_SECTIONS.append(function)
    return function


def register_cohort_stats(function):
    if function not in COHORT_STATS:
        COHORT_STATS.append(function)
    return function


def participants_url(**filters) -> str:
    """The people list, filtered (programs.filters.PeopleFilter)."""
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    url = reverse("coordination:people")
    return f"{url}?{query}" if query else url


def collect(request, organizations) -> list[Figure]:
    found = [figure for function in FIGURES for figure in function(request, organizations)]
    return sorted(found, key=lambda f: (f.count == 0, TONES.index(f.tone)))


def active_cohorts(organizations):
    from programs.models import Cohort, CohortPhase

    return (
        Cohort.objects.filter(
            program__organization__in=organizations, ends_on__gte=timezone.localdate()
        )
        .exclude(phase=CohortPhase.CLOSED)
        .select_related("program")
        .order_by("starts_on", "pk")
    )


def cohort_cards(cohorts) -> list[dict]:
    """Each cohort with its phases and its funnel, in a constant number of queries."""
    from programs.models import CohortPhase, Participant, ParticipantStatus

    ids = [cohort.pk for cohort in cohorts]
    counts = {
        row["cohort"]: row
        for row in Participant.objects.filter(cohort__in=ids)
        .exclude(status=ParticipantStatus.WITHDRAWN)
        .values("cohort")
        .annotate(
            enrolled=Count("pk"),
            trained=Count("pk", filter=Q(training_completed_on__isnull=False)),
        )
    }
    extra = [function(ids) for function in COHORT_STATS]
    phases = list(CohortPhase)
    cards = []
    for cohort in cohorts:
        stats = {key: 0 for key, _label in FUNNEL}
        stats.update({k: v for k, v in counts.get(cohort.pk, {}).items() if k in stats})
        for more in extra:
            stats.update(more.get(cohort.pk, {}))
        top = max(stats.values()) or 1
        current = phases.index(CohortPhase(cohort.phase))
        cards.append(
            {
                "cohort": cohort,
                "phases": [
                    {"label": phase.label, "done": index < current, "current": index == current}
                    for index, phase in enumerate(phases)
                ],
                "funnel": [
                    {
                        "key": key,
                        "label": label,
                        "count": stats[key],
                        "width": 5 * round(20 * stats[key] / top),
                    }
                    for key, label in FUNNEL
                ],
            }
        )
    return cards


# --- What programs itself counts --------------------------------------------------------------


def _program_figures(request, organizations):
    from programs.models import Participant

    people = Participant.objects.filter(cohort__program__organization__in=organizations)
    taking_part = people.taking_part()
    n = taking_part.aggregate(
        consents=Count("pk", filter=Q(pk__in=taking_part.consent_waiting().values("pk"))),
        expired=Count("pk", filter=Q(pk__in=taking_part.background_check_expired().values("pk"))),
        expiring=Count("pk", filter=Q(pk__in=taking_part.background_check_expiring().values("pk"))),
        training=Count("pk", filter=Q(pk__in=taking_part.training_missing().values("pk"))),
        invitations=Count("pk", filter=Q(pk__in=taking_part.invitation_waiting().values("pk"))),
    )
    return [
        Figure(
            "consents",
            n["consents"],
            ngettext(
                "%(count)d parental consent waiting",
                "%(count)d parental consents waiting",
                n["consents"],
            )
            % {"count": n["consents"]},
            "warning",
            participants_url(need="consent"),
            action=(_("Remind the parents"), reverse("coordination:remind_guardians")),
        ),
        Figure(
            "checks_expired",
            n["expired"],
            ngettext(
                "%(count)d mentor of minors without a valid background check",
                "%(count)d mentors of minors without a valid background check",
                n["expired"],
            )
            % {"count": n["expired"]},
            "danger",
            participants_url(need="check_expired"),
        ),
        Figure(
            "checks_expiring",
            n["expiring"],
            ngettext(
                "%(count)d background check expires within 30 days",
                "%(count)d background checks expire within 30 days",
                n["expiring"],
            )
            % {"count": n["expiring"]},
            "warning",
            participants_url(need="check_expiring"),
        ),
        Figure(
            "training",
            n["training"],
            ngettext(
                "%(count)d mentor has not completed training",
                "%(count)d mentors have not completed training",
                n["training"],
            )
            % {"count": n["training"]},
            "info",
            participants_url(need="training"),
        ),
        Figure(
            "invitations",
            n["invitations"],
            ngettext(
                "%(count)d invitation not accepted yet",
                "%(count)d invitations not accepted yet",
                n["invitations"],
            )
            % {"count": n["invitations"]},
            "info",
            participants_url(need="invitation"),
        ),
    ]


register_figures(_program_figures)
