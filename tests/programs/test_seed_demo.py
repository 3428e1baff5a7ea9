"""`manage.py seed_demo` loads a coherent demo and is idempotent."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import User
from programs.models import (
    ADULT_AGE,
    AuthorityLink,
    Cohort,
    ConsentDecision,
    ConsentRecord,
    GuardianLink,
    Membership,
    MembershipRole,
    Organization,
    Participant,
    Program,
    ProgramPageVersion,
    TrainingSession,
)

pytestmark = pytest.mark.django_db

PASSWORD = "mentorat-demo"
CLAIRE = "claire.belanger@demo.mentorat.example"


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--allow-without-debug", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_seed_demo_loads_a_coherent_demo_and_is_idempotent(mailoutbox):
    first_output = seed()

    org = Organization.objects.get(slug="grandes-marees")
    assert Organization.objects.count() == 1
    assert org.schools.count() >= 5
    assert Membership.objects.filter(organization=org, role=MembershipRole.COORDINATOR).count() == 2
    assert User.objects.get(email="admin@mentorat.example").is_superuser

    programs = Program.objects.filter(organization=org)
    assert programs.count() == 3
    for program in programs:
        versions = list(program.page_versions.all())
        assert [v.number for v in versions] == [1]
        version = versions[0]
        version.full_clean()
        for field in version.content_fields():
            assert getattr(version, field).strip(), (program.slug, field)
        cohort = Cohort.objects.get(program=program, name="2026-2027")
        assert cohort.coordinator is not None
        assert TrainingSession.objects.filter(cohort=cohort).count() == 2

    participants = Participant.objects.filter(cohort__program__organization=org)
    mentors, mentees = participants.mentors(), participants.mentees()
    assert 18 <= mentors.count() <= 22
    assert 55 <= mentees.count() <= 65
    for participant in participants.select_related("cohort"):
        participant.full_clean()  # choices in the JSON lists, field lengths

    minors = [
        p
        for p in mentees.select_related("cohort__program")
        if p.age_on(p.cohort.starts_on) < ADULT_AGE
    ]
    assert minors
    for minor in minors:
        assert minor.cohort.program.involves_minors
        assert minor.age_on(minor.cohort.starts_on) >= 13
        assert minor.age_on(minor.cohort.ends_on) <= 17
        assert minor.guardian_links.exists(), minor
    for mentee in mentees.filter(cohort__program__involves_minors=False):
        assert mentee.age_on(mentee.cohort.starts_on) >= ADULT_AGE

    links = GuardianLink.objects.filter(participant__in=minors)
    consents = ConsentRecord.objects.filter(guardian_link__in=links)
    assert 0.5 * links.count() <= consents.count() <= 0.8 * links.count()
    for consent in consents.select_related("guardian_link", "page_version"):
        assert consent.decision == ConsentDecision.GIVEN
        assert consent.page_version.number == 1
        assert consent.recorded_by_id == consent.guardian_link.guardian_id
    assert AuthorityLink.objects.filter(organization=org).exists()

    claire = User.objects.get(email=CLAIRE)
    assert claire.check_password(PASSWORD)
    assert CLAIRE in first_output
    assert PASSWORD in first_output

    counts = row_counts()
    versions = list(ProgramPageVersion.objects.values_list("pk", flat=True))
    second_output = seed()

    assert row_counts() == counts
    assert list(ProgramPageVersion.objects.values_list("pk", flat=True)) == versions
    assert CLAIRE in second_output
    assert PASSWORD in second_output
    assert "nothing to change" in second_output
    assert mailoutbox == []


def test_demo_cohorts_show_published_runs_pending_proposals_and_active_pairs(db):
    from matching.models import MatchingRun, Pairing, PairingStatus, RunStatus

    call_command("seed_demo", "--allow-without-debug", stdout=StringIO())
    runs = MatchingRun.objects.filter(status=RunStatus.PUBLISHED)
    assert runs.count() == 3
    assert Pairing.objects.filter(status=PairingStatus.ACTIVE).count() >= 10
    assert Pairing.objects.filter(status=PairingStatus.PROPOSED).count() >= 3
    for pairing in Pairing.objects.select_related("mentor", "mentee__cohort__program"):
        from matching.services import hard_rule_violations

        problems = hard_rule_violations(pairing.mentor, pairing.mentee)
        assert problems == [], (str(pairing), problems)
    before = Pairing.objects.count()
    call_command("seed_demo", "--allow-without-debug", stdout=StringIO())
    assert Pairing.objects.count() == before


def test_demo_tells_a_coherent_story_and_keeps_what_people_edit(db):
    from matching.models import Pairing, PairingStatus
    from meetings.models import Meeting

    output = seed()
    for role in ("Mentee (teen)", "Parent (consent waiting)", "Parent (active pair)"):
        assert role in output
    for pairing in Pairing.objects.filter(status=PairingStatus.ACTIVE):
        first = Meeting.objects.filter(pairing=pairing).order_by("starts_at").first()
        if first:
            assert first.starts_at.date() >= pairing.started_on, pairing
    # someone edits a name and a capacity; seeding again keeps them
    mentor = Participant.objects.mentors().select_related("user").first()
    mentor.capacity = 7
    mentor.save(update_fields=["capacity"])
    mentor.user.full_name = "Nom Corrigé"
    mentor.user.save(update_fields=["full_name"])
    assert "nothing to change" in seed()
    mentor.refresh_from_db()
    mentor.user.refresh_from_db()
    assert (mentor.capacity, mentor.user.full_name) == (7, "Nom Corrigé")
