"""Security basics: seed_demo stays out of production, personal pages are not cached, and the
error pages are the site's own, translated."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.utils import InterfaceError, OperationalError
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import User
from mentorat.views import server_error

pytestmark = pytest.mark.django_db

DEMO_CLAIRE = "claire.belanger@demo.mentorat.example"


# --- 1. seed_demo


def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-without-debug"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.filter(email=DEMO_CLAIRE).exists()


def test_seed_demo_never_resets_an_existing_password(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--allow-without-debug", stdout=StringIO())
    claire = User.objects.get(email=DEMO_CLAIRE)
    claire.set_password("mon-propre-mot-de-passe-2026")
    claire.save()

    call_command("seed_demo", "--allow-without-debug", stdout=StringIO())

    claire.refresh_from_db()
    assert claire.check_password("mon-propre-mot-de-passe-2026")
    assert not claire.check_password("mentorat-demo")


# --- 2. no-store on personal pages


def test_signed_in_pages_are_not_stored(client, claire):
    client.force_login(claire)
    response = client.get(reverse("programs:portal"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_anonymous_public_pages_may_be_cached(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_calendar_feeds_are_never_stored(client):
    response = client.get("/calendrier/inconnu.ics")
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]


# --- 3. error pages


def test_404_is_the_site_page_in_french(client):
    response = client.get("/fr/nexiste-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert "Retour à la page d’accueil" in html
    assert 'href="/fr/"' in html


def test_403_for_a_signed_in_non_coordinator(client, lea):
    client.force_login(lea)
    response = client.get(reverse("coordination:index"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Accès refusé" in html
    assert "Vous n’avez pas accès à cette page." in html


def test_csrf_failure_says_the_form_expired(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Accès refusé" in html
    assert "Ce formulaire a expiré. Rechargez la page" in html


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_database_down_gives_503_with_retry_after(error):
    try:
        raise error("down")
    except error:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Service temporairement indisponible" in html
    assert "Veuillez réessayer dans quelques instants." in html


def test_other_errors_give_500():
    try:
        raise ValueError("bug")
    except ValueError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert not response.has_header("Retry-After")
    html = response.content.decode()
    assert "Erreur du serveur" in html
    assert "Un problème est survenu de notre côté." in html


def test_server_error_falls_back_to_plain_text(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("template engine down")

    monkeypatch.setattr("mentorat.views.render", broken)
    try:
        raise OperationalError("down")
    except OperationalError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert "temporairement indisponible" in response.content.decode()
