from django.urls import path

from startups import views

app_name = "startups"
urlpatterns = [
    path("sell/apply/", views.ApplyView.as_view(), name="apply"),
    path("sell/application/", views.ApplicationStatusView.as_view(), name="application-status"),
    path("union/applications/", views.ReviewQueueView.as_view(), name="queue"),
    path("union/applications/<int:pk>/", views.ApplicationReviewView.as_view(), name="review"),
    path("union/sellers/new/", views.OnBehalfCreateView.as_view(), name="on-behalf"),
    path("union/products/", views.ProductQueueView.as_view(), name="product-queue"),
    path("union/products/<int:pk>/", views.ProductReviewView.as_view(), name="product-review"),
]
