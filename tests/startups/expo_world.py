"""Helpers of the expo counting tests: browsers that post the beacon as the page script does,
and the clock moved for a request."""

from __future__ import annotations

import contextlib
import datetime
import uuid
from unittest import mock
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from startups.models import Officer, UnionUnit

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
BROWSER = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
ORIGIN = "http://testserver"
User = get_user_model()


def browser(user_agent: str = BROWSER) -> Client:
    return Client(HTTP_USER_AGENT=user_agent)


def beacon(
    client,
    expo,
    kind="booth",
    *,
    booth=None,
    hall=None,
    session=None,
    event_id=None,
    origin=ORIGIN,
    **extra,
):
    """POST the beacon as static/js/expo-beacon.js does; returns (response, event_id)."""
    event_id = event_id or str(uuid.uuid4())
    data = {
        "event_id": event_id,
        "expo": expo.pk,
        "kind": kind,
        "hall": getattr(hall, "pk", hall) or "",
        "booth": getattr(booth, "pk", booth) or "",
        "session": getattr(session, "pk", session) or "",
    }
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    response = client.post(reverse("startups:expo-beacon"), data, **headers, **extra)
    return response, event_id


@contextlib.contextmanager
def clock(moment: datetime.datetime):
    """``timezone.now()`` is ``moment`` inside (the services and views read it so)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def vietnam(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), VIETNAM)


def officer_of(province_code: str, username: str):
    user = User.objects.create_user(username, f"{username}@example.com", "x")
    unit = UnionUnit.objects.get(level="province", province__code=province_code)
    Officer.objects.create(user=user, unit=unit)
    return user


def seller_account(startup, username: str):
    user = User.objects.create_user(username, f"{username}@example.com", "x")
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    startup.partner.users.add(user)
    return user
