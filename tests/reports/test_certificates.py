"""Certificates: who met the conditions, issuing once, the PDF, the public check (genuine,
revoked, unknown, malformed), revoking with a reason."""

import subprocess

import pytest
from django.urls import reverse

from accounts.models import Notification
from reports import certificates
from reports.models import Certificate
from tests.reports.conftest import grow

pytestmark = pytest.mark.django_db


def test_only_those_who_met_the_conditions_are_issued_a_certificate(cohort, claire):
    policy = certificates.policy_for(cohort.program)
    policy.min_meetings, policy.forms_signed = 3, False
    policy.save()
    enough = grow(cohort, 2, held=3)
    short = grow(cohort, 1, held=2)
    issued = certificates.issue(cohort, by=claire)
    holders = {c.participant_id for c in issued}
    assert holders == {p.mentor_id for p in enough} | {p.mentee_id for p in enough}
    standing = next(s for s in certificates.standings(cohort) if s.participant == short[0].mentee)
    assert standing.missing == ["Rencontres tenues\u00a0: 2 sur 3."]
    assert certificates.issue(cohort, by=claire) == []  # once
    assert Notification.objects.filter(key__startswith="certificate:").count() == 4


def test_the_certificate_pdf_carries_its_code(cohort, claire, client):
    policy = certificates.policy_for(cohort.program)
    policy.min_meetings, policy.forms_signed = 1, False
    policy.save()
    (pair,) = grow(cohort, 1, held=2)
    certificates.issue(cohort, by=claire)
    mine = Certificate.objects.get(participant=pair.mentee)
    client.force_login(pair.mentee.user)
    response = client.get(reverse("reports:certificate_pdf", args=[mine.pk]))
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Attestation de participation" in text
    assert pair.mentee.user.full_name in text
    assert mine.code in text
    # the partner's certificate is not theirs
    other = Certificate.objects.get(participant=pair.mentor)
    assert client.get(reverse("reports:certificate_pdf", args=[other.pk])).status_code == 404


@pytest.fixture
def certificate(cohort, claire):
    policy = certificates.policy_for(cohort.program)
    policy.min_meetings, policy.forms_signed = 1, False
    policy.save()
    (pair,) = grow(cohort, 1, held=1)
    certificates.issue(cohort, by=claire, participant_ids={pair.mentee_id})
    return Certificate.objects.get()


def test_anyone_checks_a_code(client, certificate):
    url = reverse("reports:verify")
    typed = certificate.code.lower().replace("-", " ")  # as a parent might type it
    page = client.get(url, {"code": typed}).content.decode()
    assert "Cette attestation est authentique" in page
    assert certificate.holder_name in page
    unknown = client.get(url, {"code": "AAAA-BBBB-CCCC"}).content.decode()
    assert "Aucune attestation ne porte ce code" in unknown
    malformed = client.get(url, {"code": "<script>"})
    assert malformed.status_code == 200
    assert "Aucune attestation ne porte ce code" in malformed.content.decode()
    assert "<script>" not in malformed.content.decode().split("<main")[1]


def test_a_revoked_code_says_so_with_the_reason(coordinator_client, client, certificate):
    url = reverse("reports:revoke", args=[certificate.pk])
    empty = coordinator_client.post(url, {"reason": "  "})
    assert empty.status_code == 400
    assert "Ce champ est obligatoire" in empty.content.decode()
    certificate.refresh_from_db()
    assert certificate.is_valid
    coordinator_client.post(url, {"reason": "Émise par erreur"})
    certificate.refresh_from_db()
    assert not certificate.is_valid
    page = client.get(reverse("reports:verify"), {"code": certificate.code}).content.decode()
    assert "Cette attestation a été révoquée" in page
    assert "Émise par erreur" in page
    pdf = reverse("reports:certificate_pdf", args=[certificate.pk])
    assert coordinator_client.get(pdf).status_code == 404  # a revoked certificate is not handed out


def test_the_certificates_page_queries_do_not_grow(coordinator_client, cohort):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    grow(cohort, 3)
    url = reverse("reports:certificates", args=[cohort.pk])
    coordinator_client.get(url)  # the program's conditions, made with their defaults
    with CaptureQueriesContext(connection) as small:
        coordinator_client.get(url)
    grow(cohort, 20)
    with CaptureQueriesContext(connection) as large:
        coordinator_client.get(url)
    assert len(large) == len(small)
