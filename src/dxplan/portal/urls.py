from django.urls import path

from . import indicator_page, views

app_name = "portal"

# Pages of nodes: /<org>/<plan>/<version>/<level>/<code>/ for every level with pages; the level
# `measure` keeps its first URLs, measures/<code>/ (docs/decisions/0005-plan-levels-in-urls.md).
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:org>/<slug:plan>/", views.plan_home, name="plan"),
    path("<slug:org>/<slug:plan>/about/", views.context_page, name="context"),
    path("<slug:org>/<slug:plan>/surveys/", views.surveys, name="surveys"),
    path("<slug:org>/<slug:plan>/reporting/", views.reporting, name="reporting"),
    path("<slug:org>/<slug:plan>/compare/", views.compare_latest, name="compare_latest"),
    path("<slug:org>/<slug:plan>/compare/<slug:old>/<slug:new>/", views.compare, name="compare"),
    path("<slug:org>/<slug:plan>/<slug:version>/", views.version_tree, name="version"),
    path(
        "<slug:org>/<slug:plan>/<slug:version>/indicators/", views.indicator_list, name="indicators"
    ),
    path(
        "<slug:org>/<slug:plan>/<slug:version>/indicators/<str:code>/",
        indicator_page.indicator_page,
        name="indicator",
    ),
    path(
        "<slug:org>/<slug:plan>/<slug:version>/indicators/<str:code>/data.<str:format>",
        indicator_page.indicator_data,
        name="indicator_data",
    ),
    path(
        "<slug:org>/<slug:plan>/<slug:version>/measures/<str:code>/",
        views.node_page,
        {"level": "measures"},
        name="measure",
    ),
    path(
        "<slug:org>/<slug:plan>/<slug:version>/<str:level>/<str:code>/",
        views.node_page,
        name="node",
    ),
]
