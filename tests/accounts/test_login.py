import pytest
from django.urls import reverse

from tests.factories import UserFactory


@pytest.fixture
def person(db):
    return UserFactory(email="francois.levesque@exemple.qc.ca", full_name="François Lévesque")


def test_login_by_email_is_case_insensitive(client, person):
    response = client.post(
        reverse("accounts:login"),
        {"username": "Francois.Levesque@Exemple.qc.ca", "password": "motdepasse-solide-42"},
    )
    assert response.status_code == 302
    assert client.get(reverse("programs:portal")).status_code == 200


def test_wrong_password_is_refused_in_french_and_keeps_the_email(client, person):
    response = client.post(
        reverse("accounts:login"),
        {"username": "francois.levesque@exemple.qc.ca", "password": "mauvais"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez" in content  # Django's translated message
    assert 'value="francois.levesque@exemple.qc.ca"' in content


def test_password_reset_by_email(client, person, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": person.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    link = next(line for line in body.splitlines() if "/mot-de-passe/" in line)
    path = link.split("testserver", 1)[1].strip()
    form = client.get(path, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Nouveau-mot-2026", "new_password2": "Nouveau-mot-2026"},
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Nouveau-mot-2026")


def test_language_switch_remembers_the_preference(client, person):
    client.force_login(person)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/fr/portail/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/portail/"
    person.refresh_from_db()
    assert person.language == "en"


def test_sign_out(client, person):
    client.force_login(person)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("programs:portal")).status_code == 302
