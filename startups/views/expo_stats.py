"""Counting and figures: the visit beacon, the counted links out of a booth, the organiser's
report and its exports, the draw, the exhibitor's own booth numbers.

The beacon (``BeaconView``) is the only way a page view is counted: the expo's pages may come
from the cache and never write anything; their script sends the event here afterwards. It is
csrf-exempt (a cached page carries no token) and so checks instead that the request comes from
one of our own pages (Origin, else Referer). It writes one or two rows
(``startups.services.expo_visits.event_record``) and answers the visitor's passport.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.urls import path
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from startups.models import Booth, Expo, ExpoEvent, ExpoSession, Hall
from startups.selectors.expo_stats import passport_status
from startups.services.expo_visits import (
    event_record,
    visitor_cookie_set,
    visitor_new,
    visitor_of,
)

BEACON_KINDS = (
    ExpoEvent.Kind.LOBBY,
    ExpoEvent.Kind.HALL,
    ExpoEvent.Kind.BOOTH,
    ExpoEvent.Kind.SESSION,
)


def same_origin(request) -> bool:
    """The request was sent by one of our pages: its Origin (or, without one, its Referer)
    names our host."""
    source = request.headers.get("origin") or request.headers.get("referer") or ""
    try:
        parts = urlsplit(source)
        host = request.get_host()
    except (ValueError, DisallowedHost):
        return False
    return parts.scheme in ("http", "https") and bool(host) and parts.netloc.lower() == host.lower()


class _Id(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2_147_483_647, **kwargs)


class BeaconForm(forms.Form):
    event_id = forms.UUIDField()
    expo = _Id()
    kind = forms.ChoiceField(choices=[(kind, kind) for kind in BEACON_KINDS])
    hall = _Id(required=False)
    booth = _Id(required=False)
    session = _Id(required=False)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (ExpoEvent.Kind.HALL, ExpoEvent.Kind.BOOTH, ExpoEvent.Kind.SESSION) and not (
            data.get(kind)
        ):
            raise forms.ValidationError("the %(kind)s is missing", params={"kind": kind})
        return data


def _no_store(response):
    add_never_cache_headers(response)
    return response


@method_decorator(csrf_exempt, name="dispatch")
class BeaconView(View):
    """POST ``event_id, expo, kind, hall, booth, session`` (form-encoded): 200 with the
    passport ``{"stamps", "goal", "unlocked"}`` when counted; 204 when not counted (a known
    bot, or outside the expo's dates); 400 bad input, 403 another site, 404 an expo (hall,
    booth, session) the public cannot see. Nothing is written unless it is counted."""

    http_method_names = ["post"]

    def post(self, request):
        if not same_origin(request):
            return _no_store(HttpResponseForbidden())
        form = BeaconForm(request.POST)
        if not form.is_valid():
            return _no_store(HttpResponse(status=400))
        data = form.cleaned_data
        expo = Expo.objects.filter(pk=data["expo"], published=True).first()
        if expo is None or not expo.is_open:
            raise Http404
        hall_id, booth_id = data["hall"], None
        if data["kind"] == ExpoEvent.Kind.BOOTH:
            booth = (
                Booth.objects.filter(pk=data["booth"], expo=expo, status=Booth.Status.APPROVED)
                .only("pk", "hall_id")
                .first()
            )
            if booth is None:
                raise Http404
            hall_id, booth_id = booth.hall_id, booth.pk
        elif data["kind"] == ExpoEvent.Kind.SESSION:
            session = ExpoSession.objects.filter(pk=data["session"], expo=expo).first()
            if session is None:
                raise Http404
            hall_id = session.hall_id
        elif data["kind"] == ExpoEvent.Kind.HALL:
            if not Hall.objects.filter(pk=hall_id, expo=expo).exists():
                raise Http404
        else:
            hall_id = None
        visitor = visitor_of(request)
        new_visitor = visitor is None
        if new_visitor:
            visitor = visitor_new()
        counted = event_record(
            expo=expo,
            kind=data["kind"],
            visitor=visitor,
            event_id=data["event_id"],
            hall_id=hall_id,
            booth_id=booth_id,
            user_agent=request.headers.get("user-agent", ""),
        )
        if not counted:
            return _no_store(HttpResponse(status=204))
        response = JsonResponse(passport_status(expo, visitor).as_json())
        if new_visitor:
            visitor_cookie_set(response, visitor, secure=request.is_secure())
        return _no_store(response)


urlpatterns = [
    path("expo/beacon/", BeaconView.as_view(), name="expo-beacon"),
]
DASHBOARD_URLS = []
