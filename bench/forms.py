"""Forms benchmark.

In a throwaway test database: a program asking for the five AGÉFO pair forms, a cohort of 10
pairs and one of 800 pairs whose forms are in every state (signed with their SHA-256 digests,
awaiting a co-signature, drafts, to do, overdue), and a past cohort of closed pairs whose signed
forms bring the signed total to 10,000. Times the coordinator's pairs × forms matrix against a
minimal Django view and counts its queries at both sizes, renders one signed learning plan
(agefo-3) as a PDF against WeasyPrint's one-page baseline, and verifies the digests of the
10,000 signed forms. Prints a table, then one JSON line."""

import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from _common import timed  # noqa: E402 - bench/_common.py, beside this script
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

SMALL, LARGE = 10, 800
SIGNED_TARGET = 10_000
REPEAT = 10
PDF_REPEAT = 5
VERIFY_BATCH = 2000  # verify_all's default
FAMILIES = ("agefo-1", "agefo-2", "agefo-3", "agefo-4", "agefo-5")
# The state of each pair form, over ten pairs; a form not signed whose due date has passed shows
# as overdue. "awaiting" only for the forms signed by both (2 and 3).
MIX = {
    "agefo-1": ["signed"] * 6 + ["draft"] * 2 + ["todo"] * 2,
    "agefo-2": ["signed"] * 8 + ["awaiting", "todo"],
    "agefo-3": ["signed"] * 4 + ["awaiting"] * 2 + ["draft"] * 2 + ["todo"] * 2,
    "agefo-4": ["signed"] * 2 + ["draft"] * 2 + ["todo"] * 6,
    "agefo-5": ["signed"] + ["draft"] * 2 + ["todo"] * 7,
}


def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


class Answers:
    """Each template's complete demo answers, made distinct per pair (so are the digests)."""

    def __init__(self):
        from forms_workflow import demo

        self.demo = demo
        self.base = {}

    def complete(self, template, index: int) -> dict:
        if template.pk not in self.base:
            self.base[template.pk] = self.demo.demo_answers(template.schema)
        answers = dict(self.base[template.pk])
        for key, value in answers.items():
            if value == self.demo.TEXT:
                answers[key] = f"{value} Paire {index}."
                break
        return answers

    def half(self, template, index: int) -> dict:
        answers = self.complete(template, index)
        return dict(list(answers.items())[: len(answers) // 2])


def checklist(index: int) -> dict:
    """What `services.checklist_evidence` stores on the checklist (agefo-5), without its queries."""
    from forms_workflow.schema import EVIDENCE_KEYS

    return {
        key: {"met": (index + n) % 3 != 0, "text": f"Constat {n} de la paire {index}."}
        for n, key in enumerate(EVIDENCE_KEYS)
    }


def make_cohort(program, pairs: int, state_of, answers: Answers, *, closed=False):
    """A cohort of `pairs` pairs (bulk-created) with their five pair forms; `state_of(index,
    family)` is "signed", "awaiting", "draft" or "todo". Returns the cohort."""
    from accounts.models import User
    from forms_workflow import services
    from forms_workflow.models import (
        FilledBy,
        FormSubmission,
        ProgramForm,
        Scope,
        Signature,
        SubmissionStatus,
    )
    from matching.models import Answer, Pairing, PairingStatus
    from programs.models import Cohort, CohortPhase, Participant, ParticipantRole

    today = timezone.localdate()
    if closed:
        starts, ends = today - timedelta(days=420), today - timedelta(days=120)
    else:
        starts, ends = today - timedelta(days=100), today + timedelta(days=200)
    cohort = Cohort.objects.create(
        program=program,
        name=f"{starts.year}–{ends.year} ({pairs} paires)",
        starts_on=starts,
        ends_on=ends,
        phase=CohortPhase.CLOSED if closed else CohortPhase.ACTIVE,
    )
    tag = cohort.pk
    users = User.objects.bulk_create(
        (
            User(email=f"f{tag}-{i}@bench.example", full_name=f"Personne {tag}-{i}", password="!")
            for i in range(2 * pairs)
        ),
        batch_size=2000,
    )
    people = Participant.objects.bulk_create(
        (
            Participant(
                cohort=cohort,
                user=user,
                role=ParticipantRole.MENTOR if i % 2 == 0 else ParticipantRole.MENTEE,
                languages=["fr"],
            )
            for i, user in enumerate(users)
        ),
        batch_size=2000,
    )
    answered = timezone.now() - timedelta(days=(today - starts).days)
    pairings = Pairing.objects.bulk_create(
        (
            Pairing(
                mentor=people[2 * i],
                mentee=people[2 * i + 1],
                status=PairingStatus.CLOSED if closed else PairingStatus.ACTIVE,
                respond_by=answered,
                mentor_answer=Answer.ACCEPTED,
                mentee_answer=Answer.ACCEPTED,
                mentor_answered_at=answered,
                mentee_answered_at=answered,
                started_on=starts + timedelta(days=i % 95),
                closed_on=ends if closed else None,
            )
            for i in range(pairs)
        ),
        batch_size=2000,
    )
    columns = {
        pf.template.family: pf
        for pf in ProgramForm.objects.filter(program=program, scope=Scope.PAIR).select_related(
            "template"
        )
    }
    assert set(columns) == set(FAMILIES), sorted(columns)
    submissions, signers = [], []
    for index, pairing in enumerate(pairings):
        start = pairing.started_on
        # Four meetings held every two weeks for the pairs started long enough ago (form 4 falls
        # due two weeks after the fourth); the meetings themselves are not needed here.
        meetings = [
            timezone.make_aware(
                datetime.combine(start + timedelta(days=14 * k), datetime.min.time())
            )
            for k in range(1, 5)
            if start + timedelta(days=14 * k) < today
        ]
        for family in FAMILIES:
            program_form, state = columns[family], state_of(index, family)
            template = program_form.template
            due = services.due_date(program_form, cohort, pairing, meetings)
            person = None
            if program_form.filled_by == FilledBy.MENTOR:
                person = pairing.mentor
            elif program_form.filled_by == FilledBy.MENTEE:
                person = pairing.mentee
            submission = FormSubmission(
                program_form=program_form,
                template=template,
                pairing=pairing,
                participant=person,
                due_on=due,
            )
            roles = []
            if state in ("signed", "awaiting"):
                submission.answers = answers.complete(template, index)
                submission.revision = 3
                roles = list(program_form.signer_roles)
                if state == "awaiting":
                    assert len(roles) == 2, (family, state)
                    roles = roles[:1]
                    submission.status = SubmissionStatus.AWAITING
                else:
                    submission.status = SubmissionStatus.SIGNED
                    signed_on = min(start + timedelta(days=3 + index % 20), today)
                    submission.submitted_at = timezone.make_aware(
                        datetime.combine(signed_on, datetime.min.time()) + timedelta(hours=19)
                    )
            elif state == "draft":
                submission.answers = answers.half(template, index)
                submission.revision = 1
            if family == "agefo-5" and submission.revision:
                submission.evidence = checklist(index)
            submissions.append(submission)
            signers.append(roles)
    FormSubmission.objects.bulk_create(submissions, batch_size=1000)
    signatures = []
    for submission, roles in zip(submissions, signers, strict=True):
        if not roles:
            continue
        digest = services.content_digest(submission)  # the template is on the instance
        signed_at = submission.submitted_at or timezone.now() - timedelta(days=1)
        for role in roles:
            side = (
                submission.pairing.mentor if role == FilledBy.MENTOR else submission.pairing.mentee
            )
            signatures.append(
                Signature(
                    submission=submission,
                    signer_id=side.user_id,
                    role=role,
                    typed_name=side.user.full_name,
                    signed_at=signed_at,
                    revision=submission.revision,
                    digest=digest,
                )
            )
    Signature.objects.bulk_create(signatures, batch_size=2000)
    return cohort


def mixed(index: int, family: str) -> str:
    states = MIX[family]
    return states[(index * 7 + FAMILIES.index(family) * 3) % len(states)]


def captured(client, url) -> list[dict]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return ctx.captured_queries


def show_queries(label: str, queries: list[dict]) -> None:
    print(f"--- {label}: {len(queries)} queries")
    for n, query in enumerate(queries, 1):
        ms = float(query["time"]) * 1000
        sql = query["sql"] if ms >= 50 else query["sql"][:300]  # slow ones in full
        print(f"{n:3} {ms:8.2f} ms  {sql}")


def pdf_pages(data: bytes) -> int | None:
    if not shutil.which("pdfinfo"):
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        out = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def matrix_figures(client, base_ms, small, large) -> dict:
    small_url = reverse("forms_workflow:matrix", args=[small.pk])
    large_url = reverse("forms_workflow:matrix", args=[large.pk])
    small_ms, small_queries = timed(client, small_url, REPEAT)
    large_ms, large_queries = timed(client, large_url, REPEAT)
    late_ms, late_queries = timed(client, large_url + "?late=1", 5)
    last_ms, _ = timed(client, large_url + f"?page={-(-LARGE // 100)}", REPEAT)
    if small_queries != large_queries or large_ms > 300:
        show_queries(f"matrix, {SMALL} pairs", captured(client, small_url))
        show_queries(f"matrix, {LARGE} pairs", captured(client, large_url))
    if late_ms > 300 or late_queries != large_queries:
        show_queries(f"matrix, {LARGE} pairs, late only", captured(client, large_url + "?late=1"))
    return {
        "matrix_small_ms": round(small_ms, 2),
        "matrix_ms": round(large_ms, 2),
        "matrix_ratio": round(large_ms / base_ms, 1),
        "matrix_queries_small": small_queries,
        "matrix_queries_large": large_queries,
        "matrix_late_ms": round(late_ms, 2),
        "matrix_late_queries": late_queries,
        "matrix_last_page_ms": round(last_ms, 2),
    }


def pdf_figures(large) -> dict:
    from forms_workflow import views
    from forms_workflow.models import FormSubmission, SubmissionStatus
    from mentorat.pdf import plain_pdf, render_pdf

    submission_id = (
        FormSubmission.objects.filter(
            pairing__mentee__cohort=large,
            template__family="agefo-3",
            status=SubmissionStatus.SIGNED,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )

    def form_pdf() -> bytes:
        submission = (
            FormSubmission.objects.select_related(*views.SUBMISSION_RELATED)
            .prefetch_related("signatures__signer", "acknowledgements")
            .get(pk=submission_id)
        )
        with translation.override("fr"):
            return render_pdf(
                "forms_workflow/pdf.html",
                views.pdf_context(submission),
                title=submission.template.title,
            )

    def median_ms(render) -> tuple[float, bytes]:
        data = render()  # warm-up: fonts, templates
        samples = []
        for _ in range(PDF_REPEAT):
            start = time.perf_counter()
            data = render()
            samples.append(ms_since(start))
        return statistics.median(samples), data

    baseline_ms, _ = median_ms(plain_pdf)
    form_ms, data = median_ms(form_pdf)
    assert data.startswith(b"%PDF"), data[:8]
    return {
        "baseline_pdf_ms": round(baseline_ms, 1),
        "form_pdf_ms": round(form_ms, 1),
        "form_pdf_ratio": round(form_ms / baseline_ms, 1),
        "form_pdf_pages": pdf_pages(data),
        "form_pdf_kb": round(len(data) / 1024, 1),
    }


def verify_figures() -> dict:
    from forms_workflow import services

    start = time.perf_counter()
    results = list(services.verify_all(batch=VERIFY_BATCH))
    seconds = ms_since(start) / 1000
    assert len(results) == SIGNED_TARGET, len(results)
    assert all(ok for _, ok in results), [pk for pk, ok in results if not ok][:10]
    # Peak memory, not on the timed pass (tracemalloc slows Python down). verify_all holds one
    # batch of rows, two while it loads the next: the first batch change shows the peak, without
    # tracing all 10,000.
    tracemalloc.start()
    for _ in itertools.islice(services.verify_all(batch=VERIFY_BATCH), VERIFY_BATCH + 1):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "verify_10k_seconds": round(seconds, 2),
        "verify_peak_mb": round(peak / 2**20, 1),
    }


def main():
    from forms_workflow import demo, services
    from forms_workflow.models import FormSubmission, SubmissionStatus
    from programs.models import ProgramKind
    from tests.factories import MembershipFactory, ProgramFactory

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        services.install_builtin_templates()  # post_migrate did it; idempotent
        client = Client()
        with override_settings(ROOT_URLCONF="_common"):
            base_ms, _ = timed(client, "/baseline/", repeat=50)

        start = time.perf_counter()
        coordinator = MembershipFactory().user
        program = ProgramFactory(
            organization=coordinator.memberships.get().organization,
            kind=ProgramKind.NEW_SCHOOL_LEADERS,
        )
        demo.configure(program, ProgramKind.NEW_SCHOOL_LEADERS)
        answers = Answers()
        small = make_cohort(program, SMALL, mixed, answers)
        large = make_cohort(program, LARGE, mixed, answers)
        needed = (
            SIGNED_TARGET - FormSubmission.objects.filter(status=SubmissionStatus.SIGNED).count()
        )
        make_cohort(
            program,
            -(-needed // len(FAMILIES)),
            lambda i, family: "signed" if i * 5 + FAMILIES.index(family) < needed else "draft",
            answers,
            closed=True,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        setup_s = ms_since(start) / 1000
        in_large = FormSubmission.objects.filter(pairing__mentee__cohort=large)
        counts = {
            key: in_large.filter(status=status).count()
            for key, status in (
                ("signed", SubmissionStatus.SIGNED),
                ("awaiting", SubmissionStatus.AWAITING),
                ("draft", SubmissionStatus.DRAFT),
            )
        }
        counts["overdue"] = (
            in_large.exclude(status=SubmissionStatus.SIGNED)
            .filter(due_on__lt=timezone.localdate())
            .count()
        )

        client.force_login(coordinator)
        figures = {"baseline_view_ms": round(base_ms, 3)}
        figures.update(matrix_figures(client, base_ms, small, large))
        figures.update(pdf_figures(large))
        figures.update(verify_figures())
        figures["setup_seconds"] = round(setup_s, 1)

        print(
            f"{LARGE} pairs × {len(FAMILIES)} forms ({counts['signed']} signed, "
            f"{counts['awaiting']} awaiting, {counts['draft']} drafts or to do, "
            f"{counts['overdue']} overdue); {SIGNED_TARGET:,} signed in all; on "
            f"{connection.vendor}; built in {setup_s:.1f} s"
        )
        rows = [
            ("baseline view", base_ms, "ms", 0, ""),
            (
                f"matrix, {SMALL} pairs",
                figures["matrix_small_ms"],
                "ms",
                figures["matrix_queries_small"],
                "",
            ),
            (
                f"matrix, {LARGE} pairs",
                figures["matrix_ms"],
                "ms",
                figures["matrix_queries_large"],
                f"target <= 300 ms, same queries; x{figures['matrix_ratio']} baseline",
            ),
            (
                f"matrix, {LARGE} pairs, late only",
                figures["matrix_late_ms"],
                "ms",
                figures["matrix_late_queries"],
                "",
            ),
            (f"matrix, {LARGE} pairs, last page", figures["matrix_last_page_ms"], "ms", "", ""),
            ("PDF baseline (one page)", figures["baseline_pdf_ms"], "ms", "", ""),
            (
                "PDF, learning plan (agefo-3)",
                figures["form_pdf_ms"],
                "ms",
                "",
                f"target <= 1 s; x{figures['form_pdf_ratio']} baseline, "
                f"{figures['form_pdf_pages']} pages",
            ),
            (
                f"verify {SIGNED_TARGET:,} signed",
                figures["verify_10k_seconds"],
                "s",
                "",
                f"target <= 5 s; peak {figures['verify_peak_mb']} MB",
            ),
        ]
        print(f"{'what':34} {'value':>9} {'':2} {'queries':>8}  note")
        for name, value, unit, queries, note in rows:
            print(f"{name:34} {value:9.2f} {unit:2} {queries!s:>8}  {note}")
        print(json.dumps(figures))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
