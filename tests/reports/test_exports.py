"""Exports opened as a spreadsheet program would: CSV in UTF-8 with a byte order mark and French
headers, XLSX with openpyxl; formulas neutralized; no private note, ever."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from meetings.models import Meeting, PrivateNote
from reports.exports import safe
from tests.reports.conftest import grow

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 1 23", "'+33 1 23"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Léa Gagnon", "Léa Gagnon"),
        (12, 12),
    ],
)
def test_cells_a_spreadsheet_would_run_are_neutralized(value, expected):
    assert safe(value) == expected


@pytest.fixture
def hostile_pair(cohort):
    (pair,) = grow(cohort, 1, held=2)
    pair.mentee.user.full_name = "=cmd|' /C calc'!A0"
    pair.mentee.user.save()
    meeting = Meeting.objects.filter(pairing=pair).first()
    PrivateNote.objects.create(meeting=meeting, author=pair.mentor.user, text="Note privée")
    return pair


def test_csv_opens_with_its_accents_and_french_headers(coordinator_client, cohort, hostile_pair):
    url = reverse("reports:cohort_export", args=[cohort.pk, "pairs", "csv"])
    response = coordinator_client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Cohorte", "Mentor", "Mentoré"]
    (row,) = rows[1:]
    assert row[2] == "'=cmd|' /C calc'!A0"
    assert row[1].startswith("Mentor Côté")
    assert "Note privée" not in response.content.decode("utf-8-sig")


def test_xlsx_keeps_text_as_text(coordinator_client, cohort, hostile_pair):
    for dataset in ("pairs", "meetings", "forms", "surveys"):
        url = reverse("reports:cohort_export", args=[cohort.pk, dataset, "xlsx"])
        response = coordinator_client.get(url)
        assert response.status_code == 200
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = book.active
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        assert all(not (isinstance(v, str) and v.startswith("=")) for v in values), dataset
        assert "Note privée" not in values
        if dataset == "meetings":
            assert sheet["A1"].value == "Mentor"
            assert sheet["C1"].value == "Date"
            assert "'=cmd|' /C calc'!A0" in values
            assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_survey_results_export_only_the_aggregates(coordinator_client, cohort):
    grow(cohort, 4, score=2)  # four answers: under the threshold
    url = reverse("reports:cohort_export", args=[cohort.pk, "surveys", "csv"])
    text = coordinator_client.get(url).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Questionnaire", "Moment dans le programme", "Question"]
    assert all("Masqué" in row[6] for row in rows[1:])  # no figure for four people
    grow(cohort, 1, score=4)
    rows = list(csv.reader(io.StringIO(coordinator_client.get(url).content.decode("utf-8-sig"))))
    assert {row[5] for row in rows[1:]} == {"2.4"}  # (4 × 2 + 4) / 5, each item


def test_an_unknown_dataset_or_format_is_a_404(coordinator_client, cohort):
    assert (
        coordinator_client.get(f"/fr/rapports/cohortes/{cohort.pk}/export/notes.csv").status_code
        == 404
    )
    assert (
        coordinator_client.get(f"/fr/rapports/cohortes/{cohort.pk}/export/pairs.exe").status_code
        == 404
    )
