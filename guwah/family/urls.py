from django.urls import path

from guwah.family import views

app_name = "family"

urlpatterns = [
    path("", views.home, name="home"),
    path("settings/", views.defaults_save, name="defaults"),
    path("relatives/", views.draft_save, name="draft_save"),
    path("relatives/remove/", views.draft_remove, name="draft_remove"),
    path("send/", views.submit, name="submit"),
    path("testimony/", views.testimony, name="testimony"),
    path("consent/", views.consent, name="consent"),
]
