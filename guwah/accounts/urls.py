from django.urls import path

from guwah.accounts import views

app_name = "accounts"

urlpatterns = [
    path("people/", views.account_list, name="list"),
    path("people/invite/", views.invite, name="invite"),
    path("people/<int:pk>/", views.account_detail, name="account"),
    path("invitations/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("invitation/<str:token>/", views.accept, name="accept"),
]
