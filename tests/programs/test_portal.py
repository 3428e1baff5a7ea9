"""The portal home of mentors, mentees and parents, and the profile a participant edits."""

import pytest
from django.urls import reverse

from programs.models import Participant, ParticipantRole
from tests.conftest import as_user, hashes_read
from tests.factories import (
    CohortFactory,
    GuardianLinkFactory,
    ParticipantFactory,
    TrainingSessionFactory,
    UserFactory,
)


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("claire", 200),
        ("oscar", 200),
        ("marc", 200),
        ("lea", 200),
        ("paul", 200),
        ("nina", 200),
        ("anon", 302),
    ],
)
def test_portal_access(client, cast, who, code):
    assert as_user(client, cast, who).get(reverse("programs:portal")).status_code == code


def test_mentor_sees_program_role_coordinator_and_next_steps(client, marc, cohort):
    session = TrainingSessionFactory(cohort=cohort, title="Formation initiale des mentors")
    session.attendances.create(participant=marc.participations.get())
    client.force_login(marc)
    content = client.get(reverse("programs:portal")).content.decode()
    assert "Persévérance au secondaire" in content
    assert "2026-2027" in content
    assert "claire@erables.qc.ca" in content  # the coordinator's contact
    assert "Formation initiale des mentors" in content
    assert reverse("programs:profile_edit", args=[marc.participations.get().pk]) in content


def test_parent_sees_their_child_and_no_one_else(client, paul, lea, cohort):
    other = GuardianLinkFactory(participant__cohort=cohort)
    client.force_login(paul)
    content = client.get(reverse("programs:portal")).content.decode()
    assert "Léa Gagnon" in content
    assert other.participant.user.full_name not in content


def test_person_without_role_gets_an_empty_state(client, nina):
    client.force_login(nina)
    content = client.get(reverse("programs:portal")).content.decode()
    assert "Vous ne participez encore à aucun programme" in content


def test_the_portal_reads_the_person_s_pairs_once(client, cohort):
    """Matching's and meetings' sections and actions share one query of the person's pairs:
    no OR across joins, no DISTINCT, no password hash."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.reports.conftest import grow

    pairs = grow(cohort, 3)
    client.force_login(pairs[0].mentor.user)
    client.get(reverse("programs:portal"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("programs:portal")).status_code == 200
    reads = [  # the pairs with their people (a pair's figures are read by its id, elsewhere)
        q["sql"]
        for q in captured
        if q["sql"].startswith('SELECT "matching_pairing"') and "accounts_user" in q["sql"]
    ]
    assert len(reads) == 1
    assert "DISTINCT" not in reads[0]
    assert "password" not in reads[0]


@pytest.mark.parametrize("who", ["mentor", "mentee", "parent"])
def test_no_part_of_the_portal_reads_a_password_hash_or_joins_to_find_the_person(
    client, cohort, who
):
    """Only the signed-in person's own row carries a password hash (the session checks it);
    every part finds the person's rows by the ids the portal holds: no OR across joins to the
    users, no DISTINCT."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.reports.conftest import grow

    pairs = grow(cohort, 2)
    parent = GuardianLinkFactory(participant=pairs[0].mentee).guardian
    person = {"mentor": pairs[0].mentor.user, "mentee": pairs[0].mentee.user, "parent": parent}
    client.force_login(person[who])
    client.get(reverse("programs:portal"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("programs:portal")).status_code == 200
    sql = [q["sql"] for q in captured]
    assert hashes_read(captured) == []
    assert not [q for q in sql if "DISTINCT" in q]
    user_id = person[who].pk

    def table(query):
        return query.split(' FROM "')[1].split('"')[0] if ' FROM "' in query else ""

    by_joins = [
        q
        for q in sql
        if table(q) in ("matching_pairing", "meetings_meeting") and f'"user_id" = {user_id}' in q
    ]
    assert by_joins == []  # the person's pairs and meetings: by the ids the portal holds


def test_portal_queries_stay_flat(client, cohort, django_assert_max_num_queries):
    person = UserFactory()
    counts = []
    for n in (5, 50):
        for _ in range(n):
            c = CohortFactory(program=cohort.program)
            p = ParticipantFactory(cohort=c, user=person, role=ParticipantRole.MENTOR)
            TrainingSessionFactory(cohort=c).attendances.create(participant=p)
            GuardianLinkFactory(guardian=person)
        client.force_login(person)
        # with the actions and forms due, questionnaires to answer, certificates and the
        # children's summaries
        with django_assert_max_num_queries(17) as captured:
            assert client.get(reverse("programs:portal")).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("claire", 404),
        ("oscar", 404),
        ("marc", 404),
        ("lea", 200),
        ("paul", 404),
        ("nina", 404),
        ("anon", 302),
    ],
)
def test_profile_is_editable_only_by_its_owner(client, cast, who, code):
    participant = cast["lea"].participations.get()
    response = as_user(client, cast, who).get(
        reverse("programs:profile_edit", args=[participant.pk])
    )
    assert response.status_code == code


def test_mentee_edits_needs_and_mentor_edits_expertise(client, lea, marc):
    lea_p = lea.participations.get()
    client.force_login(lea)
    form = client.get(reverse("programs:profile_edit", args=[lea_p.pk])).content.decode()
    assert 'name="needs"' in form
    assert 'name="expertise"' not in form
    response = client.post(
        reverse("programs:profile_edit", args=[lea_p.pk]),
        {
            "full_name": "Léa Gagnon",
            "language": "en",
            "languages": ["fr", "en"],
            "availability": ["tue_pm", "thu_pm"],
            "interests": ["music"],
            "needs": ["study_skills", "motivation"],
            "level": "Secondaire 4",
            "about": "<i>J'aime le piano</i>",
            "gender_preference": "",
        },
    )
    assert response.status_code == 302
    lea_p.refresh_from_db()
    assert lea_p.needs == ["study_skills", "motivation"]
    assert lea_p.level == "Secondaire 4"
    assert Participant.objects.get(pk=lea_p.pk).user.language == "en"
    client.force_login(marc)
    marc_p = marc.participations.get()
    form = client.get(reverse("programs:profile_edit", args=[marc_p.pk])).content.decode()
    assert 'name="expertise"' in form
    assert 'name="needs"' not in form
    assert 'name="capacity"' in form


def test_profile_errors_keep_what_was_typed(client, lea):
    participant = lea.participations.get()
    client.force_login(lea)
    response = client.post(
        reverse("programs:profile_edit", args=[participant.pk]),
        {
            "full_name": "Léa Gagnon",
            "language": "fr",
            "languages": [],  # at least one language is required
            "needs": ["not-a-topic"],
            "level": "Secondaire 5",
            "about": "x" * 2001,
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Secondaire 5" in content
    assert "Ce champ est obligatoire" in content
    assert "not-a-topic" in content  # the bad choice is named
    participant.refresh_from_db()
    assert participant.level == "Secondaire 3"


def test_the_person_s_roles_come_with_their_account_and_follow_every_change(client, cohort):
    """Whether someone coordinates, guards a child or is asked to join is read with their
    account on each page: a mentor's portal asks nothing more, and a link made while they are
    signed in shows on the next page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.reports.conftest import grow

    mentor = grow(cohort, 1)[0].mentor.user
    client.force_login(mentor)
    with CaptureQueriesContext(connection) as captured:
        first = client.get(reverse("programs:portal")).content.decode()
    asked = [
        q["sql"]
        for q in captured
        if q["sql"].startswith(
            (
                'SELECT "programs_guardianlink"',
                'SELECT "programs_enrolmentrequest"',
                'SELECT 1 AS "a" FROM "programs_organization"',  # coordinates anything?
            )
        )
    ]
    assert asked == []
    assert "Mes enfants" not in first
    child = ParticipantFactory(cohort=cohort, user__full_name="Zoé Enfant")
    GuardianLinkFactory(participant=child, guardian=mentor)
    assert "Zoé Enfant" in client.get(reverse("programs:portal")).content.decode()
