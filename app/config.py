"""Settings from the environment; production refuses to start without its secrets."""

import os
import secrets
from pathlib import Path


class ConfigError(RuntimeError):
    """Kite cannot start safely with these settings."""


def _development_secret(instance_path: Path) -> str:
    """Return the instance's own secret key, making one on first use."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def load(instance_path: Path, environ: os._Environ | dict[str, str] = os.environ) -> dict:
    """Build the Flask config from environment variables."""
    env = environ.get("KITE_ENV", "development")
    if env not in {"development", "production"}:
        raise ConfigError(f"KITE_ENV must be 'development' or 'production', not {env!r}")
    secret = environ.get("SECRET_KEY", "")
    if env == "production" and len(secret) < 32:
        raise ConfigError("SECRET_KEY must be set to at least 32 characters in production")
    default_db = f"sqlite:///{instance_path / 'kite.db'}"
    return {
        "KITE_ENV": env,
        "SECRET_KEY": secret or _development_secret(instance_path),
        "SQLALCHEMY_DATABASE_URI": environ.get("DATABASE_URL", default_db),
        "KITE_CONTENT_DIR": environ.get(
            "KITE_CONTENT_DIR", str(Path(__file__).resolve().parent.parent / "content")
        ),
        "KITE_DEFAULT_LOCALE": environ.get("KITE_DEFAULT_LOCALE", "en"),
        "KITE_SQLITE_BUSY_TIMEOUT_MS": int(environ.get("KITE_SQLITE_BUSY_TIMEOUT_MS", "15000")),
        "MAX_CONTENT_LENGTH": int(environ.get("KITE_MAX_CONTENT_LENGTH", str(256 * 1024))),
        # How many proxies in front of Kite set X-Forwarded-For/-Proto (0: trust none).
        "KITE_PROXY_COUNT": int(environ.get("KITE_PROXY_COUNT", "0")),
        "RATELIMIT_STORAGE_URI": environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "PREFERRED_URL_SCHEME": "https" if env == "production" else "http",
        # Over HTTPS the cookie is __Host- prefixed: Secure, whole site, no Domain.
        "SESSION_COOKIE_NAME": "__Host-kite" if env == "production" else "kite",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        "WTF_CSRF_TIME_LIMIT": None,
        # Where staff open Kite: the links in emails point here.
        "KITE_BASE_URL": environ.get("KITE_BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        # The SMTP server that carries emails to staff (none: they wait in the outbox).
        "KITE_SMTP_HOST": environ.get("KITE_SMTP_HOST", ""),
        "KITE_SMTP_PORT": int(environ.get("KITE_SMTP_PORT", "25")),
        "KITE_SMTP_USER": environ.get("KITE_SMTP_USER", ""),
        "KITE_SMTP_PASSWORD": environ.get("KITE_SMTP_PASSWORD", ""),
        "KITE_SMTP_STARTTLS": environ.get("KITE_SMTP_STARTTLS", "") == "1",
        "KITE_MAIL_FROM": environ.get("KITE_MAIL_FROM", "kite@localhost"),
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent.parent / "translations"),
    }
