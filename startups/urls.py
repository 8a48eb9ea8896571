from django.urls import path

from startups.views import onboarding, review

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
]
