"""Meetings, end to end: a mentee proposes a meeting from her portal, her mentor confirms it and
adds it to his calendar with the .ics file; a coordinator sees a pair turn from amber to green
once a meeting is held and logged."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone, translation
from icalendar import Calendar
from playwright.sync_api import Locator, Page, expect

from matching.models import Pairing
from meetings import services
from meetings.models import HealthColor, Meeting, MeetingLog, MeetingMode, MeetingStatus, PairHealth
from tests.browser.conftest import sign_in, text
from tests.meetings import conftest as meetings_fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# An active pair of the adult cohort of tests/matching: Hélène Dubé mentors Julie Fortin.
leaders = meetings_fixtures.leaders
pair = meetings_fixtures.pair

TORONTO = ZoneInfo("America/Toronto")
PAIR_NAME = "Hélène Dubé → Julie Fortin"
AWAITING = ("Awaiting confirmation", "En attente de confirmation")
CONFIRMED = ("Confirmed", "Confirmé")
HOUR = re.compile(r"15\s*(?::|h)\s*30")  # 15:30, or 15 h 30 in French
GOING_WELL = ("Going well", "Ça va bien")
TO_WATCH = ("To watch", "À surveiller")
NEEDS_FOLLOW_UP = ("Needs follow-up", "Suivi requis")
HELD = ("Held", "Tenue")


def meetings_section(page: Page) -> Locator:
    """The portal's "Meetings" region."""
    return page.get_by_role("region", name=text("Meetings", "Rencontres"))


def meeting_day(cohort) -> date:
    """A weekday 3 to 10 days ahead, in the cohort's dates."""
    day = timezone.localdate() + timedelta(days=3)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    assert cohort.starts_on <= day <= cohort.ends_on
    assert day <= timezone.localdate() + timedelta(days=10)
    return day


def status_of(page: Page) -> Locator:
    """The meeting page's "Status" value (the <dd> after its <dt>)."""
    return (
        page.get_by_role("term")
        .filter(has_text=text("Status", "Statut"))
        .locator("xpath=following-sibling::dd[1]")
    )


def test_mentee_proposes_a_meeting_and_mentor_confirms_it(open_page, pair, tmp_path, shot):
    julie, helene = pair.mentee.user, pair.mentor.user
    day = meeting_day(pair.mentee.cohort)
    starts_at = datetime(day.year, day.month, day.day, 15, 30, tzinfo=TORONTO)

    # 1. Julie plans a meeting from her portal.
    julie_page = open_page()
    sign_in(julie_page, julie.email)
    section = meetings_section(julie_page)
    expect(
        section.get_by_role("paragraph").filter(
            has_text=text("No meeting is planned yet.", "Aucune rencontre n’est encore planifiée.")
        )
    ).to_be_visible()
    shot(julie_page, "1-mentee-portal")
    section.get_by_role(
        "link",
        name=text("Meetings with Hélène Dubé", "Rencontres avec Hélène Dubé"),
    ).click()
    expect(julie_page).to_have_url(re.compile(rf"/fr/rencontres/paires/{pair.pk}/$"))
    expect(julie_page.get_by_role("heading", level=1)).to_contain_text(PAIR_NAME)
    upcoming = julie_page.get_by_role(
        "region", name=text("Upcoming meetings", "Rencontres à venir")
    )
    expect(upcoming.get_by_role("row")).to_have_count(2)  # the header and "None."

    form = julie_page.get_by_role(
        "region", name=text("Propose a meeting", "Proposer une rencontre")
    )
    form.get_by_label(text("Date")).fill(day.isoformat())
    form.get_by_label(text("Time", "Heure")).fill("15:30")
    form.get_by_label(text("Duration (minutes)", "Durée (minutes)")).fill("45")
    how = form.get_by_label(text("How", "Modalité"))
    how.select_option(MeetingMode.IN_PERSON.value)
    expect(how.locator("option:checked")).to_have_text(text("In person", "En personne"))
    form.get_by_label(text("Place", "Lieu")).fill("Local 204")
    shot(julie_page, "2-propose-form")
    form.get_by_role(
        "button", name=text("Propose this meeting", "Proposer cette rencontre")
    ).click()

    expect(julie_page).to_have_url(re.compile(rf"/fr/rencontres/paires/{pair.pk}/$"))
    expect(julie_page.get_by_role("status")).to_contain_text(
        text("Meeting proposed", "Rencontre proposée", exact=False)
    )
    rows = upcoming.get_by_role("row")
    expect(rows).to_have_count(2)  # the header and the meeting
    cells = rows.nth(1).get_by_role("cell")
    expect(cells.nth(0)).to_contain_text(HOUR)
    expect(cells.nth(0)).to_contain_text("45 min")
    expect(cells.nth(1)).to_contain_text(text("In person", "En personne", exact=False))
    expect(cells.nth(1)).to_contain_text("Local 204")
    expect(cells.nth(2)).to_have_text(text(*AWAITING))
    expect(cells.nth(3)).to_have_text("Julie Fortin")
    shot(julie_page, "3-proposed")

    meeting = Meeting.objects.get()
    assert meeting.pairing == pair
    assert meeting.status == MeetingStatus.PROPOSED
    assert meeting.proposed_by == julie
    assert meeting.starts_at == starts_at
    assert (meeting.duration_minutes, meeting.mode, meeting.place) == (
        45,
        MeetingMode.IN_PERSON,
        "Local 204",
    )
    assert [m.to for m in mail.outbox] == [[helene.email]]  # Hélène is asked to confirm
    assert f"/fr/rencontres/{meeting.pk}/" in mail.outbox[0].body

    # 2. Hélène sees it on her portal, confirms it and adds it to her calendar.
    helene_page = open_page()
    sign_in(helene_page, helene.email)
    item = meetings_section(helene_page).get_by_role("listitem").filter(has_text="Julie Fortin")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(text(*AWAITING, exact=False))
    expect(item).to_contain_text(HOUR)
    shot(helene_page, "4-mentor-portal")
    item.get_by_role("link").click()
    expect(helene_page).to_have_url(re.compile(rf"/fr/rencontres/{meeting.pk}/$"))
    expect(helene_page.get_by_role("heading", level=1)).to_contain_text(HOUR)
    expect(status_of(helene_page)).to_have_text(text(*AWAITING))
    shot(helene_page, "5-meeting")
    confirm = helene_page.get_by_role(
        "button", name=text("Confirm this meeting", "Confirmer cette rencontre")
    )
    confirm.click()

    expect(helene_page).to_have_url(re.compile(rf"/fr/rencontres/{meeting.pk}/$"))
    expect(helene_page.get_by_role("status")).to_contain_text(
        text("Meeting confirmed.", "Rencontre confirmée.")
    )
    expect(status_of(helene_page)).to_have_text(text(*CONFIRMED, exact=False))
    expect(confirm).to_have_count(0)
    shot(helene_page, "6-confirmed")

    with helene_page.expect_download() as download_info:
        helene_page.get_by_role(
            "link", name=text("Add to my calendar (.ics)", "Ajouter à mon calendrier (.ics)")
        ).click()
    download = download_info.value
    assert download.suggested_filename == f"rencontre-{meeting.pk}.ics"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    ics = Calendar.from_ical(saved.read_bytes())
    events = ics.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event["STATUS"] == "CONFIRMED"
    assert event["SEQUENCE"] == 1
    assert event["DTSTART"].params["TZID"] == "America/Toronto"
    assert event.decoded("DTSTART") == starts_at
    assert event.decoded("DTEND") == starts_at + timedelta(minutes=45)
    assert event["LOCATION"] == "Local 204"
    assert [zone["TZID"] for zone in ics.walk("VTIMEZONE")] == ["America/Toronto"]

    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.CONFIRMED, 1)
    # Hélène was told of the proposal, then Julie of the confirmation.
    assert [m.to for m in mail.outbox] == [[helene.email], [julie.email]]
    assert f"/fr/rencontres/{meeting.pk}/" in mail.outbox[1].body


def earlier_today() -> datetime:
    """A time earlier today in Toronto, to the minute: two hours ago, or midnight if that was
    yesterday (the meeting is then already past, though maybe not over)."""
    now = timezone.now()
    today = timezone.localtime(now, TORONTO).date()
    start = timezone.localtime(now - timedelta(hours=2), TORONTO).replace(second=0, microsecond=0)
    if start.date() != today:
        start = datetime(today.year, today.month, today.day, tzinfo=TORONTO)
    return start


def hour_pattern(moment: datetime) -> re.Pattern:
    """The time as the pages show it: 9:05, 09:05 or 9 h 05; on the hour, 9:00 or "9 h"
    (French typography drops the minutes: a meeting at midnight reads "0 h")."""
    if moment.minute:
        return re.compile(rf"\b0?{moment.hour}\s*(?::|h)\s*{moment.minute:02d}")
    return re.compile(rf"\b0?{moment.hour}\s*(?::\s*00|h(?:\s*00)?\b)")


def board_row(page: Page) -> Locator:
    """The pair's row of the follow-up board."""
    return (
        page.get_by_role("table", name=text("Followed pairs", "Jumelages suivis"))
        .get_by_role("row")
        .filter(has_text=PAIR_NAME)
    )


def health_counts(page: Page) -> Locator:
    """The board's counts line, one item per colour (green, amber, red)."""
    return page.get_by_role(
        "list", name=text("Pairs per health", "Jumelages par état")
    ).get_by_role("listitem")


def counts(green: int, amber: int, red: int) -> list[re.Pattern]:
    return [
        text(f"{english}: {total}", f"{french}\u00a0: {total}")
        for (english, french), total in zip(
            (GOING_WELL, TO_WATCH, NEEDS_FOLLOW_UP), (green, amber, red), strict=True
        )
    ]


def test_coordinator_sees_the_pair_turn_from_amber_to_green(open_page, pair, claire, shot):
    julie, helene = pair.mentee.user, pair.mentor.user
    cohort = pair.mentee.cohort
    assert cohort.coordinator == claire
    assert cohort.program.target_meeting_interval_days == 14
    now = timezone.now()
    # The pair started 30 days ago; its last meeting was held 20 days ago: more than the target.
    pair.started_on = timezone.localdate() - timedelta(days=30)
    pair.save(update_fields=["started_on"])
    earlier = Meeting.objects.create(
        pairing=pair,
        starts_at=now - timedelta(days=20),
        duration_minutes=60,
        place="Local 204",
        status=MeetingStatus.HELD,
        proposed_by=helene,
    )
    services.refresh_health(pairings=Pairing.objects.filter(pk=pair.pk))
    assert PairHealth.objects.get(pairing=pair).color == HealthColor.AMBER
    starts_at = earlier_today()
    assert cohort.starts_on <= starts_at.date() <= cohort.ends_on
    with translation.override("fr"):
        cohort_name = str(cohort)

    # 1. Claire opens the cohort's follow-up board from her portal: the pair is to watch.
    claire_page = open_page()
    sign_in(claire_page, claire.email)
    meetings_section(claire_page).get_by_role(
        "link",
        name=text(f"Follow-up board of {cohort_name}", f"Tableau de suivi de {cohort_name}"),
    ).click()
    expect(claire_page).to_have_url(re.compile(rf"/fr/rencontres/suivi/cohortes/{cohort.pk}/$"))
    expect(claire_page.get_by_role("heading", level=1)).to_contain_text(cohort_name)
    row = board_row(claire_page)
    expect(row).to_have_count(1)
    cells = row.get_by_role("cell")
    expect(cells.nth(0)).to_have_text(text(*TO_WATCH))
    expect(cells.nth(3)).to_have_text("1")  # held recently
    expect(cells.nth(7)).to_have_text(text("no", "non"))  # next meeting planned
    expect(health_counts(claire_page)).to_have_text(counts(green=0, amber=1, red=0))
    shot(claire_page, "1-board-amber")

    # 2. Julie proposes a meeting earlier today: she is warned, confirms, and it is proposed.
    julie_page = open_page()
    sign_in(julie_page, julie.email)
    meetings_section(julie_page).get_by_role(
        "link",
        name=text("Meetings with Hélène Dubé", "Rencontres avec Hélène Dubé"),
    ).click()
    expect(julie_page).to_have_url(re.compile(rf"/fr/rencontres/paires/{pair.pk}/$"))
    form = julie_page.get_by_role(
        "region", name=text("Propose a meeting", "Proposer une rencontre")
    )
    form.get_by_label(text("Date")).fill(starts_at.date().isoformat())
    form.get_by_label(text("Time", "Heure")).fill(f"{starts_at:%H:%M}")
    form.get_by_label(text("Duration (minutes)", "Durée (minutes)")).fill("60")
    form.get_by_label(text("How", "Modalité")).select_option(MeetingMode.IN_PERSON.value)
    form.get_by_label(text("Place", "Lieu")).fill("Café étudiant")
    propose = form.get_by_role(
        "button", name=text("Propose this meeting", "Proposer cette rencontre")
    )
    propose.click()

    expect(form.get_by_role("alert")).to_contain_text(
        text("This time is already past.", "Ce moment est déjà passé.", exact=False)
    )
    assert not Meeting.objects.filter(place="Café étudiant").exists()
    confirmed = form.get_by_label(
        text(
            "I saw the warnings and want this date anyway",
            "J’ai vu les avertissements et je veux quand même cette date",
        )
    )
    expect(confirmed).not_to_be_checked()
    expect(form.get_by_label(text("Place", "Lieu"))).to_have_value("Café étudiant")
    shot(julie_page, "2-propose-warning")
    confirmed.check()
    propose.click()

    expect(julie_page).to_have_url(re.compile(rf"/fr/rencontres/paires/{pair.pk}/$"))
    expect(julie_page.get_by_role("status")).to_contain_text(
        text("Meeting proposed", "Rencontre proposée", exact=False)
    )
    # Already started: under the past meetings once over, until then still upcoming.
    proposed = julie_page.get_by_role("row").filter(has_text="Café étudiant")
    expect(proposed).to_have_count(1)
    expect(proposed.get_by_role("cell").nth(0)).to_contain_text(hour_pattern(starts_at))
    expect(proposed.get_by_role("cell").nth(2)).to_have_text(text(*AWAITING))
    shot(julie_page, "3-proposed")
    meeting = Meeting.objects.get(place="Café étudiant")
    assert (meeting.status, meeting.proposed_by, meeting.starts_at) == (
        MeetingStatus.PROPOSED,
        julie,
        starts_at,
    )

    # 3. Hélène opens it from the pair's meetings page, confirms it, then records it.
    helene_page = open_page()
    sign_in(helene_page, helene.email)
    meetings_section(helene_page).get_by_role(
        "link",
        name=text("Meetings with Julie Fortin", "Rencontres avec Julie Fortin"),
    ).click()
    expect(helene_page).to_have_url(re.compile(rf"/fr/rencontres/paires/{pair.pk}/$"))
    helene_page.get_by_role("row").filter(has_text="Café étudiant").get_by_role("link").click()
    expect(helene_page).to_have_url(re.compile(rf"/fr/rencontres/{meeting.pk}/$"))
    expect(helene_page.get_by_role("heading", level=1)).to_contain_text(hour_pattern(starts_at))
    expect(status_of(helene_page)).to_have_text(text(*AWAITING))
    helene_page.get_by_role(
        "button", name=text("Confirm this meeting", "Confirmer cette rencontre")
    ).click()
    expect(helene_page.get_by_role("status")).to_contain_text(
        text("Meeting confirmed.", "Rencontre confirmée.")
    )
    expect(status_of(helene_page)).to_have_text(text(*CONFIRMED, exact=False))

    after = helene_page.get_by_role("region", name=text("After the meeting", "Après la rencontre"))
    after.get_by_label(text("Yes", "Oui")).check()
    after.get_by_label(text("The mentor attended", "Le mentor était présent")).check()
    after.get_by_label(text("The mentee attended", "Le mentoré était présent")).check()
    after.get_by_label(text("Actual duration (minutes)", "Durée réelle (minutes)")).fill("55")
    after.get_by_label(text("Topics discussed", "Sujets abordés")).fill("Méthodes d'étude")
    after.get_by_label(text("Academic dimension addressed", "Dimension scolaire abordée")).check()
    shot(helene_page, "4-after-the-meeting")
    after.get_by_role("button", name=text("Record the meeting", "Consigner la rencontre")).click()

    expect(helene_page).to_have_url(re.compile(rf"/fr/rencontres/{meeting.pk}/$"))
    expect(helene_page.get_by_role("status")).to_contain_text(
        text("The meeting is recorded. Thank you!", "La rencontre est consignée. Merci\u00a0!")
    )
    expect(status_of(helene_page)).to_have_text(text(*HELD))
    log = helene_page.get_by_role(
        "region", name=text("Meeting log", "Compte rendu de la rencontre")
    )
    expect(log).to_contain_text("55 min")
    expect(log).to_contain_text("Méthodes d'étude")
    expect(log).to_contain_text(text("academic", "scolaire", exact=False))
    shot(helene_page, "5-recorded")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.mentor_attended, meeting.mentee_attended) == (
        MeetingStatus.HELD,
        True,
        True,
    )
    entry = MeetingLog.objects.get(meeting=meeting)
    assert (entry.author, entry.duration_minutes, entry.topics) == (helene, 55, "Méthodes d'étude")
    assert (entry.academic, entry.professional, entry.personal) == (True, False, False)

    # 4. Claire reloads the board: the pair is going well.
    claire_page.reload()
    cells = board_row(claire_page).get_by_role("cell")
    expect(cells.nth(0)).to_have_text(text(*GOING_WELL))
    expect(cells.nth(3)).to_have_text("2")
    expect(health_counts(claire_page)).to_have_text(counts(green=1, amber=0, red=0))
    shot(claire_page, "6-board-green")
    state = PairHealth.objects.get(pairing=pair)
    assert state.color == HealthColor.GREEN
    assert state.last_contact == starts_at
    assert (state.held_recently, state.missed_recently) == (2, 0)
    earlier.refresh_from_db()
    assert earlier.status == MeetingStatus.HELD
    # Hélène was asked to confirm, then Julie told; a pair turning green notifies nobody.
    assert [m.to for m in mail.outbox] == [[helene.email], [julie.email]]
