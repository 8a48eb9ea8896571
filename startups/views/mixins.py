"""What every officer page needs."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from startups.models import Officer

CONFLICT_MESSAGE = _(
    "You cannot decide on your own application or a shop you run: another "
    "officer of your unit or of the unit above decides."
)


class OfficerRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.officer = Officer.objects.select_related("unit").filter(user=request.user).first()
        if self.officer is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
