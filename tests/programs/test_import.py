"""Importing mentors and mentees from CSV/XLSX: row-by-row errors, preview, atomic confirm."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from programs.models import GuardianLink, ImportStatus, Participant, ParticipantImport
from tests.factories import CohortFactory, ProgramFactory

HEADER = "courriel,nom,rôle,langues parlées,date de naissance,école,courriel parent,nom parent"
GOOD = [
    "anais.gelinas@exemple.qc.ca,Anaïs Gélinas,mentor,fr;en,1980-02-11,SA01,,",
    "jeremie.berube@exemple.qc.ca,Jérémie Bérubé,mentoré,fr,2011-03-05,SA01,"
    "nathalie.berube@exemple.qc.ca,Nathalie Bérubé",
]
URL = "coordination:programs_participant_import"


def csv_file(lines, name="eleves.csv"):
    return SimpleUploadedFile(name, "\n".join(lines).encode("utf-8"), content_type="text/csv")


def upload(client, cohort, lines, name="eleves.csv"):
    return client.post(reverse(URL), {"cohort": cohort.pk, "file": csv_file(lines, name)})


@pytest.fixture
def coordinator(client, claire, school_a):
    client.force_login(claire)
    return client


def test_valid_file_previews_then_imports_everyone(
    coordinator, cohort, mailoutbox, django_capture_on_commit_callbacks
):
    response = upload(coordinator, cohort, [HEADER, *GOOD])
    assert response.status_code == 302
    assert not Participant.objects.filter(user__email__startswith="anais").exists()
    preview = coordinator.get(response["Location"]).content.decode()
    assert "Anaïs Gélinas" in preview
    assert "Jérémie Bérubé" in preview
    with django_capture_on_commit_callbacks(execute=True):
        done = coordinator.post(response["Location"], {"confirm": "1", "invite": "1"})
    assert done.status_code == 302
    anais = Participant.objects.get(user__email="anais.gelinas@exemple.qc.ca")
    assert (anais.role, anais.languages, anais.school.code) == ("mentor", ["fr", "en"], "SA01")
    jeremie = Participant.objects.get(user__email="jeremie.berube@exemple.qc.ca")
    assert GuardianLink.objects.get(participant=jeremie).guardian.full_name == "Nathalie Bérubé"
    assert sorted(m.to[0] for m in mailoutbox) == [
        "anais.gelinas@exemple.qc.ca",
        "jeremie.berube@exemple.qc.ca",
        "nathalie.berube@exemple.qc.ca",
    ]
    # confirming twice imports nothing more
    again = coordinator.post(response["Location"], {"confirm": "1"})
    assert again.status_code == 404
    assert Participant.objects.filter(cohort=cohort).count() == 2


def test_cancel_saves_nothing(coordinator, cohort):
    response = upload(coordinator, cohort, [HEADER, *GOOD])
    coordinator.post(response["Location"], {"cancel": "1"})
    assert ParticipantImport.objects.get().status == ImportStatus.CANCELLED
    assert not User.objects.filter(email="anais.gelinas@exemple.qc.ca").exists()


BAD_ROWS = [
    ("pas-un-courriel,Nom Un,mentor,fr,1980-01-01,SA01,,", "pas-un-courriel"),
    ("a@exemple.qc.ca,Nom Deux,mentor,fr,11/02/1980,SA01,,", "11/02/1980"),
    ("b@exemple.qc.ca,Nom Trois,mentor,fr,1980-01-01,ZZ99,,", "ZZ99"),
    ("c@exemple.qc.ca,Nom Quatre,directeur,fr,1980-01-01,SA01,,", "directeur"),
    ("d@exemple.qc.ca,Nom Cinq,mentoré,fr,2012-01-01,SA01,,", "mineur doit avoir"),
    ("e@exemple.qc.ca,Nom Six,mentor,klingon,1980-01-01,SA01,,", "klingon"),
    ("f@exemple.qc.ca," + "x" * 10000 + ",mentor,fr,1980-01-01,SA01,,", "10000"),
    # a NUL byte was a 500 on PostgreSQL; a bidi override displays a name backwards
    ("g@exemple.qc.ca,Nom\x00Sept,mentor,fr,1980-01-01,SA01,,", "invisible"),
    ("h@exemple.qc.ca,Nom \u202eHuit,mentor,fr,1980-01-01,SA01,,", "invisible"),
]


@pytest.mark.parametrize(("row", "named"), BAD_ROWS)
def test_one_bad_row_refuses_the_file_with_its_line(coordinator, cohort, row, named):
    response = upload(coordinator, cohort, [HEADER, GOOD[0], row])
    content = response.content.decode()
    assert response.status_code == 400
    assert "<td>3</td>" in content  # the bad row's line number
    assert named in content
    assert not ParticipantImport.objects.exists()
    assert Participant.objects.filter(cohort=cohort).count() == 0
    assert not User.objects.filter(email="anais.gelinas@exemple.qc.ca").exists()


def test_wrong_header_is_refused(coordinator, cohort):
    response = upload(coordinator, cohort, ["mail,prenom,role", "a@b.ca,Nom,mentor"])
    content = response.content.decode()
    assert response.status_code == 400
    assert "mail" in content
    assert "prenom" in content
    assert "<td>1</td>" in content


def test_duplicates_in_the_file_and_in_the_cohort(coordinator, cohort, marc):
    response = upload(
        coordinator,
        cohort,
        [
            HEADER,
            GOOD[0],
            GOOD[0].replace("Anaïs", "Anais"),
            "marc@exemple.qc.ca,Marc,mentor,fr,,,,",
        ],
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "figure déjà à la ligne 2" in content
    assert "<td>4</td>" in content  # marc is already enrolled


def test_html_in_a_cell_is_shown_as_text(coordinator, cohort):
    response = upload(coordinator, cohort, [HEADER, "<b>x</b>@a,<script>x</script>,mentor,,,,,"])
    content = response.content.decode()
    assert "<script>x</script>" not in content
    assert "&lt;b&gt;x&lt;/b&gt;@a" in content


def test_xlsx_is_read_like_csv(coordinator, cohort):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in [HEADER, *GOOD]:
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload_file = SimpleUploadedFile("eleves.xlsx", buffer.getvalue())
    response = coordinator.post(reverse(URL), {"cohort": cohort.pk, "file": upload_file})
    assert response.status_code == 302
    assert len(ParticipantImport.objects.get().rows) == 2


def test_semicolon_separated_csv_from_excel(coordinator, cohort):
    lines = [line.replace(",", ";").replace("fr;en", "fr en") for line in [HEADER, *GOOD]]
    lines = [line.replace("fr en", "fr,en") for line in lines]
    response = upload(coordinator, cohort, lines)
    assert response.status_code == 302


def test_unreadable_files_are_refused(coordinator, cohort):
    response = coordinator.post(
        reverse(URL),
        {"cohort": cohort.pk, "file": SimpleUploadedFile("photo.png", b"\x89PNG....")},
    )
    assert response.status_code == 400
    broken = SimpleUploadedFile("eleves.xlsx", b"not a workbook")
    response = coordinator.post(reverse(URL), {"cohort": cohort.pk, "file": broken})
    assert response.status_code == 400
    assert not ParticipantImport.objects.exists()


def test_another_organizations_cohort_cannot_be_chosen(coordinator, cohort, org_b):
    foreign = CohortFactory(program=ProgramFactory(organization=org_b))
    response = upload(coordinator, foreign, [HEADER, *GOOD])
    assert response.status_code == 400
    assert not ParticipantImport.objects.exists()


@pytest.mark.parametrize(("who", "code"), [("oscar", 404), ("marc", 403), ("anon", 302)])
def test_preview_belongs_to_the_organization(client, cast, cohort, coordinator, who, code):
    location = upload(coordinator, cohort, [HEADER, *GOOD])["Location"]
    client.logout()
    if who != "anon":
        client.force_login(cast[who])
    assert client.get(location).status_code == code
    assert client.post(location, {"confirm": "1"}).status_code == code
    assert not User.objects.filter(email="anais.gelinas@exemple.qc.ca").exists()


def test_upload_page_access(client, cast):
    for who, code in [("claire", 200), ("oscar", 200), ("lea", 403), ("paul", 403)]:
        client.force_login(cast[who])
        assert client.get(reverse(URL)).status_code == code


def test_preview_queries_stay_flat(coordinator, cohort, django_assert_max_num_queries):
    counts = []
    for n in (5, 50):
        rows = [
            f"p{n}-{i}@exemple.qc.ca,Personne {i},mentor,fr,1980-01-01,SA01,," for i in range(n)
        ]
        location = upload(coordinator, cohort, [HEADER, *rows])["Location"]
        with django_assert_max_num_queries(10) as captured:
            coordinator.get(location)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_people_of_another_organization_are_refused_by_line(client, oscar, lea, paul, org_b):
    """The import applies the identity rule of the admin: organization B never attaches, invites
    or reveals organization A's people, as a participant or as a guardian."""
    theirs = CohortFactory(program=ProgramFactory(organization=org_b), name="Cohorte du Fleuve")
    client.force_login(oscar)
    response = upload(
        client,
        theirs,
        [
            HEADER,
            "lea@exemple.qc.ca,Léa Nouveau-Nom,mentoré,fr,,,,",
            "zoe.fleuve@exemple.qc.ca,Zoé Fleuve,mentoré,fr,2012-01-01,,paul@exemple.qc.ca,P",
            "nouveau@exemple.qc.ca,Nouvelle Personne,mentor,fr,,,,",
        ],
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert content.count("un compte auprès d’une autre organisation") == 2
    assert "Léa Gagnon" not in content  # the stored name is never shown
    assert not Participant.objects.filter(cohort=theirs).exists()
    lea.refresh_from_db()
    assert lea.full_name == "Léa Gagnon"


def test_a_person_enrolled_elsewhere_meanwhile_stops_the_confirmation(coordinator, cohort, org_b):
    response = upload(coordinator, cohort, [HEADER, GOOD[0]])
    anais = User.objects.create_user(email="anais.gelinas@exemple.qc.ca", full_name="Anaïs G.")
    other = CohortFactory(program=ProgramFactory(organization=org_b))
    Participant.objects.create(cohort=other, user=anais, role="mentor", languages=["fr"])
    done = coordinator.post(response["Location"], {"confirm": "1"}, follow=True)
    assert "auprès d’une autre organisation" in done.content.decode()
    assert not Participant.objects.filter(cohort=cohort).exists()
