"""Tablets join a home with a one-time code, are listed and revoked, and know only their home."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.access import TABLET_COOKIE
from app.extensions import db
from app.models import AuditEvent, Role, Tablet, TabletEnrolment, utcnow
from app.services import tablets


@pytest.fixture
def caregiver(create_staff, create_home, sign_in):  # type: ignore[no-untyped-def]
    user = create_staff(Role.CAREGIVER, home=create_home(name="Lotus House"))
    sign_in(user)
    return user


def make_code(client) -> str:  # type: ignore[no-untyped-def]
    page = client.get("/care/tablets/").soup
    home = page.select_one("#home option")["value"]
    shown = client.post("/care/tablets/", data={"home": home, "label": "Living room"})
    assert shown.status_code == 200 and shown.soup.select_one(".qr svg[role=img]") is not None
    return shown.soup.select_one(".enrolment-code code").get_text()


def test_a_tablet_joins_with_a_code_once_and_keeps_a_long_lived_credential(  # type: ignore[no-untyped-def]
    app, client, caregiver, app_context
) -> None:
    code = make_code(client)
    tablet_client = app.test_client()
    assert code in tablet_client.get(f"/tablet/join?code={code}").get_data(as_text=True)
    joined = tablet_client.post("/tablet/join", data={"code": code.lower().replace("-", " ")})
    assert joined.status_code == 303
    cookie = tablet_client.get_cookie(TABLET_COOKIE)
    assert cookie.http_only and cookie.max_age > 365 * 24 * 3600
    assert "Lotus House" in tablet_client.get("/tablet/").get_data(as_text=True)
    stored = db.session.scalar(select(Tablet))
    assert stored.label == "Living room" and cookie.value.split(".")[1] not in stored.secret_hash
    # The same code never works twice.
    again = app.test_client().post("/tablet/join", data={"code": code})
    assert again.status_code == 200 and "does not work" in again.get_data(as_text=True)
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"tablet.enrolment_code", "tablet.enrol"} <= actions


def test_an_expired_or_made_up_code_is_refused_plainly(app, client, caregiver, app_context) -> None:  # type: ignore[no-untyped-def]
    code = make_code(client)
    with db.writing():
        db.session.execute(
            update(TabletEnrolment).values(expires_at=utcnow() - timedelta(minutes=1))
        )
    for attempt in (code, "ABCD-EFGH", "<script>"):
        page = app.test_client().post("/tablet/join", data={"code": attempt})
        assert page.status_code == 200 and page.soup.select_one(".error-summary")
    assert db.session.scalar(select(Tablet)) is None


def test_staff_see_their_homes_tablets_and_stop_one(
    app, client, caregiver, create_tablet, app_context
) -> None:  # type: ignore[no-untyped-def]
    home = caregiver.grants[0].facility
    tablet, credential = create_tablet(home=home, label="Kitchen")
    other, _ = create_tablet(label="Somewhere else")
    page = client.get("/care/tablets/").get_data(as_text=True)
    assert "Kitchen" in page and "Somewhere else" not in page
    assert client.post(f"/care/tablets/{other.id}/revoke").status_code == 404
    assert client.post(f"/care/tablets/{tablet.id}/revoke").status_code == 303
    db.session.expire_all()
    assert db.session.get(Tablet, tablet.id).revoked_at is not None
    assert tablets.from_credential(credential) is None


def test_a_child_page_on_a_tablet_knows_its_home_and_nothing_else(
    app, create_home, create_tablet, app_context
) -> None:  # type: ignore[no-untyped-def]
    home = create_home(default_locale="km")
    _, credential = create_tablet(home=home)
    device = app.test_client()
    device.set_cookie(TABLET_COOKIE, credential)
    assert device.get("/", headers={"Accept-Language": ""}).soup.html["lang"] == "km"
    assert tablets.from_credential(credential).facility_id == home.id
    assert tablets.from_credential(credential.split(".")[0] + ".wrong") is None
    assert tablets.from_credential("not-a-credential") is None
