"""Meetings, end to end: a mentee proposes a meeting from her portal, her mentor confirms it and
adds it to his calendar with the .ics file."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Locator, Page, expect

from meetings.models import Meeting, MeetingMode, MeetingStatus
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
        name=text(f"Plan a meeting ({PAIR_NAME})", f"Planifier une rencontre ({PAIR_NAME})"),
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
    item = meetings_section(helene_page).get_by_role("listitem").filter(has_text=PAIR_NAME)
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
