from django import forms
from django.utils.translation import gettext_lazy as _

from mentorat.forms import NormalizedTextMixin


class SignForm(NormalizedTextMixin, forms.Form):
    typed_name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        required=False,
        help_text=_("Type your name as it appears on the form: it is your signature."),
    )
    confirm = forms.BooleanField(
        label=_("I have read these answers and I sign them."),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("typed_name", "").strip():
            self.add_error("typed_name", _("Type your full name to sign."))
        if not cleaned.get("confirm"):
            self.add_error("confirm", _("Tick the box to confirm your signature."))
        return cleaned


class ReopenForm(NormalizedTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why reopen this form?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The signers read it. The signed version is kept."),
    )
