"""French first, English complete: the catalogues have no untranslated or fuzzy entry.

scripts/run-tests refreshes the catalogues with makemessages before the suite, so a new string
without its translation fails here."""

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_catalogue_is_complete(lang):
    po = polib.pofile(str(settings.BASE_DIR / "locale" / lang / "LC_MESSAGES" / "django.po"))
    assert len(po) > 300
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_french_is_the_default_and_english_is_one_click_away(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    french = client.get("/fr/").content.decode()
    assert "Programmes de mentorat" in french
    assert 'value="en"' in french  # the switch
    english = client.get("/en/").content.decode()
    assert "Mentoring programs" in english


def test_dates_follow_the_locale(db):
    from datetime import date

    from django.template import Context, Template

    template = Template('{{ day|date:"DATE_FORMAT" }}')
    with translation.override("fr"):
        assert template.render(Context({"day": date(2027, 6, 20)})) == "20 juin 2027"
    with translation.override("en"):
        assert template.render(Context({"day": date(2027, 6, 20)})) == "June 20, 2027"


def test_time_zone_is_toronto():
    assert settings.TIME_ZONE == "America/Toronto"
    assert reverse("home") == "/fr/"


def test_english_catalogue_repeats_each_msgid():
    """English text is the msgid itself: a guess left by makemessages' fuzzy matching would
    show another sentence to English readers."""
    from programs.admin_words import ADMIN_WORDS  # Django's own words, reworded on purpose

    po = polib.pofile(str(settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    wrong = [
        e.msgid
        for e in po
        if e.msgid not in ADMIN_WORDS
        and (
            (e.msgid_plural and e.msgstr_plural != {0: e.msgid, 1: e.msgid_plural})
            or (not e.msgid_plural and e.msgstr != e.msgid)
        )
    ]
    assert wrong == []
