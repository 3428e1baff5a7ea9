"""Finding 1 (sign-in loop) and finding 9 (signing in switches to the person's language)."""

from django.urls import reverse

PASSWORD = "motdepasse-solide-42"


def test_a_deep_coordination_link_survives_sign_in(client, claire):
    deep = reverse("coordination:programs_participant_changelist") + "?role=mentee"
    first = client.get(deep)
    assert first.status_code == 302
    login = client.get(first["Location"])
    # Straight to the site's sign-in page, remembering the page asked for (not a login page).
    assert login.status_code == 302
    assert login["Location"].startswith(reverse("accounts:login"))
    assert "coordination%2Flogin" not in login["Location"]
    signed_in = client.post(
        login["Location"], {"username": claire.email, "password": PASSWORD}, follow=True
    )
    assert signed_in.status_code == 200
    assert signed_in.redirect_chain[-1][0] == deep
    assert len(signed_in.redirect_chain) == 1


def test_the_admin_login_never_redirects_to_itself(client, claire):
    login_url = reverse("coordination:login")
    response = client.get(f"{login_url}?next={login_url}")
    assert response.status_code == 302
    assert "next=/fr/coordination/" in response["Location"]
    assert "login" not in response["Location"].split("next=")[1]


def test_signing_in_switches_to_the_preferred_language(client, claire):
    claire.language = "en"
    claire.save(update_fields=["language"])
    response = client.post(
        reverse("accounts:login") + "?next=/fr/portail/",
        {"username": claire.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/portail/"
    assert client.cookies["django_language"].value == "en"
    assert "My portal" in client.get(response["Location"]).content.decode()
