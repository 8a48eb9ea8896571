"""Pages of the profiles domain (filled in by issue 13's work)."""

# Public and officer pages (included by startups.urls) and seller pages in the shop's
# dashboard (route, view, name), registered from StartupsConfig.ready().
urlpatterns: list = []
DASHBOARD_URLS: list = []
