"""The buyer's order page, reachable with the order's verification hash (guests included)."""

from django.urls import path

from shop.order import views

app_name = "orders"

urlpatterns = [
    path("<str:number>/<str:hash>/", views.OrderPageView.as_view(), name="detail"),
    path("<str:number>/<str:hash>/parts/<int:part>/qr.png", views.part_qr_png, name="part-qr"),
    path(
        "<str:number>/<str:hash>/parts/<int:part>/cancel/",
        views.part_cancel_view,
        name="part-cancel",
    ),
]
