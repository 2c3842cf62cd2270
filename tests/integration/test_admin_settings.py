"""Settings: within firm limits, K never below 5, audited, and in force at once."""

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Role, Settings, StaffSession, utcnow
from app.services import settings

DEFAULTS = {
    "small_number_threshold": 5,
    "answer_retention_months": 24,
    "audit_retention_months": 84,
    "staff_idle_minutes": 30,
    "staff_absolute_hours": 8,
    "child_idle_seconds": 150,
    "concern_now_minutes": 60,
    "concern_today_hours": 24,
}


@pytest.fixture
def admin(client, create_staff, sign_in):  # type: ignore[no-untyped-def]
    user = create_staff(Role.ADMINISTRATOR)
    sign_in(user)
    return user


def test_administrator_raises_k_and_it_is_audited(app, client, admin) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/admin/settings/")
    assert page.soup.select_one("#small_number_threshold")["value"] == "5"
    response = client.post("/admin/settings/", data={**DEFAULTS, "small_number_threshold": 10})
    assert response.status_code == 303
    assert "Settings saved." in client.get("/admin/settings/").get_data(as_text=True)
    with app.app_context():
        assert settings.current().small_number_threshold == 10
    trail = client.get("/admin/audit?action=settings.update").get_data(as_text=True)
    assert admin.email in trail


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("small_number_threshold", 4),
        ("small_number_threshold", 0),
        ("staff_idle_minutes", 1),
        ("staff_absolute_hours", 48),
        ("answer_retention_months", 0),
    ],
)
def test_values_outside_the_limits_are_refused_and_nothing_is_saved(
    app, client, admin, field, value
) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/admin/settings/", data={**DEFAULTS, "audit_retention_months": 99, field: value}
    )
    assert response.status_code == 200
    assert "Choose a number from" in response.soup.select_one(".error-summary").get_text()
    assert response.soup.select_one(f"#{field}")["value"] == str(value)
    with app.app_context():
        assert settings.current().audit_retention_months == 84


def test_idle_time_must_be_shorter_than_the_longest_session(client, admin) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/admin/settings/", data={**DEFAULTS, "staff_idle_minutes": 120, "staff_absolute_hours": 2}
    )
    assert "idle time must be shorter" in response.soup.select_one(".error-summary").get_text()


def test_the_database_itself_refuses_k_below_5(app) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), app.app_context(), db.writing() as session:
        session.execute(update(Settings).values(small_number_threshold=3))


def test_a_shorter_idle_timeout_applies_at_once(app, client, admin) -> None:  # type: ignore[no-untyped-def]
    client.post("/admin/settings/", data={**DEFAULTS, "staff_idle_minutes": 10})
    with app.app_context(), db.writing() as session:
        session.execute(update(StaffSession).values(last_seen_at=utcnow() - timedelta(minutes=11)))
    assert client.get("/admin/").status_code == 302


def test_only_administrators_change_settings(client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff(Role.HOME_MANAGER))
    assert client.get("/admin/settings/").status_code == 403
    assert client.post("/admin/settings/", data=DEFAULTS).status_code == 403
