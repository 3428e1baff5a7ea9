"""Browser tests: Chromium (Debian's) driven by Playwright against `live_server`.

Playwright's sync API runs an event loop in the test's thread, so Django's ORM would refuse to
run there without DJANGO_ALLOW_ASYNC_UNSAFE. The live server runs in a thread of this process:
tasks run eagerly (tests/conftest.py) and `django.core.mail.outbox` holds what it sends.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import require_service

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PASSWORD = "motdepasse-solide-42"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Set BROWSER_SCREENSHOTS=/tmp/shots to keep a screenshot of each journey's key pages.
SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS", "")


def text(*alternatives: str, exact: bool = True) -> re.Pattern:
    """A case-insensitive pattern for an interface text: the English msgid, then its French in
    locale/fr (the msgid still matches while the catalogue is not compiled). `exact` anchors it,
    allowing the label suffix of the admin (":", " :" in French) and crispy-forms' asterisk."""
    body = "|".join(re.escape(alternative) for alternative in alternatives)
    if exact:
        return re.compile(rf"^\s*(?:{body})[\s:*]*$", re.IGNORECASE)
    return re.compile(body, re.IGNORECASE)


@pytest.fixture(autouse=True)
def _chromium_installed():
    """`make test` on a machine without Debian's chromium skips these (fails in CI)."""
    require_service(
        "Chromium", Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)"
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    """Pages are addressed relative to the live server. This also replaces pytest-playwright's
    fallback `base_url`, a session fixture on an instance that pytest deprecates (an error
    under `filterwarnings = error`)."""
    return live_server.url


@pytest.fixture
def open_page(new_context):
    """A page in a fresh browser context (its own cookies), addressed relative to the site."""

    def _open() -> Page:
        context = new_context(locale="fr-CA", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        return context.new_page()

    return _open


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def shot(request):
    """Save a full-page screenshot when BROWSER_SCREENSHOTS names a folder; a no-op otherwise."""

    def _shot(page: Page, name: str) -> None:
        if SCREENSHOTS:
            folder = Path(SCREENSHOTS)
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=folder / f"{request.node.name}-{name}.png", full_page=True)

    return _shot


def sign_in(page: Page, email: str, lang: str = "fr", password: str = PASSWORD) -> None:
    """Sign in through the real login page, then wait for the portal."""
    page.goto(f"/{lang}/comptes/connexion/")
    fill_sign_in_form(page, email, password)


def fill_sign_in_form(page: Page, email: str, password: str = PASSWORD) -> None:
    expect(page).to_have_url(re.compile(r"/comptes/connexion/"))
    page.get_by_label(text("E-mail address", "Adresse courriel", "Courriel")).fill(email)
    page.get_by_label(text("Password", "Mot de passe")).fill(password)
    page.get_by_role("button", name=text("Sign in", "Se connecter", "Connexion")).click()
    expect(page).to_have_url(re.compile(r"/portail/$"))
