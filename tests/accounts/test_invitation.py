"""Invitations: a single-use link that expires, sent once, with clear messages when unusable."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation
from tests.factories import UserFactory

LINK = re.compile(r"http://testserver(/\w\w/comptes/invitation/[^/\s]+/)")


@pytest.fixture
def invited(db):
    return UserFactory(email="eloise.cote@exemple.qc.ca", full_name="Éloïse Côté", password=None)


def _invite(person, capture, by=None):
    with capture(execute=True):
        invitation = services.invite(person, invited_by=by)
    return invitation


def _link(message):
    return LINK.search(message.body).group(1)


def test_invitation_is_sent_after_commit_in_the_persons_language(
    invited, claire, mailoutbox, django_capture_on_commit_callbacks
):
    invited.language = "en"
    invited.save()
    with django_capture_on_commit_callbacks() as callbacks:
        services.invite(invited, invited_by=claire)
    assert mailoutbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == "Your Mentorat invitation"
    assert "Claire Bélanger invites you" in message.body
    assert _link(message).startswith("/en/")
    assert message.alternatives[0][1] == "text/html"


def test_sending_twice_sends_once(invited, mailoutbox, django_capture_on_commit_callbacks):
    invitation = _invite(invited, django_capture_on_commit_callbacks)
    assert services.send_invitation(invitation.pk) is False
    assert len(mailoutbox) == 1
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert len(invitation.token_hash) == 64  # only a hash is stored


def test_accepting_sets_the_password_and_signs_in(
    client, invited, mailoutbox, django_capture_on_commit_callbacks
):
    _invite(invited, django_capture_on_commit_callbacks)
    url = _link(mailoutbox[0])
    page = client.get(url)
    assert page.status_code == 200
    assert "Éloïse Côté" in page.content.decode()
    response = client.post(
        url, {"new_password1": "Un-mot-de-passe-solide", "new_password2": "Un-mot-de-passe-solide"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    invited.refresh_from_db()
    assert invited.check_password("Un-mot-de-passe-solide")
    assert client.get(reverse("programs:portal")).status_code == 200
    client.logout()
    again = client.get(url)
    assert again.status_code == 410
    assert "déjà été utilisée" in again.content.decode()


def test_password_mismatch_keeps_the_form_and_changes_nothing(
    client, invited, mailoutbox, django_capture_on_commit_callbacks
):
    _invite(invited, django_capture_on_commit_callbacks)
    url = _link(mailoutbox[0])
    response = client.post(url, {"new_password1": "Abcdef-123456", "new_password2": "Autre-987654"})
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    invited.refresh_from_db()
    assert not invited.has_usable_password()
    assert Invitation.objects.get().used_at is None


def test_expired_link_says_so_and_offers_a_new_one(
    client, invited, mailoutbox, django_capture_on_commit_callbacks
):
    _invite(invited, django_capture_on_commit_callbacks)
    url = _link(mailoutbox[0])
    later = timezone.now() + timedelta(days=15)
    with time_machine.travel(later, tick=False):
        page = client.get(url)
        assert page.status_code == 410
        assert "Cette invitation a expiré le" in page.content.decode()
        renew = reverse("accounts:invitation_renew", args=[url.rstrip("/").rsplit("/", 1)[1]])
        with django_capture_on_commit_callbacks(execute=True):
            client.post(renew)
    assert len(mailoutbox) == 2
    assert _link(mailoutbox[1]) != url
    old = Invitation.objects.order_by("created_at").first()
    assert old.revoked_at is not None


def test_unknown_link_is_404_with_a_way_to_ask_again(client, db):
    response = client.get(reverse("accounts:invitation_accept", args=["pas-un-jeton"]))
    assert response.status_code == 404
    assert 'name="email"' in response.content.decode()


def test_asking_again_by_email_reinvites_only_people_without_a_password(
    client, invited, nina, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("accounts:invitation_request")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": "ELOISE.COTE@exemple.qc.ca"})
        client.post(url, {"email": nina.email})  # has a password: use password reset instead
        client.post(url, {"email": "inconnu@exemple.qc.ca"})
    assert [m.to for m in mailoutbox] == [["eloise.cote@exemple.qc.ca"]]


def test_a_newer_invitation_replaces_the_older_link(
    client, invited, mailoutbox, django_capture_on_commit_callbacks
):
    _invite(invited, django_capture_on_commit_callbacks)
    _invite(invited, django_capture_on_commit_callbacks)
    first, second = _link(mailoutbox[0]), _link(mailoutbox[1])
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_invalid_email_in_request_form_is_shown_and_kept(client, db):
    response = client.post(reverse("accounts:invitation_request"), {"email": "pas bon"})
    assert response.status_code == 200
    assert 'value="pas bon"' in response.content.decode()
