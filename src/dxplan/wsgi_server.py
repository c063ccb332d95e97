"""Run dxplan's WSGI application under gunicorn, configured in code (no config file)."""

from __future__ import annotations

import os
from typing import Any

from django.db import connections
from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    """One process per core and one more: requests are mostly work for the processor, and
    more processes than that only queue behind each other (benchmarks/serve_times.py)."""
    return (os.cpu_count() or 1) + 1


class _Gunicorn(BaseApplication):
    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Any:
        return self.application


def serve(
    *,
    host: str,
    port: int,
    workers: int,
    threads: int,
    forwarded_allow_ips: str = "127.0.0.1,::1",
    application: Any = None,
) -> None:
    """Serve dxplan (or, for benchmarks/serve_times.py, another WSGI application under the
    very same server set-up) until stopped. Database connections opened before the fork are
    closed first, so no worker shares one with another."""
    if application is None:
        from dxplan.wsgi import application

    connections.close_all()
    _Gunicorn(
        application,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            # Plain (sync) workers, one request each at a time, behind a proxy that buffers slow
            # clients: the shortest waits measured; threads only when asked for.
            "worker_class": "gthread" if threads > 1 else "sync",
            "forwarded_allow_ips": forwarded_allow_ips,
            "umask": 0o077,  # files the server creates are its owner's only
            "proc_name": "dxplan",
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "keepalive": 5,
            "graceful_timeout": 10,
        },
    ).run()
