"""The coordinator's home (/fr/coordination/): what needs doing in their organizations, each
figure a link to the list of exactly those people, and one card per cohort under way."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from accounts.outbox import send_due as deliver
from matching.models import Answer, Pairing, PairingStatus
from meetings.models import Concern, HealthColor, PairHealth
from programs import services as programs
from programs.models import ConsentDecision, ParticipantRole
from tests.factories import ParticipantFactory

HOME = reverse("coordination:index")


def home_of(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_says_what_needs_doing_in_the_sites_design(client, claire, marc, lea, paul):
    page = home_of(client, claire)
    assert 'class="navbar' in page  # the site's header, not the stock admin
    assert "Sélectionnez" not in page
    assert "1 consentement parental en attente" in page
    assert "Rappeler les parents" in page
    assert "1 mentoré ou mentorée sans jumelage" in page
    assert "1 mentor ayant des places libres (2 en tout)" in page
    assert "1 mentor de mineurs sans antécédents judiciaires valides" in page
    assert "1 mentor n’a pas terminé sa formation" in page
    # the cohort card: its phases and funnel
    assert "Persévérance au secondaire — 2026-2027" in page
    assert 'aria-current="step"' in page


def test_each_figure_links_to_the_list_of_exactly_those_people(client, claire, marc, lea, paul):
    client.force_login(claire)
    people = reverse("coordination:people")
    waiting = client.get(people + "?need=consent").content.decode()
    assert "Léa Gagnon" in waiting
    assert "Marc Tremblay" not in waiting
    untrained = client.get(people + "?need=training").content.decode()
    assert "Marc Tremblay" in untrained
    assert "Léa Gagnon" not in untrained
    unpaired = client.get(people + "?need=without_pair").content.decode()
    assert "Léa Gagnon" in unpaired
    assert "Marc Tremblay" not in unpaired


def test_a_given_consent_takes_the_figure_down(client, claire, lea, paul):
    link = lea.participations.get().guardian_links.get()
    version = link.participant.cohort.program.current_page()
    programs.record_consent(link.pk, paul, ConsentDecision.GIVEN, version.pk)
    assert "consentement parental en attente" not in home_of(client, claire).split("autres")[0]


def test_reminding_the_parents_writes_to_each_guardian_once_a_day(
    client, claire, lea, paul, mailoutbox
):
    paul.language = "en"
    paul.save(update_fields=["language"])
    client.force_login(claire)
    response = client.post(reverse("coordination:remind_guardians"), follow=True)
    assert "1 rappel est en route vers les parents." in response.content.decode()
    client.post(reverse("coordination:remind_guardians"))  # the same day: nothing more
    deliver()
    (message,) = mailoutbox
    assert message.to == [paul.email]
    assert message.subject == "Your consent is awaited for Léa Gagnon"
    link = lea.participations.get().guardian_links.get()
    assert f"/en/portail/consentement/{link.pk}/" in message.body


def test_another_organization_sees_none_of_it(client, oscar, claire, marc, lea, paul, mailoutbox):
    page = home_of(client, oscar)
    assert "Léa" not in page
    assert "2026-2027" not in page
    assert "Rien ne demande votre attention" in page
    client.post(reverse("coordination:remind_guardians"))
    deliver()
    assert mailoutbox == []


def test_red_pairs_and_urgent_concerns_come_first(client, claire, marc, lea, paul):
    pairing = Pairing.objects.create(
        mentor=marc.participations.get(),
        mentee=lea.participations.get(),
        status=PairingStatus.ACTIVE,
        respond_by=timezone.now(),
        mentor_answer=Answer.ACCEPTED,
        mentee_answer=Answer.ACCEPTED,
        started_on=timezone.localdate() - timedelta(days=60),
    )
    now = timezone.now()
    PairHealth.objects.create(
        pairing=pairing,
        cohort=pairing.mentee.cohort,
        color=HealthColor.RED,
        changed_at=now,
        computed_at=now,
    )
    Concern.objects.create(pairing=pairing, raised_by=paul, text="Inquiétude", urgent=True)
    page = home_of(client, claire)
    assert "1 jumelage a besoin d’un suivi" in page
    assert "1 préoccupation ouverte (1 urgente)" in page
    assert page.index("préoccupation ouverte") < page.index("consentement parental")
    assert reverse("meetings:pair_followup", args=[pairing.pk]) in page


def grow(cohort, school, n):
    """n more mentors and n more minor mentees, each mentee with a guardian."""
    for index in range(n):
        ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTOR, school=school)
        ParticipantFactory(
            cohort=cohort,
            role=ParticipantRole.MENTEE,
            school=school,
            birth_date=date(2012, 1, 1 + index % 28),
        )


def test_the_home_costs_the_same_queries_with_ten_times_the_people(
    client, claire, cohort, school_a, marc, lea, paul
):
    client.force_login(claire)
    grow(cohort, school_a, 2)
    client.get(HOME)
    with CaptureQueriesContext(connection) as small:
        client.get(HOME)
    grow(cohort, school_a, 20)
    with CaptureQueriesContext(connection) as large:
        client.get(HOME)
    assert len(large) == len(small)


def test_signed_in_people_who_coordinate_nothing_are_refused(client, lea):
    client.force_login(lea)
    assert client.get(HOME).status_code == 403
    assert client.post(reverse("coordination:remind_guardians")).status_code == 403


def test_the_run_page_reminds_only_its_cohorts_parents(client, claire, cohort, lea, paul):
    client.force_login(claire)
    response = client.post(reverse("coordination:remind_guardians"), {"cohort": cohort.pk})
    assert response.url == reverse("matching:cohort", args=[cohort.pk])
    assert Notification.objects.filter(user=paul).count() == 1
    client.post(reverse("coordination:remind_guardians"), {"cohort": cohort.pk + 999})
    assert Notification.objects.count() == 1


def test_the_cohort_page_is_the_hub_of_its_phases(client, claire, oscar, cohort, marc, lea):
    url = reverse("coordination:cohort_hub", args=[cohort.pk])
    client.force_login(claire)
    page = client.get(url).content.decode()
    for part in ("Participants", "Formation", "Jumelage", "Suivi"):
        assert f">{part}</h2>" in page
    assert 'aria-current="step"' in page
    assert url in client.get(HOME).content.decode()  # the home's card leads there
    client.force_login(oscar)
    assert client.get(url).status_code == 404


def test_the_cohort_page_costs_the_same_queries_with_more_people(client, claire, cohort, school_a):
    url = reverse("coordination:cohort_hub", args=[cohort.pk])
    client.force_login(claire)
    grow(cohort, school_a, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(cohort, school_a, 20)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
