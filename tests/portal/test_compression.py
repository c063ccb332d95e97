"""Pages and API answers are sent compressed to the browsers that ask, and plain to the rest,
also from the page cache."""

from __future__ import annotations

import gzip
import json

import pytest

from tests.test_freshness import cached  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

PAGE = "/nagasaki/dx-plan/2025-2027/measures/1-1/"


def test_a_page_is_gzipped_for_a_browser_that_accepts_it(client):
    plain = client.get(PAGE)
    packed = client.get(PAGE, headers={"accept-encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2


def test_an_api_answer_is_gzipped_too(client):
    packed = client.get("/api/v1/plans/nagasaki/dx-plan", headers={"accept-encoding": "gzip"})
    assert packed["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(packed.content))["slug"] == "dx-plan"


def test_the_page_cache_keeps_compressed_and_plain_apart(cached, client):  # noqa: F811
    packed = client.get(PAGE, headers={"accept-encoding": "gzip"})
    plain = client.get(PAGE)
    again = client.get(PAGE, headers={"accept-encoding": "gzip"})
    assert "Content-Encoding" not in plain and plain.content.startswith(b"<!DOCTYPE html>")
    assert again["Content-Encoding"] == "gzip"
    assert gzip.decompress(again.content) == gzip.decompress(packed.content) == plain.content
