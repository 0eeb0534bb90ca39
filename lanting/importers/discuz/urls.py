from django.urls import URLPattern, URLResolver

app_name = "discuz"
urlpatterns: list[URLPattern | URLResolver] = []
