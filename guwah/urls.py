from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from guwah import views
from guwah.evidence import files
from guwah.public import api as public_api
from guwah.registry import access

# The admin site's own sign-in page would take a password alone; it sends to the project's
# sign-in instead, which asks for the second factor.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    # Signing in, out and the second factor (allauth's pages, each behind the access
    # decorator), then the administrators' account pages and the invitation links.
    path("accounts/", include("guwah.accounts.signin_urls")),
    path("accounts/", include("guwah.accounts.urls")),
    path("i18n/setlang/", access.requires(access.anyone)(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("registry/", include("guwah.registry.urls")),
    path("linkage/", include("guwah.linkage.urls")),
    path("evidence/", include("guwah.evidence.urls")),
    path("positions/", include("guwah.positions.urls")),
    path("imports/", include("guwah.imports.urls")),
    path("un/", include("guwah.un.urls")),
    path("memorial/api/v1/", include((public_api.urlpatterns(), "memorial_api"))),
    path("memorial/", include("guwah.public.urls")),
    path("family/", include("guwah.family.urls")),
    # Stored files are never served from MEDIA_ROOT: their addresses (MEDIA_URL + storage name)
    # lead to the one view that asks the access policy first.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", files.stored_file, name="stored_file"),
]
