from django.urls import path

from guwah.linkage import views

app_name = "linkage"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("pairs/<int:pk>/", views.pair_detail, name="pair_detail"),
    path("pairs/<int:pk>/cluster/", views.cluster, name="cluster"),
    path("merges/", views.merge_list, name="merge_list"),
    path("merges/<int:pk>/undo/", views.undo, name="undo"),
]
