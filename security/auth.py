"""Login throttling (django-axes), logout by POST, registration that reveals nothing."""

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from oscar.apps.customer.forms import EmailUserCreationForm
from oscar.apps.customer.signals import user_registered
from oscar.apps.customer.views import AccountAuthView

logger = logging.getLogger(__name__)


def login_key(request, credentials) -> str:
    """One key per account whichever login form is used: the shop's (e-mail), the Django and
    Wagtail admins (user name or e-mail). Unknown names are keyed as typed, lower-cased."""
    value = ((credentials or {}).get("username") or
             (request.POST.get("username") if request is not None else "") or "").strip()
    if not value:
        return ""
    User = get_user_model()
    lookup = {"email__iexact": value} if "@" in value else {"username": value}
    user = User._default_manager.filter(**lookup).only("pk").first()
    return f"user:{user.pk}" if user else value.lower()


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out visitor sees: the site's look, in their language, answering 429,
    with the way out (wait, or reset the password)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "security/locked_out.html",
                  {"minutes": minutes, "reset_url": reverse("password-reset")},
                  status=settings.AXES_HTTP_RESPONSE_CODE)


def clear_login_failures(user) -> int:
    """Forget the failed logins of this account (after it proved itself by a reset link)."""
    from axes.utils import reset

    return reset(username=f"user:{user.pk}")


class ResettingSetPasswordForm(SetPasswordForm):
    def save(self, commit=True):
        user = super().save(commit=commit)
        clear_login_failures(user)
        return user


class PasswordResetConfirm(PasswordResetConfirmView):
    """Oscar's reset confirmation, and a new password lifts the lock on the account."""

    form_class = ResettingSetPasswordForm
    template_name = "oscar/registration/password_reset_confirm.html"

    def get_success_url(self):
        return reverse("password-reset-complete")


class SilentRegistrationForm(EmailUserCreationForm):
    """Oscar's registration form without "A user with that email address already exists":
    an address that has an account passes, and its owner is told by e-mail instead."""

    existing_user = None

    def clean_email(self):
        from oscar.core.compat import get_user_model as oscar_user_model

        email = self.cleaned_data["email"]
        try:
            return super().clean_email()
        except forms.ValidationError:  # Oscar's "A user with that email address already exists"
            self.existing_user = (oscar_user_model()._default_manager
                                  .filter(email__iexact=email).first())
            if self.existing_user is None:
                raise
            return email


class LoginRegisterView(AccountAuthView):
    registration_form_class = SilentRegistrationForm

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid() and form.existing_user is not None:
            self._tell_owner(form.existing_user)
            messages.info(self.request, _(
                "Thank you. Please check your e-mail inbox to continue."))
            return redirect(self.request.get_full_path())
        return super().validate_registration_form()

    def register_user(self, form):
        """Oscar's, logging the new account in directly: Oscar authenticates it again without
        the request, which the login throttle (rightly) refuses."""
        user = form.save()
        user_registered.send_robust(sender=self, request=self.request, user=user)
        if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
            self.send_registration_email(user)
        auth_login(self.request, user, backend="oscar.apps.customer.auth_backends.EmailBackend")
        return user

    def _tell_owner(self, user):
        context = {"login_url": self.request.build_absolute_uri(reverse("customer:login")),
                   "reset_url": self.request.build_absolute_uri(reverse("password-reset"))}
        send_mail(_("Someone tried to register with your e-mail address"),
                  render_to_string("security/emails/already_registered.txt", context),
                  settings.DEFAULT_FROM_EMAIL, [user.email])
        logger.info("Registration attempted with the e-mail of user %s", user.pk)


@method_decorator(never_cache, name="dispatch")
class LogoutView(View):
    """Logging out changes state, so only by POST (a link or an image elsewhere cannot log a
    visitor out); a GET shows a small confirmation form."""

    http_method_names = ["get", "post"]

    def get(self, request):
        return render(request, "security/logout_confirm.html")

    def post(self, request):
        auth_logout(request)
        response = redirect(settings.OSCAR_HOMEPAGE)
        for cookie in settings.OSCAR_COOKIES_DELETE_ON_LOGOUT:
            response.delete_cookie(cookie)
        return response

