"""The ceiling for benchmarks/serve_times.py: the smallest Django view, served like dxplan.

Same settings and middleware as dxplan, same server set-up (dxplan.wsgi_server), one view that
answers "ok" and is never cached. No page of dxplan can be faster than the framework and server
it runs on; the benchmark prints each page's speed as a share of this one.

    python benchmarks/ceiling.py --port 8001 --workers 5 --threads 4
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache


@never_cache
def ceiling(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("ceiling/", ceiling)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxplan.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "benchmarks.ceiling"
    from django.core.wsgi import get_wsgi_application

    from dxplan.wsgi_server import serve

    serve(
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        threads=args.threads,
        application=get_wsgi_application(),
    )


if __name__ == "__main__":
    main()
