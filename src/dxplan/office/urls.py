from django.urls import path

from . import review, rounds, tokens, uploads, views

app_name = "office"

# Mounted at /staff/ (ja) and /en/staff/ (en), before the portal's <org>/ ("staff" is reserved).
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("login/", views.StaffLogin.as_view(), name="login"),
    path("logout/", views.logout, name="logout"),
    path("review/", review.review_queue, name="review"),
    path("rounds/", rounds.rounds, name="rounds"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/publish/", rounds.round_publish, name="round_publish"),
    path("tokens/", tokens.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.revoke, name="revoke_token"),
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
