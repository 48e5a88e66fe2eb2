from django.urls import path

app_name = "linkage"

urlpatterns: list = []
