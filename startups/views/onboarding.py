"""Seller onboarding for producers: apply to sell, follow the application."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView

from startups.forms.onboarding import SellerApplicationForm
from startups.models import SellerApplication
from startups.selectors import (
    applications_of_user,
)
from startups.services import onboarding


class ApplyView(LoginRequiredMixin, FormView):
    template_name = "startups/apply.html"
    form_class = SellerApplicationForm

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and applications_of_user(request.user)
            .exclude(status=SellerApplication.Status.REJECTED)
            .exists()
        ):
            return redirect("startups:application-status")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        onboarding.seller_application_submit(user=self.request.user, data=form.application_data())
        messages.success(
            self.request,
            _(
                "Thank you! Your application waits for the youth "
                "union's review. We will e-mail you the decision."
            ),
        )
        return redirect("startups:application-status")


class ApplicationStatusView(LoginRequiredMixin, ListView):
    template_name = "startups/application_status.html"
    context_object_name = "applications"

    def get_queryset(self):
        return applications_of_user(self.request.user)
