from django.urls import path
from django.views.generic import RedirectView

from shop.payments import views

app_name = "payments"

urlpatterns = [
    path("card/<str:number>/<str:hash>/", views.card_start, name="card-start"),
    # The owed page moved into the dashboard (dashboard:payments-owed); old links follow.
    path(
        "dashboard/owed/",
        RedirectView.as_view(pattern_name="dashboard:payments-owed", permanent=True),
    ),
]
