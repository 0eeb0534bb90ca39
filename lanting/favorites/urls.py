from django.urls import path

from lanting.favorites import views

app_name = "favorites"

urlpatterns = [
    path("favorites/", views.favorite_list, name="list"),
    path("favorites/<str:kind>/<int:object_id>/add/", views.add, name="add"),
    path("favorites/<int:favorite_id>/remove/", views.remove, name="remove"),
]
