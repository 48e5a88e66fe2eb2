from django.urls import path

from guwah.un import letter_views, views

app_name = "un"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/wgeid/", views.wgeid_document, name="wgeid"),
    path("people/<int:pk>/wgad/", views.wgad_document, name="wgad"),
    path("people/<int:pk>/steps/", views.step, name="step"),
    path("people/<int:pk>/batch/", views.batch, name="batch"),
    path("people/<int:pk>/translations/", views.translation, name="translation"),
    path("letters/", letter_views.letters, name="letters"),
    path("letters/<int:pk>/", letter_views.letter, name="letter"),
    path("letters/<int:pk>/docx/", letter_views.letter_docx, name="letter_docx"),
]
