"""A coordinator imports mentors and mentees from a CSV: a bad row is refused with its line and
column, nothing is saved; the corrected file is previewed, then imported."""

import re

import pytest
from playwright.sync_api import Page, expect

from programs.models import GuardianLink, Participant, ParticipantImport, ParticipantRole
from tests.browser.conftest import sign_in, text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "courriel,nom,rôle,langues parlées,date de naissance,école,courriel parent,nom parent"
MENTOR = "anne.roy@exemple.qc.ca,Anne Roy,mentor,fr;en,1984-04-02,SA01,,"
MENTEE = "{email},Bruno Côté,mentoré,fr,2012-03-10,SA01,nadia.cote@exemple.qc.ca,Nadia Côté"


def write_csv(path, *rows):
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def upload(page: Page, cohort, path) -> None:
    page.get_by_label(text("Cohort", "Cohorte")).select_option(str(cohort.pk))
    page.get_by_label(text("file", "fichier", exact=False)).set_input_files(path)
    page.get_by_role(
        "button", name=text("Check the file", "Vérifier", "Valider", exact=False)
    ).click()


def test_coordinator_imports_a_csv_after_fixing_a_bad_row(
    page: Page, claire, cohort, school_a, tmp_path, shot
):
    sign_in(page, claire.email)
    page.goto("/fr/coordination/participants/")
    page.get_by_role("link", name=text("Import from a file", "Importer", exact=False)).click()
    expect(page).to_have_url(re.compile(r"/fr/coordination/participants/importer/$"))

    # Line 3 (the header is line 1) has an invalid e-mail address: nothing is saved.
    bad = write_csv(tmp_path / "eleves.csv", MENTOR, MENTEE.format(email="bruno.cote@exemple"))
    upload(page, cohort, bad)
    expect(page.get_by_role("alert")).to_be_visible()
    errors = page.get_by_role("table", name=text("Errors", "Erreurs", exact=False))
    expect(errors.get_by_role("row")).to_have_count(2)
    expect(errors.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        ["3", "courriel", re.compile(r"bruno\.cote@exemple")]
    )
    shot(page, "1-errors")
    assert not Participant.objects.exists()
    assert not ParticipantImport.objects.exists()

    # The corrected file is previewed: one line per person, still nothing saved.
    good = write_csv(
        tmp_path / "eleves-corrige.csv", MENTOR, MENTEE.format(email="bruno.cote@exemple.qc.ca")
    )
    upload(page, cohort, good)
    expect(page).to_have_url(re.compile(r"/fr/coordination/participants/importer/\d+/$"))
    preview = page.get_by_role("table", name=text("Preview", "Aperçu", exact=False))
    rows = preview.get_by_role("row")
    expect(rows).to_have_count(3)
    expect(rows.nth(1)).to_contain_text("Anne Roy")
    expect(rows.nth(1)).to_contain_text("anne.roy@exemple.qc.ca")
    expect(rows.nth(2)).to_contain_text("Bruno Côté")
    expect(rows.nth(2)).to_contain_text("nadia.cote@exemple.qc.ca")
    shot(page, "2-preview")
    assert not Participant.objects.exists()

    page.get_by_role("button", name=text("Import", "Importer")).click()
    expect(page).to_have_url(
        re.compile(rf"/fr/coordination/participants/\?cohort__id__exact={cohort.pk}$")
    )
    expect(page.get_by_role("link", name="Anne Roy")).to_be_visible()
    expect(page.get_by_role("link", name="Bruno Côté")).to_be_visible()
    shot(page, "3-imported")

    anne = Participant.objects.get(user__email="anne.roy@exemple.qc.ca")
    bruno = Participant.objects.get(user__email="bruno.cote@exemple.qc.ca")
    assert (anne.cohort, anne.role, anne.school) == (cohort, ParticipantRole.MENTOR, school_a)
    assert sorted(anne.languages) == ["en", "fr"]
    assert (bruno.cohort, bruno.role, bruno.school) == (cohort, ParticipantRole.MENTEE, school_a)
    assert str(bruno.birth_date) == "2012-03-10"
    link = GuardianLink.objects.get(participant=bruno)
    assert (link.guardian.email, link.guardian.full_name) == (
        "nadia.cote@exemple.qc.ca",
        "Nadia Côté",
    )
    assert Participant.objects.count() == 2
