"""The sign-in backend reads a person's roles with their account; each agrees with the
definition it stands for (is_coordinator, a guardian link, a request still waiting)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from programs.auth import Backend
from programs.models import (
    EnrolmentKind,
    EnrolmentRequest,
    EnrolmentStatus,
    is_asked_to_join,
    is_coordinator,
    is_guardian,
)
from tests.factories import (
    GuardianLinkFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def roles(user):
    signed_in = Backend().get_user(user.pk)
    return is_coordinator(signed_in), is_guardian(signed_in), is_asked_to_join(signed_in)


def fresh(user):
    """The same person read without the backend: each role found by its own query."""
    user = type(user).objects.get(pk=user.pk)
    return is_coordinator(user), is_guardian(user), is_asked_to_join(user)


def test_each_role_read_with_the_account_agrees_with_its_own_query(django_assert_num_queries):
    person = UserFactory()
    assert roles(person) == fresh(person) == (False, False, False)
    MembershipFactory(user=person)
    GuardianLinkFactory(guardian=person)
    request = EnrolmentRequest.objects.create(
        organization=OrganizationFactory(),
        user=person,
        kind=EnrolmentKind.PARTICIPANT,
        email=person.email,
        full_name=person.full_name,
        summary="Mentor — 2026-2027",
    )
    with django_assert_num_queries(1):  # the account and its three roles
        assert roles(person) == (True, True, True)
    assert fresh(person) == (True, True, True)
    request.expires_at = timezone.now() - timedelta(minutes=1)
    request.save()
    assert roles(person) == fresh(person) == (True, True, False)
    request.expires_at = timezone.now() + timedelta(days=1)
    request.status = EnrolmentStatus.WITHDRAWN
    request.save()
    assert roles(person) == fresh(person) == (True, True, False)


def test_an_inactive_account_is_not_signed_in():
    person = UserFactory(is_active=False)
    assert Backend().get_user(person.pk) is None
    assert Backend().get_user(10**9) is None
