"""Sign-in lockout (django-axes) and limits on requests that send an e-mail (django-ratelimit)."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

PASSWORD = "motdepasse-solide-42"  # the factories' password
LOGIN = "accounts:login"


def sign_in(client, email, password, ip="10.1.2.3"):
    return client.post(reverse(LOGIN), {"username": email, "password": password}, REMOTE_ADDR=ip)


def fail(client, email, times, ip="10.1.2.3"):
    """Wrong passwords; the 10th failure is already answered with the pause."""
    return [sign_in(client, email, "pas-le-bon", ip).status_code for _ in range(times)]


def test_ten_failures_pause_the_account_with_a_clear_message(client, claire):
    assert fail(client, "claire@erables.qc.ca", 10) == [200] * 9 + [429]
    response = sign_in(client, "claire@erables.qc.ca", PASSWORD)
    assert response.status_code == 429
    content = response.content.decode()
    assert "La connexion est suspendue pour ce compte." in content
    assert "15\u00a0minutes" in content or "15 minutes" in content
    assert 'value="claire@erables.qc.ca"' in content  # what was typed is kept
    assert "_auth_user_id" not in client.session


def test_the_count_ignores_case_and_spaces_and_other_addresses_count_too(client, claire):
    fail(client, "Claire@Erables.qc.ca ", 5, ip="10.0.0.1")
    fail(client, "claire@erables.qc.ca", 5, ip="10.0.0.2")
    assert sign_in(client, "claire@erables.qc.ca", PASSWORD, ip="10.0.0.3").status_code == 429


def test_one_persons_typos_never_lock_the_others_of_the_school(client, claire, nina):
    """A school's computers share one address: the pause is per account, not per address."""
    assert fail(client, "claire@erables.qc.ca", 10, ip="10.9.9.9")[-1] == 429
    assert sign_in(client, "nina@exemple.qc.ca", PASSWORD, ip="10.9.9.9").status_code == 302


def test_one_address_trying_many_accounts_is_held_back(client, settings, nina):
    settings.SIGN_INS_PER_CLIENT = "5/h"
    for n in range(5):
        sign_in(client, f"inconnu{n}@exemple.qc.ca", "x", ip="10.9.9.7")
    response = sign_in(client, "nina@exemple.qc.ca", PASSWORD, ip="10.9.9.7")
    assert response.status_code == 429
    assert "Trop de tentatives de connexion depuis ce réseau" in response.content.decode()
    assert 'value="nina@exemple.qc.ca"' in response.content.decode()
    assert sign_in(client, "nina@exemple.qc.ca", PASSWORD, ip="10.9.9.6").status_code == 302


def test_nine_failures_then_success_clears_the_count(client, claire):
    fail(client, "claire@erables.qc.ca", 9)
    assert sign_in(client, "claire@erables.qc.ca", PASSWORD).status_code == 302
    client.logout()
    fail(client, "claire@erables.qc.ca", 9)
    assert sign_in(client, "claire@erables.qc.ca", PASSWORD).status_code == 302


def test_the_pause_ends_after_fifteen_minutes(client, claire):
    fail(client, "claire@erables.qc.ca", 10)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert sign_in(client, "claire@erables.qc.ca", PASSWORD).status_code == 302


def test_a_coordinator_unlocks_a_participant_of_their_organization(client, claire, oscar, lea):
    fail(client, "lea@exemple.qc.ca", 10)
    participant = lea.participations.get()
    changelist = reverse("coordination:programs_participant_changelist")
    action = {"action": "unlock_sign_in", "_selected_action": [participant.pk]}
    client.force_login(oscar)  # another organization: the row is not in his list
    client.post(changelist, action)
    client.logout()
    assert sign_in(client, "lea@exemple.qc.ca", PASSWORD).status_code == 429
    client.force_login(claire)
    response = client.post(changelist, action, follow=True)
    assert "1 compte était verrouillé" in response.content.decode()
    client.logout()
    assert sign_in(client, "lea@exemple.qc.ca", PASSWORD).status_code == 302


def test_a_new_password_lifts_the_pause(client, nina):
    fail(client, "nina@exemple.qc.ca", 10)
    client.post(reverse("accounts:password_reset"), {"email": "nina@exemple.qc.ca"})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/mot-de-passe/" in line)
    path = link[link.index("/fr/") :].strip()
    form_page = client.get(path, follow=True)
    new = {
        "new_password1": "un-nouveau-mot-de-passe-9",
        "new_password2": "un-nouveau-mot-de-passe-9",
    }
    client.post(form_page.redirect_chain[-1][0], new)
    assert sign_in(client, "nina@exemple.qc.ca", new["new_password1"]).status_code == 302


@pytest.mark.parametrize("name", ["accounts:password_reset", "accounts:invitation_request"])
def test_five_mail_requests_an_hour_for_one_address(client, db, name):
    invited = UserFactory(email="ines@exemple.qc.ca")
    if name == "accounts:invitation_request":
        invited.set_unusable_password()
        invited.save()
    for _ in range(5):
        response = client.post(reverse(name), {"email": "ines@exemple.qc.ca"})
        assert response.status_code == 302
    sent = len(mail.outbox)
    response = client.post(reverse(name), {"email": " INES@exemple.qc.ca"})
    assert response.status_code == 429
    content = response.content.decode()
    assert "Trop de demandes pour cette adresse" in content
    assert "INES@exemple.qc.ca" in content
    assert len(mail.outbox) == sent
    # another address is not held back
    assert client.post(reverse(name), {"email": "autre@exemple.qc.ca"}).status_code == 302


def test_twenty_mail_requests_an_hour_from_one_computer(client, db):
    for n in range(20):
        client.post(reverse("accounts:password_reset"), {"email": f"p{n}@exemple.qc.ca"})
    response = client.post(reverse("accounts:password_reset"), {"email": "p99@exemple.qc.ca"})
    assert response.status_code == 429
