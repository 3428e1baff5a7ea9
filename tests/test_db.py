"""mentorat.db: an index that says where NULLs sort, on both databases."""

import pytest
from django.db import connection, models

from meetings.models import PairHealth
from mentorat.db import PortableIndex


def sql(index):
    editor = connection.schema_editor(collect_sql=True)  # builds the statement, runs nothing
    return str(index.create_sql(PairHealth, editor))


@pytest.mark.django_db
def test_the_board_index_keeps_nulls_first_where_the_database_says_it():
    index = next(i for i in PairHealth._meta.indexes if i.name == "pairhealth_cohort_rank")
    text = sql(index)
    if connection.vendor == "sqlite":  # NULLs come first going up: nothing to say
        assert "NULLS" not in text
    else:
        assert '"last_contact" ASC NULLS FIRST' in text


@pytest.mark.django_db
def test_an_order_sqlite_cannot_index_is_refused_rather_than_changed():
    index = PortableIndex(models.F("last_contact").asc(nulls_last=True), name="x_last")
    if connection.vendor == "sqlite":
        with pytest.raises(ValueError, match="NULLs first"):
            sql(index)
    else:
        assert "NULLS LAST" in sql(index)


@pytest.mark.django_db
def test_an_account_joined_in_comes_without_its_password_hash():
    from matching.models import Pairing
    from programs.models import ParticipantRole
    from tests.factories import CohortFactory, PairingFactory, ParticipantFactory

    cohort = CohortFactory()
    PairingFactory(
        mentor=ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTOR),
        mentee=ParticipantFactory(cohort=cohort),
    )
    pairing = Pairing.objects.select_related("mentor__user", "mentee__cohort").get()
    assert "password" in pairing.mentor.user.get_deferred_fields()
    assert pairing.mentee.cohort.name  # other joins as they were
    assert pairing.mentor.user.check_password("no") is False  # read anyway: one more query
    chosen = Pairing.objects.select_related("mentor__user").only("mentor__user__password").get()
    assert "password" not in chosen.mentor.user.get_deferred_fields()  # `.only()` after decides
