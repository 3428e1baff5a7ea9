"""The typography filter and the time texts, on the cases people notice."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from mentorat.typography import datetime_text, time_text, typo

TORONTO = ZoneInfo("America/Toronto")
NB = "\u00a0"


@pytest.mark.parametrize(
    ("typed", "french"),
    [
        ("Le mentorat de Élodie", "Le mentorat d’Élodie"),
        ("Tableau de suivi de Anne-Marie", "Tableau de suivi d’Anne-Marie"),
        ("De Yves", "D’Yves"),
        ("Rang de Zoé", "Rang de Zoé"),  # a consonant: nothing changes
        ("le 8 mai", "le 8 mai"),
        ("parce que il pleut", "parce qu’il pleut"),
        ("L'école d'Élodie", "L’école d’Élodie"),
        ("Rappel : demain", f"Rappel{NB}: demain"),
        ("Rappel: demain", "Rappel: demain"),  # no space typed: left (times, addresses)
        ("Prêt?", f"Prêt{NB}?"),
        ("Bravo !", f"Bravo{NB}!"),
        ("« Bonjour »", f"«{NB}Bonjour{NB}»"),
        ("de la 2e à la 5e secondaire", "de la 2ᵉ à la 5ᵉ secondaire"),
        ("la 1re année, le 1er mai", "la 1ʳᵉ année, le 1ᵉʳ mai"),
        ("version 2 en 2026", "version 2 en 2026"),
        ("Voir https://exemple.qc.ca/?a=1&b=2 !", f"Voir https://exemple.qc.ca/?a=1&b=2{NB}!"),
        ("Écrivez à o'brien@exemple.qc.ca ;", f"Écrivez à o'brien@exemple.qc.ca{NB};"),
    ],
)
def test_french(typed, french):
    assert typo(typed, "fr") == french


@pytest.mark.parametrize(
    ("typed", "english"),
    [
        (f"Reminder{NB}: tomorrow", "Reminder: tomorrow"),
        ("Ready ?", "Ready?"),
        ("O'Brien's mentoring", "O'Brien's mentoring"),
        ("de Élodie", "de Élodie"),  # no elision outside French
    ],
)
def test_english(typed, english):
    assert typo(typed, "en") == english


def test_times_on_the_hour_and_with_minutes():
    three = datetime(2026, 12, 9, 15, 0, tzinfo=TORONTO)
    assert time_text(three, "fr") == f"15{NB}h"
    assert time_text(three.replace(minute=30), "fr") == f"15{NB}h{NB}30"
    assert time_text(three.replace(hour=9, minute=5), "fr") == f"9{NB}h{NB}05"
    assert time_text(three, "en") == "3:00 p.m."
    assert time_text(three.replace(hour=10), "en") == "10:00 a.m."


def test_a_deadline_reads_le_9_decembre_2026_a_10_h():
    moment = datetime(2026, 12, 9, 10, 0, tzinfo=TORONTO)
    assert datetime_text(moment, "fr") == f"9 décembre 2026 à 10{NB}h"
    assert datetime_text(moment, "en") == "Dec. 9, 2026, 10:00 a.m."


def test_times_are_shown_in_toronto_whatever_they_are_stored_in():
    utc = datetime(2026, 12, 9, 15, 0, tzinfo=ZoneInfo("UTC"))
    assert time_text(utc, "fr") == f"10{NB}h"


def test_the_filters_in_a_template_escape_what_they_change():
    template = Template(
        "{% load i18n typography %}{{ name|typo }} · {{ moment|when }} · {{ moment|at }}"
        "{% blocktranslate asvar sentence with child=child %}{{ child }}'s mentoring"
        "{% endblocktranslate %} · {{ sentence|typo }}"
    )
    moment = datetime(2026, 12, 9, 15, 30, tzinfo=TORONTO)
    context = Context({"name": "<b>de Ève</b>", "moment": moment, "child": "Élodie"})
    with translation.override("fr"):
        rendered = template.render(context)
    assert rendered.startswith("&lt;b&gt;d’Ève&lt;/b&gt;")
    assert f"9 décembre 2026 à 15{NB}h{NB}30 · 15{NB}h{NB}30" in rendered
    assert rendered.endswith("Mentorat d’Élodie")


def test_html_keeps_its_tags_and_entities():
    html = (
        '<!doctype html><p>Bonjour !</p><a href="https://x.qc.ca/?a=1&amp;b=2">Voir</a>'
        " de Élodie &amp; Fils"
    )
    assert typo(html, "fr") == (
        f'<!doctype html><p>Bonjour{NB}!</p><a href="https://x.qc.ca/?a=1&amp;b=2">Voir</a>'
        " d’Élodie &amp; Fils"
    )


def test_the_error_summary_links_each_field_and_is_focused_first():
    from django import forms

    class Sample(forms.Form):
        name = forms.CharField(label="Nom")
        day = forms.ChoiceField(label="Jour", choices=[("1", "Lundi")], widget=forms.RadioSelect)
        secret = forms.CharField(widget=forms.HiddenInput)

    form = Sample({"secret": ""})
    rendered = Template('{% include "includes/error_summary.html" %}').render(
        Context({"form": form})
    )
    assert "data-error-summary" in rendered
    assert 'href="#id_name"' in rendered
    assert 'href="#id_day_0"' in rendered
    assert "id_secret" not in rendered  # a hidden field has no place to go
    empty = Template('{% include "includes/error_summary.html" %}').render(
        Context({"form": Sample()})
    )
    assert "data-error-summary" not in empty
