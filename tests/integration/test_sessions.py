"""Staff sessions live on the server: sign-out, timeouts, password change and deactivation."""

from datetime import timedelta

from sqlalchemy import select, update

from app.config import load
from app.extensions import db
from app.models import StaffSession, utcnow
from app.services import accounts


def _cookie(client) -> str:  # type: ignore[no-untyped-def]
    return client.get_cookie("kite").value


def _age_sessions(app, **ago: timedelta) -> None:  # type: ignore[no-untyped-def]
    with app.app_context(), db.writing() as session:
        values = {column: utcnow() - delta for column, delta in ago.items()}
        session.execute(update(StaffSession).values(**values))


def test_cookie_replayed_after_sign_out_is_refused(client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff())
    stolen = _cookie(client)
    client.post("/sign-out")
    client.set_cookie("kite", stolen)
    response = client.get("/care/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_idle_session_ends_after_the_idle_timeout(app, client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff())
    _age_sessions(app, last_seen_at=timedelta(minutes=29))
    assert client.get("/care/").status_code == 200
    _age_sessions(app, last_seen_at=timedelta(minutes=31))
    assert client.get("/care/").status_code == 302
    with app.app_context():
        reasons = db.session.scalars(select(StaffSession.end_reason)).all()
    assert "idle" in reasons


def test_session_ends_after_the_absolute_timeout_even_when_busy(
    app, client, create_staff, sign_in
) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff())
    _age_sessions(app, started_at=timedelta(hours=8, minutes=1), last_seen_at=timedelta(0))
    assert client.get("/care/").status_code == 302


def test_password_change_ends_every_session(app, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    user = create_staff()
    laptop, phone = app.test_client(), app.test_client()
    for device in (laptop, phone):
        device.post("/sign-in", data={"email": user.email, "password": "a long staff passphrase"})
        assert device.get("/care/").status_code == 200
    with app.app_context():
        accounts.change_password(user=user, new_password="another long passphrase", actor=user)
    assert laptop.get("/care/").status_code == 302
    assert phone.get("/care/").status_code == 302


def test_deactivation_ends_every_session(app, client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    user, admin = create_staff(), create_staff()
    sign_in(user)
    with app.app_context():
        accounts.set_active(user=user, active=False, actor=admin)
    assert client.get("/care/").status_code == 302


def test_session_id_is_renewed_at_sign_in(client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    user = create_staff()
    client.get("/km/")
    before = _cookie(client)
    sign_in(user)
    first = _cookie(client)
    with client.session_transaction() as session:
        first_sid = session["sid"]
        assert "locale" not in session, "nothing from before sign-in survives"
    sign_in(user)
    with client.session_transaction() as session:
        assert session["sid"] != first_sid
    assert before != first


def test_cookie_is_host_prefixed_secure_and_httponly_over_https(
    tmp_path, configure, client, create_staff
) -> None:  # type: ignore[no-untyped-def]
    production = load(tmp_path, {"KITE_ENV": "production", "SECRET_KEY": "s" * 40})
    configure(**{k: production[k] for k in ("SESSION_COOKIE_NAME", "SESSION_COOKIE_SECURE")})
    user = create_staff()
    response = client.post(
        "/sign-in",
        base_url="https://kite.test",
        data={"email": user.email, "password": "a long staff passphrase"},
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-kite=")
    for flag in ("Secure", "HttpOnly", "Path=/", "SameSite=Lax"):
        assert flag in cookie
    assert "Domain" not in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_behind_a_tls_proxy_https_is_seen(database_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_app

    proxied = make_app(database_url, tmp_path, KITE_PROXY_COUNT=1)
    response = proxied.test_client().get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    direct = make_app(database_url, tmp_path)
    spoofed = direct.test_client().get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in spoofed.headers, "untrusted headers are ignored"
