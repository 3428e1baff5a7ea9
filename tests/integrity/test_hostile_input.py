"""Hostile input, generated from the declared URLs (tests/access.py): no answer is ever a 500.

- every form of every page declared with `form_as` is posted, as that person, with each payload
  in every visible field, then with the payload in every field, hidden ones and submit buttons
  included (forged ids such as `conflict=999999`); a refused form changes nothing, and what was
  typed in a text field is shown again;
- every page is opened with hostile query strings and with hostile values in its address's
  arguments (ids, tokens, slugs).
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.access import ROLES, declared_urls, world
from tests.integrity.test_access_matrix import fingerprint, login_as, own_forms

DECLARED = declared_urls()
PAYLOADS = {
    "nul": "Zoé\x00Lavoie",
    "long": "Très long " + "é" * 10_000,
    "bidi": "Zoé \u202egnp.exe\u202c",
    "markup": '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "quotes": "l’élève d'à côté \" -- ; DROP TABLE participant",
    "astral": "Zoé 👩‍🏫 𝒜𝓁𝒾𝒸ℯ",
    "year_one": "0001-01-01",
    "year_9999": "9999-12-31",
    "no_such_day": "2026-02-30",
    "huge_id": "99999999999999999999",
    "negative": "-1",
    "blank": "   ",
}
FORGED = ("nul", "markup", "huge_id", "negative", "no_such_day")  # into hidden fields too
SHOWN_AGAIN = ("long", "bidi", "markup", "quotes", "astral")
TEXT_KINDS = ("text", "email", "search", "url", "tel", "textarea")
FORM_PAGES = sorted(name for name, spec in DECLARED.items() if spec.form_as)


def shows_errors(html: str) -> bool:
    return "is-invalid" in html or "errorlist" in html or "alert-danger" in html


def check_post(client, w, action, data, label, typed=()):
    before = fingerprint(w)
    response = client.post(action, data)
    problems = []
    if response.status_code >= 500:
        problems.append(f"{label}: {response.status_code}")
        return problems
    if response.status_code in (200, 400):
        html = response.content.decode()
        if shows_errors(html) and fingerprint(w) != before:
            problems.append(f"{label}: refused with errors but changed the database")
        for field_name, value in typed:
            if f'name="{field_name}"' in html and escape(value) not in html:
                problems.append(f"{label}: what was typed in {field_name!r} is lost")
    return problems


@pytest.fixture
def w(cast):
    return world(cast)


@pytest.mark.parametrize("name", FORM_PAGES)
def test_forms_refuse_hostile_input_without_a_500(w, name):
    spec = DECLARED[name]
    page = reverse(name, kwargs=spec.kwargs(w) if spec.kwargs else None)
    client = login_as(w, spec.form_as)
    response = client.get(page)
    assert response.status_code == 200, f"{page} as {spec.form_as}: {response.status_code}"
    forms = own_forms(response, page, name)
    assert forms, f"{page} is declared with a form but shows none to {spec.form_as}"
    problems = []
    for action, view, form in forms:
        assert view in DECLARED, f"{page}: a form posts to an undeclared URL {action}"
        visible = [f for f in form.fields if f.kind not in ("hidden", "file")]
        submitters = form.submitters or [None]
        for submitter in submitters:
            # every payload with the first button; the forged ones with every button
            for key, payload in PAYLOADS.items() if submitter == submitters[0] else ():
                data = form.defaults()
                data.update({f.name: payload for f in visible})
                if submitter:
                    data[submitter[0]] = submitter[1]
                typed = [(f.name, payload) for f in visible if f.kind in TEXT_KINDS]
                label = f"{action} {submitter and submitter[0]} {key}"
                problems += check_post(
                    client, w, action, data, label, typed if key in SHOWN_AGAIN else ()
                )
            for key in FORGED:
                data = {f.name: PAYLOADS[key] for f in form.fields if f.kind != "file"}
                if submitter:
                    data[submitter[0]] = PAYLOADS[key]
                problems += check_post(
                    client, w, action, data, f"{action} {submitter and submitter[0]} forged {key}"
                )
    assert not problems, "\n".join(problems)


QUERY_KEYS = ("q", "page", "p", "o", "e", "next", "status", "cohort", "pair", "order")


def first_allowed(spec):
    return next((role for role in ROLES if spec.get(role) == 200), None)


def hostile_kwargs(spec, w):
    """The address's arguments, each replaced in turn by values of its own type that name
    nothing: ids beyond any row (and beyond 64 bits), and hostile tokens and slugs."""
    if not spec.kwargs:
        return
    good = spec.kwargs(w)
    for key, value in good.items():
        if isinstance(value, int):
            candidates = (0, 2**31, 2**63, 10**30)
        elif key in ("action",):
            candidates = ("nothing", "DELETE", "x" * 300)
        else:
            candidates = ("\x00", "%00", "é" * 300, "..", "<script>", "0" * 2000)
        for bad in candidates:
            yield key, bad, {**good, key: bad}


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_pages_survive_hostile_addresses_and_query_strings(w, name):
    spec = DECLARED[name]
    role = first_allowed(spec) or "claire"
    client = login_as(w, role)
    problems = []
    page = reverse(name, kwargs=spec.kwargs(w) if spec.kwargs else None)
    for key, payload in PAYLOADS.items():
        query = urlencode({k: payload for k in QUERY_KEYS})
        status = client.get(f"{page}?{query}").status_code
        if status >= 500:
            problems.append(f"GET {page}?… {key}: {status}")
    for key, bad, kwargs in hostile_kwargs(spec, w):
        try:
            url = reverse(name, kwargs=kwargs)
        except Exception:  # the converter refuses the value: no such address exists
            continue
        for method in ("get", "post") if spec.post else ("get",):
            status = getattr(client, method)(url).status_code
            if status >= 500:
                problems.append(f"{method.upper()} {url[:120]} ({key}={bad[:10]!r}): {status}")
    assert not problems, "\n".join(problems)
