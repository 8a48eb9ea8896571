from django.urls import path

from shop.dashboard.access import dashboard_view
from shop.payments import views

app_name = "payments"

urlpatterns = [
    path("card/<str:number>/<str:hash>/", views.card_start, name="card-start"),
    path("dashboard/owed/", dashboard_view(views.OwedView.as_view(), "owed"), name="owed"),
]
