from django.urls import path

from guwah.public import views

app_name = "memorial"

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("<int:pk>/", views.person_detail, name="person"),
    path("statistics/", views.statistics, name="statistics"),
    path("api/statistics.json", views.api_statistics, name="api_statistics"),
    path("api/persons.json", views.api_persons, name="api_persons"),
    path("api/persons/<int:pk>.json", views.api_person, name="api_person"),
]
