"""Home managers, monitors and administrators sign in with a password and an authenticator code."""

import time

import pyotp
import pytest

from app.models import Role
from tests.conftest import STAFF_PASSWORD, totp_codes

AREA = {Role.HOME_MANAGER: "/care/", Role.MONITOR: "/monitor/", Role.ADMINISTRATOR: "/admin/"}
PRIVILEGED = list(AREA)


def _password(client, user):  # type: ignore[no-untyped-def]
    return client.post("/sign-in", data={"email": user.email, "password": STAFF_PASSWORD})


@pytest.mark.parametrize("role", PRIVILEGED)
def test_first_sign_in_sets_up_the_authenticator_and_shows_recovery_codes(
    client, create_staff, role
) -> None:  # type: ignore[no-untyped-def]
    user = create_staff(role, two_factor=False)
    assert _password(client, user).headers["Location"].startswith("/sign-in/set-up-two-factor")
    page = client.get("/sign-in/set-up-two-factor")
    qr = page.soup.select_one(".qr svg[role=img]")
    assert qr is not None and qr["aria-labelledby"] == "qr-help"
    secret = page.soup.select_one("[data-totp-secret]")["data-totp-secret"]
    done = client.post("/sign-in/set-up-two-factor", data={"code": pyotp.TOTP(secret).now()})
    codes = [c.get_text() for c in done.soup.select(".recovery-codes code")]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(AREA[role]).status_code == 200


def test_password_alone_opens_nothing(client, create_staff) -> None:  # type: ignore[no-untyped-def]
    user = create_staff(Role.ADMINISTRATOR)
    assert _password(client, user).headers["Location"].startswith("/sign-in/two-factor")
    assert client.get("/admin/").status_code == 302


def test_wrong_code_is_refused_and_then_throttled(rate_limits, client, create_staff) -> None:  # type: ignore[no-untyped-def]
    user = create_staff(Role.MONITOR)
    _password(client, user)
    statuses = [
        client.post("/sign-in/two-factor", data={"code": "000000"}).status_code for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    assert client.get("/monitor/").status_code == 302


def test_a_code_works_only_once(app, create_staff) -> None:  # type: ignore[no-untyped-def]
    user = create_staff(Role.ADMINISTRATOR)
    code = totp_codes()[0]
    first, second = app.test_client(), app.test_client()
    _password(first, user)
    assert first.post("/sign-in/two-factor", data={"code": code}).status_code == 303
    _password(second, user)
    replay = second.post("/sign-in/two-factor", data={"code": code})
    assert replay.status_code == 200 and "not right" in replay.get_data(as_text=True)


def test_recovery_code_signs_in_once(client, create_staff) -> None:  # type: ignore[no-untyped-def]
    user = create_staff(Role.HOME_MANAGER, two_factor=False)
    _password(client, user)
    secret = client.get("/sign-in/set-up-two-factor").soup.select_one("[data-totp-secret]")[
        "data-totp-secret"
    ]
    page = client.post("/sign-in/set-up-two-factor", data={"code": pyotp.TOTP(secret).now()})
    recovery = page.soup.select_one(".recovery-codes code").get_text()
    client.post("/sign-out")
    _password(client, user)
    assert client.post("/sign-in/two-factor", data={"code": recovery}).status_code == 303
    client.post("/sign-out")
    _password(client, user)
    assert client.post("/sign-in/two-factor", data={"code": recovery}).status_code == 200


def test_half_finished_sign_in_expires(client, create_staff, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    user = create_staff(Role.ADMINISTRATOR)
    _password(client, user)
    later = time.time() + 11 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post("/sign-in/two-factor", data={"code": totp_codes()[0]})
    assert response.status_code == 303 and response.headers["Location"] == "/sign-in"


def test_caregivers_and_case_workers_need_no_second_step(client, create_staff) -> None:  # type: ignore[no-untyped-def]
    for role in (Role.CAREGIVER, Role.CASE_WORKER):
        assert _password(client, create_staff(role)).headers["Location"] == "/care/"
        client.post("/sign-out")
