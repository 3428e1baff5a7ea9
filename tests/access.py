"""Who may open every URL of the site: the declaration the generated tests read.

`tests/integrity/test_access_matrix.py` walks the URL resolver and fails for any URL that is not
declared here, then requests each one as each role of `ROLES` and compares the status with the
one declared. `tests/integrity/test_hostile_input.py` posts hostile values into every form these
pages show. A new URL therefore needs a line here, saying who may use it, before the suite passes.

The world the URLs are tried on (`world()`) is organization A's minor-mentee program: Marc
mentors Léa (active pair, a proposed meeting, an open concern), Paul is Léa's guardian, Gilles is
a second mentor and Zoé a second mentee who ranks her shortlist; a matching run proposes
Gilles–Zoé. Oscar coordinates organization B; Nina has no role anywhere.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace

from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import outbox
from accounts.models import Invitation
from forms_workflow import demo as forms_demo
from forms_workflow import services as forms_services
from forms_workflow.models import FormSubmission
from matching import services as matching_services
from matching.models import (
    MatchingRun,
    MatchingSettings,
    PairRule,
    RuleKind,
)
from meetings import services as meeting_services
from meetings.models import CalendarFeed, ClosureDay, Concern, GroupMeeting, Meeting
from programs import services as programs_services
from programs.models import (
    AuthorityLink,
    ConsentDecision,
    ConsentRecord,
    EnrolmentKind,
    GuardianLink,
    Membership,
    Participant,
    ParticipantImport,
    ParticipantRole,
    ProgramKind,
    TrainingSession,
)
from reports.models import Funder
from tests.factories import MembershipFactory, PairingFactory, ParticipantFactory, UserFactory

# anon: signed out; claire: coordinator of A; oscar: coordinator of B; marc: mentor of the pair;
# lea: its mentee (a minor); paul: her guardian; gilles: another mentor of the cohort; zoe:
# another mentee of the cohort (an adult); nina: signed in, no role; root: superuser; gone: a
# coordinator of A whose account was deactivated.
ROLES = ("anon", "claire", "oscar", "marc", "lea", "paul", "gilles", "zoe", "nina", "root", "gone")
SIGNED_IN = tuple(role for role in ROLES if role not in ("anon", "gone"))
COORDINATORS_OF_A = ("claire", "root")


@dataclass(frozen=True)
class Expect:
    """Expected status per role: `default`, then `roles` for the exceptions."""

    default: int
    roles: dict = field(default_factory=dict)

    def __call__(self, role: str) -> int:
        return self.roles.get(role, self.default)

    def __or__(self, overrides: dict) -> "Expect":
        return Expect(self.default, {**self.roles, **overrides})


def only(status: int, who, otherwise: int = 404, anon: int = 302) -> Expect:
    """`who` get `status`; other signed-in people `otherwise`; signed-out people `anon`."""
    roles = {role: status for role in who}
    roles.setdefault("anon", anon)
    roles.setdefault("gone", anon)
    return Expect(otherwise, roles)


def everyone(status: int) -> Expect:
    return Expect(status)


def signed_in(status: int, anon: int = 302) -> Expect:
    return only(status, SIGNED_IN, otherwise=status, anon=anon)


@dataclass(frozen=True)
class Url:
    """One URL: how to fill its arguments from the world, and who gets what.

    `post` is None when the URL takes no POST. `change` says whether an allowed POST of the
    page's own form changes state (the hostile-input test then checks nothing else changed)."""

    kwargs: object = None  # a function world -> dict, or None
    get: Expect = None
    post: Expect | None = None
    form_as: str | None = None  # who posts the page's form in the hostile-input test


def _kwargs(**fns):
    return lambda w: {name: fn(w) for name, fn in fns.items()}


pair_pk = _kwargs(pk=lambda w: w.pair.pk)
cohort_pk = _kwargs(pk=lambda w: w.cohort.pk)
program_pk = _kwargs(pk=lambda w: w.program.pk)
meeting_pk = _kwargs(pk=lambda w: w.meeting.pk)
NOT_ALLOWED = 405

SITE = {
    "set_language": Url(get=everyone(NOT_ALLOWED), post=everyone(302)),
    "calendar_feed": Url(_kwargs(token=lambda w: w.feed.token), get=everyone(200)),
    "home": Url(
        get=signed_in(302, anon=200), form_as="anon"
    ),  # signed in: to one's portal or workspace
    "accounts:login": Url(
        get=signed_in(302, anon=200), post=signed_in(302, anon=200), form_as="anon"
    ),
    "accounts:logout": Url(get=everyone(NOT_ALLOWED), post=everyone(302)),
    "accounts:email_preferences": Url(get=signed_in(200), post=signed_in(302), form_as="lea"),
    # the link of every reminder: no session needed, the signed token is the key
    "accounts:unsubscribe": Url(
        _kwargs(token=lambda w: w.unsubscribe_token),
        get=everyone(200),
        post=everyone(200),
        form_as="anon",
    ),
    "accounts:invitation_request": Url(get=everyone(200), post=everyone(200), form_as="anon"),
    "accounts:invitation_accept": Url(
        _kwargs(token=lambda w: w.invitation_token),
        get=everyone(200),
        post=everyone(200),
        form_as="anon",
    ),
    "accounts:invitation_renew": Url(
        _kwargs(token=lambda w: w.invitation_token), get=everyone(NOT_ALLOWED), post=everyone(302)
    ),
    "accounts:password_reset": Url(get=everyone(200), post=everyone(200), form_as="anon"),
    "accounts:password_reset_done": Url(get=everyone(200)),
    "accounts:password_reset_confirm": Url(
        _kwargs(uidb64=lambda w: w.reset_uid, token=lambda w: w.reset_token),
        get=everyone(302),  # to the same page without the token in the address
        post=everyone(302),
    ),
    "accounts:password_reset_complete": Url(get=everyone(200)),
    # Organization A asks Oscar (of B) to join: only he reads and answers it
    "programs:enrolment": Url(
        _kwargs(pk=lambda w: w.enrolment.pk),
        get=only(200, ("oscar",)),
        post=only(302, ("oscar",)),
        form_as="oscar",
    ),
    "matching:cohort": Url(cohort_pk, get=only(200, COORDINATORS_OF_A), form_as="claire"),
    "matching:run_create": Url(
        cohort_pk, get=signed_in(NOT_ALLOWED), post=only(302, COORDINATORS_OF_A)
    ),
    "matching:run_publish": Url(
        _kwargs(pk=lambda w: w.run.pk),
        get=signed_in(NOT_ALLOWED),
        post=only(302, COORDINATORS_OF_A),
    ),
    "matching:run_pair_action": Url(
        _kwargs(pk=lambda w: w.run_pair.pk, action=lambda w: "pin"),
        get=signed_in(NOT_ALLOWED),
        post=only(302, COORDINATORS_OF_A),
    ),
    "matching:pairing_list": Url(get=signed_in(200)),
    "matching:pairing_detail": Url(
        pair_pk, get=only(200, (*COORDINATORS_OF_A, "marc", "lea", "paul")), form_as="claire"
    ),
    "matching:pairing_review": Url(  # others who see the pair get the refusal as a message
        pair_pk,
        get=signed_in(NOT_ALLOWED),
        post=only(302, ("marc", "lea", "paul", *COORDINATORS_OF_A)),
    ),
    "matching:pairing_exit_feedback": Url(  # asked once the pair has ended: refused as a message
        pair_pk,
        get=signed_in(NOT_ALLOWED),
        post=only(302, ("marc", "lea", "paul", *COORDINATORS_OF_A)),
    ),
    "matching:pairing_lifecycle": Url(
        _kwargs(pk=lambda w: w.pair.pk, action=lambda w: "pause"),
        get=signed_in(NOT_ALLOWED),
        post=only(302, COORDINATORS_OF_A),
    ),
    "matching:shortlist": Url(
        _kwargs(pk=lambda w: w.zoe_participant.pk),
        get=only(200, ("zoe",)),
        post=only(200, ("zoe",)),  # an empty POST shows the page again
        form_as="zoe",
    ),
    # coordinators follow the pair's meetings (never the private notes); only the pair acts
    # this month's pulse: only the pair's two people record it (a message for anyone else)
    "meetings:pulse": Url(pair_pk, get=signed_in(NOT_ALLOWED), post=only(302, ("marc", "lea"))),
    # the monthly e-mail's link: the signed token is the key, no session needed
    "meetings:pulse_link": Url(
        _kwargs(token=lambda w: w.pulse_token),
        get=everyone(200),
        post=everyone(200),
        form_as="anon",
    ),
    "meetings:pairing_meetings": Url(
        pair_pk,
        get=only(200, ("marc", "lea", *COORDINATORS_OF_A)),
        post=only(400, ("marc", "lea"), otherwise=404) | {"claire": 404, "root": 404},
        form_as="marc",
    ),
    "meetings:meeting_detail": Url(
        meeting_pk,
        get=only(200, ("marc", "lea", *COORDINATORS_OF_A)),
        post=only(400, ("marc", "lea")) | {"claire": 404, "root": 404},
        form_as="marc",
    ),
    "meetings:meeting_ics": Url(meeting_pk, get=only(200, ("marc", "lea", *COORDINATORS_OF_A))),
    "meetings:meeting_action": Url(
        _kwargs(pk=lambda w: w.meeting.pk, action=lambda w: "cancel"),
        get=signed_in(NOT_ALLOWED),
        post=only(302, ("marc", "lea")),
    ),
    "meetings:calendar_settings": Url(get=signed_in(200), post=signed_in(302), form_as="lea"),
    "meetings:board": Url(cohort_pk, get=only(200, COORDINATORS_OF_A)),
    "meetings:pair_followup": Url(
        pair_pk,
        get=only(200, COORDINATORS_OF_A),
        post=only(200, COORDINATORS_OF_A),
        form_as="claire",
    ),
    "meetings:concern_create": Url(
        pair_pk,
        get=only(200, ("marc", "lea", "paul")),
        post=only(200, ("marc", "lea", "paul")),
        form_as="paul",
    ),
    "meetings:digest": Url(pair_pk, get=only(200, ("paul", *COORDINATORS_OF_A))),
    # forms: the pair's commitment (a draft both fill; the coordination reads it) and its
    # learning plan, signed by both; a guardian reads neither (no acknowledgement asked here)
    "forms_workflow:fill": Url(
        _kwargs(pk=lambda w: w.commitment.pk),
        get=only(200, ("marc", "lea", *COORDINATORS_OF_A)),
        post=only(302, ("marc", "lea", *COORDINATORS_OF_A)),  # others than the pair: a message
        form_as="marc",
    ),
    "forms_workflow:autosave": Url(  # htmx; signed out: 401 with a message, nothing lost
        _kwargs(pk=lambda w: w.commitment.pk),
        get=signed_in(NOT_ALLOWED, anon=NOT_ALLOWED) | {"gone": NOT_ALLOWED},
        post=only(200, ("marc", "lea", *COORDINATORS_OF_A), anon=401),
    ),
    "forms_workflow:pdf": Url(
        _kwargs(pk=lambda w: w.plan.pk), get=only(200, ("marc", "lea", *COORDINATORS_OF_A))
    ),
    "forms_workflow:verify": Url(
        _kwargs(pk=lambda w: w.plan.pk), get=only(200, ("marc", "lea", *COORDINATORS_OF_A))
    ),
    "forms_workflow:reopen": Url(
        _kwargs(pk=lambda w: w.plan.pk),
        get=signed_in(NOT_ALLOWED),
        post=only(200, COORDINATORS_OF_A),  # an empty reason: the page again, with the error
    ),
    "forms_workflow:acknowledge": Url(  # only a guardian asked to: a message for the others
        _kwargs(pk=lambda w: w.plan.pk),
        get=signed_in(NOT_ALLOWED),
        post=only(302, ("marc", "lea", *COORDINATORS_OF_A)),
    ),
    "forms_workflow:matrix": Url(
        cohort_pk,
        get=only(200, COORDINATORS_OF_A),
        post=only(302, COORDINATORS_OF_A),
        form_as="claire",
    ),
    # reports: the coordination's dashboards, jobs, exports, surveys and certificates; Oscar
    # (of B) sees his own, empty, reports home
    "reports:home": Url(get=only(200, (*COORDINATORS_OF_A, "oscar"))),
    "reports:program": Url(program_pk, get=only(200, COORDINATORS_OF_A), form_as="claire"),
    "reports:cohort": Url(cohort_pk, get=only(200, COORDINATORS_OF_A), form_as="claire"),
    "reports:program_analysis": Url(program_pk, get=only(200, COORDINATORS_OF_A)),
    "reports:cohort_analysis": Url(cohort_pk, get=only(200, COORDINATORS_OF_A)),
    "reports:program_export": Url(
        _kwargs(pk=lambda w: w.program.pk, dataset=lambda w: "pairs", fmt=lambda w: "xlsx"),
        get=only(200, COORDINATORS_OF_A),
    ),
    "reports:cohort_export": Url(
        _kwargs(pk=lambda w: w.cohort.pk, dataset=lambda w: "surveys", fmt=lambda w: "csv"),
        get=only(200, COORDINATORS_OF_A),
    ),
    "reports:request": Url(get=signed_in(NOT_ALLOWED), post=only(404, ())),  # no target: 404
    "reports:job": Url(_kwargs(pk=lambda w: w.report_job.pk), get=only(200, COORDINATORS_OF_A)),
    "reports:job_status": Url(
        _kwargs(pk=lambda w: w.report_job.pk), get=only(200, COORDINATORS_OF_A)
    ),
    "reports:download": Url(
        _kwargs(pk=lambda w: w.report_job.pk), get=only(200, COORDINATORS_OF_A)
    ),
    "reports:retry": Url(  # a job that is done is not built again: back to its page
        _kwargs(pk=lambda w: w.report_job.pk),
        get=signed_in(NOT_ALLOWED),
        post=only(302, COORDINATORS_OF_A),
    ),
    "reports:certificates": Url(
        cohort_pk,
        get=only(200, COORDINATORS_OF_A),
        post=only(302, COORDINATORS_OF_A),
        form_as="claire",
    ),
    # Marc's certificate: Marc and the coordination download it
    "reports:certificate_pdf": Url(
        _kwargs(pk=lambda w: w.certificate.pk), get=only(200, ("marc", *COORDINATORS_OF_A))
    ),
    "reports:revoke": Url(  # an empty reason: the page again, with the error
        _kwargs(pk=lambda w: w.certificate.pk),
        get=signed_in(NOT_ALLOWED),
        post=only(400, COORDINATORS_OF_A),
    ),
    "reports:verify": Url(get=everyone(200), form_as=None),
    "reports:surveys": Url(
        cohort_pk,
        get=only(200, COORDINATORS_OF_A),
        post=only(400, COORDINATORS_OF_A),  # an empty form: the page again, with the errors
        form_as="claire",
    ),
    "reports:survey": Url(_kwargs(pk=lambda w: w.survey.pk), get=only(200, COORDINATORS_OF_A)),
    # Léa's own questionnaire: only she answers it; nobody else reads it, the coordination
    # included (it reads the group's results)
    "reports:answer": Url(
        _kwargs(pk=lambda w: w.lea_response.pk),
        get=only(200, ("lea",)),
        post=only(400, ("lea",)),
        form_as="lea",
    ),
    "reports:parent_summary": Url(pair_pk, get=only(200, ("paul", *COORDINATORS_OF_A))),
    "programs:public_page": Url(_kwargs(slug=lambda w: w.program.slug), get=everyone(200)),
    "programs:public_page_version": Url(
        _kwargs(slug=lambda w: w.program.slug, number=lambda w: w.program.current_page().number),
        get=everyone(200),
    ),
    # a mentor's photo (the world's mentors have none: nothing to show anyone)
    "programs:photo": Url(_kwargs(pk=lambda w: w.pair.mentor_id), get=signed_in(404)),
    "programs:portal": Url(get=signed_in(200), form_as="marc"),  # the monthly pulse buttons
    "programs:profile_edit": Url(
        _kwargs(pk=lambda w: w.lea_participant.pk),
        get=only(200, ("lea",)),
        post=only(200, ("lea",)),
        form_as="lea",
    ),
    "programs:consent": Url(
        _kwargs(pk=lambda w: w.link.pk),
        get=only(200, ("paul",)),
        post=only(200, ("paul",)),
        form_as="paul",
    ),
}

# The coordination admin. Signed-out people are sent to sign in (302); signed-in people who
# coordinate nothing get a 403; Oscar sees his own (empty) lists and a 404 for A's records.
ADMIN_DENIED = {role: 403 for role in SIGNED_IN} | {"anon": 302, "gone": 302}
COORDINATORS = ("claire", "oscar", "root")


def admin(status=200, oscar=None) -> Expect:
    roles = dict(ADMIN_DENIED)
    roles.update({role: status for role in COORDINATORS})
    if oscar is not None:
        roles["oscar"] = oscar
    return Expect(403, roles)


ADMIN_SITE = {
    "coordination:index": Url(get=admin(), form_as="claire"),  # reminders, next school year
    "coordination:remind_guardians": Url(get=admin(NOT_ALLOWED), post=admin(302)),
    # the people list (filters, bulk invite and remind) and a person's page, in the site's design
    "coordination:cohort_hub": Url(cohort_pk, get=admin(oscar=404)),
    "coordination:new_school_year": Url(
        cohort_pk, get=admin(NOT_ALLOWED), post=admin(302, oscar=404)
    ),
    "coordination:people": Url(get=admin(), post=admin(302), form_as="claire"),
    "coordination:person": Url(_kwargs(pk=lambda w: w.lea_participant.pk), get=admin(oscar=404)),
    "coordination:login": Url(get=Expect(302)),
    "coordination:logout": Url(get=admin(NOT_ALLOWED), post=admin(302)),
    "coordination:password_change": Url(get=admin(), form_as="claire"),
    "coordination:password_change_done": Url(get=admin()),
    "coordination:jsi18n": Url(get=admin()),
    "coordination:autocomplete": Url(get=admin(403)),
    "coordination:app_list": Url(_kwargs(app_label=lambda w: "programs"), get=admin()),
    "coordination:programs_participant_import": Url(get=admin(), form_as="claire"),
    "coordination:programs_participant_import_preview": Url(
        _kwargs(import_id=lambda w: w.participant_import.pk), get=admin(oscar=404), form_as="claire"
    ),
}


@dataclass(frozen=True)
class AdminModel:
    """A registered model: the record of organization A its pages are tried on, and whether a
    coordinator may add and delete such records there."""

    record: object  # world -> instance
    add: bool = True
    delete: bool | str = True  # "kept": this record may not be deleted; others' are a 404
    root_adds: bool = False  # only a superuser may add and delete (organizations)
    protected: bool = False  # the delete page lists the records that keep this one: no form


ADMIN_MODELS = {
    "programs.organization": AdminModel(
        lambda w: w.org_a, add=False, delete=False, root_adds=True, protected=True
    ),
    "programs.school": AdminModel(lambda w: w.school_a),
    "programs.membership": AdminModel(lambda w: w.membership),
    "programs.program": AdminModel(lambda w: w.program, protected=True),
    # a published page version is kept for the consents given under it
    "programs.programpageversion": AdminModel(lambda w: w.program.current_page(), delete=False),
    "programs.cohort": AdminModel(lambda w: w.cohort, protected=True),
    # a participant with a pair keeps their history: never deleted
    "programs.participant": AdminModel(lambda w: w.lea_participant, delete="kept"),
    "programs.guardianlink": AdminModel(lambda w: w.link, protected=True),
    "programs.consentrecord": AdminModel(lambda w: w.consent, add=False, delete=False),
    "programs.authoritylink": AdminModel(lambda w: w.authority),
    "programs.trainingsession": AdminModel(lambda w: w.training),
    # read-only: what the coordinator typed when asking a person of another organization
    "programs.enrolmentrequest": AdminModel(lambda w: w.enrolment, add=False, delete=False),
    "matching.matchingsettings": AdminModel(lambda w: w.program.matching_settings, delete=False),
    "matching.pairing": AdminModel(lambda w: w.pair, add=False, delete=False),
    "matching.pairrule": AdminModel(lambda w: w.rule),
    "matching.matchingrun": AdminModel(lambda w: w.run, add=False, delete=False),
    "meetings.closureday": AdminModel(lambda w: w.closure),
    "meetings.meeting": AdminModel(lambda w: w.meeting, add=False, delete=False),
    "meetings.groupmeeting": AdminModel(lambda w: w.group_meeting),
    # templates start as a copy (no add page); a form with answers is never deleted
    "forms_workflow.formtemplate": AdminModel(lambda w: w.own_template, add=False),
    "forms_workflow.programform": AdminModel(lambda w: w.commitment.program_form, delete="kept"),
    "reports.funder": AdminModel(lambda w: w.funder),
    "reports.certificatepolicy": AdminModel(lambda w: w.certificate_policy),
}
ADMIN_MODEL_PAGES = ("changelist", "add", "change", "delete", "history")


def admin_model_urls():
    """The declared URL of each page of each registered model."""
    urls = {}
    for label, model in ADMIN_MODELS.items():
        app, name = label.split(".")
        record = _kwargs(object_id=lambda w, model=model: str(model.record(w).pk))
        urls[f"coordination:{app}_{name}_changelist"] = Url(get=admin(), form_as="claire")
        refused = admin(403) | ({"root": 200} if model.root_adds else {})
        poster = "claire" if model.add else ("root" if model.root_adds else None)
        urls[f"coordination:{app}_{name}_add"] = Url(
            get=admin() if model.add else refused, form_as=poster
        )
        urls[f"coordination:{app}_{name}_change"] = Url(
            record, get=admin(oscar=404), form_as="claire"
        )
        deletion = {True: admin(oscar=404), False: refused, "kept": admin(403, oscar=404)}
        urls[f"coordination:{app}_{name}_delete"] = Url(
            record,
            get=deletion[model.delete],
            form_as="claire" if model.delete is True and not model.protected else None,
        )
        urls[f"coordination:{app}_{name}_history"] = Url(record, get=admin(oscar=404))
    return urls


def declared_urls() -> dict[str, Url]:
    return SITE | ADMIN_SITE | admin_model_urls()


def _reports_world(claire, program, cohort, marc_participant, lea_participant) -> dict:
    """A funder of the program, the certificate conditions, a questionnaire sent to the cohort's
    mentees (Léa's to answer), Marc's certificate and a cohort report already built."""
    from django.core.files.base import ContentFile

    from reports import certificates, surveys
    from reports.models import Certificate, JobStatus, ReportJob, ReportKind, SurveyWave

    funder = Funder.objects.create(organization=program.organization, name="Fondation Avenir")
    funder.programs.add(program)
    survey = surveys.send(
        cohort,
        forms_services.builtin("youth-centered-relationship"),
        SurveyWave.MID,
        "mentees",
        timezone.localdate() + timedelta(days=10),
        by=claire,
    )
    certificate = Certificate.objects.create(
        participant=marc_participant,
        holder_name=marc_participant.user.full_name,
        role=marc_participant.role,
        program_name=program.name,
        cohort_name=cohort.name,
        organization_name=program.organization.name,
        period_start=timezone.localdate() - timedelta(days=200),
        period_end=timezone.localdate(),
        meetings_held=8,
        forms_signed=3,
        issued_by=claire,
    )
    job = ReportJob.objects.create(
        organization=program.organization,
        requested_by=claire,
        kind=ReportKind.COHORT,
        cohort=cohort,
        program=program,
        language="fr",
        key=f"test:{cohort.pk}",
        status=JobStatus.DONE,
        progress=100,
        title="Rapport de la cohorte",
        pages=1,
        finished_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=14),
    )
    job.file.save(f"report-{job.pk}.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return {
        "funder": funder,
        "certificate_policy": certificates.policy_for(program),
        "survey": survey,
        "lea_response": survey.responses.get(participant=lea_participant),
        "certificate": certificate,
        "report_job": job,
    }


def world(cast):
    """Build the world on top of the fixed cast (tests/conftest.py) and return its handles."""
    claire, oscar, marc, lea, paul = (cast[k] for k in ("claire", "oscar", "marc", "lea", "paul"))
    lea_participant = lea.participations.get()
    marc_participant = marc.participations.get()
    cohort = lea_participant.cohort
    program = cohort.program
    program.mentee_chooses_mentor = True
    program.save(update_fields=["mentee_chooses_mentor"])
    org_a = program.organization
    link = GuardianLink.objects.get(participant=lea_participant, guardian=paul)
    consent = ConsentRecord.objects.create(
        guardian_link=link,
        page_version=program.current_page(),
        decision=ConsentDecision.GIVEN,
        recorded_by=paul,
    )
    pair = PairingFactory(
        mentor=marc_participant,
        mentee=lea_participant,
        started_on=timezone.localdate() - timedelta(days=20),
    )
    meeting = Meeting.objects.create(
        pairing=pair,
        starts_at=timezone.now() + timedelta(days=7),
        duration_minutes=60,
        place="Bibliothèque",
        proposed_by=lea,
    )
    concern = Concern.objects.create(
        pairing=pair,
        raised_by=paul,
        kind=Concern._meta.get_field("kind").choices[0][0],
        text="Les rencontres sont souvent annulées.",
    )
    gilles = UserFactory(email="gilles@exemple.qc.ca", full_name="Gilles Côté")
    ParticipantFactory(
        cohort=cohort,
        user=gilles,
        role=ParticipantRole.MENTOR,
        school=marc_participant.school,
        capacity=1,
    )
    zoe = UserFactory(email="zoe@exemple.qc.ca", full_name="Zoé Lavoie")
    zoe_participant = ParticipantFactory(
        cohort=cohort,
        user=zoe,
        role=ParticipantRole.MENTEE,
        school=marc_participant.school,
        birth_date=date(2007, 3, 2),  # an adult: no consent, no clearance needed
        level="Secondaire 3",
    )
    MatchingSettings.objects.get_or_create(program=program)
    matching_services.build_shortlist(zoe_participant.pk)
    run = matching_services.run_matching(cohort.pk, claire)
    run_pair = run.pairs.first()
    root = UserFactory(email="root@exemple.qc.ca", is_superuser=True, is_staff=True)
    gone = UserFactory(email="ancienne@erables.qc.ca", is_active=False)
    MembershipFactory(organization=org_a, user=gone)
    feed = CalendarFeed.objects.create(user=lea)
    invited = UserFactory(email="invitee@exemple.qc.ca", full_name="Ines Invitée")
    invited.set_unusable_password()
    invited.save()
    invitation = Invitation.objects.create(user=invited, expires_at=Invitation.default_expiry())
    invitation_token = invitation.new_token()
    invitation.save(update_fields=["token_hash"])
    forgetful = UserFactory(email="rita@exemple.qc.ca")  # signs in as none of the roles
    enrolment = programs_services.request_enrolment(
        Participant(cohort=cohort, user=oscar, role=ParticipantRole.MENTOR, languages=["fr"]),
        "user",
        EnrolmentKind.PARTICIPANT,
        org_a,
        {"email": oscar.email, "full_name": "O. Lévesque"},
        claire,
        "Mentor — cohorte",
    )
    forms_demo.configure(program, ProgramKind.NEW_SCHOOL_LEADERS)
    forms_services.sync_pair(pair.pk)
    forms = {s.template.family: s for s in pair.form_submissions.select_related("template")}
    for signer in (marc, lea):
        forms_demo.sign_as_demo(forms["agefo-3"], [signer])
    reporting = _reports_world(claire, program, cohort, marc_participant, lea_participant)
    return SimpleNamespace(
        **reporting,
        commitment=forms["agefo-2"],
        plan=FormSubmission.objects.get(pk=forms["agefo-3"].pk),
        own_template=forms_services.copy_template(
            forms_services.builtin("agefo-1").pk, org_a, claire
        ),
        users={**cast, "gilles": gilles, "zoe": zoe, "root": root, "gone": gone},
        org_a=org_a,
        school_a=marc_participant.school,
        membership=Membership.objects.filter(organization=org_a, user=claire).get(),
        program=program,
        cohort=cohort,
        lea_participant=lea_participant,
        zoe_participant=zoe_participant,
        link=link,
        consent=consent,
        authority=AuthorityLink.objects.create(
            organization=org_a, superior=UserFactory(), subordinate=marc
        ),
        training=TrainingSession.objects.create(
            cohort=cohort,
            title="Formation des mentors",
            starts_at=timezone.now() + timedelta(days=3),
            ends_at=timezone.now() + timedelta(days=3, hours=3),
        ),
        pair=pair,
        meeting=meeting,
        concern=concern,
        rule=PairRule.objects.create(
            mentor=marc_participant,
            mentee=zoe_participant,
            kind=RuleKind.EXCLUDE,
            created_by=claire,
        ),
        run=run if isinstance(run, MatchingRun) else MatchingRun.objects.get(pk=run.pk),
        run_pair=run_pair,
        closure=ClosureDay.objects.create(
            organization=org_a, day=timezone.localdate() + timedelta(days=40), label="Congé"
        ),
        group_meeting=GroupMeeting.objects.create(
            cohort=cohort,
            title="Rencontre des mentors",
            starts_at=timezone.now() + timedelta(days=10),
            ends_at=timezone.now() + timedelta(days=10, hours=2),
        ),
        participant_import=ParticipantImport.objects.create(
            cohort=cohort, created_by=claire, filename="eleves.csv", rows=[]
        ),
        feed=feed,
        invitation_token=invitation_token,
        unsubscribe_token=outbox.unsubscribe_token(lea),
        reset_uid=urlsafe_base64_encode(force_bytes(forgetful.pk)),
        reset_token=default_token_generator.make_token(forgetful),
        oscar=oscar,
        enrolment=enrolment,
        pulse_token=meeting_services.pulse_token(marc, pair, meeting_services.this_month()),
    )
