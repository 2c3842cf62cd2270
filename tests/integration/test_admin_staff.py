"""Administrators invite staff with a one-time link, see their roles, and deactivate them."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from app.extensions import db
from app.models import Invitation, Role, utcnow
from app.services import accounts

NEW_PASSWORD = "fresh river stones at dawn"


@pytest.fixture
def admin(client, create_staff, sign_in):  # type: ignore[no-untyped-def]
    user = create_staff(Role.ADMINISTRATOR)
    sign_in(user)
    return user


def _invite(client, home, role: str = "caregiver", email: str = "new@test.kite.invalid") -> str:  # type: ignore[no-untyped-def]
    page = client.post(
        "/admin/staff/new",
        data={"display_name": "New Person", "email": email, "role": role, "homes": [home.id]},
    )
    assert page.status_code == 200, page.get_data(as_text=True)
    link = page.soup.select_one(".invitation-link code").get_text()
    return re.sub(r"^https?://[^/]+", "", link)


def test_invited_person_sets_a_password_and_signs_in(app, client, admin, create_home) -> None:  # type: ignore[no-untyped-def]
    home = create_home()
    path = _invite(client, home)
    client.post("/sign-out")
    page = client.get(path)
    assert "new@test.kite.invalid" in page.get_data(as_text=True)
    done = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 303 and done.headers["Location"] == "/sign-in"
    assert "Your password is set" in client.get("/sign-in").get_data(as_text=True)
    signed = client.post(
        "/sign-in", data={"email": "new@test.kite.invalid", "password": NEW_PASSWORD}
    )
    assert signed.headers["Location"] == "/care/"
    assert client.get(path).status_code == 404, "the link works once"


def test_invited_account_cannot_sign_in_before_choosing_a_password(
    app, client, admin, create_home
) -> None:  # type: ignore[no-untyped-def]
    _invite(client, create_home())
    with app.app_context():
        for guess in ("", "!invited", "invited"):
            assert accounts.authenticate(email="new@test.kite.invalid", password=guess) is None


def test_a_common_password_is_refused_and_the_link_still_works(client, admin, create_home) -> None:  # type: ignore[no-untyped-def]
    path = _invite(client, create_home())
    client.post("/sign-out")
    page = client.post(path, data={"password": "qwerty123456", "confirm": "qwerty123456"})
    assert page.status_code == 200
    assert "too common" in page.soup.select_one(".error-summary").get_text()
    ok = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert ok.status_code == 303


def test_an_expired_link_is_refused(app, client, admin, create_home) -> None:  # type: ignore[no-untyped-def]
    path = _invite(client, create_home())
    with app.app_context(), db.writing() as session:
        session.execute(update(Invitation).values(expires_at=utcnow() - timedelta(seconds=1)))
    page = client.get(path)
    assert page.status_code == 404
    assert "does not work" in page.soup.h1.get_text()


def test_a_new_link_replaces_the_old_one(app, client, admin, create_home) -> None:  # type: ignore[no-untyped-def]
    first = _invite(client, create_home())
    with app.app_context():
        invited = next(u for u in accounts.list_staff() if u.email == "new@test.kite.invalid")
    again = client.post(f"/admin/staff/{invited.id}/invitation")
    second = re.sub(
        r"^https?://[^/]+", "", again.soup.select_one(".invitation-link code").get_text()
    )
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_role_scopes_are_enforced(client, admin, create_home) -> None:  # type: ignore[no-untyped-def]
    one, two = create_home(), create_home()
    page = client.post(
        "/admin/staff/new",
        data={
            "display_name": "Two Homes",
            "email": "two@test.kite.invalid",
            "role": "caregiver",
            "homes": [one.id, two.id],
        },
    )
    assert "work in one home" in page.soup.select_one(".error-summary").get_text()
    page = client.post(
        "/admin/staff/new",
        data={"display_name": "No Home", "email": "none@test.kite.invalid", "role": "monitor"},
    )
    assert "Choose the home" in page.soup.select_one(".error-summary").get_text()
    ok = client.post(
        "/admin/staff/new",
        data={
            "display_name": "Monitor",
            "email": "mon@test.kite.invalid",
            "role": "monitor",
            "homes": [one.id, two.id],
        },
    )
    assert ok.soup.select_one(".invitation-link")


def test_deactivating_ends_their_sessions_at_once(app, client, admin, create_staff) -> None:  # type: ignore[no-untyped-def]
    worker = create_staff(Role.CAREGIVER)
    their_client = app.test_client()
    their_client.post(
        "/sign-in", data={"email": worker.email, "password": "a long staff passphrase"}
    )
    assert their_client.get("/care/").status_code == 200
    client.post(f"/admin/staff/{worker.id}/active")
    assert their_client.get("/care/").status_code == 302
    assert "Deactivated" in client.get(f"/admin/staff/{worker.id}").get_data(as_text=True)
    client.post(f"/admin/staff/{worker.id}/active")
    assert "Active" in client.get(f"/admin/staff/{worker.id}").get_data(as_text=True)


def test_administrators_cannot_deactivate_themselves(client, admin) -> None:  # type: ignore[no-untyped-def]
    assert client.post(f"/admin/staff/{admin.id}/active").status_code == 403


@pytest.mark.parametrize(
    "role", [Role.CAREGIVER, Role.CASE_WORKER, Role.HOME_MANAGER, Role.MONITOR]
)
def test_only_administrators_keep_accounts(client, create_staff, sign_in, role) -> None:  # type: ignore[no-untyped-def]
    user = create_staff(role)
    sign_in(user)
    for path in ("/admin/staff/", f"/admin/staff/{user.id}", "/admin/staff/new"):
        assert client.get(path).status_code == 403
    assert client.post(f"/admin/staff/{user.id}/active").status_code == 403
