"""French typography and English capitals where the app writes dates, times and lists."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from mentorat.mail import one_line
from programs.choices import Availability, ProfileLanguage

TORONTO = ZoneInfo("America/Toronto")


def test_french_times_read_15_h_30_with_non_breaking_spaces():
    moment = datetime(2026, 11, 23, 15, 30, tzinfo=TORONTO)
    with translation.override("fr"):
        assert date_format(moment, "DATETIME_FORMAT") == "23 novembre 2026, 15\xa0h\xa030"
        assert date_format(moment, "TIME_FORMAT") == "15\xa0h\xa030"
        assert date_format(moment.replace(hour=9, minute=5), "TIME_FORMAT") == "9\xa0h\xa005"
        assert date_format(moment, "SHORT_DATE_FORMAT") == "2026-11-23"
    with translation.override("en"):
        assert date_format(moment, "DATETIME_FORMAT") == "Nov. 23, 2026, 3:30 p.m."


def test_templates_use_the_same_formats():
    moment = datetime(2026, 11, 23, 15, 0, tzinfo=TORONTO)
    template = Template('{{ moment|date:"DATETIME_FORMAT" }}')
    with translation.override("fr"):
        assert template.render(Context({"moment": moment})) == "23 novembre 2026, 15\xa0h\xa000"


def test_a_subject_on_one_line_keeps_its_non_breaking_spaces():
    assert one_line("Rappel\xa0:\n  rencontre le 14 avril,  15\xa0h\xa000\n") == (
        "Rappel\xa0: rencontre le 14 avril, 15\xa0h\xa000"
    )


def test_choice_labels_in_a_sentence_are_lower_case_in_french_only():
    from matching.pool import _labels

    codes = [ProfileLanguage.choices[0][0]]
    slot = [Availability.choices[0][0]]
    with translation.override("fr"):
        assert _labels(codes, ProfileLanguage)[0].islower()
        assert _labels(slot, Availability)[0][0].islower()
    with translation.override("en"):
        assert _labels(codes, ProfileLanguage)[0][0].isupper()
        assert _labels(slot, Availability)[0][0].isupper()
