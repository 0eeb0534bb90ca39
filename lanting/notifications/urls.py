from django.urls import path

from lanting.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<int:notification_id>/", views.open_notification, name="open"),
    path("notifications/read-all/", views.read_all, name="read-all"),
    path("notifications/settings/", views.mail_settings, name="settings"),
    path("notifications/watching/", views.watching, name="watching"),
    path("notifications/watch/", views.watch, name="watch"),
    path("notifications/unwatch/", views.unwatch, name="unwatch"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notifications/names/", views.mention_names, name="names"),
]
