"""/healthz tells a load balancer whether Kite can serve."""

from pathlib import Path

from flask import Flask

from tests.conftest import make_app


def test_health_is_200_when_the_database_answers(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_health_is_503_when_the_database_does_not_answer(tmp_path: Path) -> None:
    broken: Flask = make_app(f"sqlite:///{tmp_path / 'missing-folder' / 'kite.db'}", tmp_path)
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"
