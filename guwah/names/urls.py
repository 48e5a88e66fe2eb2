from django.urls import path

app_name = "names"

urlpatterns: list = []
