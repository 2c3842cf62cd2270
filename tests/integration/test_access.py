"""Staff areas: anonymous visitors are sent to sign in; roles open only their own area."""

import pytest

from app.extensions import db
from app.models import Role, StaffUser

AREAS = {
    "/care/": {Role.CAREGIVER, Role.CASE_WORKER, Role.HOME_MANAGER},
    "/monitor/": {Role.MONITOR},
    "/admin/": {Role.ADMINISTRATOR},
}


@pytest.mark.parametrize("path", AREAS)
def test_anonymous_visitor_is_sent_to_sign_in(client, path) -> None:  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("path", AREAS)
def test_each_role_opens_only_its_own_area(client, create_staff, sign_in, role, path) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff(role))
    expected = 200 if role in AREAS[path] else 403
    assert client.get(path).status_code == expected


def test_monitor_sees_only_the_homes_they_oversee(
    client, create_home, create_staff, sign_in
) -> None:  # type: ignore[no-untyped-def]
    theirs = create_home(name="Hill House")
    create_home(name="Lake House")
    sign_in(create_staff(Role.MONITOR, home=theirs))
    page = client.get("/monitor/").get_data(as_text=True)
    assert "Hill House" in page and "Lake House" not in page


def test_wrong_password_and_unknown_account_get_the_same_answer(client, create_staff) -> None:  # type: ignore[no-untyped-def]
    user = create_staff()
    wrong = client.post("/sign-in", data={"email": user.email, "password": "not the password"})
    unknown = client.post(
        "/sign-in", data={"email": "nobody@test.kite.invalid", "password": "not the password"}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert (
        wrong.soup.select_one("[role=alert]").text == unknown.soup.select_one("[role=alert]").text
    )


def test_sign_in_only_returns_to_paths_on_this_site(client, create_staff) -> None:  # type: ignore[no-untyped-def]
    user = create_staff()
    response = client.post(
        "/sign-in?next=//evil.example/",
        data={"email": user.email, "password": "a long staff passphrase"},
    )
    assert response.headers["Location"] == "/care/"


def test_sign_out_ends_the_session(client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff())
    assert client.get("/care/").status_code == 200
    client.post("/sign-out")
    assert client.get("/care/").status_code == 302


def test_deactivated_staff_lose_access_at_once(app, client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    user = create_staff()
    sign_in(user)
    with app.app_context(), db.writing() as session:
        session.get(StaffUser, user.id).active = False
    assert client.get("/care/").status_code == 302
