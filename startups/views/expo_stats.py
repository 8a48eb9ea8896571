"""Counting and figures: the visit beacon, the counted links out of a booth, the organiser's
report and its exports, the exhibitor's own booth numbers."""

urlpatterns = []
DASHBOARD_URLS = []
