"""The `dxplan` commands that `make demo` runs: serve and ensureadmin."""

import re
import urllib.request

import pytest
from django.core.management import call_command


def test_serve_runs_a_real_multithreaded_server_not_the_development_server(served_site):
    with urllib.request.urlopen(served_site + "/") as response:
        assert response.status == 200
        assert response.headers["Server"] == "gunicorn"  # runserver says WSGIServer
        html = response.read().decode()
    assert "長崎市DX推進計画" in html


def test_the_served_site_serves_its_stylesheet_and_api(served_site):
    with urllib.request.urlopen(served_site + "/static/dxplan/site.css") as response:
        assert response.status == 200
    with urllib.request.urlopen(served_site + "/api/v1/indicators") as response:
        assert response.status == 200


@pytest.mark.django_db
def test_ensureadmin_creates_an_administrator_whose_printed_password_works(client, capsys):
    call_command("ensureadmin")
    out = capsys.readouterr().out
    password = re.search(r"admin / (\S+)", out).group(1)
    assert client.login(username="admin", password=password)
    call_command("ensureadmin")
    assert password not in capsys.readouterr().out


def test_serve_warns_when_the_database_holds_no_plan(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DXPLAN_", "DATABASE_"))}
    env["DXPLAN_DATA_DIR"] = str(tmp_path)
    subprocess.run([sys.executable, "-m", "dxplan", "init"], env=env, check=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "dxplan", "serve", "--port", "0"],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        warning = server.stderr.readline() + server.stderr.readline()
    finally:
        server.kill()
        server.wait()
    assert "計画がありません" in warning and "holds no plan" in warning
    assert str(tmp_path) in warning
