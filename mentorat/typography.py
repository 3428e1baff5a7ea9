"""French typography, and its absence in English, for text the application composes.

Translated sentences are typed right in the catalogues; what goes wrong is what is assembled at
run time: "de" before a name ("de Élodie" must read "d’Élodie"), a straight apostrophe in a name
or a program title, the space before a colon, a time on the hour ("15 h", not "15 h 00").

- `typo(text, language)`: elision before a vowel, curly apostrophes, ordinals (2ᵉ, 1ʳᵉ), a
  non-breaking space before « : ; ? ! » and inside « » in French; no space before them in
  English.
- `time_text(moment)`, `datetime_text(moment)`: "15 h", "15 h 30", "9 décembre 2026 à 10 h" in
  French; "3:00 p.m.", "Dec. 9, 2026, 3:00 p.m." in English; in the local time zone.

The template filters (mentorat/templatetags/typography.py) call these.
"""

import re

from django.utils import formats, timezone, translation
from django.utils.dateformat import format as date_pattern

NBSP = "\u00a0"
VOWELS = "AEIOUYÀÂÄÆÉÈÊËÎÏÔÖŒÛÙÜŸaeiouyàâäæéèêëîïôöœûùüÿ"
# Words that drop their vowel before a vowel: "de Anne" → "d’Anne", "que il" → "qu’il".
# Only the words that meet a name or a title put in at run time ("Me" would be a lawyer's title).
ELIDED = ("de", "que", "jusque", "lorsque", "puisque")
_ELISION = re.compile(
    rf"\b({'|'.join(ELIDED)}) (?=[{VOWELS}])",
    re.IGNORECASE,
)
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
# Ordinals: 2e → 2ᵉ, 1re → 1ʳᵉ, 1er → 1ᵉʳ (OQLF), only after a number.
_ORDINALS = ((re.compile(r"\b1re\b"), "1ʳᵉ"), (re.compile(r"\b1er\b"), "1ᵉʳ"))
_ORDINAL_E = re.compile(r"\b(\d+)e\b")
_BEFORE_HIGH = re.compile(r"[ \u00a0\u202f]*([;?!»])")
_BEFORE_COLON = re.compile(r"(?<=\S)[ \u00a0\u202f]+:")
_AFTER_OPENING = re.compile(r"«[ \u00a0\u202f]*")
_SPACE_BEFORE = re.compile(r"[ \u00a0\u202f]+([:;?!])")
# Left as they are: addresses, and in HTML the tags and character references.
_ADDRESSES = re.compile(
    r"((?:https?|webcal)://[^\s<>\"]+|mailto:[^\s<>\"]+|[^\s<>\"]+@[^\s<>\"]+|<[^>]*>|&#?\w+;)"
)


def _elide(match: re.Match) -> str:
    word = match.group(1)
    return word[:-1] + "’"


def _outside_addresses(function, text: str) -> str:
    parts = _ADDRESSES.split(text)
    return "".join(part if index % 2 else function(part) for index, part in enumerate(parts))


def french(text: str) -> str:
    return _outside_addresses(_french, text)


def _french(text: str) -> str:
    text = _APOSTROPHE.sub("’", text)
    for pattern, written in _ORDINALS:
        text = pattern.sub(written, text)
    text = _ORDINAL_E.sub(r"\1ᵉ", text)
    text = _ELISION.sub(_elide, text)
    text = _BEFORE_HIGH.sub(lambda m: NBSP + m.group(1), text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    return _AFTER_OPENING.sub("«" + NBSP, text)


def english(text: str) -> str:
    return _outside_addresses(lambda part: _SPACE_BEFORE.sub(r"\1", part), text)


def typo(text: str, language: str | None = None) -> str:
    language = (language or translation.get_language() or "fr")[:2]
    return french(text) if language == "fr" else english(text)


def _local(moment):
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def time_text(moment, language: str | None = None) -> str:
    """15 h, 15 h 30 (French); 3:00 p.m. (English)."""
    moment = _local(moment)
    language = (language or translation.get_language() or "fr")[:2]
    if language == "fr":
        minutes = f"{NBSP}{moment.minute:02d}" if moment.minute else ""
        return f"{moment.hour}{NBSP}h{minutes}"
    with translation.override(language):
        return date_pattern(moment, "g:i a")


def datetime_text(moment, language: str | None = None) -> str:
    """9 décembre 2026 à 10 h (French); Dec. 9, 2026, 3:00 p.m. (English)."""
    moment = _local(moment)
    language = (language or translation.get_language() or "fr")[:2]
    with translation.override(language):
        day = formats.date_format(moment, "DATE_FORMAT")
    if language == "fr":
        return f"{day} à {time_text(moment, language)}"
    return f"{day}, {time_text(moment, language)}"
