"""Journeys of the reports, in French and English: the coordinator opens her cohort's dashboard,
reads its charts and their tables, asks for the cohort report and downloads it once the worker
has built it (the progress bar turns into the link by htmx polling); a parent checks a
certificate's code on the public page; a mentee answers a questionnaire from her portal."""

import re
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from forms_workflow import schema as schemas
from forms_workflow import services as forms_services
from mentorat.typography import typo
from reports import certificates, jobs, surveys
from reports.models import Certificate, JobStatus, ReportJob, SurveyResponse, SurveyWave
from tests.browser.conftest import sign_in, text
from tests.reports.conftest import grow

pytestmark = pytest.mark.browser

YCR = "youth-centered-relationship"
# Interface texts: the English msgid, then its French in locale/fr.
REPORTS_CARD = ("Reports and evaluation", "Rapports et évaluation")
DASHBOARD = ("Dashboard", "Tableau de bord")
AT_A_GLANCE = ("At a glance", "En un coup d’œil")
PAIRS_FORMED = ("Pairs formed", "Jumelages formés")
AS_A_TABLE = ("The figures as a table", "Les chiffres sous forme de tableau")
BUILD_REPORT = ("Build the cohort report (PDF)", "Produire le rapport de cohorte (PDF)")
BEING_BUILT = ("Your report is being built", "Votre rapport est en préparation")
WAITING = ("Waiting for a worker", "En attente de traitement")
DOWNLOAD = ("Download the PDF", "Télécharger le PDF")
COHORT_REPORT = ("Cohort report", "Rapport de cohorte")
CHECK = ("Check", "Vérifier")
CODE = ("Verification code", "Code de vérification")
GENUINE = ("This certificate is genuine", "Cette attestation est authentique")
UNKNOWN = ("No certificate has this code", "Aucune attestation ne porte ce code")
ANSWER_THE_QUESTIONNAIRE = ("Answer the questionnaire", "Répondre au questionnaire")
ANSWER = ("Answer", "Répondre")
SEND_ANSWERS = ("Send my answers", "Envoyer mes réponses")
CORRECT = ("Please correct the following", "Veuillez corriger ce qui suit")
THANK_YOU = ("Thank you", "Merci")
TO_DO = ("To do", "À faire")


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def held_worker(monkeypatch):
    """The report's task is queued but not run (as when every worker is busy): the test plays
    the worker with `jobs.build`, while the page polls for the job's progress."""
    queued = []
    monkeypatch.setattr("reports.tasks.build_report.delay_on_commit", queued.append)
    return queued


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_coordinator_reads_the_dashboard_and_downloads_the_cohort_report(
    page: Page, claire, cohort, held_worker, shot, lang
):
    grow(cohort, 6)
    sign_in(page, claire.email, lang=lang)
    page.goto(f"/{lang}" + reverse("coordination:cohort_hub", args=[cohort.pk])[3:])
    card = page.get_by_role("region", name=text(*REPORTS_CARD))
    card.get_by_role("link", name=text(*DASHBOARD)).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/rapports/cohortes/{cohort.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(cohort.name)

    # the key figures: six pairs formed
    expect(page.get_by_role("heading", name=text(*AT_A_GLANCE))).to_be_visible()
    formed = page.locator(".key-figures > div").filter(has_text=text(*PAIRS_FORMED, exact=False))
    expect(formed.get_by_role("definition")).to_have_text("6")

    # each chart is an image whose text alternative points to its table
    charts = page.locator("figure.chart")  # the pulse of one month is no series: five
    expect(charts).to_have_count(5)
    funnel = charts.first
    image = funnel.get_by_role("img")
    expect(image).to_have_attribute(
        "alt",
        re.compile(r"table below gives its figures|tableau ci-dessous en donne les chiffres"),
    )
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    table = funnel.get_by_role("table")
    expect(table).to_be_hidden()
    funnel.get_by_text(text(*AS_A_TABLE)).click()
    expect(table).to_be_visible()
    expect(table.get_by_role("row")).not_to_have_count(0)
    shot(page, f"dashboard-{lang}")

    # ask for the report: the job's page shows its progress while no worker has taken it
    page.get_by_role("button", name=text(*BUILD_REPORT)).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/rapports/demandes/\d+/$"))
    expect(page.get_by_role("status").first).to_contain_text(text(*BEING_BUILT, exact=False))
    progress = page.get_by_role("progressbar", name=text(*WAITING))
    expect(progress).to_be_visible()
    download = page.get_by_role("link", name=text(*DOWNLOAD))
    expect(download).to_have_count(0)
    shot(page, f"job-waiting-{lang}")

    # the worker builds it; htmx polls every second and the bar becomes the download link.
    # The live server shares the test's in-memory SQLite connection: the polls are held by a
    # route (answered by Playwright only between its calls) while this thread builds.
    (job_id,) = held_worker
    polled = re.compile(rf"/rapports/demandes/{job_id}/etat/$")
    page.route(polled, lambda route: route.continue_())
    with page.expect_response(polled):  # the page polls; nothing is left in flight after it
        pass
    built = jobs.build(job_id)
    assert built["built"], ReportJob.objects.get(pk=job_id).error
    expect(download).to_be_visible()
    expect(progress).to_have_count(0)
    shot(page, f"job-done-{lang}")
    with page.expect_download() as info:
        download.click()
    data = info.value.path().read_bytes()
    assert data.startswith(b"%PDF-")
    assert any(title in pdf_text(data) for title in COHORT_REPORT)
    job = ReportJob.objects.get(pk=job_id)
    assert (job.status, job.language, job.requested_by) == (JobStatus.DONE, lang, claire)


@pytest.fixture
def certificate(cohort, claire):
    policy = certificates.policy_for(cohort.program)
    policy.min_meetings, policy.forms_signed = 1, False
    policy.save()
    (pair,) = grow(cohort, 1)
    certificates.issue(cohort, by=claire)
    return Certificate.objects.get(participant=pair.mentee)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_parent_checks_a_certificate_code(page: Page, certificate, shot, lang):
    page.goto(f"/{lang}" + reverse("reports:verify")[3:])
    # typed as read aloud: lower case, spaces instead of dashes
    typed = certificate.code.lower().replace("-", " ")
    page.get_by_label(text(*CODE)).fill(typed)
    page.get_by_role("button", name=text(*CHECK)).click()
    genuine = page.get_by_role("heading", name=text(*GENUINE))
    expect(genuine).to_be_visible()
    expect(page.locator(".alert-success")).to_contain_text(certificate.holder_name)
    shot(page, f"verify-genuine-{lang}")

    # a code that no certificate has
    wrong = "ZZZZ-ZZZZ-ZZZZ" if certificate.code != "ZZZZ-ZZZZ-ZZZZ" else "YYYY-YYYY-YYYY"
    page.get_by_label(text(*CODE)).fill(wrong)
    page.get_by_role("button", name=text(*CHECK)).click()
    expect(page.get_by_role("heading", name=text(*UNKNOWN))).to_be_visible()
    expect(genuine).to_have_count(0)
    expect(page.get_by_text(certificate.holder_name)).to_have_count(0)


def ycr_labels() -> tuple[list[str], str]:
    """The French labels of the YCR items, and of their "Very true" level."""
    schema = forms_services.builtin(YCR).schema
    with translation.override("fr"):
        questions = schemas.answered_questions(schema)
        labels = [typo(schemas.pick(q["label"]), "fr") for q in questions]
        very_true = typo(schemas.pick(questions[0]["scale"][-1]["label"]), "fr")
    return labels, very_true


def test_a_mentee_answers_a_questionnaire_from_her_portal(page: Page, claire, lea, cohort, shot):
    survey = surveys.send(
        cohort,
        forms_services.builtin(YCR),
        SurveyWave.MID,
        "mentees",
        timezone.localdate() + timedelta(days=10),
        by=claire,
    )
    labels, very_true = ycr_labels()
    sign_in(page, lea.email)
    todo = page.get_by_role("region", name=text(*TO_DO))
    action = todo.get_by_role("listitem").filter(
        has_text=text(*ANSWER_THE_QUESTIONNAIRE, exact=False)
    )
    expect(action).to_have_count(1)
    action.get_by_role("link", name=text(*ANSWER)).click()
    expect(page).to_have_url(re.compile(r"/fr/rapports/reponses/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("échelle YCR")

    # four items answered, the last one forgotten
    for label in labels[:-1]:
        page.get_by_role("group", name=text(label)).get_by_role(
            "radio", name=text(very_true)
        ).check()
    page.get_by_role("button", name=text(*SEND_ANSWERS)).click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(text(*CORRECT, exact=False))
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(summary.get_by_role("link")).to_contain_text(labels[-1][:20])
    for label in labels[:-1]:
        expect(
            page.get_by_role("group", name=text(label)).get_by_role("radio", name=text(very_true))
        ).to_be_checked()
    shot(page, "answer-errors")
    assert SurveyResponse.objects.get(survey=survey).submitted_at is None

    # she completes and sends
    page.get_by_role("group", name=text(labels[-1])).get_by_role(
        "radio", name=text(very_true)
    ).check()
    page.get_by_role("button", name=text(*SEND_ANSWERS)).click()
    expect(page).to_have_url(re.compile(r"/fr/portail/$"))
    expect(page.get_by_role("status").first).to_contain_text(text(*THANK_YOU, exact=False))
    expect(
        page.get_by_role("listitem").filter(has_text=text(*ANSWER_THE_QUESTIONNAIRE, exact=False))
    ).to_have_count(0)
    response = SurveyResponse.objects.get(survey=survey)
    assert response.submitted_at is not None
    assert response.answers == {key: 4 for key in response.answers}
    assert len(response.answers) == len(labels)
