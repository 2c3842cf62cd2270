"""Administrators add and change homes and the help numbers their children see."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Facility, HelpContact, Role, Route, Topic
from app.services import concern_routes, facilities

HOME = {
    "name": "Hill House",
    "code": "HILL-1",
    "country": "KH",
    "default_locale": "km",
    "kind": "shelter",
}


@pytest.fixture
def admin(client, create_staff, sign_in):  # type: ignore[no-untyped-def]
    user = create_staff(Role.ADMINISTRATOR)
    sign_in(user)
    return user


def _home(app, code: str) -> Facility:  # type: ignore[no-untyped-def]
    with app.app_context():
        return db.session.scalar(select(Facility).where(Facility.code == code))


def test_administrator_adds_a_home(app, client, admin) -> None:  # type: ignore[no-untyped-def]
    form = client.get("/admin/homes/new")
    assert form.soup.select_one("select#country option[value=KH]")
    assert form.soup.select_one("select#default_locale option[value=km]").get_text() == "ខ្មែរ"
    response = client.post("/admin/homes/new", data=HOME)
    assert response.status_code == 303
    home = _home(app, "HILL-1")
    assert (home.name, home.country, home.default_locale) == ("Hill House", "KH", "km")
    with app.app_context():
        assert (
            db.session.scalar(
                select(AuditEvent.action).where(
                    AuditEvent.object_type == "facility",
                    AuditEvent.object_id == str(home.id),
                    AuditEvent.actor_id == admin.id,
                )
            )
            == "home.create"
        )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("code", "h", "Field must be between 2 and 16 characters long."),
        ("code", "bad code!", "A home code is 2 to 16 capital letters, digits or dashes."),
        ("country", "", "Choose a country"),
        ("name", "", "Enter the home's name"),
    ],
)
def test_a_bad_home_is_refused_with_the_typing_kept(client, admin, field, value, message) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/admin/homes/new", data={**HOME, field: value})
    assert response.status_code == 200
    assert message in response.soup.select_one(".error-summary").get_text()
    assert response.soup.select_one("#name")["value"] == HOME["name"] if field != "name" else True


def test_two_homes_cannot_share_a_code(client, admin, create_home) -> None:  # type: ignore[no-untyped-def]
    create_home(code="TAKEN")
    response = client.post("/admin/homes/new", data={**HOME, "code": "taken"})
    assert "Another home already has this code." in response.get_data(as_text=True)


def test_administrator_edits_a_home(app, client, admin, create_home) -> None:  # type: ignore[no-untyped-def]
    home = create_home()
    page = client.get(f"/admin/homes/{home.id}")
    assert page.soup.select_one("#code")["value"] == home.code
    client.post(f"/admin/homes/{home.id}", data={**HOME, "code": home.code, "name": "Renamed"})
    assert _home(app, home.code).name == "Renamed"


def test_help_numbers_are_added_and_removed(app, client, admin, create_home) -> None:  # type: ignore[no-untyped-def]
    home = create_home()
    response = client.post(
        f"/admin/homes/{home.id}/contacts",
        data={
            "contact-kind": "child_helpline",
            "contact-name": "Child helpline",
            "contact-phone": "+855  1280",
        },
    )
    assert response.status_code == 303
    page = client.get(f"/admin/homes/{home.id}")
    row = page.soup.select_one("tbody tr").get_text()
    assert "Child helpline" in row and "+855 1280" in row
    with app.app_context():
        contact = db.session.scalar(select(HelpContact).where(HelpContact.facility_id == home.id))
    client.post(f"/admin/homes/{home.id}/contacts/{contact.id}/remove")
    assert "No help numbers yet." in client.get(f"/admin/homes/{home.id}").get_data(as_text=True)


def test_a_wrong_looking_number_is_refused(client, admin, create_home) -> None:  # type: ignore[no-untyped-def]
    home = create_home()
    response = client.post(
        f"/admin/homes/{home.id}/contacts",
        data={
            "contact-kind": "emergency",
            "contact-name": "Police",
            "contact-phone": "call the office",
        },
    )
    assert response.status_code == 200
    assert "Enter a phone number" in response.soup.select_one(".error-summary").get_text()
    assert response.soup.select_one("#contact-phone")["value"] == "call the office"


def test_a_number_cannot_be_removed_through_another_home(app, client, admin, create_home) -> None:  # type: ignore[no-untyped-def]
    first, second = create_home(), create_home()
    client.post(
        f"/admin/homes/{first.id}/contacts",
        data={"contact-kind": "other", "contact-name": "Office", "contact-phone": "123 456"},
    )
    with app.app_context():
        contact = db.session.scalar(select(HelpContact).where(HelpContact.facility_id == first.id))
    response = client.post(f"/admin/homes/{second.id}/contacts/{contact.id}/remove")
    assert response.status_code == 404


def test_administrator_sets_where_a_homes_concerns_go(app, client, admin, create_home) -> None:  # type: ignore[no-untyped-def]
    home = create_home()
    page = client.get(f"/admin/homes/{home.id}")
    assert page.soup.select_one("#routes-sad option[selected]")["value"] == "home"
    assert not page.soup.select_one("#routes-hurt"), "about the staff: not the home's to choose"
    routes = {f"routes-{t.value}": "home" for t in Topic if t != Topic.HURT}
    response = client.post(
        f"/admin/homes/{home.id}/routes", data={**routes, "routes-sad": "monitors"}
    )
    assert response.status_code == 303
    with app.app_context():
        assert concern_routes.route_for(home.id, Topic.SAD, None) == Route.MONITORS
        assert concern_routes.route_for(home.id, Topic.UNSAFE, None) == Route.HOME
        assert concern_routes.route_for(home.id, Topic.HURT, None) == Route.MONITORS
        assert db.session.scalar(
            select(AuditEvent.action).where(
                AuditEvent.object_id == str(home.id), AuditEvent.action == "concern.route_changed"
            )
        )
    page = client.get(f"/admin/homes/{home.id}")
    assert page.soup.select_one("#routes-sad option[selected]")["value"] == "monitors"


def test_a_route_that_is_not_a_choice_is_refused(app, client, admin, create_home) -> None:  # type: ignore[no-untyped-def]
    home = create_home()
    routes = {f"routes-{t.value}": "home" for t in Topic if t != Topic.HURT}
    response = client.post(
        f"/admin/homes/{home.id}/routes", data={**routes, "routes-sad": "nobody"}
    )
    assert response.status_code == 200
    assert response.soup.select_one(".error-summary")
    with app.app_context():
        assert concern_routes.route_for(home.id, Topic.SAD, None) == Route.HOME


def test_administrator_chooses_the_languages_tablets_keep_offline(
    app, client, admin, create_home
) -> None:  # type: ignore[no-untyped-def]
    home = create_home(default_locale="km")
    page = client.get(f"/admin/homes/{home.id}")
    assert page.soup.select_one("#offline-locales-en")["checked"] is not None, "English at first"
    assert not page.soup.select_one("#offline-locales-km"), "its own language is always kept"
    response = client.post(
        f"/admin/homes/{home.id}/offline-languages", data={"offline-locales": ["my", "th"]}
    )
    assert response.status_code == 303
    with app.app_context():
        kept = facilities.offline_locales(facilities.get_facility(home.id))
        assert kept == ["km", "th", "my"]
        assert db.session.scalar(
            select(AuditEvent.action).where(
                AuditEvent.object_id == str(home.id), AuditEvent.action == "home.offline_languages"
            )
        )
    refused = client.post(
        f"/admin/homes/{home.id}/offline-languages", data={"offline-locales": "xx"}
    )
    assert refused.status_code == 200 and refused.soup.select_one(".error-summary")


def test_unknown_home_is_not_found(client, admin) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/admin/homes/999999").status_code == 404


@pytest.mark.parametrize(
    "role", [Role.CAREGIVER, Role.CASE_WORKER, Role.HOME_MANAGER, Role.MONITOR]
)
def test_only_administrators_keep_homes(client, create_staff, create_home, sign_in, role) -> None:  # type: ignore[no-untyped-def]
    home = create_home()
    sign_in(create_staff(role, home=home))
    assert client.get(f"/admin/homes/{home.id}").status_code == 403
    assert client.post("/admin/homes/new", data=HOME).status_code == 403
