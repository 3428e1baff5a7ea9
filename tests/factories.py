from datetime import date, timedelta

import factory
from django.utils import timezone

from accounts.models import User
from matching.models import Answer, Pairing, PairingStatus
from programs.models import (
    Cohort,
    CohortPhase,
    GuardianLink,
    Membership,
    Organization,
    Participant,
    ParticipantRole,
    Program,
    ProgramKind,
    ProgramPageVersion,
    School,
    TrainingSession,
)

__all__ = [
    "CohortFactory",
    "GuardianLinkFactory",
    "MembershipFactory",
    "OrganizationFactory",
    "PageVersionFactory",
    "ParticipantFactory",
    "ProgramFactory",
    "SchoolFactory",
    "TrainingSessionFactory",
    "UserFactory",
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.qc.ca")
    full_name = factory.Sequence(lambda n: f"Personne Numéro {n}")
    language = "fr"
    password = factory.PostGenerationMethodCall("set_password", "motdepasse-solide-42")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Centre de services scolaire {n}")
    slug = factory.Sequence(lambda n: f"css-{n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"École secondaire {n}")
    code = factory.Sequence(lambda n: f"E{n:03d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    organization = factory.SubFactory(OrganizationFactory)
    name_fr = factory.Sequence(lambda n: f"Programme de mentorat {n}")
    name_en = factory.Sequence(lambda n: f"Mentoring program {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    kind = ProgramKind.STUDENT_PERSEVERANCE
    contact_name = "Claire Bélanger"
    contact_email = "mentorat@exemple.qc.ca"


class PageVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramPageVersion

    program = factory.SubFactory(ProgramFactory)
    number = factory.Sequence(lambda n: n + 1)
    objectives_fr = "Favoriser la persévérance scolaire des élèves."
    objectives_en = "Help students persevere in school."
    student_selection_fr = "Les élèves sont choisis par l'équipe-école."
    student_selection_en = "Students are chosen by the school team."
    mentor_selection_fr = "Les mentors sont sélectionnés et formés."
    mentor_selection_en = "Mentors are screened and trained."
    role_mentor_fr = "Le mentor écoute et accompagne."
    role_mentor_en = "The mentor listens and supports."
    role_mentee_fr = "Le mentoré participe aux rencontres."
    role_mentee_en = "The mentee takes part in meetings."
    role_parent_fr = "Le parent encourage son enfant."
    role_parent_en = "The parent encourages their child."
    role_coordinator_fr = "La coordonnatrice jumelle et suit les dyades."
    role_coordinator_en = "The coordinator pairs and follows up pairs."


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"2026-2027 ({n})")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=240))
    phase = CohortPhase.PAIRING


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)
    role = ParticipantRole.MENTEE
    languages = factory.LazyFunction(lambda: ["fr"])


class GuardianLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuardianLink

    participant = factory.SubFactory(
        ParticipantFactory, birth_date=date(2012, 5, 4), role=ParticipantRole.MENTEE
    )
    guardian = factory.SubFactory(UserFactory)


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    cohort = factory.SubFactory(CohortFactory)
    title = "Formation des mentors"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7, hours=3))


class PairingFactory(factory.django.DjangoModelFactory):
    """A pair both sides accepted, active since today; pass mentor and mentee (participants)."""

    class Meta:
        model = Pairing

    status = PairingStatus.ACTIVE
    respond_by = factory.LazyFunction(timezone.now)
    mentor_answer = Answer.ACCEPTED
    mentee_answer = Answer.ACCEPTED
    started_on = factory.LazyFunction(timezone.localdate)
