"""The production server as an operator runs it: behind a TLS proxy, caching until a change."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from tests import world


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DXPLAN_", "DATABASE_"))}
    return {**env, "DXPLAN_DATA_DIR": str(data), **extra}


def _dxplan(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "dxplan", *args], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def behind_proxy(tmp_path_factory) -> Iterator[tuple[int, str, dict[str, str]]]:
    """`dxplan serve` with DXPLAN_HTTPS=1, as docs/deploy.md sets it up behind nginx."""
    env = _env(tmp_path_factory.mktemp("proxy") / "var", DXPLAN_HTTPS="1")
    _dxplan(env, "init")
    _dxplan(env, "migrate", "-v0")
    _dxplan(env, "load", str(world.SAKURA))
    password = re.search(r"admin / (\S+)", _dxplan(env, "ensureadmin")).group(1)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dxplan", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError(server.stderr.read()) from None
            time.sleep(0.2)
    yield port, password, env
    server.terminate()
    server.wait(timeout=15)


def _request(port, method, path, body=None, headers=None, cookies=None):
    """A request as the proxy forwards it: the browser spoke https to the proxy."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    sent = {"Host": f"localhost:{port}", "X-Forwarded-Proto": "https", **(headers or {})}
    if cookies:
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    connection.request(method, path, body=body, headers=sent)
    response = connection.getresponse()
    return response, response.read().decode("utf-8", "replace")


def test_staff_log_in_behind_a_tls_proxy(behind_proxy):
    port, password, _ = behind_proxy
    page, html = _request(port, "GET", "/admin/login/?next=/admin/")
    assert page.status == 200
    jar = {
        name: morsel.value for name, morsel in SimpleCookie(page.getheader("Set-Cookie")).items()
    }
    assert "Secure" in page.getheader("Set-Cookie")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    origin = f"https://localhost:{port}"
    response, _ = _request(
        port,
        "POST",
        "/admin/login/?next=/admin/",
        body=f"csrfmiddlewaretoken={token}&username=admin&password={password}&next=/admin/",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": f"{origin}/admin/login/",
        },
        cookies=jar,
    )
    assert response.status == 302, "the login was refused (CSRF behind the proxy?)"
    assert response.getheader("Location") == "/admin/"
    assert "sessionid" in response.getheader("Set-Cookie")


def test_api_links_behind_a_tls_proxy_are_https(behind_proxy):
    port, _, _ = behind_proxy
    response, body = _request(port, "GET", "/api/v1/indicators?limit=1")
    assert response.status == 200
    assert json.loads(body)["next"].startswith(f"https://localhost:{port}/api/v1/indicators?")


def test_a_page_is_served_from_the_cache_until_an_import_changes_it(behind_proxy, tmp_path):
    port, _, env = behind_proxy
    first, _ = _request(port, "GET", "/en/")
    assert first.status == 200 and first.getheader("Cache-Control") == "no-cache"
    assert first.getheader("Expires") is None
    for _ in range(3):  # one worker process (its own copy: the token is shared by all)
        _request(port, "GET", "/en/")
    database = Path(env["DXPLAN_DATA_DIR"]) / "dxplan.sqlite3"
    with sqlite3.connect(database) as direct:  # behind dxplan's back: no action, no change noted
        direct.execute("UPDATE plans_plan SET name_en = 'Changed behind its back'")
    served = [_request(port, "GET", "/en/")[1] for _ in range(6)]
    assert all("Changed behind its back" not in html for html in served), "not from the cache"
    plan = tmp_path / "sakura"
    subprocess.run(["cp", "-r", str(world.SAKURA), str(plan)], check=True)
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    renamed = text.replace("en: Sakura Town Digital Promotion Plan}", "en: Renamed Sakura plan}")
    assert renamed != text
    (plan / "plan.yaml").write_text(renamed, encoding="utf-8")
    _dxplan(env, "load", str(plan))
    after = {_request(port, "GET", "/en/")[1].count("Renamed Sakura plan") > 0 for _ in range(6)}
    assert after == {True}, "a worker served the page as it was before the import"
