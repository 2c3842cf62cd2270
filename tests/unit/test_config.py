"""Settings come from the environment; production refuses to start without a real secret."""

from pathlib import Path

import pytest

from app.config import ConfigError, load


def test_production_refuses_to_start_without_secret_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load(tmp_path, {"KITE_ENV": "production"})


def test_production_refuses_a_short_secret_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load(tmp_path, {"KITE_ENV": "production", "SECRET_KEY": "short"})


def test_production_starts_with_a_real_secret_and_secure_cookies(tmp_path: Path) -> None:
    config = load(tmp_path, {"KITE_ENV": "production", "SECRET_KEY": "x" * 40})
    assert config["SECRET_KEY"] == "x" * 40
    assert config["SESSION_COOKIE_SECURE"] is True
    assert not (tmp_path / "secret_key").exists()


def test_development_makes_one_secret_under_instance_and_keeps_it(tmp_path: Path) -> None:
    first = load(tmp_path / "instance", {})
    second = load(tmp_path / "instance", {})
    key_file = tmp_path / "instance" / "secret_key"
    assert key_file.read_text() == first["SECRET_KEY"] == second["SECRET_KEY"]
    assert len(first["SECRET_KEY"]) >= 64
    assert key_file.stat().st_mode & 0o077 == 0


def test_database_defaults_to_sqlite_under_instance(tmp_path: Path) -> None:
    config = load(tmp_path, {})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'kite.db'}"


def test_database_url_comes_from_environment(tmp_path: Path) -> None:
    url = "postgresql+psycopg://kite@localhost/kite"
    assert load(tmp_path, {"DATABASE_URL": url})["SQLALCHEMY_DATABASE_URI"] == url


def test_unknown_environment_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="KITE_ENV"):
        load(tmp_path, {"KITE_ENV": "staging"})
