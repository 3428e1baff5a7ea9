"""The coordination admin: who may use it, what each coordinator sees, and flat query counts."""

import pytest
from django.urls import reverse

from programs.models import (
    AuthorityLink,
    Cohort,
    ConsentDecision,
    ConsentRecord,
    GuardianLink,
    Membership,
    Organization,
    Participant,
    ParticipantRole,
    Program,
    ProgramPageVersion,
    School,
    TrainingSession,
)
from tests.conftest import as_user
from tests.factories import (
    CohortFactory,
    GuardianLinkFactory,
    PageVersionFactory,
    ParticipantFactory,
    ProgramFactory,
    SchoolFactory,
    TrainingSessionFactory,
    UserFactory,
)

MODELS = [
    "organization",
    "school",
    "membership",
    "program",
    "programpageversion",
    "cohort",
    "participant",
    "guardianlink",
    "consentrecord",
    "authoritylink",
    "trainingsession",
]


def changelist(name):
    return reverse(f"coordination:programs_{name}_changelist")


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("claire", True),
        ("oscar", True),
        ("marc", False),
        ("lea", False),
        ("paul", False),
        ("nina", False),
        ("anon", False),
    ],
)
def test_only_coordinators_reach_the_admin(client, cast, name, who, allowed):
    response = as_user(client, cast, who).get(changelist(name))
    if allowed:
        assert response.status_code == 200
    elif who == "anon":
        assert response.status_code == 302
        login = client.get(response["Location"])
        assert login["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 403


def test_index_lists_the_coordinators_models_in_french(client, claire):
    client.force_login(claire)
    response = client.get(reverse("coordination:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Participants" in content
    assert "Cohortes" in content
    assert "English" in content  # the language switch, one click away


def _records_of(org, program, cohort, lea, paul):
    participant = lea.participations.get()
    link = GuardianLink.objects.get(participant=participant, guardian=paul)
    record = ConsentRecord.objects.create(
        guardian_link=link,
        page_version=program.current_page(),
        decision=ConsentDecision.GIVEN,
        recorded_by=paul,
    )
    authority = AuthorityLink.objects.create(
        organization=org, superior=UserFactory(), subordinate=lea
    )
    return {
        "organization": org,
        "school": School.objects.filter(organization=org).first(),
        "membership": Membership.objects.filter(organization=org).first(),
        "program": program,
        "programpageversion": program.current_page(),
        "cohort": cohort,
        "participant": participant,
        "guardianlink": link,
        "consentrecord": record,
        "authoritylink": authority,
        "trainingsession": TrainingSessionFactory(cohort=cohort),
    }


def test_another_organizations_records_are_404_and_invisible(
    client, org_a, program, cohort, lea, paul, oscar, claire
):
    records = _records_of(org_a, program, cohort, lea, paul)
    client.force_login(oscar)
    for name, obj in records.items():
        url = reverse(f"coordination:programs_{name}_change", args=[obj.pk])
        assert client.get(url).status_code == 404, name
        listing = client.get(changelist(name)).content.decode()
        assert str(obj) not in listing or name == "organization" and "Fleuve" in str(obj), name
    assert "Léa Gagnon" not in client.get(changelist("participant")).content.decode()
    client.force_login(claire)
    for name, obj in records.items():
        url = reverse(f"coordination:programs_{name}_change", args=[obj.pk])
        assert client.get(url).status_code == 200, name
    assert "Léa Gagnon" in client.get(changelist("participant")).content.decode()


def test_foreign_key_choices_are_scoped(client, claire, cohort, org_b):
    other = CohortFactory(program=ProgramFactory(organization=org_b), name="Cohorte du Fleuve")
    client.force_login(claire)
    form = client.get(reverse("coordination:programs_participant_add")).content.decode()
    assert str(cohort) in form
    assert "Cohorte du Fleuve" not in form
    ParticipantFactory(cohort=other)
    listing = client.get(changelist("participant")).content.decode()
    assert "Cohorte du Fleuve" not in listing


def test_coordinator_cannot_attach_a_participant_to_another_organizations_cohort(
    client, claire, org_b
):
    foreign = CohortFactory(program=ProgramFactory(organization=org_b))
    client.force_login(claire)
    response = client.post(
        reverse("coordination:programs_participant_add"),
        {
            "person_email": "intrus@exemple.qc.ca",
            "person_name": "Intrus",
            "person_language": "fr",
            "cohort": foreign.pk,
            "role": ParticipantRole.MENTEE,
            "status": "enrolled",
            "languages": ["fr"],
            "capacity": 1,
        },
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Participant.objects.filter(user__email="intrus@exemple.qc.ca").exists()


def test_adding_a_participant_creates_the_person_and_invites_them(
    client, claire, cohort, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(claire)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coordination:programs_participant_add"),
            {
                "person_email": "Jeremie.Berube@Exemple.qc.ca",
                "person_name": "Jérémie Bérubé",
                "person_language": "fr",
                "send_invitation": "on",
                "cohort": cohort.pk,
                "role": ParticipantRole.MENTOR,
                "status": "enrolled",
                "languages": ["fr", "en"],
                "capacity": 2,
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    participant = Participant.objects.get(user__email="jeremie.berube@exemple.qc.ca")
    assert participant.user.full_name == "Jérémie Bérubé"
    assert participant.languages == ["fr", "en"]
    assert not participant.user.has_usable_password()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["jeremie.berube@exemple.qc.ca"]
    assert "/fr/comptes/invitation/" in mailoutbox[0].body


def test_invalid_participant_form_keeps_what_was_typed(client, claire, cohort):
    client.force_login(claire)
    response = client.post(
        reverse("coordination:programs_participant_add"),
        {
            "person_email": "pas-un-courriel",
            "person_name": "Anaïs Gélinas",
            "person_language": "fr",
            "cohort": cohort.pk,
            "role": ParticipantRole.MENTEE,
            "status": "enrolled",
            "languages": ["fr"],
            "capacity": 1,
            "about": "<b>J'aime lire</b>",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide" in content
    assert 'value="Anaïs Gélinas"' in content
    assert "&lt;b&gt;J&#x27;aime lire&lt;/b&gt;" in content
    assert not Participant.objects.filter(user__full_name="Anaïs Gélinas").exists()


def test_page_versions_are_never_edited_and_a_new_one_is_numbered(client, claire, program):
    version = program.current_page()
    client.force_login(claire)
    change = client.post(
        reverse("coordination:programs_programpageversion_change", args=[version.pk]),
        {"objectives_fr": "Modifié"},
    )
    assert change.status_code == 403
    data = {name: getattr(version, name) or "x" for name in version.content_fields()}
    data["program"] = program.pk
    data["objectives_fr"] = "Nouveaux objectifs"
    response = client.post(reverse("coordination:programs_programpageversion_add"), data)
    assert response.status_code == 302
    latest = program.current_page()
    assert (latest.number, latest.objectives_fr) == (2, "Nouveaux objectifs")
    assert latest.created_by == claire
    version.refresh_from_db()
    assert version.objectives_fr != "Nouveaux objectifs"


def test_new_page_version_starts_from_the_latest_text(client, claire, program):
    client.force_login(claire)
    url = reverse("coordination:programs_programpageversion_add") + f"?program={program.pk}"
    assert program.current_page().objectives_fr in client.get(url).content.decode()


def _grow(org, cohort, n):
    program = ProgramFactory(organization=org)
    PageVersionFactory(program=program)
    for _ in range(n):
        c = CohortFactory(program=program)
        mentee = ParticipantFactory(cohort=cohort, school=SchoolFactory(organization=org))
        GuardianLinkFactory(participant=mentee)
        ParticipantFactory(cohort=c, role=ParticipantRole.MENTOR)
        TrainingSessionFactory(cohort=cohort)
        AuthorityLink.objects.create(
            organization=org, superior=UserFactory(), subordinate=mentee.user
        )


@pytest.mark.parametrize("name", MODELS)
def test_changelist_queries_stay_flat(
    client, claire, org_a, cohort, name, django_assert_max_num_queries
):
    client.force_login(claire)
    counts = []
    for n in (5, 45):
        _grow(org_a, cohort, n)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(changelist(name)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(12):
        client.get(changelist(name))


def test_models_are_all_covered():
    covered = {
        m._meta.model_name
        for m in [
            Organization,
            School,
            Membership,
            Program,
            ProgramPageVersion,
            Cohort,
            Participant,
            GuardianLink,
            ConsentRecord,
            AuthorityLink,
            TrainingSession,
        ]
    }
    assert covered == set(MODELS)


def test_cohort_list_counts_participants_exactly(client, claire, cohort, marc, lea, paul):
    client.force_login(claire)
    content = client.get(changelist("cohort")).content.decode()
    assert '<td class="field-size">2</td>' in content


def test_a_list_link_with_unknown_filters_shows_the_whole_list_with_a_word(client, claire, lea):
    client.force_login(claire)
    url = changelist("participant")
    response = client.get(f"{url}?cohort__nom=abc&o=99", follow=True)
    assert response.redirect_chain[-1][0] == url
    content = response.content.decode()
    assert "Léa Gagnon" in content
    assert "ne s’appliquent pas à cette liste" in content
    assert "base de données" not in content


def test_the_setup_pages_have_french_addresses_like_the_rest(client, claire, cohort):
    from django.urls import reverse

    assert (
        reverse("coordination:programs_participant_changelist") == "/fr/coordination/participants/"
    )
    assert (
        reverse("coordination:programs_participant_add") == "/fr/coordination/participants/ajouter/"
    )
    assert reverse("coordination:programs_cohort_change", args=[cohort.pk]) == (
        f"/fr/coordination/cohortes/{cohort.pk}/modifier/"
    )
    client.force_login(claire)
    page = client.get(reverse("coordination:programs_cohort_changelist")).content.decode()
    assert f"/fr/coordination/cohortes/{cohort.pk}/modifier/" in page
    assert "Sélectionnez" not in page


def test_no_stock_dashes_in_the_lists_and_forms(client, claire, cohort):
    from django.urls import reverse

    client.force_login(claire)
    for url in (
        reverse("coordination:programs_participant_changelist"),
        reverse("coordination:programs_participant_add"),
        reverse("coordination:programs_trainingsession_add"),
    ):
        page = client.get(url).content.decode()
        assert "---------" not in page, url
        assert "Sélectionnez l’objet" not in page, url


def test_the_breadcrumbs_start_at_coordination(client, claire):
    from django.urls import reverse

    client.force_login(claire)
    page = client.get(reverse("coordination:programs_participant_changelist")).content.decode()
    assert '<a href="/fr/coordination/">Coordination</a>' in page
    assert ">Accueil<" not in page
