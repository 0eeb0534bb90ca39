from django.urls import path

from lanting.core import views

app_name = "core"
urlpatterns = [
    path("page/<slug:slug>/", views.page_detail, name="page"),
    path("mobile/", views.mobile, name="mobile"),
    path("language/<str:code>/", views.switch_language, name="language"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
]
