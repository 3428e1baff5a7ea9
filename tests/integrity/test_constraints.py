"""Finding 8: coordinators saw raw constraint names ("La contrainte « cohort_dates » n'est pas
respectée"). Every constraint Django reports by its own message says it in words."""

from datetime import date

import pytest
from django.apps import apps
from django.db.models import BaseConstraint, CheckConstraint, UniqueConstraint
from django.urls import reverse

OURS = ("accounts", "programs", "matching", "meetings", "forms_workflow", "reports")


def reported_by_message(constraint):
    return isinstance(constraint, CheckConstraint) or (
        isinstance(constraint, UniqueConstraint)
        and (constraint.condition is not None or constraint.expressions)
    )


@pytest.mark.parametrize(
    "constraint",
    [
        pytest.param(c, id=f"{model.__name__}.{c.name}")
        for model in apps.get_models()
        if model._meta.app_label in OURS
        for c in model._meta.constraints
        if reported_by_message(c)
    ],
)
def test_every_constraint_has_a_message_in_words(constraint):
    assert constraint.violation_error_message != BaseConstraint.default_violation_error_message
    assert constraint.name not in str(constraint.violation_error_message)


def test_cohort_dates_in_the_wrong_order_say_so(client, claire, program):
    client.force_login(claire)
    response = client.post(
        reverse("coordination:programs_cohort_add"),
        {
            "program": program.pk,
            "name": "2027-2028",
            "starts_on": date(2027, 9, 1).isoformat(),
            "ends_on": date(2027, 6, 1).isoformat(),
            "phase": "recruitment",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "cohort_dates" not in content
    assert "La cohorte doit se terminer après son début." in content
