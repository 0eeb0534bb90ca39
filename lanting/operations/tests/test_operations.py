"""The health check and the metrics: for the machine and the owner's networks only."""

import os
import sys

import pytest

from lanting.operations import health, metrics, multiproc

pytestmark = pytest.mark.django_db


def test_the_health_check_times_each_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "queue", "counters"}
    assert all(part["ok"] and part["ms"] >= 0 for part in body["checks"].values())
    assert body["checks"]["queue"]["waiting"] >= 0
    assert "no-cache" in response["Cache-Control"]


def test_a_part_that_fails_makes_it_503_with_the_reason(client, monkeypatch):
    def broken() -> dict:
        raise ConnectionError("database is down")

    monkeypatch.setitem(health.PROBES, "database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "database is down" in response.json()["checks"]["database"]["error"]


def test_from_outside_neither_is_there(client):
    assert client.get("/healthz", REMOTE_ADDR="203.0.113.5").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.5").status_code == 404


def test_the_owner_may_open_them_to_a_network(client, settings):
    settings.LANTING_OPS_NETWORKS = "10.0.0.0/8"
    from lanting.operations import access

    access._networks.cache_clear()
    try:
        assert client.get("/healthz", REMOTE_ADDR="10.1.2.3").status_code == 200
        assert client.get("/healthz").status_code == 404  # 127.0.0.1 no longer listed
    finally:
        access._networks.cache_clear()


def test_requests_are_counted_by_status_and_page_cache_answer(client):
    def app(environ, start_response):
        start_response("200 OK", [("X-Page-Cache", "hit")])
        return [b"ok"]

    counted = metrics.measured(app)
    assert counted({"REQUEST_METHOD": "GET"}, lambda *a: None) == [b"ok"]
    text = client.get("/metrics").content.decode()
    assert 'lanting_requests_total{method="GET",page_cache="hit",status="2xx"}' in text
    assert "lanting_request_seconds_bucket" in text
    assert "lanting_jobs_waiting" in text and "lanting_views_pending" in text


def test_each_server_keeps_its_own_folder_and_old_ones_go(tmp_path, monkeypatch):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    monkeypatch.delitem(sys.modules, "prometheus_client")  # as in a server before it loads
    gone = tmp_path / "metrics" / "999999999"
    gone.mkdir(parents=True)
    multiproc.prepare(tmp_path)
    mine = tmp_path / "metrics" / str(os.getppid())
    assert os.environ["PROMETHEUS_MULTIPROC_DIR"] == str(mine) and mine.is_dir()
    assert not gone.exists()
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
