from django import forms
from django.utils.translation import gettext_lazy as _

from matching.models import CloseReason, MatchingSettings
from mentorat.forms import NormalizedTextMixin
from mentorat.validators import plausible_date


class WeightsForm(NormalizedTextMixin, forms.ModelForm):
    class Meta:
        model = MatchingSettings
        fields = [
            "weight_topics",
            "weight_language",
            "weight_subject",
            "weight_availability",
            "weight_school",
            "school_rule",
            "weight_interests",
            "weight_gender",
            "weight_choice",
            "shortlist_size",
            "response_days",
        ]
        widgets = {
            name: forms.NumberInput(attrs={"min": 0, "max": 10})
            for name in fields
            if name.startswith("weight_")
        }


class AnswerForm(NormalizedTextMixin, forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Your decision"),
        choices=[("1", _("I accept this pair")), ("0", _("I decline this pair"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewRequestForm(NormalizedTextMixin, forms.Form):
    note = forms.CharField(
        label=_("What should a person look at again?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PauseForm(NormalizedTextMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000)
    resume_on = forms.DateField(
        label=_("Resume on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[plausible_date],
    )


class CloseForm(NormalizedTextMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=CloseReason.choices)
    message = forms.CharField(
        label=_("Closing message to both"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ShortlistRankForm(NormalizedTextMixin, forms.Form):
    """One rank field per suggestion: 1, 2, 3… or no rank."""

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("No rank"))] + [(str(n), str(n)) for n in range(1, len(suggestions) + 1)]
        for suggestion in suggestions:
            self.fields[f"rank_{suggestion.pk}"] = forms.TypedChoiceField(
                label=_("Rank for %(name)s") % {"name": suggestion.mentor.user.full_name},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=suggestion.rank,
            )

    def ranks(self):
        return {int(name.removeprefix("rank_")): value for name, value in self.cleaned_data.items()}


RATINGS = [
    ("1", _("1 — it did not go well")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 — it went very well")),
]


class ExitFeedbackForm(NormalizedTextMixin, forms.Form):
    """One side's word when the pair has ended; read by the coordination, never the partner."""

    rating = forms.TypedChoiceField(
        label=_("How did the mentoring go for you? (1 to 5)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose from 1 to 5, or say you prefer not to answer.")},
    )
    went_well = forms.CharField(
        label=_("What went well"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    to_improve = forms.CharField(
        label=_("What could have been better"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    would_again = forms.TypedChoiceField(
        label=_("Would you take part in such a program again?"),
        choices=[("yes", _("Yes")), ("no", _("No")), ("", _("I don't know"))],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
