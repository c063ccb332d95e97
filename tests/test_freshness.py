"""Cached pages are forgotten as soon as any change commits; a GET reads one snapshot."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from dxplan import freshness
from dxplan.plans.actions import update_node
from dxplan.plans.models import Node

pytestmark = pytest.mark.django_db

CACHED = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_FUNCTION": "dxplan.freshness.cache_key",
    }
}


@pytest.fixture
def cached(settings, tmp_path):
    settings.CACHES, settings.DATA_DIR = CACHED, tmp_path
    from django.core.cache import cache

    cache.clear()


def test_a_cached_page_is_served_without_the_database_until_a_change_commits(
    cached, client, django_assert_num_queries, django_capture_on_commit_callbacks, town
):
    page = "/en/town/dx/2025-2027/measures/1-1/"
    assert "Online procedures" in client.get(page).content.decode()
    with django_assert_num_queries(0):
        again = client.get(page)
    assert again.status_code == 200 and again["Cache-Control"] == "no-cache"
    with django_capture_on_commit_callbacks(execute=True):
        update_node(town.measure, {"name_en": "Procedures online"}, actor=town.dx_office)
    assert "Procedures online" in client.get(page).content.decode()


def test_the_token_changes_only_when_a_change_commits(cached, django_capture_on_commit_callbacks):
    before = freshness.token()
    with django_capture_on_commit_callbacks(execute=False) as pending:
        freshness.changed_on_commit()
    assert freshness.token() == before and len(pending) == 1
    pending[0]()
    assert freshness.token() != before


def test_staff_pages_are_never_cached(cached, admin_client, town):
    page = f"/admin/plans/node/{town.measure.pk}/change/"
    assert admin_client.get(page).status_code == 200
    Node.objects.filter(pk=town.measure.pk).update(name_en="Changed in the database")
    assert "Changed in the database" in admin_client.get(page).content.decode()


def test_a_get_reads_one_snapshot_of_the_database():
    """Every query of a GET runs in one transaction, read-only and REPEATABLE READ on
    PostgreSQL, so an import that commits meanwhile is seen entirely or not at all. Run in a
    thread of its own: its own connection, outside the test's transaction."""
    from django.db import connections
    from django.http import HttpResponse
    from django.test import RequestFactory

    from dxplan.reads import consistent_reads

    seen: dict[str, object] = {}

    def view(request):
        seen["atomic"] = connection.in_atomic_block
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SHOW transaction_isolation")
                seen["isolation"] = cursor.fetchone()[0]
                cursor.execute("SHOW transaction_read_only")
                seen["read_only"] = cursor.fetchone()[0]
        return HttpResponse("ok")

    def in_a_thread(method):
        try:
            consistent_reads(view)(getattr(RequestFactory(), method)("/"))
        finally:
            connections.close_all()

    thread = threading.Thread(target=in_a_thread, args=["get"])
    thread.start()
    thread.join()
    assert seen["atomic"] is True
    if connection.vendor == "postgresql":
        assert (seen["isolation"], seen["read_only"]) == ("repeatable read", "on")
    seen.clear()
    thread = threading.Thread(target=in_a_thread, args=["post"])
    thread.start()
    thread.join()
    assert seen["atomic"] is False  # writes manage their own transactions (the actions)
