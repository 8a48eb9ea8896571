"""Login throttling (django-axes), logout by POST, registration that reveals nothing."""

import logging
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.encoding import force_bytes
from django.utils.http import (
    url_has_allowed_host_and_scheme,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from oscar.apps.customer.forms import EmailUserCreationForm
from oscar.apps.customer.signals import user_registered
from oscar.apps.customer.views import AccountAuthView

from core.siteurl import absolute_url

logger = logging.getLogger(__name__)


def login_key(request, credentials) -> str:
    """One key per account whichever login form is used: the shop's (e-mail), the Django and
    Wagtail admins (user name or e-mail). Unknown names are keyed as typed, lower-cased."""
    value = (
        (credentials or {}).get("username")
        or (request.POST.get("username") if request is not None else "")
        or ""
    ).strip()
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
    return render(
        request,
        "security/locked_out.html",
        {"minutes": minutes, "reset_url": reverse("password-reset")},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def clear_login_failures(user) -> int:
    """Forget the failed logins of this account (after it proved itself by a reset link)."""
    from axes.utils import reset  # axes' helpers load its models: once the app registry is ready

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
        from oscar.core.compat import get_user_model as oscar_user_model  # needs the app registry

        email = self.cleaned_data["email"]
        try:
            return super().clean_email()
        except forms.ValidationError:  # Oscar's "A user with that email address already exists"
            self.existing_user = (
                oscar_user_model()._default_manager.filter(email__iexact=email).first()
            )
            if self.existing_user is None:
                raise
            return email


class LoginRegisterView(AccountAuthView):
    """Registration answers every valid form the same way, whether the address has an
    account or not: "check your inbox". A new account stays inactive until its owner opens
    the confirmation link sent to the address (``AccountConfirmView``); the owner of an
    address that has an account is told someone tried to register with it. So neither the
    page nor being signed in tells a visitor which addresses have accounts."""

    registration_form_class = SilentRegistrationForm

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if not form.is_valid():
            return super().validate_registration_form()
        user = form.existing_user
        if user is None:
            self.register_user(form)
        elif not user.is_active and user.last_login is None:
            self._send_confirmation(user)  # registered, never confirmed: the link again
        else:
            self._tell_owner(user)
        messages.info(self.request, _("Thank you. Please check your e-mail inbox to continue."))
        return redirect(self.request.get_full_path())

    def register_user(self, form):
        """A new account, inactive until the address is confirmed (no login here: Oscar's
        would authenticate again without the request, which the login throttle refuses)."""
        user = form.save(commit=False)
        user.is_active = False
        user.save()
        user_registered.send_robust(sender=self, request=self.request, user=user)
        self._send_confirmation(user)
        return user

    def _send_confirmation(self, user):
        path = reverse(
            "account-confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        next_url = self.request.POST.get("registration-redirect_url") or ""
        if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
            path += "?" + urlencode({"next": next_url})
        send_mail(
            _("Confirm your account on Chợ OCOP Thanh niên"),
            render_to_string(
                "security/emails/confirm_registration.txt", {"confirm_url": absolute_url(path)}
            ),
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )

    def _tell_owner(self, user):
        context = {
            "login_url": absolute_url(reverse("customer:login")),
            "reset_url": absolute_url(reverse("password-reset")),
        }
        send_mail(
            _("Someone tried to register with your e-mail address"),
            render_to_string("security/emails/already_registered.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        logger.info("Registration attempted with the e-mail of user %s", user.pk)


class AccountConfirmView(View):
    """The link of the confirmation e-mail: the account becomes active and is signed in.
    Only once: an active account's link sends to the login page (a forwarded e-mail does not
    sign anyone in later)."""

    def get(self, request, uidb64, token):
        User = get_user_model()
        try:
            user = User._default_manager.get(pk=urlsafe_base64_decode(uidb64).decode())
        except (User.DoesNotExist, ValueError, TypeError, OverflowError):
            user = None
        if user is None or user.is_active or not default_token_generator.check_token(user, token):
            messages.error(
                request,
                _(
                    "This confirmation link is not valid any more. Log in, "
                    "or register again to get a new one."
                ),
            )
            return redirect("customer:login")
        user.is_active = True
        user.save(update_fields=["is_active"])
        auth_login(request, user, backend="oscar.apps.customer.auth_backends.EmailBackend")
        messages.success(request, _("Your account is confirmed. Welcome!"))
        next_url = request.GET.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(next_url)
        return redirect("customer:summary")


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
