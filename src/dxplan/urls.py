from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path

from dxplan.api.api import api


def api_not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Unknown API paths answer in JSON like the API's own 404s, not with the site's HTML page."""
    return JsonResponse({"detail": "Not Found"}, status=404)


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    *i18n_patterns(path("", include("dxplan.portal.urls")), prefix_default_language=False),
]
