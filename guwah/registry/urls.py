from django.urls import path

from guwah.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("people/", views.person_list, name="person_list"),
]
