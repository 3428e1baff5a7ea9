from django import forms
from django.core import exceptions
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class MultipleChoiceField(models.JSONField):
    """A list of codes taken from `choices`, stored as JSON (portable across SQLite and PostgreSQL).

    The form field is a set of checkboxes; unknown codes are refused by model validation.
    """

    def __init__(self, *args, item_choices=None, **kwargs):
        self.item_choices = item_choices
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    @property
    def flat_choices(self):
        choices = self.item_choices or []
        return list(choices.choices) if hasattr(choices, "choices") else list(choices)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list):
            raise exceptions.ValidationError(_("Expected a list of choices."), code="invalid")
        allowed = {code for code, _label in self.flat_choices}
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise exceptions.ValidationError(
                _("Unknown choice: %(value)s."),
                code="invalid_choice",
                params={"value": ", ".join(map(str, unknown))},
            )

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.flat_choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
        }
        defaults.update(kwargs)
        defaults.pop("encoder", None)
        defaults.pop("decoder", None)
        form_class = defaults.pop("form_class")
        return form_class(
            label=defaults.pop("label", capfirst(self.verbose_name)),  # lazy: per request
            help_text=defaults.pop("help_text", self.help_text),
            **{
                k: v
                for k, v in defaults.items()
                if k in {"choices", "widget", "required", "initial"}
            },
        )

    def labels(self, value):
        mapping = dict(self.flat_choices)
        return [mapping.get(code, code) for code in value or []]
