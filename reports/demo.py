"""Demo reports for `manage.py seed_demo`: two funders, surveys answered in every demo cohort
(the Youth-Centered Relationship scale by the high-school mentees, the end-of-program evaluation
by everyone else), so the dashboards, the report and the analysis have content; certificates for
the people who met the conditions. Idempotent; sends no e-mail (rows are made directly, not
through `surveys.send`)."""

import random
from datetime import timedelta

from django.utils import timezone

from forms_workflow.models import FormTemplate
from forms_workflow.schema import answered_questions
from matching.models import Pairing
from programs.models import Cohort, ProgramKind
from reports import certificates
from reports.models import (
    Certificate,
    Funder,
    Survey,
    SurveyAudience,
    SurveyResponse,
    SurveyWave,
)
from reports.stats import FORMED
from reports.surveys import pair_activity, recipients

FUNDERS = [
    (
        "Fondation pour la persévérance scolaire",
        "FPS-2026-014",
        ProgramKind.STUDENT_PERSEVERANCE,
    ),
    ("Ministère de l’Éducation — Mesure 15023", "M15023-2026", ProgramKind.NEW_SCHOOL_LEADERS),
]


def _template(key):
    return FormTemplate.objects.filter(organization=None, key=key).order_by("-version").first()


def _answers(schema, activity, rng) -> dict:
    """Plausible answers: pairs that met more often rate their experience a little higher."""
    lift = min(activity.get("per_month", 0.0), 3.0) / 3.0 if activity else 0.0
    found = {}
    for question in answered_questions(schema):
        kind = question["kind"]
        if kind == "likert":
            values = [level["value"] for level in question["scale"]]
            top = len(values) - 1
            index = round(min(top, max(0, rng.gauss(top * (0.45 + 0.4 * lift), 0.8))))
            found[question["key"]] = values[index]
        elif kind == "multi":
            choices = [c["value"] for c in question["choices"]]
            found[question["key"]] = sorted(rng.sample(choices, rng.randint(1, 2)))
        elif kind == "choice":
            choices = [c["value"] for c in question["choices"]]
            found[question["key"]] = choices[0] if rng.random() < 0.7 + 0.2 * lift else choices[1]
    return found


def seed_reports(organization, coordinator) -> str | None:
    if Survey.objects.filter(cohort__program__organization=organization).exists():
        return None
    rng = random.Random(2026)
    for name, grant, kind in FUNDERS:
        funder, _created = Funder.objects.get_or_create(
            organization=organization, name=name, defaults={"grant": grant}
        )
        funder.programs.add(*organization.programs.filter(kind=kind))
    cohorts = list(
        Cohort.objects.filter(program__organization=organization).select_related("program")
    )
    today = timezone.localdate()
    sent = answered = issued = 0
    for cohort in cohorts:
        formed = Pairing.objects.filter(FORMED, mentee__cohort=cohort)
        if not formed.exists():
            continue
        if cohort.program.kind == ProgramKind.STUDENT_PERSEVERANCE:
            plan = [("youth-centered-relationship", SurveyWave.MID, SurveyAudience.MENTEES)]
        else:
            plan = [("end-of-program", SurveyWave.MID, SurveyAudience.BOTH)]
        activity = pair_activity([cohort.pk])
        for key, wave, audience in plan:
            template = _template(key)
            if template is None:
                continue
            survey = Survey.objects.create(
                cohort=cohort,
                template=template,
                wave=wave,
                audience=audience,
                closes_on=today + timedelta(days=10),
                created_by=coordinator,
            )
            people = list(recipients(cohort, audience))
            for index, person in enumerate(people):
                sent += 1
                done = person.pk in activity and index % 6 != 5  # a few have not answered yet
                SurveyResponse.objects.create(
                    survey=survey,
                    participant=person,
                    invited_at=timezone.now(),  # as if mailed: the beat task sends nothing
                    answers=_answers(template.schema, activity.get(person.pk), rng) if done else {},
                    submitted_at=timezone.now() - timedelta(days=rng.randint(0, 6))
                    if done
                    else None,
                )
                answered += done
        policy = certificates.policy_for(cohort.program)
        policy.min_meetings = 2
        policy.forms_signed = False
        policy.save(update_fields=["min_meetings", "forms_signed"])
        for standing in certificates.standings(cohort):
            if standing.eligible and not standing.certificate and issued < 4:
                issued += bool(certificates.issue_one(standing, coordinator, notify=False))
    codes = list(
        Certificate.objects.filter(
            participant__cohort__program__organization=organization
        ).values_list("code", flat=True)[:1]
    )
    line = f"Reports: {len(FUNDERS)} funders, {sent} survey invitations ({answered} answered), "
    line += f"{issued} certificates"
    if codes:
        line += f" (check one at /fr/rapports/certificats/verifier/?code={codes[0]})"
    return line + "."
