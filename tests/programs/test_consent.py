"""A guardian gives or withdraws consent; each decision records the page version they read."""

import pytest
from django.urls import reverse

from programs import services
from programs.models import ConsentDecision, ConsentRecord, GuardianLink
from tests.conftest import as_user
from tests.factories import PageVersionFactory


@pytest.fixture
def link(paul, lea):
    return GuardianLink.objects.get(guardian=paul)


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("claire", 404),
        ("oscar", 404),
        ("marc", 404),
        ("lea", 404),
        ("paul", 200),
        ("nina", 404),
        ("anon", 302),
    ],
)
def test_only_the_guardian_reaches_the_consent_page(client, cast, who, code):
    link = GuardianLink.objects.get(guardian=cast["paul"])
    response = as_user(client, cast, who).get(reverse("programs:consent", args=[link.pk]))
    assert response.status_code == code


def test_consent_records_version_time_and_author(client, paul, link, program):
    client.force_login(paul)
    page = client.get(reverse("programs:consent", args=[link.pk])).content.decode()
    assert "Favoriser la persévérance scolaire" in page  # the text is read before deciding
    version = program.current_page()
    response = client.post(
        reverse("programs:consent", args=[link.pk]),
        {"decision": "given", "page_version": version.pk, "confirm_read": "on"},
    )
    assert response.status_code == 302
    record = ConsentRecord.objects.get()
    assert (record.decision, record.page_version, record.recorded_by) == ("given", version, paul)
    assert link.participant.guardian_consent_in_force()
    client.post(
        reverse("programs:consent", args=[link.pk]),
        {"decision": "withdrawn", "page_version": version.pk, "confirm_read": "on"},
    )
    assert link.latest_consent().decision == ConsentDecision.WITHDRAWN
    assert not link.participant.guardian_consent_in_force()
    assert ConsentRecord.objects.count() == 2  # history is kept


def test_must_confirm_reading_and_choose(client, paul, link, program):
    client.force_login(paul)
    response = client.post(
        reverse("programs:consent", args=[link.pk]),
        {"page_version": program.current_page().pk},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Ce champ est obligatoire") == 4  # beside each field, and in the summary
    assert "data-error-summary" in page
    assert not ConsentRecord.objects.exists()


def test_stale_page_version_is_refused(client, paul, link, program, claire):
    client.force_login(paul)
    read = program.current_page()
    services.publish_page_version(PageVersionFactory.build(program=program), by=claire)
    response = client.post(
        reverse("programs:consent", args=[link.pk]),
        {"decision": "given", "page_version": read.pk, "confirm_read": "on"},
    )
    assert response.status_code == 200
    assert not ConsentRecord.objects.exists()


def test_withdraw_before_any_consent_is_refused(paul, link, program):
    with pytest.raises(services.ProgramsError):
        services.record_consent(link.pk, paul, ConsentDecision.WITHDRAWN, program.current_page().pk)


def test_another_guardian_cannot_decide(link, program, nina):
    with pytest.raises(services.ProgramsError):
        services.record_consent(link.pk, nina, ConsentDecision.GIVEN, program.current_page().pk)


def test_repeating_the_same_decision_records_it_once(paul, link, program):
    version = program.current_page().pk
    first = services.record_consent(link.pk, paul, ConsentDecision.GIVEN, version)
    again = services.record_consent(link.pk, paul, ConsentDecision.GIVEN, version)
    assert first.pk == again.pk


def test_consent_page_queries_stay_flat(client, paul, link, program, django_assert_max_num_queries):
    client.force_login(paul)
    url = reverse("programs:consent", args=[link.pk])
    counts = []
    for n in (5, 50):
        for i in range(n):
            services.record_consent(
                link.pk, paul, ["given", "withdrawn"][i % 2], program.current_page().pk
            )
        with django_assert_max_num_queries(12) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
