"""Signing staff in through the browser, second step included, for any browser test."""

import time

import pyotp

from app.services.demo import DEMO_SIGN_INS

SIGN_INS = {demo.role: demo for demo in DEMO_SIGN_INS}  # the demo account of each role

# Authenticator secrets seen while demo accounts set up two-step sign-in during this run.
SECRETS: dict[str, str] = {}


def sign_in_as(visitor, email: str, password: str) -> None:  # type: ignore[no-untyped-def]
    """Sign in by label and role, setting up or answering the second step as needed."""
    page = visitor.page
    visitor.visit("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    visitor.check()
    if "/set-up-two-factor" in page.url:
        assert page.locator(".qr svg[role=img]").is_visible()
        SECRETS[email] = page.locator("[data-totp-secret]").get_attribute("data-totp-secret")
        page.get_by_role("textbox", name="Code").fill(pyotp.TOTP(SECRETS[email]).now())
        page.get_by_role("button", name="Continue").click()
        visitor.check()
        assert page.locator(".recovery-codes li").count() == 10
        page.get_by_role("link", name="I have kept them, continue").click()
        visitor.check()
    elif "/two-factor" in page.url:
        totp = pyotp.TOTP(SECRETS[email])
        for code in (totp.now(), totp.at(time.time() + 30)):  # a code works only once
            page.get_by_role("textbox", name="Code").fill(code)
            page.get_by_role("button", name="Continue").click()
            visitor.check()
            if "/two-factor" not in page.url:
                break
    assert "/sign-in" not in page.url, f"{email} could not sign in"


def enrolment_code(visitor, label: str) -> str:  # type: ignore[no-untyped-def]
    """Signed-in staff make a one-time code for a new tablet of their home; returns the code."""
    visitor.visit("/care/tablets/")
    visitor.page.get_by_label("Name of the tablet").fill(label)
    visitor.page.get_by_role("button", name="Make a code").click()
    visitor.check()
    return visitor.page.locator(".enrolment-code code").inner_text()


def join_tablet(visitor, code: str) -> None:  # type: ignore[no-untyped-def]
    """Make this browser one of the home's tablets with a code staff made."""
    visitor.visit(f"/tablet/join?code={code}")
    visitor.page.locator("main form button[type=submit]").click()
    visitor.check()
    assert "/tablet/" in visitor.page.url and "/join" not in visitor.page.url, "the tablet joined"
