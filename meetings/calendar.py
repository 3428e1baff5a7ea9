"""iCalendar (RFC 5545) for meetings and training sessions, built with the icalendar library.

Times are written in America/Toronto with its VTIMEZONE; a moved or cancelled meeting keeps its
UID and carries a higher SEQUENCE, so calendar apps update the event instead of adding one."""

import functools
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from meetings.models import MeetingMode, MeetingStatus

PRODID = "-//Mentorat//Mentorat//FR"
ICS_STATUS = {
    MeetingStatus.PROPOSED: "TENTATIVE",
    MeetingStatus.CONFIRMED: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def _local(moment):
    return timezone.localtime(moment, timezone.get_default_timezone())


def meeting_event(meeting) -> Event:
    event = Event()
    event.add("uid", f"{meeting.uid}@mentorat")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.updated_at)
    event.add("dtstart", _local(meeting.starts_at))
    event.add("dtend", _local(meeting.ends_at))
    event.add(
        "summary",
        _("Mentoring: %(mentor)s and %(mentee)s")
        % {
            "mentor": meeting.pairing.mentor.user.full_name,
            "mentee": meeting.pairing.mentee.user.full_name,
        },
    )
    where = meeting.video_link if meeting.mode == MeetingMode.VIDEO else meeting.place
    if where:
        event.add("location", where)
    event.add("categories", [str(MeetingMode(meeting.mode).label)])
    event.add("status", ICS_STATUS.get(meeting.status, "CONFIRMED"))
    return event


def training_event(session) -> Event:
    event = Event()
    event.add("uid", f"training-{session.pk}@mentorat")
    event.add("sequence", 0)
    event.add("dtstamp", session.starts_at)
    event.add("dtstart", _local(session.starts_at))
    event.add("dtend", _local(session.ends_at))
    event.add("summary", session.title)
    if session.location:
        event.add("location", session.location)
    return event


@functools.cache
def _vtimezone():
    """America/Toronto's VTIMEZONE for 2020–2040, computed once per process by the library."""
    probe = Calendar()
    for year in (2020, 2040):
        event = Event()
        event.add("dtstart", datetime(year, 6, 1, tzinfo=ZoneInfo(settings.TIME_ZONE)))
        probe.add_component(event)
    probe.add_missing_timezones()
    return probe.walk("VTIMEZONE")[0]


def group_event(meeting) -> Event:
    event = Event()
    event.add("uid", f"{meeting.uid}@mentorat")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.starts_at)
    event.add("dtstart", _local(meeting.starts_at))
    event.add("dtend", _local(meeting.ends_at))
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    return event


def calendar(events, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add_component(_vtimezone())
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def meetings_calendar(meetings, trainings, user, groups=()) -> bytes:
    with translation.override(user.language):
        events = [meeting_event(m) for m in meetings] + [training_event(t) for t in trainings]
        events += [group_event(g) for g in groups]
        return calendar(events, _("Mentorat — %(name)s") % {"name": user.full_name})
