"""Sign-in: Django's model backend, whose signed-in person comes with what most pages ask about
them (whether they coordinate an organization, whether they are a child's guardian, whether an
organization asks them to join) in the same query as their account, rather than one query
each."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from programs.models import (
    EnrolmentRequest,
    GuardianLink,
    Membership,
    MembershipRole,
    remember_roles,
)


class Backend(ModelBackend):
    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.annotate(
                coordinates=Exists(
                    Membership.objects.filter(user=OuterRef("pk"), role=MembershipRole.COORDINATOR)
                ),
                guards=Exists(GuardianLink.objects.filter(guardian=OuterRef("pk"))),
                asked=Exists(EnrolmentRequest.objects.waiting().filter(user=OuterRef("pk"))),
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
