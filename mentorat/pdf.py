"""One way to make PDFs: a Django template rendered in a language, laid out by WeasyPrint.

- `render_pdf(template_name, context, language=..., title=...)`: the PDF's bytes. Templates
  extend `templates/pdf/base.html` (Letter paper, header, "Page X / Y" footer, DejaVu fonts
  from the system, `static/pdf/pdf.css`).
- `plain_pdf()`: a one-page document with the same fonts and options, the benchmarks' baseline.
- `pdf_response(data, filename, inline=False)`: the HTTP response that hands a PDF over.

The PDFs are tagged PDF/UA-1 (structure tree, document language from `<html lang>`, title shown
by viewers, fonts embedded with Unicode maps): screen readers can read them.

User answers go into these documents, so rendering never reaches the network nor the disk
beyond the static files: `StaticFilesOnly` is the URL fetcher, and it serves the project's
static files from disk (`{% static %}` URLs, or file:// URLs inside a static folder) and refuses
every other URL (http(s) elsewhere, file:// elsewhere, data:, ftp:...). A refused resource is
left out of the PDF and WeasyPrint logs it; rendering goes on.

This module imports no app of the project.
"""

import mimetypes
import re
import unicodedata
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint.urls import URLFetcher, URLFetcherResponse

# PDF/UA-1 is WeasyPrint's tagged PDF (pdf_tags=True) plus the PDF/UA identification in the XMP
# metadata, as PDF 1.7 (PDF/UA-2 would need PDF 2.0 readers). Measured on the 2-page test sample:
# about 115 ms whether untagged, tagged or PDF/UA-1; the DejaVu fonts go in embedded, subset,
# with their Unicode maps (tests/test_pdf.py checks it with pdffonts).
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


class RefusedURL(ValueError):
    """A resource a PDF may not load. WeasyPrint logs it and renders without it."""


def base_url() -> str:
    """Relative links and `{% static %}` paths resolve against the site's address; the fetcher
    maps the static ones to files on disk and never opens a connection."""
    return f"{settings.SITE_URL.rstrip('/')}/"


def _static_roots() -> list[Path]:
    """The folders static files are served from: STATIC_ROOT and the finders' folders."""
    roots = []
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    for finder in finders.get_finders():
        for _prefix, root in getattr(finder, "locations", []):
            roots.append(Path(root))
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    return [root.resolve() for root in roots]


def _inside_static_roots(path: Path) -> Path | None:
    resolved = path.resolve()
    if resolved.is_file() and any(resolved.is_relative_to(root) for root in _static_roots()):
        return resolved
    return None


def _find_static(name: str) -> Path | None:
    """A static file's path on disk from its name under STATIC_URL ("pdf/pdf.css", or a
    collected, hashed "pdf/pdf.3f2a….css"), or None."""
    segments = name.split("/")
    if not name or "\\" in name or "\x00" in name or any(s in ("", ".", "..") for s in segments):
        return None
    try:
        found = finders.find(name)
    except SuspiciousFileOperation:
        return None
    candidates = [Path(found)] if found else []
    if settings.STATIC_ROOT:
        candidates.append(Path(settings.STATIC_ROOT, *segments))
    for candidate in candidates:
        if path := _inside_static_roots(candidate):
            return path
    return None


def static_file_path(url: str) -> Path | None:
    """The file on disk a PDF may load for `url`, or None when it may not load it."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return None
        path = unquote(parts.path)
        if "\x00" in path or not path.startswith("/"):
            return None
        return _inside_static_roots(Path(path))
    if scheme not in ("http", "https"):
        return None
    prefix = urlsplit(urljoin(base_url(), settings.STATIC_URL))
    if (scheme, parts.netloc.lower()) != (prefix.scheme.lower(), prefix.netloc.lower()):
        return None
    if not parts.path.startswith(prefix.path):
        return None
    return _find_static(unquote(parts.path[len(prefix.path) :]))


class StaticFilesOnly(URLFetcher):
    """WeasyPrint's URL fetcher limited to the project's static files, read from disk.

    Anything else raises `RefusedURL`: WeasyPrint catches it, logs "Failed to load …" and
    renders without the resource."""

    def __init__(self):
        super().__init__(allowed_protocols=(), allow_redirects=False)

    def fetch(self, url, headers=None):
        path = static_file_path(url)
        if path is None:
            raise RefusedURL(f"PDFs load only the site's static files, not {url[:200]!r}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type == "image/svg+xml":
            content_type += "; charset=utf-8"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})


def layout(html: str, *, title: str = ""):
    """The laid-out document (its `pages` can be counted) for an HTML document; `title`, when
    given, is the PDF's title (otherwise its `<title>`)."""
    document = weasyprint.HTML(
        string=html, base_url=base_url(), url_fetcher=StaticFilesOnly()
    ).render(**PDF_OPTIONS)
    if title:
        document.metadata.title = title
    return document


def write(document) -> bytes:
    return document.write_pdf(**PDF_OPTIONS)


def html_to_pdf(html: str, *, title: str = "") -> bytes:
    """PDF bytes for an HTML document (see `layout`)."""
    return write(layout(html, title=title))


def render_pdf(
    template_name: str, context: dict, *, language: str | None = None, title: str = ""
) -> bytes:
    """Render `template_name` (which extends pdf/base.html) in `language` (default: the site's)
    and lay it out as a tagged PDF. `title` is the title in the PDF's metadata, and the
    `document_title` of the template unless the context has one."""
    context = dict(context)
    if title:
        context.setdefault("document_title", title)
    with translation.override(language or settings.LANGUAGE_CODE):
        html = render_to_string(template_name, context)
    return html_to_pdf(html, title=title)


PLAIN_HTML = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Document témoin</title>
<style>@page { size: letter; margin: 0.75in }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt }</style></head>
<body><h1>Document témoin</h1>
<p>Un paragraphe en français : élèves, mentors et coordonnateurs d’un centre de services
scolaires. Il sert de point de comparaison aux mesures des documents de l’application.</p>
</body></html>"""


def plain_pdf() -> bytes:
    """A one-page document (a title and a paragraph, the same fonts and options): the baseline
    the benchmarks compare the application's PDFs with."""
    return html_to_pdf(PLAIN_HTML)


def _ascii_filename(filename: str) -> str:
    """The file name for old clients: "Fiche d’inscription — Élodie" becomes
    "Fiche_d_inscription_Elodie" (accents dropped, other runs outside [A-Za-z0-9._-] one "_")."""
    letters = "".join(
        c for c in unicodedata.normalize("NFKD", filename) if not unicodedata.combining(c)
    )
    return re.sub(r"[^A-Za-z0-9._-]+", "_", letters).strip("._") or "document"


def pdf_response(data: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """An HTTP response for a PDF: attachment (or inline) with an ASCII file name and the exact
    UTF-8 one (RFC 5987/6266), not sniffed, not cached by shared caches nor kept on disk."""
    name = re.sub(r"[\x00-\x1f\x7f/\\]+", "_", unicodedata.normalize("NFC", filename)).strip()
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    fallback = _ascii_filename(name[:-4]) + ".pdf"
    disposition = "inline" if inline else "attachment"
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
