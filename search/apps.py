from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarConfig


class SearchConfig(OscarConfig):
    """Replaces Oscar's haystack-based search app (same label, so Oscar's ``search:search``
    URL and ``get_class("search.views", ...)`` lookups land here). Browsing a category and
    searching are the same listing seen two ways."""

    label = "search"
    name = "search"
    verbose_name = _("Search")
    namespace = "search"

    def ready(self):
        # Imported here, not at the top: Django imports this module while it is still loading
        # the apps, before any model can be used, and both modules use models at import.
        from search import receivers, views

        receivers.connect()

        self.search_view = views.SearchView
        self.suggest_view = views.SuggestView

    def get_urls(self):
        urls = [
            path("", self.search_view.as_view(), name="search"),
            path("suggest/", self.suggest_view.as_view(), name="suggest"),
        ]
        return self.post_process_urls(urls)
