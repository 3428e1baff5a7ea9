"""Sign-in, invitations, password reset and language. Function views (actions)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy, translate_url
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from django_ratelimit.decorators import ratelimit

from accounts import outbox, security, services
from accounts.forms import (
    EmailAuthenticationForm,
    InvitationPasswordForm,
    NewInvitationForm,
    ResetForm,
)
from accounts.models import Language


@method_decorator(
    ratelimit(
        group="sign-in-client",
        key="ip",
        rate=security.sign_ins_per_client,
        method="POST",
        block=False,
    ),
    name="post",
)
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True
    extra_context = {"locked_out": False, "too_many": False}

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            form = self.get_form_class()(
                request, initial={"username": request.POST.get("username", "")}
            )
            context = self.get_context_data(form=form)
            context["too_many"] = True  # after extra_context, which get_context_data applies
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        """Signed in, the site switches to the person's preferred language."""
        response = super().form_valid(form)
        lang = self.request.user.language
        if lang in dict(settings.LANGUAGES):
            response["Location"] = translate_url(response["Location"], lang)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                lang,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout answer: the sign-in page again, with the e-mail kept, saying why and
    what to do (429: too many attempts)."""
    username = request.POST.get("username", "")
    form = EmailAuthenticationForm(request, initial={"username": username})
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "next": request.POST.get("next", ""),
            "locked_out": True,
            "too_many": False,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )


def mail_request_limits(view):
    """Counts a POST against both limits; `request.limited` says whether one is passed."""
    view = ratelimit(
        group="mail-request-client",
        key="ip",
        rate=security.MAIL_REQUESTS_PER_CLIENT,
        method="POST",
        block=False,
    )(view)
    return ratelimit(
        group="mail-request-address",
        key=security.posted_email,
        rate=security.MAIL_REQUESTS_PER_ADDRESS,
        method="POST",
        block=False,
    )(view)


def too_many_requests(form):
    form.add_error(
        "email",
        _(
            "Too many requests for this address in the last hour: please wait an hour and try "
            "again, or contact your program's coordinator."
        ),
    )


@method_decorator(mail_request_limits, name="post")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "emails/password_reset/body.txt"
    html_email_template_name = "emails/password_reset/body.html"
    subject_template_name = "emails/password_reset/subject.txt"
    form_class = ResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if getattr(self.request, "limited", False):
            too_many_requests(form)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        """A new password also lifts a sign-in lockout on the account."""
        response = super().form_valid(form)
        security.unlock(form.user.email)
        return response


def invitation_accept(request, token):
    invitation = services.find_invitation(token)
    if invitation is None:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": "unknown", "form": NewInvitationForm()},
            status=404,
        )
    if invitation.used_at:
        return render(request, "accounts/invitation_invalid.html", {"reason": "used"}, status=410)
    if invitation.revoked_at:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": "replaced", "form": NewInvitationForm()},
            status=410,
        )
    if invitation.is_expired:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": "expired", "invitation": invitation, "token": token},
            status=410,
        )
    form = InvitationPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.accept_invitation(invitation.pk, form.cleaned_data["new_password1"])
        # the model backend: the last one (the first only refuses locked sign-ins)
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[-1])
        messages.success(request, _("Welcome! Your password is set."))
        return redirect("home")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


@require_POST
@mail_request_limits
def invitation_renew(request, token):
    """The owner of an expired link asks for a new one; it goes to the same address."""
    invitation = services.find_invitation(token)
    if invitation is not None and invitation.is_expired and not request.limited:
        services.reinvite_for_expired(invitation)
    messages.info(
        request,
        _("If this invitation can be renewed, a new link is on its way to your e-mail address."),
    )
    return redirect("accounts:login")


@mail_request_limits
def invitation_request(request):
    form = NewInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and getattr(request, "limited", False):
        too_many_requests(form)
        return render(request, "accounts/invitation_request.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        services.reinvite_by_email(form.cleaned_data["email"])
        messages.info(
            request,
            _(
                "If an invitation is waiting for this address, a new link is on its way. "
                "If you already chose a password, use “Forgot your password?”."
            ),
        )
        return redirect("accounts:login")
    return render(request, "accounts/invitation_request.html", {"form": form})


@require_POST
def set_language(request):
    """Switch language (Django's view) and remember it as the signed-in person's preference."""
    response = django_set_language(request)
    lang = request.POST.get("language")
    if request.user.is_authenticated and lang in Language.values and request.user.language != lang:
        request.user.language = lang
        request.user.save(update_fields=["language"])
    return response


class EmailPreferencesForm(forms.Form):
    email_reminders = forms.BooleanField(
        label=_("Send me meeting reminders and requests to log a meeting"),
        required=False,
        help_text=_(
            "Messages about your pairs themselves (a proposal, a meeting your partner proposes or "
            "cancels) are always sent."
        ),
    )


@login_required
def email_preferences(request):
    """Which e-mails a person receives."""
    form = EmailPreferencesForm(  # unticking the only box posts nothing: still a POST
        request.POST if request.method == "POST" else None,
        initial={"email_reminders": request.user.email_reminders},
    )
    if request.method == "POST" and form.is_valid():
        request.user.email_reminders = form.cleaned_data["email_reminders"]
        request.user.save(update_fields=["email_reminders"])
        messages.success(request, _("Your e-mail preferences are saved."))
        return redirect("accounts:email_preferences")
    return render(request, "accounts/email_preferences.html", {"form": form})


@csrf_exempt  # RFC 8058: mail clients post the one-click unsubscribe without a session
def unsubscribe(request, token):
    """The link of every reminder (and its List-Unsubscribe header): GET asks to confirm, POST
    turns reminders off, without signing in."""
    user = outbox.user_for_unsubscribe_token(token)
    if user is None:
        return render(request, "accounts/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        if user.email_reminders:
            user.email_reminders = False
            user.save(update_fields=["email_reminders"])
        return render(request, "accounts/unsubscribe.html", {"done": True, "invalid": False})
    return render(request, "accounts/unsubscribe.html", {"done": False, "invalid": False})
