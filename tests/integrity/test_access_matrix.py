"""The access matrix, generated from the URL resolver: every URL of the site, as every role.

Each URL must be declared in `tests/access.py` with the status each role gets; a URL that the
resolver knows and the declaration does not (or the reverse) fails the first test. A POST that a
role may not make must change nothing in the database.
"""

from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.access import ROLES, declared_urls, world
from tests.conftest import hashes_read
from tests.html_forms import post_forms

DECLARED = declared_urls()
OUR_APPS = ("accounts", "programs", "matching", "meetings", "forms_workflow", "reports")
# Patterns without a name, each with what it does; they are tried by the hostile-input test.
UNNAMED = {
    "coordination:(?P<url>.*)$": "the admin's catch-all: a 404, or a slash appended",
    "coordination:<path:object_id>/": "a model's old change address: a redirect to the new one",
}


def resolver_urls(patterns=None, namespace=""):
    """Every named URL as 'namespace:name', and every unnamed one as 'namespace:pattern'."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from resolver_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or pattern.pattern}"


def test_every_url_is_declared():
    known = set(resolver_urls())
    undeclared = sorted(known - set(DECLARED) - set(UNNAMED))
    assert not undeclared, f"declare who may use these URLs in tests/access.py: {undeclared}"
    stale = sorted((set(DECLARED) | set(UNNAMED)) - known)
    assert not stale, f"declared in tests/access.py but gone from the resolver: {stale}"


def login_as(w, role) -> Client:
    client = Client()
    if role != "anon":
        client.force_login(w.users[role])
    return client


def fingerprint(w):
    """Row counts of every model of ours, and the state of the records a POST could change."""
    counts = tuple(
        model.objects.count()
        for label in OUR_APPS
        for model in apps.get_app_config(label).get_models()
    )
    w.pair.refresh_from_db()
    w.meeting.refresh_from_db()
    w.commitment.refresh_from_db()
    forms = w.commitment.status, w.commitment.revision, w.commitment.answers
    return counts, w.pair.status, w.meeting.status, w.meeting.starts_at, forms


def path_of(name, w):
    spec = DECLARED[name]
    return reverse(name, kwargs=spec.kwargs(w) if spec.kwargs else None)


def refused(response) -> bool:
    login = reverse("accounts:login")
    return response.status_code >= 400 or (
        response.status_code == 302 and login in response.get("Location", "")
    )


CHROME = ("set_language", "accounts:logout", "coordination:logout")  # on every page


def own_forms(response, page, name):
    """The page's POST forms, without the language switch and sign-out of every page (tried
    once, on the home page), each with the URL name it posts to."""
    if "html" not in response.get("Content-Type", ""):
        return []
    forms = []
    for form in post_forms(response.content.decode()):
        action = urljoin(page, form.action)
        try:
            view = resolve(urlsplit(action).path).view_name
        except Resolver404:
            view = None
        if view not in CHROME or name == "home":
            forms.append((action, view, form))
    return forms


@pytest.fixture
def w(cast):
    return world(cast)


# Pages that need an account's password hash beyond the signed-in person's own: Django's reset
# link checks its token against it.
READ_A_PASSWORD_HASH = {"accounts:password_reset_confirm"}


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_access(w, name):
    spec = DECLARED[name]
    path = path_of(name, w)
    mismatches = []
    for role in ROLES:
        with CaptureQueriesContext(connection) as queries:
            response = login_as(w, role).get(path)
        if name not in READ_A_PASSWORD_HASH and hashes_read(queries):
            mismatches.append(f"GET {role} loads a password hash: {hashes_read(queries)[0][:90]}")
        got = response.status_code
        if got != spec.get(role):
            mismatches.append(f"GET {role}: {got}, declared {spec.get(role)}")
        if got == 200 and not spec.form_as and own_forms(response, path, name):
            mismatches.append(f"GET {role} shows a form: declare who posts it (form_as)")
    if spec.post is not None:
        # those refused first, so that an allowed POST does not change the world under them
        for role in sorted(ROLES, key=lambda r: spec.post(r) < 400):
            before = fingerprint(w)
            response = login_as(w, role).post(path, {})
            if response.status_code != spec.post(role):
                mismatches.append(
                    f"POST {role}: {response.status_code}, declared {spec.post(role)}"
                )
            if refused(response) and fingerprint(w) != before:
                mismatches.append(f"POST {role} was refused but changed the database")
    assert not mismatches, f"{path}\n" + "\n".join(mismatches)


def test_the_matrix_covers_every_role_and_url():
    """The size of the matrix, for the closing note: URLs × roles × methods."""
    requests = sum(len(ROLES) * (1 + (spec.post is not None)) for spec in DECLARED.values())
    assert len(DECLARED) > 100
    assert requests > 1000
