"""The dashboard: figures that match the database, charts each with their table, a funder
filter, an empty cohort that says so, and a number of queries that does not grow with pairs."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting, MeetingStatus
from reports import charts, stats
from reports.models import Funder
from tests.factories import CohortFactory
from tests.reports.conftest import close, grow

pytestmark = pytest.mark.django_db


def test_figures_match_the_database(cohort):
    pairs = grow(cohort, 6, held=4, missed=1)
    close(pairs[0])
    figures = stats.dashboard(stats.cohort_scope(cohort))
    assert figures["pairs"]["formed"] == 6
    assert figures["pairs"]["closed"] == 1
    assert figures["pairs"]["reasons"] == [{"label": "Ça ne fonctionne pas", "count": 1}] or (
        figures["pairs"]["reasons"][0]["count"] == 1
    )
    assert figures["meetings"]["held"] == Meeting.objects.filter(status=MeetingStatus.HELD).count()
    assert figures["meetings"]["held"] == 24
    assert figures["meetings"]["attendance_percent"] == 80  # 24 held of 30 planned
    assert figures["meetings"]["mean_per_pair"] == 4.0
    months = figures["meetings"]["months"]
    assert sum(m["held"] for m in months) == 24
    assert sum(m["missed"] for m in months) == 6
    assert [m["month"] for m in months] == sorted(m["month"] for m in months)
    per_pair = {row["label"]: row["count"] for row in figures["meetings"]["per_pair"]}
    assert per_pair["3 à 5"] == 6
    funnel = {row["key"]: row["count"] for row in figures["funnel"]}
    assert funnel["invited"] == 12
    assert funnel["paired"] == 12
    (survey,) = figures["surveys"]
    assert (survey["answered"], survey["score"]) == (6, 3.0)


def test_a_rematched_mentee_is_counted_once(cohort):
    first, _other = grow(cohort, 2)
    close(first)
    from tests.factories import PairingFactory

    PairingFactory(mentor=_other.mentor, mentee=first.mentee)
    assert stats.pairs(stats.cohort_scope(cohort))["rematched"] == 1


def test_every_chart_has_a_table_with_the_same_figures(cohort):
    grow(cohort, 5, held=2)
    drawn = charts.dashboard_charts(stats.dashboard(stats.cohort_scope(cohort)))
    keys = {chart.key for chart in drawn}
    assert keys >= {"funnel", "health", "months", "per_pair", "forms"}
    assert "pulse" not in keys  # one month of pulse is not a series yet
    health = next(chart for chart in drawn if chart.key == "health")
    assert health.rows[0] == ["Ça va bien", "5"] or health.rows[0][1] == "5"
    for chart in drawn:
        assert "<script" not in chart.svg_markup  # a drawing, nothing that runs
        assert chart.svg_markup.startswith("<svg")
        assert chart.data_uri.startswith("data:image/svg+xml;base64,")
        assert all(len(row) == len(chart.headers) for row in chart.rows)


def test_the_page_shows_each_chart_as_an_image_with_its_table(coordinator_client, cohort):
    grow(cohort, 5)
    response = coordinator_client.get(reverse("reports:cohort", args=[cohort.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    images = re.findall(r'<img src="data:image/svg\+xml;base64,[^"]+"[^>]*alt="([^"]+)"', html)
    assert len(images) >= 4
    assert all("tableau" in alt for alt in images)  # the alternative says where the figures are
    assert html.count("<details") == len(images)
    assert "Jumelages formés" in html


def test_an_empty_cohort_says_so(coordinator_client, program):
    empty = CohortFactory(program=program)
    response = coordinator_client.get(reverse("reports:cohort", args=[empty.pk]))
    assert response.status_code == 200
    assert "Rien à présenter pour l’instant" in response.content.decode()


def test_the_funder_filter(coordinator_client, cohort, program, org_a):
    grow(cohort, 5)
    funder = Funder.objects.create(organization=org_a, name="Fondation Avenir")
    other = Funder.objects.create(organization=org_a, name="Autre bailleur")
    funder.cohorts.add(cohort)
    url = reverse("reports:program", args=[program.pk])
    funded = coordinator_client.get(url, {"funder": funder.pk}).content.decode()
    not_funded = coordinator_client.get(url, {"funder": other.pk}).content.decode()
    assert "Financé par Fondation Avenir" in funded
    assert ">5</dd>" in funded  # the five pairs
    assert ">0</dd>" in not_funded
    assert ">5</dd>" not in not_funded


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["reports:cohort", "reports:cohort_analysis", "reports:surveys"])
def test_queries_do_not_grow_with_pairs(coordinator_client, cohort, name):
    grow(cohort, 5)
    url = reverse(name, args=[cohort.pk])
    small = _queries(coordinator_client, url)
    grow(cohort, 25, held=5, academic=False)
    assert _queries(coordinator_client, url) == small


def test_program_dashboard_queries_do_not_grow_with_cohorts(coordinator_client, cohort, program):
    grow(cohort, 5)
    url = reverse("reports:program", args=[program.pk])
    small = _queries(coordinator_client, url)
    grow(CohortFactory(program=program), 8)
    grow(CohortFactory(program=program), 8)
    assert _queries(coordinator_client, url) == small


def test_another_organization_sees_nothing(client, oscar, cohort):
    grow(cohort, 5)
    client.force_login(oscar)
    for name in ("reports:cohort", "reports:cohort_analysis", "reports:surveys"):
        assert client.get(reverse(name, args=[cohort.pk])).status_code == 404
    assert client.get(reverse("reports:program", args=[cohort.program.pk])).status_code == 404


def test_the_pulse_is_drawn_as_a_series_from_two_months(cohort):
    from datetime import timedelta

    from django.utils import timezone

    from meetings.models import Pulse

    pairs = grow(cohort, 3)
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    for pair in pairs:
        for person in (pair.mentor, pair.mentee):
            Pulse.objects.create(pairing=pair, rater=person.user, month=last_month, rating=6)
    drawn = charts.dashboard_charts(stats.dashboard(stats.cohort_scope(cohort)))
    (pulse,) = [chart for chart in drawn if chart.key == "pulse"]
    assert [row[1] for row in pulse.rows] == ["6", "8"]  # the mean of each month, in order
