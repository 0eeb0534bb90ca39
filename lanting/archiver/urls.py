from django.urls import URLPattern, URLResolver

app_name = "archiver"
urlpatterns: list[URLPattern | URLResolver] = []
