from django.urls import path

from guwah.public import views

app_name = "memorial"

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("<int:pk>/", views.person_detail, name="person"),
    path("<int:pk>/photo", views.person_photo, name="photo"),
    path("statistics/", views.statistics, name="statistics"),
    path("facilities/", views.facility_list, name="facility_list"),
    path("facilities/<int:pk>/", views.facility_detail, name="facility"),
    path("map/", views.memorial_map, name="map"),
    path("api/facilities.json", views.api_facilities, name="api_facilities"),
    path("statistics.csv", views.statistics_csv, name="statistics_csv"),
    path("api/statistics.json", views.api_statistics, name="api_statistics"),
    path("api/persons.json", views.api_persons, name="api_persons"),
    path("api/persons/<int:pk>.json", views.api_person, name="api_person"),
]
