"""Every answer under /api/ is JSON, errors included, and HEAD answers wherever GET does."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# A path of each kind: operations with and without path parameters, and ninja's own pages.
API_PATHS = [
    "/api/v1/",
    "/api/v1/plans",
    "/api/v1/plans/nagasaki/dx-plan",
    "/api/v1/indicators",
    "/api/v1/openapi.json",
    "/api/v1/docs",
]
# Values for every path parameter in the OpenAPI document, from the loaded Nagasaki plan.
PARAMETERS = {
    "org": "nagasaki",
    "plan": "dx-plan",
    "version": "2025-2027",
    "kind": "measure",
    "code": "1-1",
    "old": "2022-2024",
    "new": "2025-2027",
}
# Query parameters that an operation requires, for the same plan.
REQUIRED_QUERIES = {"/api/v1/progress": "?plan=nagasaki/dx-plan"}
TOO_MANY = "&".join(f"p{i}=1" for i in range(1500))  # DATA_UPLOAD_MAX_NUMBER_FIELDS is 1000


@pytest.fixture
def production_client():
    """A client that checks CSRF tokens, as browsers meet the site in production."""
    return Client(enforce_csrf_checks=True)


def error_of(response):
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.status_code, response.json()


def get_paths(client):
    """Every GET path of the open data in the OpenAPI document (not the write API's figures,
    which need a token: tests/api/test_write_figures.py), its parameters filled from the test
    plan."""
    document = client.get("/api/v1/openapi.json").json()
    paths = [
        path
        for path, operations in document["paths"].items()
        if "get" in operations and "/figures/" not in path
    ]
    assert paths
    return [path.format(**PARAMETERS) + REQUIRED_QUERIES.get(path, "") for path in paths]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize("path", API_PATHS)
def test_a_method_other_than_get_or_head_is_a_405_in_json_with_allow(
    production_client, method, path
):
    response = getattr(production_client, method)(path)
    assert error_of(response) == (405, {"detail": "Method Not Allowed"})
    assert response["Allow"] == "GET, HEAD"


def test_a_post_with_too_many_form_fields_is_a_405_not_an_html_400(production_client):
    form = {f"f{i}": "1" for i in range(1500)}
    response = production_client.post("/api/v1/plans", form)
    assert error_of(response) == (405, {"detail": "Method Not Allowed"})


@pytest.mark.parametrize("path", API_PATHS)
def test_too_many_query_parameters_are_a_400_in_json_on_every_path(client, path):
    response = client.get(f"{path}?{TOO_MANY}")
    assert error_of(response) == (400, {"detail": "Too many parameters: at most 1000 are read."})


def test_a_host_the_site_does_not_serve_is_a_400_in_json(client):
    response = client.get("/api/v1/plans", HTTP_HOST="evil.example")
    assert error_of(response) == (400, {"detail": "Bad Request"})


def test_a_server_error_is_a_500_in_json_and_the_sites_page_elsewhere(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("dxplan.api.serializers.organisation", broken)
    monkeypatch.setattr("dxplan.portal.views.render", broken)
    client.raise_request_exception = False
    assert error_of(client.get("/api/v1/organisations")) == (500, {"detail": "Server Error"})
    page = client.get("/")
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/v2/plans"])
def test_an_unknown_api_path_is_a_404_in_json_whatever_the_method(production_client, method, path):
    response = getattr(production_client, method)(path)
    assert error_of(response) == (404, {"detail": "Not Found"})


def test_every_operation_documents_every_error_status_the_api_answers_with(client):
    document = client.get("/api/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        if "/figures/" in path:  # the write API: GET and PUT a figure, POST a step
            assert set(operations) in ({"get", "put"}, {"post"}), path
        else:
            assert set(operations) == {"get"}, path  # HEAD is GET without a body
        for operation in operations.values():
            responses = operation["responses"]
            assert {"400", "405", "500"} <= set(responses), path
            for status in ("400", "405", "500"):
                schema = responses[status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (path, status)
            assert responses["405"]["headers"]["Allow"]["required"] is True


def test_head_answers_every_get_operation_like_get_without_a_body(client):
    for path in [*get_paths(client), "/api/v1/openapi.json", "/api/v1/docs"]:
        got, head = client.get(path), client.head(path)
        assert (got.status_code, head.status_code) == (200, 200), path
        assert head.content == b""
        for header in ("Content-Type", "Content-Length", "Access-Control-Allow-Origin"):
            assert head.get(header) == got.get(header), (path, header)


def test_head_answers_a_missing_resource_with_the_same_404_as_get(client):
    path = "/api/v1/plans/nagasaki/nothing"
    got, head = client.get(path), client.head(path)
    assert (got.status_code, head.status_code) == (404, 404)
    assert head["Content-Length"] == got["Content-Length"]
