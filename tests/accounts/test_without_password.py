"""An account reached from another record comes without its password hash; the signed-in
person's own account, and a refresh, read it whole."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from programs.models import Participant
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_participant_s_account_is_read_without_its_password_hash():
    participant = Participant.objects.get(pk=ParticipantFactory().pk)
    with CaptureQueriesContext(connection) as captured:
        name = participant.user.full_name
    assert name
    assert len(captured) == 1
    assert '"password"' not in captured[0]["sql"]
    assert "password" in participant.user.get_deferred_fields()


def test_a_password_read_anyway_is_the_right_one():
    person = UserFactory()
    person.set_password("Un-mot-de-passe-solide")
    person.save()
    participant = Participant.objects.get(pk=ParticipantFactory(user=person).pk)
    assert participant.user.check_password("Un-mot-de-passe-solide")  # one more query


def test_a_refresh_reads_the_password_hash_again():
    person = User.objects.get(pk=UserFactory().pk)
    User.objects.filter(pk=person.pk).update(password="changed-elsewhere")
    person.refresh_from_db()
    assert person.password == "changed-elsewhere"
