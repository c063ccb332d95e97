"""Pages that are not there, HEAD requests, and what a refused request leaves in the log."""

import io
import logging
import re

import pytest
from django.conf import settings
from django.utils.log import configure_logging

from tests.portal.test_public_pages import PAGES

pytestmark = pytest.mark.django_db

MISSING = [
    "/no-such-page/",  # a path of the shape of a plan's home
    "/nagasaki/dx-plan/1999-2001/",  # a version that does not exist
    "/nagasaki/dx-plan/2025-2027/measures/9-9/",  # a measure that does not exist
    "/a/b/c/d/e/f/g/",  # a path no URL pattern matches
    "/no-such-page/?page=2",
]
LANGUAGE_LINK = re.compile(r'<nav aria-label="[^"]+" class="lang">\s*<a href="([^"]*)"')


@pytest.mark.parametrize("path", MISSING)
@pytest.mark.parametrize(
    ("prefix", "other_home", "other_lang"), [("", "/en/", "en"), ("/en", "/", "ja")]
)
def test_the_language_switch_on_a_missing_page_leads_to_the_other_languages_top_page(
    client, path, prefix, other_home, other_lang
):
    response = client.get(prefix + path)
    assert response.status_code == 404
    html = response.content.decode()
    [link] = LANGUAGE_LINK.findall(html)
    assert link == other_home
    home = client.get(link)
    assert home.status_code == 200
    assert f'<html lang="{other_lang}">' in home.content.decode()


@pytest.mark.parametrize(("prefix", "home"), [("", "/"), ("/en", "/en/")])
def test_a_missing_page_links_to_the_top_page_in_its_own_language(client, prefix, home):
    html = client.get(prefix + "/no-such-page/").content.decode()
    assert f'<a href="{home}">' in html


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_head_answers_every_public_page_like_get_without_a_body(client, path, prefix):
    got, head = client.get(prefix + path), client.head(prefix + path)
    assert (got.status_code, head.status_code) == (200, 200)
    assert head.content == b""
    for header in ("Content-Type", "Content-Length", "Content-Language"):
        assert head.get(header) == got.get(header), header


def test_head_answers_a_missing_page_with_the_same_404_as_get(client):
    got, head = client.get("/no-such-page/"), client.head("/no-such-page/")
    assert (got.status_code, head.status_code) == (404, 404)
    assert head["Content-Length"] == got["Content-Length"]


@pytest.fixture
def site_log():
    """Logging configured from settings.LOGGING as Django does at start-up, its console
    writing to a buffer; yields what the console has written so far. Put back afterwards."""
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    saved = [(lg, lg.handlers[:], lg.filters[:], lg.level, lg.propagate) for lg in loggers]
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    [console] = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    console.setStream(written := io.StringIO())
    yield written.getvalue
    for logger, handlers, filters, level, propagate in saved:
        logger.handlers[:], logger.filters[:] = handlers, filters
        logger.setLevel(level)
        logger.propagate = propagate


HOST_REFUSED = (
    "Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example' to ALLOWED_HOSTS."
)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/", "text/html"), ("/nagasaki/dx-plan/", "text/html"), ("/api/v1/plans", "application/")],
)
def test_a_host_not_in_allowed_hosts_is_logged_on_one_line_without_a_traceback(
    client, site_log, path, content_type
):
    response = client.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response["Content-Type"].startswith(content_type)
    assert site_log().splitlines() == [HOST_REFUSED]


def test_too_many_parameters_are_logged_on_one_line_without_a_traceback(client, site_log):
    query = "&".join(f"p{i}=1" for i in range(1500))
    assert client.get(f"/api/v1/indicators?{query}").status_code == 400
    assert site_log().splitlines() == [
        "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."
    ]


def test_a_server_error_keeps_its_traceback(client, site_log, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("dxplan.portal.views.render", broken)
    client.raise_request_exception = False
    assert client.get("/").status_code == 500
    logged = site_log()
    assert logged.startswith("Internal Server Error: /\nTraceback")
    assert "RuntimeError: the database went away" in logged
