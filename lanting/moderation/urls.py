from django.urls import path

from lanting.moderation import views

app_name = "moderation"
urlpatterns = [
    path("darkroom/", views.darkroom, name="darkroom"),
    path("darkroom/<int:ban_id>/lift/", views.lift, name="ban-lift"),
    path("u/<str:username>/ban/", views.ban, name="ban"),
    path("moderation/queue/", views.review_queue, name="queue"),
    path("moderation/queue/<int:entry_id>/", views.queue_act, name="queue-act"),
    path("report/<str:label>/<int:object_id>/", views.report, name="report"),
    path("moderation/purge/<str:username>/", views.purge, name="purge"),
    path("moderation/purges/", views.purges, name="purges"),
    path("moderation/purges/<int:purge_id>/undo/", views.purge_undo, name="purge-undo"),
    path("moderation/ip/<str:address>/", views.address, name="address"),
]
