"""What matching adds to the coordinator's home (programs/workspace.py): mentees without a pair,
mentors with free places, proposals awaiting an answer; and the pairing stages of the cohort
cards. The participant list filters on the same definitions (matching/admin.py)."""

from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from matching.models import OPEN_STATUSES, CloseReason, Pairing, PairingStatus
from programs.models import Participant
from programs.workspace import Figure, participants_url


def without_pair(participants):
    """Mentees with neither a pair nor a proposal."""
    open_pairs = Pairing.objects.filter(mentee=OuterRef("pk"), status__in=OPEN_STATUSES)
    return participants.mentees().exclude(Exists(open_pairs))


def with_free_places(participants):
    """Mentors whose open pairs and proposals leave room under their capacity."""
    return (
        participants.mentors()
        .annotate(
            load=Count("pairings_as_mentor", filter=Q(pairings_as_mentor__status__in=OPEN_STATUSES))
        )
        .filter(capacity__gt=F("load"))
    )


def figures(request, organizations):
    people = Participant.objects.filter(
        cohort__program__organization__in=organizations
    ).taking_part()
    mentees = without_pair(people).count()
    mentors = list(with_free_places(people).values_list("capacity", "load"))
    places = sum(capacity - load for capacity, load in mentors)
    now = timezone.now()
    proposals = Pairing.objects.filter(
        mentee__cohort__program__organization__in=organizations, status=PairingStatus.PROPOSED
    ).aggregate(waiting=Count("pk"), overdue=Count("pk", filter=Q(respond_by__lt=now)))
    pairs_url = reverse("matching:pairing_list") + f"?status={PairingStatus.PROPOSED}"
    return [
        Figure(
            "without_pair",
            mentees,
            ngettext("%(count)d mentee without a pair", "%(count)d mentees without a pair", mentees)
            % {"count": mentees},
            "warning",
            participants_url(need="without_pair"),
        ),
        Figure(
            "free_places",
            len(mentors),
            ngettext(
                "%(count)d mentor with free places (%(places)d in all)",
                "%(count)d mentors with free places (%(places)d in all)",
                len(mentors),
            )
            % {"count": len(mentors), "places": places},
            "info",
            participants_url(need="free_places"),
        ),
        Figure(
            "proposals_overdue",
            proposals["overdue"],
            ngettext(
                "%(count)d proposal past its answer date",
                "%(count)d proposals past their answer date",
                proposals["overdue"],
            )
            % {"count": proposals["overdue"]},
            "danger",
            pairs_url,
        ),
        Figure(
            "proposals",
            proposals["waiting"] - proposals["overdue"],
            ngettext(
                "%(count)d proposal awaiting an answer",
                "%(count)d proposals awaiting an answer",
                proposals["waiting"] - proposals["overdue"],
            )
            % {"count": proposals["waiting"] - proposals["overdue"]},
            "info",
            pairs_url,
        ),
    ]


def cohort_stats(cohort_ids):
    """People of each cohort who were paired, are in an active pair, completed one: the
    distinct mentors and mentees of its pairs (a pair's two people are of one cohort)."""
    stages = {
        "paired": Q(started_on__isnull=False),
        "active": Q(status=PairingStatus.ACTIVE),
        "completed": Q(status=PairingStatus.CLOSED, close_reason=CloseReason.COMPLETED),
    }
    counts = {}
    for key, condition in stages.items():
        counts[f"{key}_mentors"] = Count("mentor", distinct=True, filter=condition)
        counts[f"{key}_mentees"] = Count("mentee", distinct=True, filter=condition)
    rows = (
        Pairing.objects.filter(mentee__cohort__in=cohort_ids)
        .values("mentee__cohort")
        .annotate(**counts)
        .order_by()
    )
    return {
        row["mentee__cohort"]: {
            key: row[f"{key}_mentors"] + row[f"{key}_mentees"] for key in stages
        }
        for row in rows
    }


# --- The people list and person page (programs/people.py) -----------------------------------


def people_columns(participants):
    """Each person's current pair (partner and status), for one page of the list."""
    ids = [participant.pk for participant in participants]
    found = {}
    pairs = (
        Pairing.objects.filter(Q(mentor__in=ids) | Q(mentee__in=ids), status__in=OPEN_STATUSES)
        .select_related("mentor__user", "mentee__user")
        .order_by("created_at")
    )
    for pairing in pairs:
        for side, other in ((pairing.mentor, pairing.mentee), (pairing.mentee, pairing.mentor)):
            if side.pk in ids:
                found[side.pk] = {
                    "pair": f"{other.user.full_name} ({pairing.status_label().lower()})",
                    "pair_url": pairing.get_absolute_url(),
                }
    return found


def person_section(request, participant):
    pairs = list(
        Pairing.objects.filter(Q(mentor=participant) | Q(mentee=participant))
        .select_related("mentor__user", "mentee__user")
        .prefetch_related("events__actor")
        .order_by("-created_at")
    )
    return {"template": "matching/person_section.html", "pairs": pairs, "participant": participant}


def cohort_section(request, cohort):
    """The cohort hub's matching part: the latest run and the pairs by status."""
    from matching.models import MatchingRun

    counts = dict(
        Pairing.objects.filter(mentee__cohort=cohort)
        .values("status")
        .annotate(total=Count("pk"))
        .values_list("status", "total")
    )
    return {
        "template": "matching/cohort_section.html",
        "cohort": cohort,
        "run": MatchingRun.objects.filter(cohort=cohort).first(),
        "counts": [(status.label, counts.get(status.value, 0)) for status in PairingStatus],
    }
