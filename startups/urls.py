"""The community layer's pages. Each domain's views module lists its own ``urlpatterns``
(public and officer pages); its seller pages live in the shop's dashboard (``DASHBOARD_URLS``,
registered from ``StartupsConfig.ready``)."""

from django.urls import path

from startups.views import (
    booths,
    expo_stats,
    expo_union,
    expos,
    leads,
    onboarding,
    pitches,
    profiles,
    qr,
    review,
    union_home,
)

app_name = "startups"
urlpatterns = [
    path("sell/apply/", onboarding.ApplyView.as_view(), name="apply"),
    path(
        "sell/application/", onboarding.ApplicationStatusView.as_view(), name="application-status"
    ),
    path("union/applications/", review.ReviewQueueView.as_view(), name="queue"),
    path("union/applications/<int:pk>/", review.ApplicationReviewView.as_view(), name="review"),
    path("union/sellers/new/", review.OnBehalfCreateView.as_view(), name="on-behalf"),
    path("union/products/", review.ProductQueueView.as_view(), name="product-queue"),
    path("union/products/<int:pk>/", review.ProductReviewView.as_view(), name="product-review"),
    *profiles.urlpatterns,
    *pitches.urlpatterns,
    *leads.urlpatterns,
    *qr.urlpatterns,
    *expo_union.urlpatterns,
    *expo_stats.urlpatterns,
    *booths.urlpatterns,
    *expos.urlpatterns,
    *union_home.urlpatterns,
]
