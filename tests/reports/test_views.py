"""Every report page: the same number of queries with 5 pairs as with 30, and what a pair's page
offers the coordination (its dossier) and nobody else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import certificates, jobs
from reports.models import Certificate, JobStatus, ReportJob, ReportKind
from tests.reports.conftest import ask_cohort_report, grow

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm: what a first visit creates (the certificate conditions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def built(cohort, claire):
    policy = certificates.policy_for(cohort.program)
    policy.min_meetings, policy.forms_signed = 1, False
    policy.save()
    grow(cohort, 5)
    certificates.issue(cohort, by=claire)
    job, _created = ask_cohort_report(cohort, claire)
    jobs.build(job.pk)
    return job


COORDINATION_PAGES = {
    "reports:home": lambda c, j: [],
    "reports:program": lambda c, j: [c.program.pk],
    "reports:cohort": lambda c, j: [c.pk],
    "reports:cohort_analysis": lambda c, j: [c.pk],
    "reports:program_analysis": lambda c, j: [c.program.pk],
    "reports:surveys": lambda c, j: [c.pk],
    "reports:survey": lambda c, j: [c.surveys.get().pk],
    "reports:certificates": lambda c, j: [c.pk],
    "reports:job": lambda c, j: [j.pk],
    "reports:job_status": lambda c, j: [j.pk],
    "reports:download": lambda c, j: [j.pk],
    "reports:cohort_export": lambda c, j: [c.pk, "pairs", "csv"],
    "reports:program_export": lambda c, j: [c.program.pk, "meetings", "xlsx"],
}


@pytest.mark.parametrize("name", sorted(COORDINATION_PAGES))
def test_coordination_pages_queries_do_not_grow(coordinator_client, cohort, built, name):
    url = reverse(name, args=COORDINATION_PAGES[name](cohort, built))
    small = queries(coordinator_client, url)
    grow(cohort, 25, held=4)
    assert queries(coordinator_client, url) == small


def test_a_participant_s_pages_do_not_grow(client, cohort, built):
    certificate = Certificate.objects.filter(participant__role="mentee").first()
    pair = certificate.participant.pairings_as_mentee.get()
    client.force_login(certificate.participant.user)
    urls = [
        reverse("reports:certificate_pdf", args=[certificate.pk]),
        reverse("programs:portal"),
    ]
    small = [queries(client, url) for url in urls]
    grow(cohort, 25, held=4)
    assert [queries(client, url) for url in urls] == small
    assert pair.pk


def test_the_verify_page_and_the_parent_summary_do_not_grow(client, cohort, claire, built):
    code = Certificate.objects.first().code
    verify = f"{reverse('reports:verify')}?code={code}"
    small = queries(client, verify)
    grow(cohort, 25)
    assert queries(client, verify) == small
    client.force_login(claire)
    pair = cohort.participants.filter(role="mentee").first().pairings_as_mentee.get()
    summary = reverse("reports:parent_summary", args=[pair.pk])
    small = queries(client, summary)
    grow(cohort, 10, held=6)
    assert queries(client, summary) == small


def test_the_pair_page_offers_the_dossier_to_the_coordination_only(
    client, cohort, claire, django_capture_on_commit_callbacks
):
    (pair,) = grow(cohort, 1)
    url = reverse("matching:pairing_detail", args=[pair.pk])
    client.force_login(pair.mentor.user)
    assert "Dossier du jumelage" not in client.get(url).content.decode()
    client.force_login(claire)
    page = client.get(url).content.decode()
    assert "Dossier du jumelage" in page
    assert "Résumé pour les parents" in page  # a program with minors
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:request"), {"kind": "dossier", "target": pair.pk})
    job = ReportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.DONE
    assert job.kind == ReportKind.DOSSIER
    assert job.pairing == pair


def test_another_organization_s_report_is_a_404(client, oscar, built):
    client.force_login(oscar)
    for name in ("reports:job", "reports:job_status", "reports:download"):
        assert client.get(reverse(name, args=[built.pk])).status_code == 404
    assert client.post(reverse("reports:retry", args=[built.pk])).status_code == 404
    forged = client.post(reverse("reports:request"), {"kind": "cohort", "target": built.cohort_id})
    assert forged.status_code == 404
    assert ReportJob.objects.count() == 1
