"""Every member of staff changes their own password; every session then ends."""

import pytest

from app.models import Role
from tests.conftest import STAFF_PASSWORD

NEW = "kites over the harbour wall"


def _change(client, current: str = STAFF_PASSWORD, new: str = NEW, confirm: str | None = None):  # type: ignore[no-untyped-def]
    return client.post(
        "/account/password", data={"current": current, "password": new, "confirm": confirm or new}
    )


@pytest.mark.parametrize("role", list(Role))
def test_changing_the_password_signs_out_everywhere(
    app, client, create_staff, sign_in, role
) -> None:  # type: ignore[no-untyped-def]
    user = create_staff(role)
    sign_in(user)
    other_device = app.test_client()
    other_device.set_cookie("kite", client.get_cookie("kite").value)
    response = _change(client)
    assert response.status_code == 303 and response.headers["Location"] == "/sign-in"
    assert "Your password is changed" in client.get("/sign-in").get_data(as_text=True)
    assert other_device.get("/account/password").status_code == 302
    signed = client.post("/sign-in", data={"email": user.email, "password": NEW})
    assert signed.status_code == 303


def test_a_wrong_current_password_changes_nothing(client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    user = create_staff()
    sign_in(user)
    page = _change(client, current="not my password at all")
    assert (
        "Your current password is not right." in page.soup.select_one(".error-summary").get_text()
    )
    assert client.get("/account/password").status_code == 200, "still signed in"


@pytest.mark.parametrize(
    ("new", "confirm", "message"),
    [
        ("short", None, "Use at least 12 characters"),
        ("qwerty123456", None, "too common"),
        (NEW, "something else entirely", "The two passwords are not the same"),
    ],
)
def test_the_new_password_follows_the_rule(
    client, create_staff, sign_in, new, confirm, message
) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff())
    page = _change(client, new=new, confirm=confirm)
    assert message in page.soup.select_one(".error-summary").get_text()


def test_guessing_the_current_password_is_throttled(
    rate_limits, client, create_staff, sign_in
) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff())
    statuses = [_change(client, current=f"guess number {n}!").status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]
