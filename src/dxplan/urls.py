from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from dxplan.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    *i18n_patterns(path("", include("dxplan.portal.urls")), prefix_default_language=False),
]
