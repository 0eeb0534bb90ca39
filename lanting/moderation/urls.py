from django.urls import path

from lanting.moderation import views

app_name = "moderation"
urlpatterns = [
    path("darkroom/", views.darkroom, name="darkroom"),
    path("darkroom/<int:ban_id>/lift/", views.lift, name="ban-lift"),
    path("u/<str:username>/ban/", views.ban, name="ban"),
    path("moderation/ip/<str:address>/", views.address, name="address"),
]
