from django.urls import path

from shop.payments import views

app_name = "payments"

urlpatterns = [
    path("card/<str:number>/<str:hash>/", views.card_start, name="card-start"),
    path("dashboard/owed/", views.OwedView.as_view(), name="owed"),
]
