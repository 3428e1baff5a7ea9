"""PDFs (mentorat/pdf.py): real WeasyPrint output, read back with poppler-utils (pdftotext,
pdfinfo, pdffonts, pdfdetach)."""

import re
import socket
import subprocess
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.templatetags.static import static

from mentorat.pdf import (
    RefusedURL,
    StaticFilesOnly,
    base_url,
    pdf_response,
    plain_pdf,
    render_pdf,
    static_file_path,
)

HEADER = {
    "organization_name": "Centre de services scolaire des Érables",
    "program_name": "Mentorat au secondaire 2026–2027",
}
TITLE = "Fiche d’inscription — Élodie Gagnon"
NNBSP = "\u202f"  # the narrow no-break space of French typography ("école ;")


def poppler(tool: str, *args) -> str:
    """Run a poppler-utils tool (Debian's poppler-utils, installed by .ci/run) and return its
    output."""
    return subprocess.run(
        [tool, *map(str, args)], check=True, capture_output=True, text=True, timeout=60
    ).stdout


def write(tmp_path: Path, data: bytes, name: str = "document.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def text_of(path: Path) -> str:
    return poppler("pdftotext", "-layout", "-enc", "UTF-8", path, "-")


def info(path: Path) -> dict[str, str]:
    lines = poppler("pdfinfo", "-enc", "UTF-8", path).splitlines()
    return {key: value.strip() for key, _, value in (line.partition(":") for line in lines)}


def inflated(data: bytes) -> bytes:
    """The PDF's bytes with each compressed stream (pages, object streams, font maps)
    decompressed: what the catalogue (/Lang) and the fonts' ToUnicode maps say."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass  # not deflated
    return b"\n".join(parts)


def sample(paragraphs=14, **context) -> bytes:
    return render_pdf(
        "pdf/test_sample.html",
        {**HEADER, "paragraphs": range(1, paragraphs + 1), **context},
        title=TITLE,
    )


def test_french_accents_the_header_and_the_page_numbers_come_back(tmp_path):
    path = write(tmp_path, sample(answer=f"{NNBSP}; été « oui »"))
    text = text_of(path)

    for words in (
        "Élodie a répondu « oui » à la question sur l’été",
        "à l’école, ça s’est très bien passé",
        "Le cœur de",
        "l’œuvre",
        "Préférences",
        "Français, théâtre",
        "Noël approche ; la fête",
        "ÉRABLES",  # the organization, in capitals through text-transform
        "Mentorat au secondaire 2026–2027",
        TITLE,
        "Signé par Paul Tremblay",
    ):
        assert words in text
    # poppler reads the narrow no-break space as a space; the PDF itself maps its glyph to
    # U+202F (see test_the_narrow_no_break_space_keeps_its_own_glyph).
    assert "Mercredi après l’école ; été « oui »" in text
    assert "Page 1 / 2" in text
    assert "Page 2 / 2" in text
    assert info(path)["Pages"] == "2"
    assert info(path)["Page size"].startswith("612 x 792 pts (letter)")


def test_the_narrow_no_break_space_keeps_its_own_glyph():
    pdf = inflated(sample(paragraphs=0, answer=f"{NNBSP};"))
    assert re.search(rb"<[0-9a-f]{4}> <202f>", pdf, re.I)


def test_only_the_system_dejavu_fonts_are_used_all_embedded(tmp_path):
    path = write(tmp_path, sample(paragraphs=1))
    fonts = poppler("pdffonts", path).splitlines()[2:]
    assert fonts
    for line in fonts:
        name, *_, emb, sub, uni, _obj, _gen = line.split()
        assert "DejaVu" in name
        assert (emb, uni) == ("yes", "yes")


def test_a_short_document_is_one_page(tmp_path):
    path = write(tmp_path, sample(paragraphs=0))
    assert info(path)["Pages"] == "1"
    assert "Page 1 / 1" in text_of(path)


def test_the_pdf_is_tagged_with_its_title_author_and_language(tmp_path):
    data = sample(paragraphs=1)
    path = write(tmp_path, data)
    details = info(path)
    assert details["Tagged"] == "yes"
    assert details["Title"] == TITLE
    assert details["Author"] == HEADER["organization_name"]
    assert details["Creator"] == "Mentorat"
    assert details["Producer"].startswith("WeasyPrint")
    metadata = poppler("pdfinfo", "-meta", path)
    assert 'pdfuaid:part="1"' in metadata  # PDF/UA-1
    assert TITLE in metadata
    assert b"/Lang (fr)" in inflated(data)
    structure = poppler("pdfinfo", "-struct", path)
    for tag in ("H1", "H2", "Table", "TH", "TD", "P"):
        assert re.search(rf"^\s*{tag}\b", structure, re.M)


def test_the_language_follows_the_argument(tmp_path):
    data = render_pdf("pdf/test_sample.html", HEADER, language="en", title="Enrolment form")
    path = write(tmp_path, data)
    assert b"/Lang (en)" in inflated(data)
    assert info(path)["Title"] == "Enrolment form"
    text = text_of(path)
    assert "Enrolment form" in text  # the title is the document_title when none is given
    assert "Page 1 / 1" in text


def test_user_content_loads_nothing_from_the_network_or_the_disk(tmp_path, monkeypatch, caplog):
    """Answers a user typed could reach a PDF unescaped (a rich-text answer, a mistake): their
    images, stylesheets and attachments are refused, and the PDF still renders."""
    connections = []

    def no_connection(sock, address):
        connections.append(address)
        raise OSError("tests/test_pdf.py: no network")

    monkeypatch.setattr(socket.socket, "connect", no_connection)
    unsafe = (
        '<img src="http://example.com/x.png" alt="">'
        '<img src="file:///etc/passwd" alt="">'
        '<img src="https://example.com/static/pdf/pdf.css" alt="">'
        '<link rel="stylesheet" href="file:///etc/passwd">'
        '<link rel="attachment" href="file:///etc/passwd">'
        '<p style="background: url(http://example.com/track.png)">Réponse</p>'
    )
    data = sample(paragraphs=0, unsafe_html=unsafe)
    path = write(tmp_path, data)

    assert connections == []
    refused = [r.getMessage() for r in caplog.records if "RefusedURL" in r.getMessage()]
    for url in (
        "http://example.com/x.png",
        "file:///etc/passwd",
        "https://example.com/static/pdf/pdf.css",
        "http://example.com/track.png",
    ):
        assert any(url in message for message in refused), url
    assert "0 embedded files" in poppler("pdfdetach", "-list", path)
    text = text_of(path)
    assert "root:" not in text
    assert "Réponse" in text
    assert info(path)["Pages"] == "1"


def test_the_stylesheet_is_read_from_disk_through_its_static_url(tmp_path, caplog):
    """The base template links {% static 'pdf/pdf.css' %}: it resolves to the site's address,
    and the fetcher serves it from the static folder (Letter pages prove it applied)."""
    data = sample(paragraphs=0)
    assert not [r for r in caplog.records if "Failed to load" in r.getMessage()]
    assert info(write(tmp_path, data))["Page size"].startswith("612 x 792")


def test_the_fetcher_serves_static_files_only():
    stylesheet = Path(settings.BASE_DIR, "static", "pdf", "pdf.css").resolve()
    static_url = base_url().rstrip("/") + static("pdf/pdf.css")
    assert static_file_path(static_url) == stylesheet
    assert static_file_path(stylesheet.as_uri()) == stylesheet

    prefix = base_url().rstrip("/") + static("")
    for url in (
        "http://example.com/x.png",
        "https://example.com/static/pdf/pdf.css",  # another host
        static_url.replace("http://", "https://", 1),  # another origin
        "file:///etc/passwd",
        f"file://{settings.BASE_DIR}/mentorat/settings.py",  # on disk, outside the static dirs
        "file://example.com/static/pdf/pdf.css",
        f"{prefix}../mentorat/settings.py",
        f"{prefix}%2e%2e/mentorat/settings.py",
        f"{prefix}pdf/../../mentorat/settings.py",
        f"{prefix}pdf/absent.css",
        base_url() + "media/photo.jpg",
        "data:text/plain,bonjour",
        "ftp://example.com/x.png",
        "javascript:alert(1)",
    ):
        assert static_file_path(url) is None, url

    fetcher = StaticFilesOnly()
    response = fetcher.fetch(static_url)
    try:
        assert response.content_type == "text/css"
        assert b"size: letter" in response.read()
    finally:
        response.close()
    with pytest.raises(RefusedURL):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(RefusedURL):
        fetcher("http://example.com/x.png")


def test_plain_pdf_is_one_tagged_page(tmp_path):
    path = write(tmp_path, plain_pdf())
    details = info(path)
    assert details["Pages"] == "1"
    assert details["Tagged"] == "yes"
    assert "Document témoin" in text_of(path)


def test_pdf_response_headers():
    response = pdf_response(b"%PDF-1.7 test", 'Fiche d’inscription — Élodie "A"\r\n.pdf')
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Length"] == "13"
    assert response["Content-Disposition"] == (
        'attachment; filename="Fiche_d_inscription_Elodie_A.pdf"; '
        "filename*=UTF-8''Fiche%20d%E2%80%99inscription%20%E2%80%94%20%C3%89lodie%20%22A%22_.pdf"
    )
    assert response.content == b"%PDF-1.7 test"

    inline = pdf_response(b"%PDF", "rapport", inline=True)
    assert inline["Content-Disposition"] == (
        "inline; filename=\"rapport.pdf\"; filename*=UTF-8''rapport.pdf"
    )
