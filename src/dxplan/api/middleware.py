"""Open data is for everyone: any web page may read the API from a browser (CORS). The write
API's figures are not open data: no page of another site may call them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

API_PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")


def open_data_cors(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and request.method in READ_METHODS
            and "/figures/" not in request.path  # a department's, with its token: not open data
        ):
            response["Access-Control-Allow-Origin"] = "*"
        return response

    return middleware
