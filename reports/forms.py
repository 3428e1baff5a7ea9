from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forms_workflow.models import FormTemplate
from mentorat.forms import NormalizedTextMixin
from reports.models import Funder, SurveyAudience, SurveyWave
from reports.surveys import INSTRUMENTS


class FunderFilterForm(forms.Form):
    """The funder filter of the dashboard, the report and the exports."""

    funder = forms.ModelChoiceField(
        label=_("Funder"),
        queryset=Funder.objects.none(),
        required=False,
        empty_label=_("All funders"),
    )

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = Funder.objects.filter(organization=organization)


class SurveyForm(NormalizedTextMixin, forms.Form):
    template = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=FormTemplate.objects.none(), empty_label=None
    )
    wave = forms.ChoiceField(
        label=pgettext_lazy("survey", "Moment in the program"), choices=SurveyWave.choices
    )
    audience = forms.ChoiceField(label=_("Sent to"), choices=SurveyAudience.choices)
    closes_on = forms.DateField(
        label=_("Answers until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The questionnaire closes at the end of this day."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        latest = {}
        for template in FormTemplate.objects.for_user(user).order_by("key", "-version"):
            latest.setdefault((template.organization_id, template.key), template)
        ranked = sorted(
            latest.values(),
            key=lambda t: (
                t.key not in INSTRUMENTS,
                INSTRUMENTS.index(t.key) if t.key in INSTRUMENTS else 0,
                t.title,
            ),
        )
        self.fields["template"].queryset = FormTemplate.objects.filter(
            pk__in=[t.pk for t in ranked]
        )
        self.fields["template"].choices = [(t.pk, t.title) for t in ranked]
        self.fields["closes_on"].initial = timezone.localdate() + timedelta(days=14)

    def clean_closes_on(self):
        value = self.cleaned_data["closes_on"]
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(_("Choose a day from today on."))
        if value > today + timedelta(days=366):
            raise forms.ValidationError(_("Choose a day within a year."))
        return value


class RevokeForm(NormalizedTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Shown to whoever checks the code."),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("Twelve letters and digits, as printed on the certificate."),
    )
