"""Outcome surveys: sending, results and analysis, always aggregated.

- `send(cohort, template, wave, audience, closes_on, by)`: a response to fill for each person of
  the cohort the survey is for, and an e-mail (outbox, once per person and survey).
- `results(survey)`: per question, the distribution and mean, only for groups of at least
  `MIN_GROUP` people; free-text answers are never shown (a sentence can tell who wrote it).
- `analysis(scope)`: how the outcomes relate to what the pairs did (meetings per month, the
  dimensions their logs addressed), as Spearman correlations and Cohen's d with 95 % confidence
  intervals (SciPy), each shown only for groups of at least `MIN_GROUP`.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.services import notify_once
from forms_workflow.schema import answered_questions, pick
from matching.models import Pairing
from meetings.models import MeetingLog, MeetingStatus
from programs.models import ParticipantRole, ParticipantStatus
from reports.models import Survey, SurveyAudience, SurveyResponse
from reports.stats import FORMED, MIN_GROUP, Hidden, shown

# The built-in instruments a coordinator sends (forms_workflow.builtin), in the order offered.
INSTRUMENTS = ("youth-centered-relationship", "end-of-program")

DIMENSIONS = (
    ("academic", gettext_lazy("academic")),
    ("professional", gettext_lazy("professional")),
    ("personal", gettext_lazy("personal or well-being")),
)


class SurveyError(ValueError):
    pass


# --- Sending ------------------------------------------------------------------------------------


def recipients(cohort, audience):
    roles = {
        SurveyAudience.MENTEES: [ParticipantRole.MENTEE],
        SurveyAudience.MENTORS: [ParticipantRole.MENTOR],
        SurveyAudience.BOTH: [ParticipantRole.MENTEE, ParticipantRole.MENTOR],
    }[audience]
    return (
        cohort.participants.filter(role__in=roles)
        .exclude(status=ParticipantStatus.WITHDRAWN)
        .select_related("user")
    )


@transaction.atomic
def send(cohort, template, wave, audience, closes_on, by=None) -> Survey:
    if Survey.objects.filter(cohort=cohort, template=template, wave=wave).exists():
        raise SurveyError(_("This questionnaire was already sent to this cohort at this time."))
    survey = Survey.objects.create(
        cohort=cohort,
        template=template,
        wave=wave,
        audience=audience,
        closes_on=closes_on,
        created_by=by,
    )
    people = list(recipients(cohort, audience))
    SurveyResponse.objects.bulk_create(
        SurveyResponse(survey=survey, participant=person) for person in people
    )
    from reports.tasks import send_survey_invitations

    send_survey_invitations.delay_on_commit(survey.pk)
    return survey


def invite_due(survey_id=None) -> int:
    """The invitations not sent yet of the questionnaires still open (after the commit of a
    sending; the beat task catches up on what a broker outage left). Returns how many."""
    due = SurveyResponse.objects.filter(
        invited_at__isnull=True,
        submitted_at__isnull=True,
        survey__closes_on__gte=timezone.localdate(),
    ).select_related("survey__template", "participant__user")
    if survey_id is not None:
        due = due.filter(survey_id=survey_id)
    sent = 0
    for response in due.order_by("pk"):
        with transaction.atomic():
            invite(response)
            SurveyResponse.objects.filter(pk=response.pk).update(invited_at=timezone.now())
        sent += 1
    return sent


def invite(response) -> bool:
    """The e-mail asking a person to answer (once per person and survey: a unique key)."""
    from mentorat.mail import absolute_url

    survey = response.survey
    return notify_once(
        response.participant.user,
        f"survey:{response.pk}",
        "survey_invitation",
        {
            "survey": survey,
            "title_fr": survey.template.title_fr,
            "title_en": survey.template.title_en,
            "closes_on": survey.closes_on,
            "url": absolute_url(response.get_absolute_url()),
        },
    )


def submit(response, answers: dict) -> None:
    if response.submitted_at:
        raise SurveyError(_("You already answered this questionnaire: thank you."))
    if response.survey.closes_on < timezone.localdate():
        raise SurveyError(_("This questionnaire is closed."))
    response.answers = answers
    response.submitted_at = timezone.now()
    response.save(update_fields=["answers", "submitted_at"])


def open_responses(user, participations=None):
    """The questionnaires a person still has to answer (found by their participations' ids
    when the caller holds them), with what the portal shows of each: its title, its closing
    day."""
    responses = SurveyResponse.objects.for_user(user)
    if participations is not None:
        responses = responses.filter(
            participant__in=[
                p.pk for p in participations if p.status != ParticipantStatus.WITHDRAWN
            ]
        )
    else:
        responses = responses.exclude(participant__status=ParticipantStatus.WITHDRAWN)
    return (
        responses.filter(submitted_at__isnull=True, survey__closes_on__gte=timezone.localdate())
        .select_related("survey__template")
        .only("survey__closes_on", "survey__template__title_fr", "survey__template__title_en")
        .order_by("survey", "pk")
    )


# --- Results ------------------------------------------------------------------------------------


def scale_keys(schema: dict) -> list[str]:
    return [q["key"] for q in answered_questions(schema) if q["kind"] == "likert"]


def respondent_score(answers: dict, keys: list[str]) -> float | None:
    """The instrument's score for one person: the mean of their answers on the scale items
    `keys` (`scale_keys` of the questionnaire; the Youth-Centered Relationship scale is scored
    this way, from 1 to 4)."""
    values = [answers[key] for key in keys if isinstance(answers.get(key), int)]
    return sum(values) / len(values) if values else None


def _question_result(question: dict, values: list) -> dict:
    kind = question["kind"]
    result = {"label": pick(question["label"]), "kind": kind, "n": len(values), "hidden": None}
    if kind in ("text", "long_text", "date", "signature"):
        result["hidden"] = _("Written answers are not shown: a sentence can tell who wrote it.")
        return result
    if not shown(len(values)):
        result["hidden"] = Hidden(len(values)).reason
        return result
    if kind == "likert":
        counts = Counter(values)
        result["mean"] = round(sum(values) / len(values), 2)
        result["levels"] = [
            {
                "label": pick(level["label"]),
                "value": level["value"],
                "count": counts[level["value"]],
                "percent": round(100 * counts[level["value"]] / len(values)),
            }
            for level in question["scale"]
        ]
    elif kind in ("choice", "multi", "check"):
        counts = Counter()
        for value in values:
            for item in value if isinstance(value, list) else [value]:
                counts[item] += 1
        choices = question.get("choices") or [
            {"value": True, "label": {"fr": "Oui", "en": "Yes"}},
            {"value": False, "label": {"fr": "Non", "en": "No"}},
        ]
        result["levels"] = [
            {
                "label": pick(choice["label"]),
                "value": choice["value"],
                "count": counts[choice["value"]],
                "percent": round(100 * counts[choice["value"]] / len(values)),
            }
            for choice in choices
        ]
    return result


def results(survey, answers_by_role: dict | None = None) -> dict:
    """Each question's aggregate for everyone, and per role when the survey went to both."""
    if answers_by_role is None:
        answers_by_role = defaultdict(list)
        for role, answers in survey.responses.filter(submitted_at__isnull=False).values_list(
            "participant__role", "answers"
        ):
            answers_by_role[role].append(answers)
    everyone = [a for group in answers_by_role.values() for a in group]
    schema = survey.template.schema
    groups = [(_("Everyone who answered"), everyone)]
    if survey.audience == SurveyAudience.BOTH:
        groups += [(role.label, answers_by_role.get(role.value, [])) for role in ParticipantRole]
    sections = []
    for section in schema["sections"]:
        questions = [q for q in section["questions"] if q["kind"] != "signature"]
        if not questions:
            continue
        sections.append(
            {
                "title": pick(section["title"]),
                "questions": [
                    {
                        "label": pick(q["label"]),
                        "groups": [
                            {
                                "name": name,
                                **_question_result(
                                    q, [a[q["key"]] for a in group if q["key"] in a]
                                ),
                            }
                            for name, group in groups
                        ],
                    }
                    for q in questions
                ],
            }
        )
    keys = scale_keys(schema)
    scores = [s for s in (respondent_score(a, keys) for a in everyone) if s is not None]
    return {
        "answered": len(everyone),
        "sent": survey.responses.count(),
        "sections": sections,
        "score": round(sum(scores) / len(scores), 2) if shown(len(scores)) else None,
        "score_hidden": None if shown(len(scores)) else Hidden(len(scores)).reason,
        "scale_max": _scale_max(schema),
    }


def outcomes(scope) -> list[dict]:
    """Per survey of the scope: response rate and score (hidden under MIN_GROUP); two queries."""
    surveys = list(
        Survey.objects.filter(cohort__in=scope.cohort_ids)
        .select_related("template", "cohort")
        .annotate(
            sent=Count("responses"),
            answered=Count("responses", filter=Q(responses__submitted_at__isnull=False)),
        )
        .order_by("cohort__starts_on", "created_at", "pk")
    )
    scores = defaultdict(list)
    keys = {survey.pk: scale_keys(survey.template.schema) for survey in surveys}
    for survey_id, answers in SurveyResponse.objects.filter(
        survey__in=[s.pk for s in surveys], submitted_at__isnull=False
    ).values_list("survey", "answers"):
        score = respondent_score(answers, keys[survey_id])
        if score is not None:
            scores[survey_id].append(score)
    found = []
    for survey in surveys:
        values = scores[survey.pk]
        found.append(
            {
                "survey": survey,
                "sent": survey.sent,
                "answered": survey.answered,
                "rate": round(100 * survey.answered / survey.sent) if survey.sent else 0,
                "score": round(sum(values) / len(values), 2) if shown(len(values)) else None,
                "hidden": None if shown(len(values)) else Hidden(len(values)).reason,
                "scale_max": _scale_max(survey.template.schema),
            }
        )
    return found


def _scale_max(schema) -> int | None:
    tops = [
        max(level["value"] for level in q["scale"])
        for q in answered_questions(schema)
        if q["kind"] == "likert"
    ]
    return max(tops) if tops else None


# --- Analysis -----------------------------------------------------------------------------------


@dataclass
class Estimate:
    label: str
    n: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    kind: str = "r"  # r (Spearman) or d (Cohen)
    hidden: str | None = None
    groups: tuple = ()

    @property
    def strength(self) -> str:
        """Cohen's conventional bounds: negligible, small, moderate or large."""
        if self.value is None:
            return ""
        bounds = (0.1, 0.3, 0.5) if self.kind == "r" else (0.2, 0.5, 0.8)
        names = ("negligible", "small", "moderate", "large")
        return names[sum(abs(self.value) >= bound for bound in bounds)]

    @property
    def plain(self) -> str:
        """The estimate in a sentence a board member reads."""
        if self.value is None:
            return ""
        up = self.value >= 0
        if self.kind == "r":
            sentences = {
                "negligible": _("Practically no link."),
                "small": _("A weak link: more of it goes with higher scores.")
                if up
                else _("A weak link: more of it goes with lower scores."),
                "moderate": _("A moderate link: more of it goes with higher scores.")
                if up
                else _("A moderate link: more of it goes with lower scores."),
                "large": _("A strong link: more of it goes with higher scores.")
                if up
                else _("A strong link: more of it goes with lower scores."),
            }
        else:
            sentences = {
                "negligible": _("Practically no difference."),
                "small": _("A small difference: the pairs whose logs addressed it scored higher.")
                if up
                else _("A small difference: the pairs whose logs addressed it scored lower."),
                "moderate": _(
                    "A moderate difference: the pairs whose logs addressed it scored higher."
                )
                if up
                else _("A moderate difference: the pairs whose logs addressed it scored lower."),
                "large": _("A large difference: the pairs whose logs addressed it scored higher.")
                if up
                else _("A large difference: the pairs whose logs addressed it scored lower."),
            }
        return sentences[self.strength]

    @property
    def crosses_zero(self) -> bool:
        return self.low is not None and self.low <= 0 <= self.high


def spearman(label, x, y) -> Estimate:
    """Spearman's rho with a 95 % interval (Fisher's z with Bonett and Wright's variance)."""
    from scipy import stats

    n = len(x)
    if n < max(MIN_GROUP, 4):
        return Estimate(label, n, hidden=Hidden(n).reason)
    if len(set(x)) < 2 or len(set(y)) < 2:
        return Estimate(label, n, hidden=_("Not computed: everyone has the same value."))
    rho = float(stats.spearmanr(x, y).statistic)
    rho = max(min(rho, 0.9999), -0.9999)
    se = math.sqrt((1 + rho**2 / 2) / (n - 3))
    z, crit = math.atanh(rho), float(stats.norm.ppf(0.975))
    return Estimate(
        label,
        n,
        round(rho, 2),
        round(math.tanh(z - crit * se), 2),
        round(math.tanh(z + crit * se), 2),
    )


def cohens_d(label, group_a, group_b, names) -> Estimate:
    """Cohen's d (pooled standard deviation) with the usual normal-approximation 95 % interval."""
    from scipy import stats

    n1, n2 = len(group_a), len(group_b)
    if not (shown(n1) and shown(n2)):
        hidden = _("Hidden: one of the two groups has fewer than %(min)d people (%(count)d).") % {
            "min": MIN_GROUP,
            "count": min(n1, n2),
        }
        return Estimate(label, n1 + n2, kind="d", hidden=hidden, groups=names)
    m1, m2 = sum(group_a) / n1, sum(group_b) / n2
    v1 = sum((v - m1) ** 2 for v in group_a) / (n1 - 1)
    v2 = sum((v - m2) ** 2 for v in group_b) / (n2 - 1)
    pooled = math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2))
    if pooled == 0:
        return Estimate(
            label,
            n1 + n2,
            kind="d",
            hidden=_("Not computed: everyone has the same value."),
            groups=names,
        )
    d = (m1 - m2) / pooled
    se = math.sqrt((n1 + n2) / (n1 * n2) + d**2 / (2 * (n1 + n2)))
    crit = float(stats.norm.ppf(0.975))
    return Estimate(
        label,
        n1 + n2,
        round(d, 2),
        round(d - crit * se, 2),
        round(d + crit * se, 2),
        "d",
        groups=names,
    )


def pair_activity(cohort_ids) -> dict[int, dict]:
    """Per participant of a formed pair: held meetings per month of the pair's life and whether
    its logs addressed each dimension. Two queries."""
    today = timezone.localdate()
    pairs = list(
        Pairing.objects.filter(FORMED, mentee__cohort__in=cohort_ids)
        .annotate(held=Count("meetings", filter=Q(meetings__status=MeetingStatus.HELD)))
        .values("pk", "mentor", "mentee", "started_on", "closed_on", "held")
    )
    dims = defaultdict(Counter)
    for row in (
        MeetingLog.objects.filter(meeting__pairing__in=[p["pk"] for p in pairs])
        .values("meeting__pairing")
        .annotate(
            logs=Count("pk"),
            **{key: Count("pk", filter=Q(**{key: True})) for key, _label in DIMENSIONS},
        )
    ):
        dims[row["meeting__pairing"]].update(row)
    activity = {}
    for pair in pairs:
        end = pair["closed_on"] or today
        months = max((end - pair["started_on"]).days / 30.4, 1.0)
        logs = dims[pair["pk"]]
        entry = {
            "per_month": pair["held"] / months,
            **{key: bool(logs.get(key)) for key, _label in DIMENSIONS},
        }
        for person in (pair["mentor"], pair["mentee"]):
            activity[person] = entry  # a later pair of the same person replaces the first
    return activity


def analysis(scope, survey=None) -> dict:
    """How one survey's scores (by default the scope's latest with answers) relate to what the
    pairs did."""
    surveys = Survey.objects.filter(cohort__in=scope.cohort_ids).select_related("template")
    if survey is None:
        survey = (
            surveys.filter(responses__submitted_at__isnull=False)
            .order_by("-created_at", "-pk")
            .first()
        )
    if survey is None:
        return {"survey": None, "estimates": [], "n": 0}
    keys = scale_keys(survey.template.schema)
    scores = {}
    for participant, answers in SurveyResponse.objects.filter(
        survey__template__key=survey.template.key,
        survey__wave=survey.wave,
        survey__cohort__in=scope.cohort_ids,
        submitted_at__isnull=False,
    ).values_list("participant", "answers"):
        score = respondent_score(answers, keys)
        if score is not None:
            scores[participant] = score
    activity = pair_activity(scope.cohort_ids)
    people = [p for p in scores if p in activity]
    outcome = [scores[p] for p in people]
    estimates = [
        spearman(
            _("Meetings held per month"),
            [activity[p]["per_month"] for p in people],
            outcome,
        )
    ]
    for key, label in DIMENSIONS:
        yes = [scores[p] for p in people if activity[p][key]]
        no = [scores[p] for p in people if not activity[p][key]]
        estimates.append(
            cohens_d(
                _("Logs addressed the %(dimension)s dimension") % {"dimension": label},
                yes,
                no,
                (_("addressed"), _("never addressed")),
            )
        )
    return {
        "survey": survey,
        "surveys": list(surveys.order_by("-created_at")),
        "n": len(people),
        "estimates": estimates,
    }
