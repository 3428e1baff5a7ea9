"""Findings of the integrity review, each reproduced: these failed before their fix."""

from datetime import datetime, timedelta
from smtplib import SMTPDataError
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends import locmem
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from accounts.outbox import send_due as deliver
from matching import services as matching
from meetings import reminders, services
from meetings.models import Concern, ConcernKind, Meeting, MeetingStatus
from meetings.services import Slot
from mentorat.celery import app as celery_app
from programs.models import GuardianLink
from tests.factories import UserFactory

TORONTO = ZoneInfo("America/Toronto")
START = datetime(2026, 4, 14, 15, tzinfo=TORONTO)


def test_a_red_pair_says_so_on_its_follow_up_page(client, claire, pair):
    """Finding 3: the page read `figures.health`, which does not exist ("Ça va bien")."""
    Concern.objects.create(
        pairing=pair, raised_by=pair.mentee.user, kind=ConcernKind.SAFETY, text="…", urgent=True
    )
    client.force_login(claire)
    page = client.get(reverse("meetings:pair_followup", args=[pair.pk])).content.decode()
    assert 'class="badge health-red"' in page
    assert "Ça va bien" not in page


@pytest.mark.parametrize("token", ["%00", "a%00b", "x" * 300, "%E2%80%AE"])
def test_a_malformed_calendar_token_is_a_404(client, db, token):
    """Finding 8: GET /calendrier/%00.ics was a 500 on PostgreSQL."""
    assert client.get(f"/calendrier/{token}.ics").status_code == 404


def test_a_conflict_with_an_unknown_suggestion_is_a_404(client, lea, marc):
    """Finding 8: a shortlist POST with conflict=999999 was a 500."""
    mentee = lea.participations.get()
    client.force_login(lea)
    url = reverse("matching:shortlist", args=[mentee.pk])
    assert client.get(url).status_code == 200
    for value in ("999999", "abc", "-1", ""):
        assert client.post(url, {"conflict": value}).status_code == 404


def test_resolving_a_concern_with_a_bad_id_is_a_404(client, claire, pair):
    """Finding 8: a follow-up POST with resolve=abc was a 500."""
    client.force_login(claire)
    url = reverse("meetings:pair_followup", args=[pair.pk])
    for value in ("abc", "999999", "1\x00"):
        assert client.post(url, {"resolve": value}).status_code == 404


def test_the_admin_object_shortcut_is_gone(client, oscar, program):
    """Finding 10: coordination/r/<type>/<id>/ redirected to another organization's program."""
    from django.contrib.contenttypes.models import ContentType

    client.force_login(oscar)
    content_type = ContentType.objects.get_for_model(program)
    response = client.get(f"/fr/coordination/r/{content_type.pk}/{program.pk}/")
    assert response.status_code == 404
    assert program.slug not in response.get("Location", "")


def test_subjects_are_plain_text(pair, mailoutbox):
    """Finding 9: subjects came out HTML-escaped (D&#x27;Amours &amp; Fils)."""
    mentor = pair.mentor.user
    mentor.full_name = "Luc D'Amours & Fils"
    mentor.save(update_fields=["full_name"])
    guardian = UserFactory(full_name="Anne D'Amours", language="fr")
    GuardianLink.objects.create(participant=pair.mentee, guardian=guardian)
    Meeting.objects.create(
        pairing=pair,
        starts_at=timezone.now() - timedelta(days=40),
        duration_minutes=60,
        place="Local",
        status=MeetingStatus.HELD,
    )
    services.send_monthly_digests()
    deliver()
    subjects = [message.subject for message in mailoutbox]
    assert subjects
    assert not any("&#x27;" in subject or "&amp;" in subject for subject in subjects)


def test_the_english_digest_is_entirely_in_english(pair, mailoutbox):
    """Finding 9: the English parents' digest mixed French sentences."""
    guardian = UserFactory(full_name="Anne Fortin", language="en")
    GuardianLink.objects.create(participant=pair.mentee, guardian=guardian)
    for days in (40, 45):
        Meeting.objects.create(
            pairing=pair,
            starts_at=timezone.now() - timedelta(days=days),
            duration_minutes=60,
            place="Local",
            status=MeetingStatus.HELD,
        )
    services.send_monthly_digests()
    deliver()
    (message,) = [m for m in mailoutbox if m.to == [guardian.email]]
    assert "The pair started on" in message.body
    for french in ("Le jumelage", "rencontre tenue", "rencontres tenues"):
        assert french not in message.body


def test_a_confirmed_series_shows_confirmed_in_the_feed_at_once(client, pair):
    """Finding 10: bulk_update left updated_at, so the cached feed stayed TENTATIVE."""
    first = Slot(timezone.now() + timedelta(days=3), 60, place="Local 204")
    result = services.propose_series(
        pair.pk, pair.mentee.user, first, 1, timezone.localdate() + timedelta(days=20)
    )
    feed = services.feed_for(pair.mentor.user)
    before = client.get(f"/calendrier/{feed.token}.ics").content.decode()
    assert "STATUS:TENTATIVE" in before
    assert services.confirm_series(result.series.pk, pair.mentor.user) == len(result.created)
    after = client.get(f"/calendrier/{feed.token}.ics").content.decode()
    assert "STATUS:TENTATIVE" not in after
    assert after.count("STATUS:CONFIRMED") == len(result.created)


def test_the_calendar_feed_works_when_the_cache_is_down(client, pair, monkeypatch):
    """Finding 7: the ICS feed answered 500 when the cache was unreachable."""

    def down(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    feed = services.feed_for(pair.mentor.user)
    response = client.get(f"/calendrier/{feed.token}.ics")
    assert response.status_code == 200
    assert b"BEGIN:VCALENDAR" in response.content


def test_proposing_a_meeting_with_the_broker_down_is_not_an_error(
    client, pair, django_capture_on_commit_callbacks
):
    """Finding 7: with the broker down, the committed meeting answered 500."""
    previous = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    client.force_login(pair.mentee.user)
    day = timezone.localdate() + timedelta(days=5)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("meetings:pairing_meetings", args=[pair.pk]),
                {
                    "meeting-day": day.isoformat(),
                    "meeting-start": "15:00",
                    "meeting-duration_minutes": "60",
                    "meeting-mode": "in_person",
                    "meeting-place": "Local 204",
                },
            )
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.broker_url = previous
    assert response.status_code == 302
    assert Meeting.objects.filter(pairing=pair).count() == 1
    # the partner's message was recorded with the meeting; the beat task sends it
    waiting = Notification.objects.get(user=pair.mentor.user)
    assert waiting.status == "pending"
    assert deliver()["sent"] == 1
    assert mail.outbox[-1].to == [pair.mentor.user.email]


class DataRefusingBackend(locmem.EmailBackend):
    """The SMTP server refuses, at DATA, every message to refuse.example."""

    def send_messages(self, messages):
        for message in messages:
            if message.to[0].endswith("@refuse.example"):
                raise SMTPDataError(554, b"Message refused")
        return super().send_messages(messages)


def test_a_message_refused_at_data_does_not_block_the_batch(pair, mailoutbox, settings):
    """Finding 7: one SMTPDataError stopped every tick at the same message."""
    settings.EMAIL_BACKEND = f"{__name__}.DataRefusingBackend"
    pair.started_on = START.date() - timedelta(days=8)
    pair.save(update_fields=["started_on"])
    mentor = pair.mentor.user
    mentor.email = "helene@refuse.example"
    mentor.save(update_fields=["email"])
    for hours in (3, 5, 7):
        Meeting.objects.create(
            pairing=pair,
            starts_at=START - timedelta(hours=hours),
            duration_minutes=60,
            place="Local",
            status=MeetingStatus.CONFIRMED,
        )
    with time_machine.travel(START - timedelta(hours=23), tick=False):
        sent = reminders.send_due()
    assert sent["failed"] == 3  # refused for good (554): recorded with the reason, not retried
    assert sent["meeting"] == 6
    assert sent["sent"] == 3  # the mentee's three all went out
    assert {m.to[0] for m in mailoutbox} == {pair.mentee.user.email}
    refused = Notification.objects.filter(user=mentor)
    assert [n.status for n in refused] == ["failed"] * 3
    with time_machine.travel(START - timedelta(hours=22), tick=False):
        assert reminders.send_due()["failed"] == 0  # nothing waits on them


def test_a_password_reset_with_the_mail_server_down_is_not_an_error(client, claire, settings):
    settings.EMAIL_BACKEND = f"{__name__}.DataRefusingBackend"
    claire.email = "claire@refuse.example"
    claire.save(update_fields=["email"])
    response = client.post(reverse("accounts:password_reset"), {"email": claire.email})
    assert response.status_code == 302


def test_capacity_is_checked_again_when_the_last_side_accepts(leaders):
    """Finding 6: after the capacity was lowered, accepting gave more pairs than places."""
    cohort, mentors, mentees = leaders
    mentor = mentors[0]  # capacity 2
    run = matching.run_matching(cohort.pk, None)
    run.pairs.exclude(mentor=mentor).delete()
    run.pairs.filter(mentor=mentor).exclude(mentee__in=mentees[:2]).delete()
    from matching.models import RunPair

    for mentee in mentees[:2]:
        if not RunPair.objects.filter(run=run, mentee=mentee).exists():
            RunPair.objects.create(run=run, mentor=mentor, mentee=mentee, score=1)
    proposals = matching.publish_run(run.pk, None, notify_people=False)
    assert len(proposals) == 2
    mentor.capacity = 1
    mentor.save(update_fields=["capacity"])
    first, second = proposals
    for pairing in (first, second):
        matching.answer_proposal(pairing.pk, pairing.mentee.user, True)
    matching.answer_proposal(first.pk, mentor.user, True)
    with pytest.raises(matching.MatchingError, match="plus de place"):
        matching.answer_proposal(second.pk, mentor.user, True)
    from matching.models import Pairing, PairingStatus

    assert Pairing.objects.filter(mentor=mentor, status=PairingStatus.ACTIVE).count() == 1


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "0025-03-04", "2099-01-01"])
def test_an_implausible_meeting_date_is_a_field_error(client, pair, day):
    """Finding 8: 0001-01-01 and 9999-12-31 were OverflowErrors; year 0025 was accepted."""
    client.force_login(pair.mentee.user)
    response = client.post(
        reverse("meetings:pairing_meetings", args=[pair.pk]),
        {
            "meeting-day": day,
            "meeting-start": "15:00",
            "meeting-duration_minutes": "60",
            "meeting-mode": "in_person",
            "meeting-place": "Local 204",
        },
    )
    assert response.status_code == 400
    assert not Meeting.objects.filter(pairing=pair).exists()
    assert 'value="Local 204"' in response.content.decode()  # nothing typed is lost


def test_a_pause_until_2099_is_refused(pair, claire):
    with pytest.raises(matching.MatchingError):
        matching.pause(pair.pk, claire, "Vacances", datetime(2099, 1, 1).date())
