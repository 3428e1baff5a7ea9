"""A form template's schema: its validation, the Django form built from it, and the digest.

A schema is `{"intro": {fr, en}, "sections": [{"title", "help", "questions": [...]}]}`; each
question has a `key`, a `kind` (below), a bilingual `label`, an optional `help` and `required`.
Answers are a dict `key → value` (str, int, bool, list of str, or an ISO date).

The digest signs a canonical serialization (sorted keys, no spaces, UTF-8, NFC text) of the
template's identity, its schema and the answers: change any of them behind the application's
back and the stored digest no longer matches.
"""

import hashlib
import json
import re
import unicodedata
from datetime import date

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorat.forms import NormalizedTextMixin
from mentorat.typography import typo
from mentorat.validators import plausible_date

SHORT_MAX = 300
LONG_MAX = 5000
KINDS = ("text", "long_text", "likert", "choice", "multi", "date", "check", "signature")
ANSWERED_KINDS = tuple(kind for kind in KINDS if kind != "signature")
EVIDENCE_KEYS = (
    "self_assessment_signed",
    "confidentiality_before_first_meeting",
    "learning_plan_signed",
    "feedback_signed",
    "meetings_target",
    "training_done",
)
KEY = re.compile(r"^[a-z0-9_]{1,60}$")
LANGS = ("fr", "en")


def pick(text: dict | str | None) -> str:
    """The text in the active language, French when the English is missing."""
    if not text:
        return ""
    if isinstance(text, str):
        return text
    lang = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return text.get(lang) or text.get("fr") or ""


def questions(schema: dict) -> list[dict]:
    return [q for section in schema.get("sections", []) for q in section.get("questions", [])]


def answered_questions(schema: dict) -> list[dict]:
    return [q for q in questions(schema) if q["kind"] in ANSWERED_KINDS]


# --- Validating a schema ------------------------------------------------------------------------


def _bilingual(value, where: str, errors: list, required: bool = True):
    if not isinstance(value, dict) or set(value) - set(LANGS):
        errors.append(_("%(where)s: a French and an English text are expected.") % {"where": where})
        return
    for lang in LANGS:
        text = value.get(lang, "")
        if not isinstance(text, str) or (required and not text.strip()):
            missing = (
                _("%(where)s: the French text is missing.")
                if lang == "fr"
                else _("%(where)s: the English text is missing.")
            )
            errors.append(missing % {"where": where})
        elif len(text) > LONG_MAX:
            errors.append(_("%(where)s: the text is too long.") % {"where": where})


def validate_schema(schema) -> list[str]:
    """What is wrong with a schema, in words a coordinator can act on (empty when valid)."""
    errors: list[str] = []
    if not isinstance(schema, dict) or not isinstance(schema.get("sections"), list):
        return [_("The form needs a list of sections.")]
    if "intro" in schema:
        _bilingual(schema["intro"], _("Introduction"), errors, required=False)
    if not schema["sections"]:
        errors.append(_("The form needs at least one section."))
    seen = set()
    for s_index, section in enumerate(schema["sections"], 1):
        where = _("Section %(number)s") % {"number": s_index}
        if not isinstance(section, dict) or not isinstance(section.get("questions"), list):
            errors.append(_("%(where)s: a list of questions is expected.") % {"where": where})
            continue
        _bilingual(section.get("title"), where, errors)
        if "help" in section:
            _bilingual(section["help"], where, errors, required=False)
        for q_index, question in enumerate(section["questions"], 1):
            q_where = _("Section %(section)s, question %(number)s") % {
                "section": s_index,
                "number": q_index,
            }
            errors.extend(_question_errors(question, q_where, seen))
    return errors


def _question_errors(question, where: str, seen: set) -> list[str]:
    errors: list[str] = []
    if not isinstance(question, dict):
        return [_("%(where)s: a question is expected.") % {"where": where}]
    key, kind = question.get("key"), question.get("kind")
    if not isinstance(key, str) or not KEY.match(key):
        errors.append(
            _("%(where)s: the key must be lowercase letters, digits or _.") % {"where": where}
        )
    elif key in seen:
        errors.append(_("%(where)s: the key %(key)s is used twice.") % {"where": where, "key": key})
    else:
        seen.add(key)
    if kind not in KINDS:
        errors.append(_("%(where)s: unknown kind of question.") % {"where": where})
        return errors
    _bilingual(question.get("label"), where, errors)
    if "help" in question:
        _bilingual(question["help"], where, errors, required=False)
    if kind == "likert":
        scale = question.get("scale")
        values = [level.get("value") for level in scale or [] if isinstance(level, dict)]
        if not scale or values != list(range(1, len(scale) + 1)):
            errors.append(
                _("%(where)s: the scale's levels must be numbered 1, 2, 3…") % {"where": where}
            )
        for level in scale or []:
            _bilingual(level.get("label") if isinstance(level, dict) else None, where, errors)
    if kind in ("choice", "multi"):
        choices = question.get("choices")
        if not choices or not all(
            isinstance(c, dict) and isinstance(c.get("value"), str) for c in choices
        ):
            errors.append(_("%(where)s: the choices are missing.") % {"where": where})
        else:
            for choice in choices:
                _bilingual(choice.get("label"), where, errors)
    if kind == "check" and question.get("evidence") not in (None, *EVIDENCE_KEYS):
        errors.append(_("%(where)s: unknown evidence.") % {"where": where})
    if kind == "signature" and not set(question.get("signers") or []) <= {"mentor", "mentee"}:
        errors.append(
            _("%(where)s: signers can only be the mentor or the mentee.") % {"where": where}
        )
    return errors


# --- The Django form built from a schema --------------------------------------------------------


class LikertField(forms.TypedChoiceField):
    default_error_messages = {
        "invalid_choice": gettext_lazy("Choose one of the levels of the scale."),
    }


def _field(question: dict, required: bool) -> forms.Field:
    kind = question["kind"]
    common = {
        "label": typo(pick(question["label"])),
        "help_text": typo(pick(question.get("help"))),
        "required": required and question.get("required", False),
    }
    if kind == "text":
        return forms.CharField(max_length=SHORT_MAX, **common)
    if kind == "long_text":
        return forms.CharField(
            max_length=LONG_MAX, widget=forms.Textarea(attrs={"rows": 4}), **common
        )
    if kind == "likert":
        choices = [(level["value"], typo(pick(level["label"]))) for level in question["scale"]]
        return LikertField(
            choices=choices, coerce=int, widget=forms.RadioSelect, empty_value=None, **common
        )
    if kind == "choice":
        choices = [(c["value"], typo(pick(c["label"]))) for c in question["choices"]]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == "multi":
        choices = [(c["value"], typo(pick(c["label"]))) for c in question["choices"]]
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == "date":
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            validators=[plausible_date],
            **common,
        )
    if kind == "check":
        return forms.BooleanField(**common)
    raise ValueError(kind)


class AnswersForm(NormalizedTextMixin, forms.Form):
    """The questions of one template version. `required=False` for a draft: only what is typed
    is checked (lengths, levels, dates); signing checks the required answers too."""

    def __init__(self, schema: dict, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.schema = schema
        for question in answered_questions(schema):
            self.fields[question["key"]] = _field(question, required)

    def sections(self):
        """Sections with their bound fields and signature blocks, for the template."""
        for section in self.schema["sections"]:
            items = []
            for question in section["questions"]:
                if question["kind"] == "signature":
                    items.append({"signature": question, "question": None})
                else:
                    items.append(
                        {"signature": None, "field": self[question["key"]], "question": question}
                    )
            yield {
                "title": pick(section["title"]),
                "help": pick(section.get("help")),
                "items": items,
            }

    def answers(self) -> dict:
        """The answers of the fields that are valid, as JSON values (empty ones left out); for a
        valid form, all of them."""
        found = {}
        for key in self.fields:
            if key in self.errors:
                continue
            value = self.cleaned_data.get(key)
            if value in (None, "", []):
                continue
            found[key] = value.isoformat() if isinstance(value, date) else value
        return found


# --- The digest ---------------------------------------------------------------------------------


def _normalized(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_normalized(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _normalized(v) for k, v in value.items()}
    return value


def _json(value) -> str:
    return json.dumps(_normalized(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def schema_json(schema: dict) -> str:
    """A template's part of the canonical document: the same for all its answers (computed once
    per template when many are verified)."""
    return _json(schema)


def canonical(
    template_key: str, version: int, schema: dict, answers: dict, evidence=None, *, schema_text=None
) -> bytes:
    """`{"answers":…,"evidence":…,"schema":…,"template":…,"version":…}`: the JSON of these five
    keys sorted, without spaces, NFC text, UTF-8; `json.dumps(document, sort_keys=True)` of the
    whole document gives the same bytes."""
    parts = (
        ("answers", _json(answers)),
        ("evidence", _json(evidence or {})),
        ("schema", schema_text if schema_text is not None else schema_json(schema)),
        ("template", _json(template_key)),
        ("version", _json(version)),
    )
    return ("{" + ",".join(f'"{key}":{value}' for key, value in parts) + "}").encode()


def digest(
    template_key: str, version: int, schema: dict, answers: dict, evidence=None, *, schema_text=None
) -> str:
    data = canonical(template_key, version, schema, answers, evidence, schema_text=schema_text)
    return hashlib.sha256(data).hexdigest()


def display_value(question: dict, value) -> str:
    """An answer as read on the page and in the PDF."""
    if value in (None, "", []):
        return ""
    kind = question["kind"]
    if kind == "likert":
        labels = {level["value"]: typo(pick(level["label"])) for level in question["scale"]}
        return f"{value} — {labels.get(value, '')}".strip(" —")
    if kind in ("choice", "multi"):
        labels = {c["value"]: pick(c["label"]) for c in question["choices"]}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, str(v)) for v in values)
    if kind == "check":
        return _("Yes") if value else _("No")
    if kind == "date":
        from django.utils.formats import date_format

        try:
            return date_format(date.fromisoformat(value), "DATE_FORMAT")
        except (TypeError, ValueError):
            return str(value)
    return str(value)
