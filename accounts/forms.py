from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class InvitationPasswordForm(SetPasswordForm):
    """Choose a password from an invitation link."""


class NewInvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "language"]
