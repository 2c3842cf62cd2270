"""`flask users create` bootstraps a deployment without demo data, with the same rules."""

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Role, StaffUser
from app.services import accounts


def _create(app, *args: str, password: str = "a long enough passphrase"):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(
        args=["users", "create", *args], input=f"{password}\n{password}\n"
    )


def test_creates_an_administrator_who_can_sign_in(app) -> None:  # type: ignore[no-untyped-def]
    result = _create(app, "--email", "Boss@Example.org", "--role", "administrator")
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = accounts.authenticate(email="boss@example.org", password="a long enough passphrase")
        assert user is not None and accounts.role_names(user) == [Role.ADMINISTRATOR]
        assert (
            db.session.scalar(select(AuditEvent.action).where(AuditEvent.object_id == str(user.id)))
            == "account.create"
        )


def test_monitor_may_oversee_several_homes(app, create_home) -> None:  # type: ignore[no-untyped-def]
    one, two = create_home(), create_home()
    result = _create(
        app, "--email", "m@example.org", "--role", "monitor", "--home", one.code, "--home", two.code
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(StaffUser).where(StaffUser.email == "m@example.org"))
        assert {f.code for f in accounts.facilities_for(user, Role.MONITOR)} == {one.code, two.code}


def test_refuses_a_common_password_and_stores_nothing(app) -> None:  # type: ignore[no-untyped-def]
    result = _create(
        app, "--email", "c@example.org", "--role", "administrator", password="qwerty123456"
    )
    assert result.exit_code != 0
    assert "too common" in result.output
    with app.app_context():
        assert (
            db.session.scalar(select(StaffUser).where(StaffUser.email == "c@example.org")) is None
        )


def test_home_roles_need_a_known_home(app) -> None:  # type: ignore[no-untyped-def]
    assert (
        "Choose the home" in _create(app, "--email", "a@example.org", "--role", "caregiver").output
    )
    unknown = _create(app, "--email", "b@example.org", "--role", "caregiver", "--home", "NOPE")
    assert unknown.exit_code != 0 and "No home with code" in unknown.output


def test_refuses_a_second_account_with_the_same_email(app) -> None:  # type: ignore[no-untyped-def]
    _create(app, "--email", "d@example.org", "--role", "administrator")
    again = _create(app, "--email", "D@example.org", "--role", "administrator")
    assert again.exit_code != 0 and "already an account" in again.output
