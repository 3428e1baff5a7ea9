"""Demo pairing for `manage.py seed_demo`: each demo cohort gets a published run, with some
proposals accepted by both (active pairs) and the others still waiting for answers."""

from datetime import timedelta

from django.utils import timezone

from matching import services
from matching.models import Answer, MatchingRun, Pairing, PairingEvent, PairingStatus


def seed_pairs(organization, coordinator) -> str | None:
    cohorts = [
        cohort
        for cohort in organization.programs.all().prefetch_related("cohorts")
        for cohort in cohort.cohorts.all()
    ]
    summary = []
    for cohort in sorted(cohorts, key=lambda c: c.pk):
        if MatchingRun.objects.filter(cohort=cohort).exists():
            continue
        try:
            run = services.run_matching(cohort.pk, coordinator)
            pairings = services.publish_run(run.pk, coordinator, notify_people=False)
        except services.MatchingError:
            continue
        active = 0
        for index, pairing in enumerate(sorted(pairings, key=lambda p: p.pk)):
            if index % 3 == 2:
                continue  # still waiting for both answers
            now = timezone.now()
            # started a month or so ago, never before the cohort: before their demo meetings
            started = max(cohort.starts_on, timezone.localdate() - timedelta(days=30 + index % 12))
            Pairing.objects.filter(pk=pairing.pk).update(
                status=PairingStatus.ACTIVE,
                mentor_answer=Answer.ACCEPTED,
                mentee_answer=Answer.ACCEPTED,
                mentor_answered_at=now,
                mentee_answered_at=now,
                started_on=started,
            )
            PairingEvent.objects.create(
                pairing=pairing,
                action="started",
                from_status=PairingStatus.PROPOSED,
                to_status=PairingStatus.ACTIVE,
                note="Demo",
            )
            active += 1
        summary.append(f"{cohort}: {active} active, {len(pairings) - active} awaiting answers")
    _a_shortlist(organization)
    if not summary:
        return None
    return "Pairing: " + "; ".join(summary) + "."


def _a_shortlist(organization) -> None:
    """The demo login "Mentee (choosing a mentor)": in a program where mentees choose, one mentee
    left without a pair gets suggestions, a mentor there having been given one more place."""
    from matching.models import OPEN_STATUSES
    from programs.models import Participant

    choosing = Participant.objects.mentees().filter(
        cohort__program__organization=organization,
        cohort__program__mentee_chooses_mentor=True,
        cohort__program__involves_minors=False,
    )
    if choosing.filter(suggestions__isnull=False).exists():
        return
    mentee = (
        choosing.exclude(pairings_as_mentee__status__in=OPEN_STATUSES)
        .order_by("user__search_key")
        .first()
    )
    if mentee is None:
        return
    mentor = mentee.cohort.participants.mentors().order_by("user__search_key").first()
    if mentor is not None:
        mentor.capacity += 1
        mentor.save(update_fields=["capacity", "updated_at"])
    services.build_shortlist(mentee.pk)
