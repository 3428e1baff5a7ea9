"""The PDFs, read back with pdftotext and pdfinfo: titles, accents, figures that match the
database, page counts; what a dossier and a parent's summary leave out."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, PrivateNote
from reports import documents, jobs, stats
from reports.models import JobStatus, ReportJob, ReportKind
from tests.factories import CohortFactory
from tests.reports.conftest import ask_cohort_report, close, grow

pytestmark = pytest.mark.django_db


def text_of(data: bytes, layout=True) -> str:
    options = ["-layout"] if layout else []
    return subprocess.run(
        ["pdftotext", *options, "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def pages_of(data: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True)
    line = next(x for x in info.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def test_the_cohort_report_says_what_the_database_holds(cohort):
    pairs = grow(cohort, 7, held=4, missed=1)
    close(pairs[0])
    built = documents.scope_report(stats.cohort_scope(cohort), ReportKind.COHORT)
    text = text_of(built.data)
    assert pages_of(built.data) == built.pages >= 3
    assert "Rapport de cohorte : Persévérance au secondaire — 2026-2027" in " ".join(text.split())
    assert "Centre de services scolaire des Érables".upper() in text.upper()
    compact = " ".join(text.split())
    # the key figures: a row of four numbers, then their four labels
    reading = text_of(built.data, layout=False).replace("\u00a0", " ")
    first_row = reading.split("En un coup d’œil")[1].split("jumelages formés")[0].split()
    assert first_row == ["7", "6", "0", "0"]  # formed, under way, completed, re-matched
    second_row = reading.split("mentorés rejumelés")[1].split("rencontres tenues")[0]
    assert second_row.split() == ["28", "4,0", "80", "%", "1"]  # held, per pair, attendance
    assert "Élève Gagné" in reading  # the appendix lists every pair, accents kept
    assert "Une relation centrée sur toi" in compact  # the survey's results
    assert f"Page {built.pages} / {built.pages}" in text


def test_an_empty_cohort_gives_a_clear_empty_report(program):
    empty = CohortFactory(program=program, name="2027-2028")
    built = documents.scope_report(stats.cohort_scope(empty), ReportKind.COHORT)
    text = " ".join(text_of(built.data).split())
    assert "Rien à présenter pour l’instant" in text
    assert built.pages >= 1


def test_the_dossier_leaves_private_notes_out(cohort):
    (pair,) = grow(cohort, 1, held=2)
    meeting = Meeting.objects.filter(pairing=pair).first()
    PrivateNote.objects.create(meeting=meeting, author=pair.mentor.user, text="Secret de Marc")
    built = documents.dossier(pair)
    text = text_of(built.data)
    assert "Dossier du jumelage" in text
    assert pair.mentee.user.full_name in text
    assert "Méthodes de travail" in text  # the log the pair shares with the coordination
    assert "scolaire, personnelle ou bien-être" in " ".join(text.split())
    assert "Secret de Marc" not in text


def test_the_parent_summary_tells_meetings_not_their_content(cohort):
    (pair,) = grow(cohort, 1, held=3)
    data = documents.parent_summary_pdf(pair, "fr")
    text = " ".join(text_of(data).split())
    assert "3 rencontres tenues" in text
    assert pair.mentor.user.full_name in text
    assert "Méthodes de travail" not in text  # what the pair discussed stays between them


def test_a_report_job_builds_the_pdf_and_mails_the_link(cohort, claire):
    grow(cohort, 3)
    job, created = ask_cohort_report(cohort, claire)
    assert created
    jobs.build(job.pk)  # what the worker does (tests run it in the process)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.progress == 100
    assert job.pages >= 2
    assert job.expires_at > job.finished_at
    from accounts.models import Notification

    assert Notification.objects.filter(user=claire, key=f"report:{job.pk}").count() == 1


def test_asking_twice_while_it_runs_returns_the_running_one(cohort, claire):
    args = {
        "organization": cohort.program.organization,
        "language": "fr",
        "cohort": cohort,
        "program": cohort.program,
    }
    first, created = jobs.request(claire, ReportKind.COHORT, **args)
    again, created_again = jobs.request(claire, ReportKind.COHORT, **args)
    assert created
    assert not created_again
    assert again.pk == first.pk
    english, created_english = jobs.request(claire, ReportKind.COHORT, **{**args, "language": "en"})
    assert created_english
    assert english.pk != first.pk


def test_a_failed_render_says_so_and_can_be_retried(cohort, claire, monkeypatch, client):
    grow(cohort, 2)

    def broken(*args, **kwargs):
        raise ValueError("mise en page impossible")

    monkeypatch.setattr(documents, "scope_report", broken)
    job, _created = ask_cohort_report(cohort, claire)
    jobs.build(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "ValueError" in job.error
    client.force_login(claire)
    page = client.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert "Le rapport n’a pas pu être produit" in page
    monkeypatch.undo()
    response = client.post(reverse("reports:retry", args=[job.pk]))
    retried = ReportJob.objects.exclude(pk=job.pk).get()
    assert response["Location"] == retried.get_absolute_url()
    jobs.build(retried.pk)
    retried.refresh_from_db()
    assert retried.status == JobStatus.DONE


def test_the_progress_part_polls_until_the_job_is_finished(cohort, claire, client):
    job, _created = ask_cohort_report(cohort, claire)
    client.force_login(claire)
    url = reverse("reports:job_status", args=[job.pk])
    waiting = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in waiting
    assert 'role="progressbar"' in waiting
    jobs.build(job.pk)
    ready = client.get(url).content.decode()
    assert "hx-trigger" not in ready
    assert reverse("reports:download", args=[job.pk]) in ready
    download = client.get(reverse("reports:download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")


def test_expired_files_are_removed(cohort, claire, time_machine):
    from django.core.files.storage import default_storage

    job, _created = ask_cohort_report(cohort, claire)
    jobs.build(job.pk)
    job.refresh_from_db()
    name = job.file.name
    assert default_storage.exists(name)
    assert jobs.remove_expired() == 0
    time_machine.move_to(timezone.now() + jobs.retention() + jobs.retention() / 10)
    assert jobs.remove_expired() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.EXPIRED
    assert not default_storage.exists(name)


def test_a_stalled_job_is_queued_again_and_finishes_once(
    cohort, claire, time_machine, django_capture_on_commit_callbacks
):
    job, _created = ask_cohort_report(cohort, claire)
    claimed = jobs.claim(job.pk)  # a worker took it, then died
    assert claimed.attempts == 1
    assert jobs.claim(job.pk) is None  # alive: nobody else takes it
    time_machine.move_to(timezone.now() + jobs.stale_after() * 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.resume_stalled() == 1  # eager in tests: built after the commit
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.attempts == 2
    assert jobs.build(job.pk) == {"job": job.pk, "built": False}  # a late redelivery: nothing
