"""Administrators browse and filter the audit trail; nobody else can."""

from app.models import Role


def test_administrator_filters_the_trail_by_action(client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    admin = create_staff(Role.ADMINISTRATOR)
    sign_in(admin)
    page = client.get("/admin/audit?action=account.sign_in")
    assert page.status_code == 200
    rows = page.soup.select("tbody tr")
    assert rows and all("account.sign_in" in row.get_text() for row in rows)
    assert admin.email in rows[0].get_text()


def test_viewing_the_trail_is_itself_audited(client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff(Role.ADMINISTRATOR))
    client.get("/admin/audit")
    page = client.get("/admin/audit?action=audit.view")
    assert "audit.view" in page.soup.select_one("tbody tr").get_text()


def test_dates_filter_the_trail(client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff(Role.ADMINISTRATOR))
    page = client.get("/admin/audit?since=2001-01-01&until=2001-01-02")
    assert page.soup.select_one("tbody td[colspan]"), "no events in 2001"


def test_bad_filter_values_get_a_plain_error_not_a_crash(client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff(Role.ADMINISTRATOR))
    page = client.get("/admin/audit?since=not-a-date&page=x")
    assert page.status_code == 200
    assert page.soup.select_one(".error-summary")
    assert page.soup.title.get_text().startswith("Error:")


def test_only_administrators_see_the_trail(client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    for role in (Role.CAREGIVER, Role.CASE_WORKER, Role.HOME_MANAGER, Role.MONITOR):
        sign_in(create_staff(role))
        assert client.get("/admin/audit").status_code == 403


def test_looking_at_an_account_or_the_settings_is_audited(client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    admin = create_staff(Role.ADMINISTRATOR)
    other = create_staff(Role.CAREGIVER)
    sign_in(admin)
    client.get(f"/admin/staff/{other.id}")
    client.get("/admin/settings/")
    viewed = client.get("/admin/audit?action=account.view").soup.select_one("tbody tr").get_text()
    assert f"staff_user {other.id}" in viewed
    assert client.get("/admin/audit?action=settings.view").soup.select_one(
        "tbody td:not([colspan])"
    )
