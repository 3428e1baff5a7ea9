"""The forms' world: the cast's program asks for the five AGÉFO forms, and Marc mentors Léa."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from forms_workflow import demo, services
from forms_workflow.models import FormSubmission
from programs.models import ProgramKind
from tests.factories import PairingFactory


def forms_of(pairing) -> dict[str, FormSubmission]:
    """The pair's live forms by family ("agefo-1" …)."""
    return {
        s.template.family: s
        for s in FormSubmission.objects.filter(pairing=pairing)
        .exclude(status="superseded")
        .select_related("template", "program_form")
    }


def sign(submission, user, answers=None, name=None):
    """Sign as `user`, with complete answers unless given."""
    submission.refresh_from_db()
    return services.sign(
        submission.pk,
        user,
        name or user.full_name,
        answers=answers if answers is not None else demo.demo_answers(submission.template.schema),
        base_revision=None,
        template_id=submission.template_id,
    )


@pytest.fixture
def agefo(cast):
    """The program asks for AGÉFO forms 1–5 (form 2 before the first meeting); Marc and Léa
    form an active pair started 20 days ago, with its forms."""
    marc, lea = cast["marc"], cast["lea"]
    mentee = lea.participations.get()
    program = mentee.cohort.program
    program_forms = demo.configure(program, ProgramKind.NEW_SCHOOL_LEADERS)
    pair = PairingFactory(
        mentor=marc.participations.get(),
        mentee=mentee,
        started_on=timezone.localdate() - timedelta(days=20),
    )
    services.sync_pair(pair.pk)
    return SimpleNamespace(
        program=program,
        program_forms={pf.template.family: pf for pf in program_forms},
        pair=pair,
        forms=forms_of(pair),
        marc=marc,
        lea=lea,
    )
