"""A mentor's photo, if they choose: re-drawn without its metadata, shown only to the mentees
to whom they are suggested or proposed, to the coordination and to themself."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import PairingFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def a_photo(size=(1200, 900)):
    out = BytesIO()
    image = Image.new("RGB", size, (20, 90, 160))
    exif = Image.Exif()
    exif[0x010F] = "Appareil-Témoin"  # the camera's make, which must not survive
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("moi.jpg", out.getvalue(), content_type="image/jpeg")


def upload(client, marc, file):
    mentor = marc.participations.get()
    client.force_login(marc)
    data = {
        "full_name": marc.full_name,
        "language": "fr",
        "languages": ["fr"],
        "capacity": "2",
        "photo": file,
    }
    return client.post(reverse("programs:profile_edit", args=[mentor.pk]), data), mentor


def test_a_photo_is_redrawn_small_and_without_its_metadata(client, marc):
    response, mentor = upload(client, marc, a_photo())
    assert response.status_code == 302
    mentor.refresh_from_db()
    with Image.open(mentor.photo.path) as stored:
        assert max(stored.size) == 400
        assert not stored.getexif()
    assert mentor.photo.name.startswith("photos/")
    assert "moi" not in mentor.photo.name


def test_a_file_that_is_not_a_photo_is_refused_beside_the_field(client, marc):
    bad = SimpleUploadedFile("moi.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response, mentor = upload(client, marc, bad)
    assert response.status_code == 200
    assert "data-error-summary" in response.content.decode()
    mentor.refresh_from_db()
    assert not mentor.photo


def test_only_the_mentees_it_is_meant_for_see_it(client, marc, lea, claire, oscar, nina, cohort):
    from programs.models import ParticipantRole
    from tests.factories import ParticipantFactory

    _response, mentor = upload(client, marc, a_photo())
    url = reverse("programs:photo", args=[mentor.pk])
    other = ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTEE)
    for person in (lea, oscar, nina, other.user):
        client.force_login(person)
        assert client.get(url).status_code == 404, person
    PairingFactory(mentor=mentor, mentee=lea.participations.get(), status="proposed")
    for person in (lea, claire, marc):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200, person
        assert response["Content-Type"] == "image/jpeg"
        # reading it to the end closes the file (the test client's wrapper; calling close()
        # here would also end the test's database connection)
        assert b"".join(response.streaming_content).startswith(b"\xff\xd8")  # a JPEG
    client.force_login(lea)
    pairing = mentor.pairings_as_mentor.get()
    detail = client.get(reverse("matching:pairing_detail", args=[pairing.pk])).content.decode()
    assert f'src="{url}"' in detail
    client.logout()
    assert client.get(url).status_code == 302
