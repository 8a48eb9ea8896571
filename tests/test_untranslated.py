"""The recorder of untranslated strings (tests/untranslated.py) catches what a page shows."""

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.utils.translation import gettext, override

from tests.untranslated import recording


def untranslated(request):
    with override("vi"):
        shown = gettext("A phrase nobody translated, shown to the buyer")
        gettext("A phrase nobody translated, never shown")
        return HttpResponse(f"<p>{shown}</p><p>{gettext('Basket')}</p>")


urlpatterns = [path("untranslated/", untranslated)]


@pytest.mark.urls(__name__)
def test_a_shown_untranslated_string_is_recorded_a_hidden_or_translated_one_is_not(db):
    with recording() as found:
        Client().get("/untranslated/")
    assert found == {"/untranslated/": {"A phrase nobody translated, shown to the buyer"}}
