from django.urls import path

from guwah.positions import views

app_name = "positions"

urlpatterns = [
    path("", views.world_map, name="map"),
]
