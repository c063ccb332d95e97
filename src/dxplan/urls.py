from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from dxplan.api import errors
from dxplan.api.api import api

# Errors under /api/ are JSON (dxplan/api/errors.py); elsewhere Django's pages, as before.
handler400 = "dxplan.api.errors.bad_request"
handler500 = "dxplan.api.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", errors.not_found),
    *i18n_patterns(
        # before the portal, whose <org>/ would take /staff/ ("staff" is a reserved slug)
        path("staff/", include("dxplan.office.urls")),
        path("", include("dxplan.portal.urls")),
        prefix_default_language=False,
    ),
]
