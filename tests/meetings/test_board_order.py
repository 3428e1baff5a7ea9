"""The follow-up board at size: red, then amber, then green, each from the oldest contact (never
first), read page by page from one index that the database walks without sorting the cohort;
the page count comes from the per-colour counts unless a filter needs its own."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from matching.models import Pairing, PairingStatus
from meetings import health
from meetings.filters import BoardFilter
from meetings.models import HealthColor, PairHealth
from programs.models import ParticipantRole
from tests.conftest import require_service
from tests.factories import ParticipantFactory

PAIRS = 62  # two pages of 50


@pytest.fixture
def big_cohort(leaders):
    """62 followed pairs whose stored health is set row by row: colours in turn, contacts on
    different days, some never."""
    cohort = leaders[0]
    now = timezone.now()
    pairs = []
    for index in range(PAIRS):
        pairs.append(
            Pairing.objects.create(
                mentor=ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTOR),
                mentee=ParticipantFactory(cohort=cohort, user__full_name=f"Élève {index:02d}"),
                status=PairingStatus.PAUSED if index % 9 == 0 else PairingStatus.ACTIVE,
                respond_by=now,
                started_on=timezone.localdate() - timedelta(days=90),
            )
        )
    health.refresh(Pairing.objects.filter(pk__in=[p.pk for p in pairs]))
    colours = [HealthColor.GREEN, HealthColor.AMBER, HealthColor.RED]
    for index, pairing in enumerate(pairs):
        PairHealth.objects.filter(pairing=pairing).update(
            color=colours[index % 3],
            last_contact=None if index % 7 == 0 else now - timedelta(days=(index * 11) % 40),
        )
    return cohort, pairs


def expected_order(pairs):
    rank = {HealthColor.RED: 0, HealthColor.AMBER: 1, HealthColor.GREEN: 2}
    states = {h.pairing_id: h for h in PairHealth.objects.filter(pairing__in=pairs)}

    def key(pairing):
        state = states[pairing.pk]
        never = state.last_contact is None
        return (rank[state.color], not never, state.last_contact or timezone.now(), pairing.pk)

    return [p.mentee.user.full_name for p in sorted(pairs, key=key)]


def shown(html: str) -> list[str]:
    return [part.split("</a>")[0] for part in html.split(" → ")[1:]]


def test_each_stored_health_keeps_its_pair_s_cohort(big_cohort):
    cohort, pairs = big_cohort
    assert set(PairHealth.objects.values_list("cohort", flat=True)) == {cohort.pk}


def test_the_board_reads_red_then_amber_then_green_oldest_contact_first_page_by_page(
    client, claire, big_cohort
):
    cohort, pairs = big_cohort
    client.force_login(claire)
    url = reverse("meetings:board", args=[cohort.pk])
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert shown(first) + shown(second) == expected_order(pairs)
    assert len(shown(first)) == 50
    assert "Page 1 sur 2" in first
    assert "Page 2 sur 2" in second
    counts = health.board_counts(cohort)
    assert sum(counts.values()) == PAIRS
    assert f"Suivi requis\u00a0: {counts['red']}</span>" in first


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ({}, lambda p, s: True),
        ({"health": "amber"}, lambda p, s: s.color == HealthColor.AMBER),
        ({"status": "paused"}, lambda p, s: p.status == PairingStatus.PAUSED),
        ({"person": "Élève 1"}, lambda p, s: p.mentee.user.full_name.startswith("Élève 1")),
        ({"health": "red", "person": "Élève"}, lambda p, s: s.color == HealthColor.RED),
    ],
)
def test_the_page_count_is_that_of_the_rows_the_filter_keeps(big_cohort, query, kept):
    cohort, pairs = big_cohort
    states = {h.pairing_id: h for h in PairHealth.objects.all()}
    board_filter = BoardFilter(query, queryset=health.board_pairs(cohort))
    known = board_filter.known_total(health.board_counts(cohort))
    expected = sum(1 for p in pairs if kept(p, states[p.pk]))
    assert board_filter.qs.count() == expected
    assert known in (None, expected)  # the counts answer only when they can
    assert (known is None) == bool({"status", "person"} & set(query))


def test_a_pair_started_since_the_hourly_refresh_is_counted_and_shown(client, claire, big_cohort):
    cohort, pairs = big_cohort
    late = Pairing.objects.create(
        mentor=ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTOR),
        mentee=ParticipantFactory(cohort=cohort, user__full_name="Arrivée Récente"),
        status=PairingStatus.ACTIVE,
        respond_by=timezone.now(),
        started_on=timezone.localdate(),
    )
    client.force_login(claire)
    url = reverse("meetings:board", args=[cohort.pk])
    pages = client.get(url).content.decode() + client.get(url, {"page": 2}).content.decode()
    assert "Arrivée Récente" in pages
    assert PairHealth.objects.get(pairing=late).cohort == cohort
    assert sum(health.board_counts(cohort).values()) == PAIRS + 1


def test_on_postgresql_the_board_walks_its_index_without_sorting_the_cohort(big_cohort):
    """The database may choose a sort for a table this small; with sorting priced out, the
    plan shows whether the index gives the board's order (a Sort node would mean it cannot)."""
    require_service(
        "PostgreSQL", connection.vendor == "postgresql", "DATABASE_URL is not a PostgreSQL URL"
    )
    cohort, _ = big_cohort
    rows = BoardFilter({}, queryset=health.board_pairs(cohort)).qs[:50]
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "pairhealth_cohort_rank" in plan, plan
    assert "Sort" not in plan, plan
