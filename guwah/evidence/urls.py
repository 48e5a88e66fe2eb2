from django.urls import path

from guwah.evidence import views

app_name = "evidence"

urlpatterns = [
    path("people/<int:pk>/panel/", views.person_panel, name="person_panel"),
    path("people/<int:pk>/package.zip", views.person_package, name="person_package"),
    path("items/<int:pk>/files/<str:sha256>/", views.download, name="download"),
    path("log/", views.log_status, name="log_status"),
]
