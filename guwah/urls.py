from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from guwah import views
from guwah.evidence import files
from guwah.registry import access

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    # Django's own views wear the one access decorator too. Signing out is open to anyone, so
    # that a sign-out form posted after the session expired still ends on the signed-out page.
    path(
        "accounts/login/",
        access.requires(access.anyone)(auth_views.LoginView.as_view()),
        name="login",
    ),
    path(
        "accounts/logout/",
        access.requires(access.anyone)(auth_views.LogoutView.as_view()),
        name="logout",
    ),
    path("i18n/setlang/", access.requires(access.anyone)(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("registry/", include("guwah.registry.urls")),
    path("linkage/", include("guwah.linkage.urls")),
    path("evidence/", include("guwah.evidence.urls")),
    path("positions/", include("guwah.positions.urls")),
    path("imports/", include("guwah.imports.urls")),
    path("un/", include("guwah.un.urls")),
    path("memorial/", include("guwah.public.urls")),
    # Stored files are never served from MEDIA_ROOT: their addresses (MEDIA_URL + storage name)
    # lead to the one view that asks the access policy first.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", files.stored_file, name="stored_file"),
]
