from django.urls import path

from guwah.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("export/", views.download, name="export"),
    path("jobs/<int:pk>/", views.job, name="job"),
]
