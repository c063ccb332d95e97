from django.urls import path

from . import review, uploads, views

app_name = "office"

# Mounted at /staff/ (ja) and /en/staff/ (en), before the portal's <org>/ ("staff" is reserved).
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("login/", views.StaffLogin.as_view(), name="login"),
    path("logout/", views.logout, name="logout"),
    path("review/", review.review_queue, name="review"),
    path("actuals/upload/", uploads.upload, name="upload"),
    path("actuals/template/", uploads.template, name="template"),
    path("actuals/upload/preview/", uploads.preview, name="preview"),
    path("actuals/upload/done/", uploads.done, name="done"),
    path("<slug:org>/<slug:plan>/<slug:version>/<str:code>/<int:year>/", views.entry, name="entry"),
    path(
        "<slug:org>/<slug:plan>/<slug:version>/<str:code>/<int:year>/<slug:series>/<slug:name>/",
        views.step,
        name="step",
    ),
]
