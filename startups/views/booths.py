"""The exhibitors' pages in the seller dashboard: apply for a booth, edit it, answer
questions, follow up leads; and the public opt-out link of follow-up messages."""

urlpatterns = []
DASHBOARD_URLS = []
