import logging
from smtplib import SMTPException

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from mentorat.forms import NormalizedTextMixin
from mentorat.mail import one_line, render_plain

logger = logging.getLogger(__name__)


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class InvitationPasswordForm(SetPasswordForm):
    """Choose a password from an invitation link."""


class NewInvitationForm(NormalizedTextMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class AccountForm(NormalizedTextMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "language"]


class ResetForm(PasswordResetForm):
    """Django's reset form, with a plain-text subject and body, and a mail server that refuses
    or stalls logged instead of turning the request into an error page (the page's answer is
    the same whether an account exists or not)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = one_line(render_plain(subject_template_name, context))
        message = EmailMultiAlternatives(
            subject, render_plain(email_template_name, context), from_email, [to_email]
        )
        if html_email_template_name:
            message.attach_alternative(
                render_to_string(html_email_template_name, context), "text/html"
            )
        try:
            message.send()
        except (SMTPException, OSError):
            logger.warning("Password reset e-mail not sent", exc_info=True)
