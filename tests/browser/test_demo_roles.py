"""Each demo role signs in through Chromium and sees only what that role may see."""

import pyotp
import pytest

from app.models import Role
from app.services.demo import DEMO_SIGN_INS

AREAS = {
    "/care/": {Role.CAREGIVER, Role.CASE_WORKER, Role.HOME_MANAGER},
    "/monitor/": {Role.MONITOR},
    "/admin/": {Role.ADMINISTRATOR},
}


@pytest.mark.parametrize("demo", DEMO_SIGN_INS, ids=lambda d: d.role.value)
def test_demo_role_signs_in_and_sees_only_its_own_areas(visitor, demo) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    visitor.visit("/sign-in")
    page.get_by_label("Email address").fill(demo.email)
    page.get_by_label("Password").fill(demo.password)
    page.get_by_role("button", name="Sign in").click()
    visitor.check()
    if "/set-up-two-factor" in page.url:
        assert page.locator(".qr svg[role=img]").is_visible()
        secret = page.locator("[data-totp-secret]").get_attribute("data-totp-secret")
        page.get_by_role("textbox", name="Code").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Continue").click()
        visitor.check()
        assert page.locator(".recovery-codes li").count() == 10
        page.get_by_role("link", name="I have kept them, continue").click()
        visitor.check()
    for path, roles in AREAS.items():
        response = page.goto(visitor.base_url + path)
        visitor.check()
        assert response.status == (200 if demo.role in roles else 403), path
