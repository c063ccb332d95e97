"""Only staff get in; staff pages are never cached; forms need their CSRF token."""

import pytest
from django.test import Client

from dxplan.indicators.models import Observation

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse 2024"
ENTRY = "/staff/town/dx/2025-2027/1-1/2025/"


@pytest.mark.parametrize("page", ["/staff/", ENTRY, "/staff/actuals/upload/"])
def test_an_anonymous_visitor_is_sent_to_the_staff_login(client, town, page):
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"] == f"/staff/login/?next={page}"
    english = client.get("/en" + page)
    assert english["Location"].startswith("/en/staff/login/?next=")


def test_the_login_page_is_japanese_first_and_english_under_en(client, town):
    assert "職員用画面へのログイン" in client.get("/staff/login/").content.decode()
    assert "Log in to the staff area" in client.get("/en/staff/login/").content.decode()


def test_a_staff_user_logs_in_and_out(client, town):
    response = client.post("/staff/login/", {"username": "department-editor", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    assert client.get("/staff/logout/").status_code == 405  # logging out is a POST
    assert client.post("/staff/logout/")["Location"] == "/staff/login/"
    assert client.get("/staff/").status_code == 302


def test_a_user_without_staff_rights_cannot_log_in_and_gets_403_with_a_clear_message(client, town):
    response = client.post("/staff/login/", {"username": "citizen", "password": PASSWORD})
    assert "このアカウントには職員の権限がありません" in response.content.decode()
    client.force_login(town.citizen)
    for page in ("/staff/", ENTRY, "/staff/actuals/upload/"):
        refused = client.get(page)
        assert refused.status_code == 403
        assert "この画面は職員専用です" in refused.content.decode()
        assert "no-store" in refused["Cache-Control"]
    refused = client.post(ENTRY, {"total-value": "40", "action": "publish"})
    assert (
        refused.status_code == 403 and not Observation.objects.filter(series=town.series).exists()
    )
    assert "This area is for staff only" in client.get("/en/staff/").content.decode()


@pytest.mark.parametrize(
    "page", ["/staff/login/", "/staff/", ENTRY, "/staff/actuals/upload/", "/en/staff/"]
)
def test_staff_pages_say_they_must_never_be_cached(client, town, page):
    if page != "/staff/login/":
        client.force_login(town.department_editor)
    response = client.get(page)
    assert response.status_code == 200
    control = response["Cache-Control"]
    assert all(word in control for word in ("no-cache", "no-store", "must-revalidate", "private"))


def test_staff_pages_are_never_served_from_the_page_cache(settings, tmp_path, town):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": "dxplan.freshness.cache_key",
        }
    }
    settings.DATA_DIR = tmp_path
    from django.core.cache import cache

    cache.clear()
    client = Client()
    client.force_login(town.department_editor)
    assert "未入力" in client.get(ENTRY).content.decode()
    Observation.objects.create(series=town.series, fiscal_year=2025, value=33, state="draft")
    assert "33.0%" in client.get(ENTRY).content.decode()  # not the page of before
    assert "33.0%" in client.get("/staff/?version=town/dx/2025-2027").content.decode()
    anonymous = Client()
    assert anonymous.get("/staff/").status_code == 302  # no staff page from the cache


def test_forms_are_refused_without_their_csrf_token(town):
    client = Client(enforce_csrf_checks=True)
    client.force_login(town.department_editor)
    response = client.post(ENTRY, {"total-value": "40", "action": "draft"})
    assert response.status_code == 403
    assert not Observation.objects.filter(series=town.series).exists()
    page = client.get(ENTRY)
    token = page.cookies["csrftoken"].value
    accepted = client.post(
        ENTRY,
        {"total-value": "40", "total-provisional": "final", "action": "draft"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert accepted.status_code == 302
    assert Observation.objects.get(series=town.series).state == "draft"


def test_the_admin_links_each_figure_to_its_staff_screen(admin_client, town):
    Observation.objects.create(series=town.series, fiscal_year=2025, value=33, state="draft")
    listing = admin_client.get("/admin/indicators/observation/").content.decode()
    assert f'href="{ENTRY}"' in listing


def test_an_organisation_cannot_be_called_staff():
    from dxplan.io.planfiles import RESERVED_ORGANISATION_SLUGS

    assert "staff" in RESERVED_ORGANISATION_SLUGS


@pytest.mark.parametrize("page", ["/staff/", ENTRY, "/staff/actuals/upload/"])
def test_the_menu_links_to_the_admin_only_for_those_who_can_use_it(client, town, page):
    for user in (town.clerk, town.department_editor, town.reviewer):  # they work in /staff/
        client.force_login(user)
        assert 'href="/admin/"' not in client.get(page).content.decode()
    assert client.get("/admin/").context["app_list"] == []  # where it led: "no permission"
    client.force_login(town.office_editor)  # the DX office keeps the plans there
    assert 'href="/admin/"' in client.get(page).content.decode()
    client.force_login(town.dx_office)  # a superuser
    assert 'href="/admin/"' in client.get(page).content.decode()
