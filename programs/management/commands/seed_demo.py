"""`manage.py seed_demo`: a fictional school board with three programs and their people.

Idempotent: every row is found by its natural key (e-mail, slug, code, (cohort, user)...) and
only created when missing or updated when a seeded value differs, so a second run changes
nothing. The people are generated from fixed lists with a seeded random generator: every run
plans exactly the same data. No e-mail is sent.
"""

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from programs import demo
from programs import demo_content as content
from programs.choices import Availability, Gender, GenderPreference, Interest, Topic
from programs.models import (
    AttendanceStatus,
    AuthorityLink,
    Cohort,
    CohortPhase,
    ConsentDecision,
    ConsentRecord,
    GuardianLink,
    GuardianRelationship,
    Membership,
    MembershipRole,
    Organization,
    OrganizationKind,
    Participant,
    ParticipantRole,
    Program,
    ProgramPageVersion,
    School,
    TrainingAttendance,
    TrainingAudience,
    TrainingSession,
)
from programs.services import publish_page_version

PERSEVERANCE_STUDENTS = 28
UNIVERSITY_STUDENTS = 20

PERSEVERANCE_NEEDS = [
    Topic.STUDY_SKILLS,
    Topic.MOTIVATION,
    Topic.CAREER,
    Topic.WELL_BEING,
    Topic.SOCIAL,
    Topic.MATHEMATICS,
    Topic.LANGUAGES,
    Topic.SCIENCES,
]
UNIVERSITY_NEEDS = [
    Topic.UNIVERSITY_LIFE,
    Topic.STUDY_SKILLS,
    Topic.CAREER,
    Topic.WELL_BEING,
    Topic.SOCIAL,
]


def ascii_slug(text: str) -> str:
    """'Marie-Ève' -> 'marie-eve', "D'Amours" -> 'damours': an e-mail's ASCII local part."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace(" ", "-")
    return "".join(c for c in plain if c.isascii() and (c.isalnum() or c == "-"))


@dataclass
class Person:
    first: str
    last: str
    gender: str = ""
    language: str = "fr"
    phone: str = ""
    email: str = ""

    def __post_init__(self):
        if not self.email:
            self.email = f"{ascii_slug(self.first)}.{ascii_slug(self.last)}@{content.DEMO_DOMAIN}"

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Guardian:
    person: Person
    relationship: str
    consents: bool


@dataclass
class Planned:
    """A participant to seed: who, in which program, with which profile values."""

    key: str
    program: str
    role: str
    person: Person
    values: dict
    school: str | None = None
    trained: bool = False
    guardians: list[Guardian] = field(default_factory=list)


def in_order(pool, chosen):
    """The chosen items in the pool's order (stable, readable JSON lists)."""
    return [item for item in pool if item in chosen]


class Planner:
    """Everything to seed, computed without the database from fixed lists and one seed."""

    def __init__(self):
        self.rng = random.Random(content.SEED)
        self.emails: set[str] = set()
        self.first_names: set[str] = set()
        self.coordinators = {
            c["key"]: self.claim(Person(c["first"], c["last"], phone=c["phone"]))
            for c in content.COORDINATORS
        }
        self.participants: list[Planned] = []
        self.by_key: dict[str, Planned] = {}
        self.plan_mentors()
        self.plan_leader_mentees()
        # Reserved before the generated names: the student a mentor supervises in practicum.
        self.practicum_student = self.claim(Person("Éloïse", "Côté", gender=Gender.WOMAN))
        families = self.rng.sample(
            content.FAMILY_NAMES, PERSEVERANCE_STUDENTS + UNIVERSITY_STUDENTS
        )
        for index, (last, origin) in enumerate(families[:PERSEVERANCE_STUDENTS]):
            self.plan_high_school_student(index, last, origin)
        for index, (last, origin) in enumerate(families[PERSEVERANCE_STUDENTS:]):
            self.plan_university_student(index, last, origin)

    # --- helpers

    def claim(self, person: Person) -> Person:
        if person.email in self.emails:
            raise ValueError(f"Duplicate demo e-mail: {person.email}")
        self.emails.add(person.email)
        return person

    def new_person(self, names: dict, origin: str, gender: str, last: str, **extra) -> Person:
        """A person with a first name from the pool whose e-mail is still free."""
        pool = names.get(origin, names["qc"])
        gendered = pool.get(gender) or pool[self.rng.choice(["woman", "man"])]
        candidates = self.rng.sample(gendered, len(gendered)) + self.rng.sample(
            names["qc"]["woman"] + names["qc"]["man"], 10
        )
        # Prefer first names nobody has yet, so the lists do not repeat the same few names.
        candidates.sort(key=lambda name: name in self.first_names)
        for first in candidates:
            person = Person(first, last, gender=gender, **extra)
            if person.email not in self.emails:
                self.first_names.add(first)
                return self.claim(person)
        raise ValueError(f"No free e-mail for the {last} family")

    def phone(self) -> str:
        return f"418 555-01{self.rng.randrange(100):02d}"

    def sample(self, pool, low, high):
        return in_order(pool, self.rng.sample(pool, self.rng.randint(low, high)))

    def add(self, planned: Planned):
        self.participants.append(planned)
        self.by_key[planned.key] = planned

    # --- the adults named in demo_content

    def plan_mentors(self):
        for program, mentors in content.MENTORS.items():
            for spec in mentors:
                person = self.claim(
                    Person(
                        spec["first"],
                        spec["last"],
                        gender=spec["gender"],
                        language=spec.get("language", "fr"),
                        phone=self.phone(),
                    )
                )
                check = spec["check"]
                staff = spec["school"] and spec["school"][0].isdigit()
                values = {
                    "birth_date": spec["birth"],
                    "gender": spec["gender"],
                    "languages": spec.get("languages", ["fr"]),
                    "level": spec["level"],
                    "subject": spec["subject"],
                    "availability": in_order(list(Availability), spec["availability"]),
                    "interests": in_order(list(Interest), spec["interests"]),
                    "expertise": in_order(list(Topic), spec["expertise"]),
                    "about": spec["about"],
                    "years_of_experience": spec["years"],
                    "capacity": spec["capacity"],
                    "external_id": f"E{self.rng.randrange(10000, 99999)}" if staff else "",
                    "background_check_on": check,
                    "background_check_expires_on": (
                        check.replace(year=check.year + 3) if check else None
                    ),
                }
                self.add(
                    Planned(
                        key=spec["key"],
                        program=program,
                        role=ParticipantRole.MENTOR,
                        person=person,
                        values=values,
                        school=spec["school"],
                        trained=spec["trained"],
                    )
                )

    def plan_leader_mentees(self):
        for spec in content.LEADER_MENTEES:
            person = self.claim(
                Person(spec["first"], spec["last"], gender=spec["gender"], phone=self.phone())
            )
            values = {
                "birth_date": spec["birth"],
                "gender": spec["gender"],
                "languages": spec.get("languages", ["fr"]),
                "level": spec["level"],
                "subject": spec["subject"],
                "availability": self.sample(content.WEEKDAY_DAYTIME, 2, 4),
                "interests": self.sample(list(Interest), 1, 3),
                "needs": in_order(list(Topic), spec["needs"]),
                "about": spec.get("about", ""),
                "external_id": f"E{self.rng.randrange(10000, 99999)}",
            }
            self.add(
                Planned(
                    key=spec["key"],
                    program="leaders",
                    role=ParticipantRole.MENTEE,
                    person=person,
                    values=values,
                    school=spec["school"],
                )
            )

    # --- generated students

    def student_gender(self) -> str:
        roll = self.rng.random()
        if roll < 0.06:
            return Gender.UNDISCLOSED
        return Gender.WOMAN if roll < 0.53 else Gender.MAN

    def languages(self, origin: str, bilingual_share: float) -> list[str]:
        languages = list(content.ORIGIN_LANGUAGES[origin])
        if languages == ["fr"] and self.rng.random() < bilingual_share:
            languages.append("en")
        return languages

    def preference(self, gender: str, share: float) -> str:
        if gender in (Gender.WOMAN, Gender.MAN) and self.rng.random() < share:
            return GenderPreference(gender)
        return GenderPreference.NONE

    def plan_high_school_student(self, index: int, last: str, origin: str):
        gender = self.student_gender()
        languages = self.languages(origin, 0.15)
        language = "en" if languages[0] == "en" else "fr"
        person = self.new_person(content.YOUNG_NAMES, origin, gender, last, language=language)
        # Québec: Secondary N in 2026-2027 means turning 11 + N by 30 September 2026. Secondary
        # 2 to 5 students born by 25 August 2013 are 13 to 17 from the first day of the cohort
        # to the last: minors throughout.
        grade = 3 if index == 0 else self.rng.choice([2, 3, 4, 5])
        born_from = date(2014 - grade, 10, 1)
        span = (min(date(2015 - grade, 9, 30), date(2013, 8, 25)) - born_from).days
        school = "871010" if index == 0 else self.rng.choice(["871010", "871020"])
        values = {
            "birth_date": born_from + timedelta(days=self.rng.randrange(span + 1)),
            "gender": gender,
            "gender_preference": self.preference(gender, 0.2),
            "languages": languages,
            "level": f"Secondaire {grade}",
            "subject": self.rng.choice(content.HIGH_SCHOOL_TRACKS),
            "availability": self.sample(content.AFTER_SCHOOL, 2, 3),
            "interests": self.sample(list(Interest), 2, 3),
            "needs": self.sample(PERSEVERANCE_NEEDS, 1, 3),
            "about": self.rng.choice(content.STUDENT_ABOUT),
            "external_id": f"{self.rng.randrange(1000000, 9999999)}",
        }
        planned = Planned(
            key=f"student:{index}",
            program="perseverance",
            role=ParticipantRole.MENTEE,
            person=person,
            values=values,
            school=school,
        )
        # Two families in three have consented; the others have not answered yet.
        consents = index % 3 != 2
        count = 2 if self.rng.random() < 0.6 else 1
        first_gender = self.rng.choice([Gender.WOMAN, Gender.MAN])
        genders = [first_gender, Gender.MAN if first_gender == Gender.WOMAN else Gender.WOMAN]
        for gender in genders[:count]:
            parent = self.new_person(
                content.PARENT_NAMES, origin, gender, last, language=language, phone=self.phone()
            )
            relationship = GuardianRelationship.PARENT
            if count == 1 and self.rng.random() < 0.2:
                relationship = GuardianRelationship.LEGAL_GUARDIAN
            planned.guardians.append(Guardian(parent, relationship, consents))
        self.add(planned)

    def plan_university_student(self, index: int, last: str, origin: str):
        gender = self.student_gender()
        languages = self.languages(origin, 0.25)
        language = "en" if languages[0] == "en" else "fr"
        if index == 0:  # the student whose practicum supervisor is a mentor
            gender, languages, language = Gender.WOMAN, ["fr"], "fr"
            person = self.practicum_student
        else:
            person = self.new_person(content.YOUNG_NAMES, origin, gender, last, language=language)
        needs_pool = list(UNIVERSITY_NEEDS)
        if index == 0:
            degree, year, subject = "Baccalauréat", 3, "Enseignement secondaire — français"
        elif self.rng.random() < 0.15:
            degree, year, subject = "Maîtrise en éducation", 1, "Éducation"
            needs_pool.append(Topic.RESEARCH)
        else:
            degree, year = "Baccalauréat", self.rng.choice([1, 1, 1, 2, 2, 3, 4])
            subject = self.rng.choice(content.UNIVERSITY_FIELDS)
        ordinal = "1re" if year == 1 else f"{year}e"
        if degree.startswith("Maîtrise"):
            age = 22 + self.rng.randint(0, 3)
        else:
            age = min(25, 17 + year + self.rng.randint(0, 2))
        # Exactly `age` years old on the first day of the cohort.
        born_from = date(2026 - age - 1, 8, 26)
        values = {
            "birth_date": born_from + timedelta(days=self.rng.randrange(365)),
            "gender": gender,
            "gender_preference": self.preference(gender, 0.15),
            "languages": languages,
            "level": f"{degree} — {ordinal} année",
            "subject": subject,
            "availability": self.sample(content.AFTER_SCHOOL + content.EVENINGS, 2, 4),
            "interests": self.sample(list(Interest), 2, 3),
            "needs": self.sample(needs_pool, 1, 3),
            "about": self.rng.choice(content.UNIVERSITY_ABOUT),
            "external_id": f"UL{self.rng.randrange(100000, 999999)}",
        }
        self.add(
            Planned(
                key=f"university:{index}",
                program="university",
                role=ParticipantRole.MENTEE,
                person=person,
                values=values,
                school="UL-FSE",
            )
        )


def aware(parts) -> datetime:
    return timezone.make_aware(datetime(*parts), timezone.get_default_timezone())


class Command(BaseCommand):
    help = (
        "Load demo data (a fictional school board, three programs, about 20 mentors and 60 "
        "mentees). Safe to run again: existing rows are kept. Sends no e-mail."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run even though DEBUG is off (never on a production database).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                "seed_demo loads demo accounts with a known password and refuses to run when "
                "DEBUG is off. Set DJANGO_DEBUG=1, or pass --allow-without-debug if you really "
                "mean to seed this database."
            )
        self.created: dict[str, int] = {}
        self.updated: dict[str, int] = {}
        self._demo_hash = None
        self.new_users: set[int] = set()
        plan = Planner()
        with transaction.atomic():
            logins = self.seed(plan)
        lines = self.run_app_steps(logins)
        self.report(logins + self.personas())
        for line in lines:
            self.stdout.write(line)

    def personas(self) -> list[tuple[str, User]]:
        """Accounts that show each portal at its most telling, found once every step ran."""
        from django.apps import apps
        from django.db.models import Exists, OuterRef

        pairing = apps.get_model("matching", "Pairing")  # a higher app: no import from here
        org = Organization.objects.get(slug=content.ORGANIZATION["slug"])
        mentees = Participant.objects.mentees().filter(cohort__program__organization=org)
        active = Exists(pairing.objects.filter(mentee=OuterRef("pk"), status="active"))
        found = []
        teen = (
            mentees.filter(cohort__program__involves_minors=True)
            .filter(active)
            .select_related("user")
            .order_by("user__search_key")
            .first()
        )
        if teen:
            found.append(("Mentee (teen)", teen.user))
        waiting = (
            GuardianLink.objects.filter(participant__cohort__program__organization=org)
            .filter(consents__isnull=True)
            .select_related("guardian")
            .order_by("guardian__search_key")
            .first()
        )
        if waiting:
            found.append(("Parent (consent waiting)", waiting.guardian))
        paired = (
            GuardianLink.objects.filter(participant__in=mentees.filter(active))
            .select_related("guardian")
            .order_by("guardian__search_key")
            .first()
        )
        if paired:
            found.append(("Parent (active pair)", paired.guardian))
        starting = (
            GuardianLink.objects.filter(
                participant__in=mentees.filter(
                    Exists(pairing.objects.filter(mentee=OuterRef("pk"), status="starting"))
                )
            )
            .select_related("guardian")
            .order_by("guardian__search_key")
            .first()
        )
        if starting:  # the commitment signed by the pair waits for this parent (forms)
            found.append(("Parent (commitment to read)", starting.guardian))
        choosing = (
            mentees.filter(cohort__program__mentee_chooses_mentor=True, suggestions__isnull=False)
            .exclude(active)
            .select_related("user")
            .distinct()
            .order_by("user__search_key")
            .first()
        )
        if choosing:
            found.append(("Mentee (choosing a mentor)", choosing.user))
        return found

    def run_app_steps(self, logins) -> list[str]:
        """Steps of higher apps (matching…), each idempotent, in their own transactions."""
        organization = Organization.objects.get(slug=content.ORGANIZATION["slug"])
        coordinator = next(user for role, user in logins if role == "Coordinator")
        lines = []
        for step in demo.STEPS:
            with transaction.atomic():
                line = step(organization, coordinator)
            if line:
                lines.append(line)
        return lines

    # --- generic get-or-create-or-update

    def tally(self, counter: dict, model):
        counter[model.__name__] = counter.get(model.__name__, 0) + 1

    def upsert(self, model, lookup: dict, values: dict | None = None, find: dict | None = None):
        """Find by natural key, or create it. A row that exists is never changed: running the
        command again keeps what people edited (a name, a capacity, a consent)."""
        values = values or {}
        obj = model._default_manager.filter(**(find or lookup)).first()
        if obj is None:
            obj = model(**lookup, **values)
            if model is User:
                obj.password = self.demo_hash()
            obj.save()
            if model is User:
                self.new_users.add(obj.pk)
            self.tally(self.created, model)
            return obj, True
        return obj, False

    def demo_hash(self) -> str:
        """One hash of the demo password for every new account (hashing ~150 times with the
        production hasher would take a minute or more)."""
        if self._demo_hash is None:
            self._demo_hash = make_password(content.DEMO_PASSWORD)
        return self._demo_hash

    def user(self, person: Person, **extra) -> User:
        email = person.email.lower()
        user, _created = self.upsert(
            User,
            {"email": email},
            {"full_name": person.full_name, "language": person.language, "phone": person.phone}
            | extra,
            find={"email__iexact": email},
        )
        # An existing account's password is never touched: only a new account gets the demo one.
        return user

    # --- the data

    def seed(self, plan: Planner) -> list[tuple[str, User]]:
        org, _ = self.upsert(
            Organization,
            {"slug": content.ORGANIZATION["slug"]},
            {
                "name": content.ORGANIZATION["name"],
                "kind": OrganizationKind.SCHOOL_BOARD,
                "website": content.ORGANIZATION["website"],
                "contact_email": content.ORGANIZATION["contact_email"],
            },
        )
        schools = {}
        for code, name, level, city in content.SCHOOLS:
            schools[code], _ = self.upsert(
                School,
                {"organization": org, "code": code},
                {"name": name, "level": level, "city": city},
            )

        admin = self.user(
            Person("", "", email=content.SUPERUSER["email"]),
            full_name=content.SUPERUSER["full_name"],
            is_staff=True,
            is_superuser=True,
            is_active=True,
        )
        coordinators = {}
        titles = {c["key"]: c["title"] for c in content.COORDINATORS}
        for key, person in plan.coordinators.items():
            coordinators[key] = self.user(person, is_active=True)
            self.upsert(
                Membership,
                {"organization": org, "user": coordinators[key]},
                {"role": MembershipRole.COORDINATOR, "title": titles[key]},
            )

        cohorts, versions, trained_on, sessions = {}, {}, {}, {}
        for spec in content.PROGRAMS:
            coordinator = coordinators[spec["coordinator"]]
            program, _ = self.upsert(
                Program,
                {"slug": spec["slug"]},
                spec["values"]
                | {
                    "organization": org,
                    "is_public": True,
                    "contact_name": coordinator.full_name,
                    "contact_email": coordinator.email,
                },
            )
            versions[spec["key"]] = self.page_version(program, spec["page"], coordinator)
            cohort, _ = self.upsert(
                Cohort,
                {"program": program, "name": content.COHORT["name"]},
                {k: v for k, v in content.COHORT.items() if k != "name"}
                | {"phase": CohortPhase.PAIRING, "coordinator": coordinator},
            )
            cohorts[spec["key"]] = cohort
            sessions[spec["key"]] = []
            for session in spec["sessions"]:
                row, _ = self.upsert(
                    TrainingSession,
                    {"cohort": cohort, "title": session["title"]},
                    {
                        "audience": TrainingAudience.MENTORS,
                        "starts_at": aware(session["start"]),
                        "ends_at": aware(session["end"]),
                        "location": session["location"],
                        "description": session["description"],
                        "required_before_pairing": session["required_before_pairing"],
                    },
                )
                sessions[spec["key"]].append(row)
            trained_on[spec["key"]] = date(*spec["sessions"][0]["start"][:3])

        users = {}
        for planned in plan.participants:
            user = self.user(planned.person, is_active=True)
            users[planned.key] = user
            values = dict(planned.values)
            values["school"] = schools[planned.school] if planned.school else None
            values["role"] = planned.role
            if planned.role == ParticipantRole.MENTOR:
                values["training_completed_on"] = (
                    trained_on[planned.program] if planned.trained else None
                )
            participant, _ = self.upsert(
                Participant, {"cohort": cohorts[planned.program], "user": user}, values
            )
            if planned.role == ParticipantRole.MENTOR:
                self.attendances(participant, planned, sessions[planned.program])
            for guardian in planned.guardians:
                self.guardian(participant, guardian, versions[planned.program])

        for superior, subordinate, kind, note in content.AUTHORITY_LINKS:
            self.upsert(
                AuthorityLink,
                {
                    "organization": org,
                    "superior": users[superior],
                    "subordinate": users[subordinate],
                    "kind": kind,
                },
                {"note": note},
            )

        first_parent = next(p for p in plan.participants if p.guardians).guardians[0]
        logins = [
            ("Coordinator", coordinators["claire"]),
            ("Coordinator", coordinators["julien"]),
            ("Superuser", admin),
            ("Mentor", users["francois"]),
            ("Mentee (adult)", users["anais"]),
            ("Parent (consent given)", User.objects.get(email=first_parent.person.email)),
        ]
        return logins

    def page_version(self, program, texts: dict, coordinator) -> ProgramPageVersion:
        """Version 1 of the public page, published once; later versions are left alone."""
        version = program.page_versions.order_by("number").first()
        if version is None:
            version = publish_page_version(
                ProgramPageVersion(program=program, **texts), by=coordinator
            )
            self.tally(self.created, ProgramPageVersion)
        return version

    def attendances(self, participant, planned: Planned, sessions):
        past, upcoming = sessions
        status = AttendanceStatus.PRESENT if planned.trained else AttendanceStatus.ABSENT
        for session, wanted in ((past, status), (upcoming, AttendanceStatus.INVITED)):
            self.upsert(
                TrainingAttendance,
                {"session": session, "participant": participant},
                {"status": wanted},
            )

    def guardian(self, participant, guardian: Guardian, version):
        user = self.user(guardian.person, is_active=True)
        link, _ = self.upsert(
            GuardianLink,
            {"participant": participant, "guardian": user},
            {"relationship": guardian.relationship},
        )
        # Consent records are a history: add the first one only, never rewrite it.
        if guardian.consents and not link.consents.exists():
            ConsentRecord.objects.create(
                guardian_link=link,
                page_version=version,
                decision=ConsentDecision.GIVEN,
                recorded_by=user,
            )
            self.tally(self.created, ConsentRecord)

    # --- output

    def report(self, logins):
        created = sum(self.created.values())
        updated = sum(self.updated.values())
        if created or updated:
            details = ", ".join(f"{n} {label}" for label, n in sorted(self.created.items()))
            self.stdout.write(f"Created {created} rows ({details or 'none'}); updated {updated}.")
        else:
            self.stdout.write("The demo data was already there: nothing to change.")
        url = f"{settings.SITE_URL}/"
        rows = [("Role", "Name", "E-mail", "Password")] + [
            (role, user.full_name, user.email, content.DEMO_PASSWORD) for role, user in logins
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        line = "  ".join("-" * w for w in widths)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins — open {url}"))
        self.stdout.write(line)
        for index, row in enumerate(rows):
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
            if index == 0:
                self.stdout.write(line)
        self.stdout.write(line)
        self.stdout.write(
            f"Every demo account created by this command (the superuser and all of "
            f"@{content.DEMO_DOMAIN}) gets the password {content.DEMO_PASSWORD!r}; the password "
            "of an account that already existed is never changed."
        )
