"""Sign-in: Django's model backend, whose signed-in person comes with what most pages ask about
them (whether they coordinate an organization, whether they are a child's guardian, whether an
organization asks them to join) in the same query as their account, rather than one query
each."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from programs.models import (
    EnrolmentRequest,
    EnrolmentStatus,
    GuardianLink,
    Membership,
    MembershipRole,
    remember_roles,
)


def _exists(model, condition: str, params=()) -> RawSQL:
    """EXISTS (a row of `model` for this user …), written once: the account is read on every
    page, and the ORM's three subqueries cost four times the account's own query to build."""
    user = get_user_model()._meta.db_table
    sql = f'EXISTS (SELECT 1 FROM "{model._meta.db_table}" r WHERE {condition})'
    return RawSQL(sql.replace("{user}", f'"{user}"."id"'), params, output_field=BooleanField())


class Backend(ModelBackend):
    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.annotate(
                coordinates=_exists(
                    Membership,
                    'r."user_id" = {user} AND r."role" = %s',
                    (MembershipRole.COORDINATOR.value,),
                ),
                guards=_exists(GuardianLink, 'r."guardian_id" = {user}'),
                asked=_exists(
                    EnrolmentRequest,
                    'r."user_id" = {user} AND r."status" = %s AND r."expires_at" > %s',
                    (
                        EnrolmentStatus.WAITING.value,
                        connection.ops.adapt_datetimefield_value(timezone.now()),
                    ),
                ),
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        remember_roles(
            user, coordinator=user.coordinates, guardian=user.guards, asked_to_join=user.asked
        )
        return user
