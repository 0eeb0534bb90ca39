from django.urls import path

from lanting.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<int:notification_id>/", views.open_notification, name="open"),
    path("notifications/read-all/", views.read_all, name="read-all"),
    path("notifications/names/", views.mention_names, name="names"),
]
