"""Every main page of every role, in French and in English: axe-core (WCAG 2.1 A and AA rules)
finds nothing, and at 390 px wide nothing scrolls sideways (tables scroll inside their box)."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from forms_workflow import services as forms_services
from matching import services as matching
from matching.models import CloseReason
from programs.models import ParticipantRole
from tests.browser.conftest import sign_in
from tests.factories import PairingFactory, ParticipantFactory
from tests.integrity.conftest import active  # noqa: F401 - the shared active pair

pytestmark = pytest.mark.browser

AXE = Axe()
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pages_of(role, pairing, closed, reporting):
    """The main pages each role works on (paths without the language prefix)."""
    from meetings import services as meetings

    pulse_token = meetings.pulse_token(pairing.mentor.user, pairing, meetings.this_month())
    meeting = pairing.meetings.first()
    link = pairing.mentee.guardian_links.first()
    cohort = pairing.mentee.cohort
    common = ["/portail/", "/comptes/courriels/"]
    return {
        "anon": [
            "/",
            f"/programmes/{cohort.program.slug}/",
            "/comptes/connexion/",
            "/comptes/mot-de-passe/oublie/",
            reverse("accounts:invitation_request")[3:],
            reverse("meetings:pulse_link", args=[pulse_token])[3:],  # from the monthly e-mail
            f"{reverse('reports:verify')[3:]}?code={reporting['certificate'].code}",
        ],
        "coordinator": [
            "/coordination/",
            "/coordination/personnes/",
            reverse("coordination:cohort_hub", args=[cohort.pk])[3:],
            reverse("coordination:person", args=[pairing.mentee.pk])[3:],
            reverse("matching:cohort", args=[cohort.pk])[3:],
            reverse("meetings:board", args=[cohort.pk])[3:],
            reverse("meetings:pair_followup", args=[pairing.pk])[3:],
            reverse("matching:pairing_detail", args=[pairing.pk])[3:],
            reverse("matching:pairing_detail", args=[closed.pk])[3:],
            reverse("matching:pairing_list")[3:],
            reverse("reports:home")[3:],
            reverse("reports:cohort", args=[cohort.pk])[3:],
            reverse("reports:job", args=[reporting["job"].pk])[3:],
            reverse("reports:certificates", args=[cohort.pk])[3:],
            reverse("reports:surveys", args=[cohort.pk])[3:],
            reverse("reports:survey", args=[reporting["answered"].pk])[3:],
            reverse("reports:cohort_analysis", args=[cohort.pk])[3:],
        ],
        "mentor": [
            *common,
            reverse("matching:pairing_detail", args=[pairing.pk])[3:],
            reverse("meetings:pairing_meetings", args=[pairing.pk])[3:],
            reverse("meetings:meeting_detail", args=[meeting.pk])[3:],
            reverse("meetings:calendar_settings")[3:],
            reverse("meetings:concern_create", args=[pairing.pk])[3:],
            reverse("matching:pairing_detail", args=[closed.pk])[3:],  # the exit feedback
        ],
        "mentee": [
            *common,
            reverse("matching:pairing_detail", args=[pairing.pk])[3:],
            reverse("programs:profile_edit", args=[pairing.mentee.pk])[3:],
            reverse("reports:answer", args=[reporting["lea_response"].pk])[3:],
        ],
        "parent": [
            *common,
            reverse("programs:consent", args=[link.pk])[3:],
            reverse("meetings:digest", args=[pairing.pk])[3:],
        ],
    }[role]


@pytest.fixture
def reporting(claire, lea, cohort):
    """Six more pairs that met and answered the cohort's questionnaire (the dashboard's charts,
    the survey's results and the analysis have data), a funder, their certificates, a
    questionnaire that Léa has to answer, and the cohort's report built."""
    from reports import certificates, jobs, surveys
    from reports.models import Funder, ReportKind, SurveyWave
    from tests.reports.conftest import grow, ycr_survey

    grow(cohort, 6)
    # a funder with a long name: the dashboard's filter lists it
    funder = Funder.objects.create(
        organization=cohort.program.organization,
        name="Fondation pour la persévérance scolaire des jeunes de la Côte-du-Sud",
    )
    funder.programs.add(cohort.program)
    policy = certificates.policy_for(cohort.program)
    policy.min_meetings, policy.forms_signed = 1, False
    policy.save()
    issued = certificates.issue(cohort, by=claire)
    sent = surveys.send(
        cohort,
        forms_services.builtin("youth-centered-relationship"),
        SurveyWave.MID,
        "mentees",
        timezone.localdate() + timedelta(days=10),
        by=claire,
    )
    job, _created = jobs.request(
        claire,
        ReportKind.COHORT,
        organization=cohort.program.organization,
        language="fr",
        cohort=cohort,
        program=cohort.program,
    )
    return {
        "certificate": issued[0],
        "answered": ycr_survey(cohort),  # grow's pairs answered it
        "lea_response": sent.responses.get(participant=lea.participations.get()),
        "job": job,
    }


@pytest.fixture
def world(active, claire, marc, lea, paul, cohort, school_a, reporting):  # noqa: F811
    """The active pair, and an earlier pair of Marc's that has ended (his exit feedback); the
    reports' data."""
    mentee = ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTEE, school=school_a)
    mentor = marc.participations.get()
    mentor.capacity = 3
    mentor.save(update_fields=["capacity"])
    closed = PairingFactory(mentor=mentor, mentee=mentee)
    matching.close(closed.pk, claire, CloseReason.COMPLETED)
    return {
        "claire": claire,
        "marc": marc,
        "lea": lea,
        "paul": paul,
        "closed": closed,
        "reporting": reporting,
    }


ROLES = {"anon": None, "coordinator": "claire", "mentor": "marc", "mentee": "lea", "parent": "paul"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("role", list(ROLES))
def test_main_pages_have_no_accessibility_violation_and_fit_390_px(
    open_page,
    world,
    active,  # noqa: F811
    role,
    lang,
):
    page: Page = open_page()
    who = ROLES[role]
    if who:
        sign_in(page, world[who].email, lang=lang)
    problems = []
    for path in pages_of(role, active, world["closed"], world["reporting"]):
        url = f"/{lang}{path}" if not path.startswith(f"/{lang}/") else path
        problems += page_problems(page, url)
    assert not problems, "\n".join(problems)


def page_problems(page: Page, url: str) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations at 1280 px, and any sideways scroll at 390 px."""
    problems = []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        if width == 1280:
            results = AXE.run(page, options=WCAG)
            for violation in results.response["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{url}: {violation['id']} ({violation['impact']}) {targets}")
        else:
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                problems.append(f"{url}: scrolls {overflow} px sideways at 390 px")
    return problems
