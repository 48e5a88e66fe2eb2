from django.urls import path

from guwah.un import views

app_name = "un"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/wgeid/", views.wgeid_document, name="wgeid"),
    path("people/<int:pk>/wgad/", views.wgad_document, name="wgad"),
    path("people/<int:pk>/steps/", views.step, name="step"),
]
