"""Each demo role signs in through Chromium and sees only what that role may see."""

import re

import pytest

from app.models import Role
from app.services.demo import DEMO_SIGN_INS
from tests.browser.staff import sign_in_as

AREAS = {
    "/care/": {Role.CAREGIVER, Role.CASE_WORKER, Role.HOME_MANAGER},
    "/monitor/": {Role.MONITOR},
    "/admin/": {Role.ADMINISTRATOR},
}
ADMIN = next(d for d in DEMO_SIGN_INS if d.role is Role.ADMINISTRATOR)


@pytest.mark.parametrize("demo", DEMO_SIGN_INS, ids=lambda d: d.role.value)
def test_demo_role_signs_in_and_sees_only_its_own_areas(visitor, demo) -> None:  # type: ignore[no-untyped-def]
    sign_in_as(visitor, demo.email, demo.password)
    for path, roles in AREAS.items():
        response = visitor.page.goto(visitor.base_url + path)
        visitor.check()
        assert response.status == (200 if demo.role in roles else 403), path


def test_administrator_invites_a_caregiver_who_joins_through_the_link(visitor, browser) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    sign_in_as(visitor, ADMIN.email, ADMIN.password)
    visitor.visit("/admin/staff/new")
    page.get_by_label("Name", exact=True).fill("Night caregiver")
    page.get_by_label("Email address").fill("night@demo.kite.invalid")
    page.get_by_label("Role").select_option("caregiver")
    page.get_by_label("Homes").select_option(label="Riverside House (RIV)")
    page.get_by_role("button", name="Make the invitation").click()
    visitor.check()
    link = page.locator(".invitation-link code").inner_text()
    path = re.sub(r"^https?://[^/]+", "", link)

    newcomer = type(visitor)(browser.new_context().new_page(), visitor.base_url)
    newcomer.visit(path)
    newcomer.page.get_by_label("New password").fill("lanterns over the river")
    newcomer.page.get_by_label("The same password again").fill("lanterns over the river")
    newcomer.page.get_by_role("button", name="Set my password").click()
    newcomer.check()
    assert newcomer.page.get_by_role("status").inner_text().startswith("Your password is set")
    sign_in_as(newcomer, "night@demo.kite.invalid", "lanterns over the river")
    assert newcomer.page.get_by_role("heading", level=1).inner_text() == "Care"
    newcomer.page.context.close()
