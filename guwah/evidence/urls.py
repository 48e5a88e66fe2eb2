from django.urls import path

from guwah.evidence import files, views

app_name = "evidence"

urlpatterns = [
    path("people/<int:pk>/panel/", views.person_panel, name="person_panel"),
    path("people/<int:pk>/package.zip", views.person_package, name="person_package"),
    # One evidence item's file; every stored file is also reachable by its storage name
    # (MEDIA_URL), through the same guarded view.
    path("items/<int:pk>/files/<str:sha256>/", files.stored_file, name="download"),
    path("items/<int:pk>/redact/", views.redact, name="redact"),
    path("log/", views.log_status, name="log_status"),
]
