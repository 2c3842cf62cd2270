"""Staff pages in a real browser: sign in by label, land in the right area, sign out."""

from app.services.demo import DEMO_SIGN_INS


def test_caregiver_signs_in_and_out(visitor) -> None:  # type: ignore[no-untyped-def]
    caregiver = DEMO_SIGN_INS[0]
    page = visitor.page
    visitor.visit("/care/")
    assert "/sign-in" in page.url
    page.get_by_label("Email address").fill(caregiver.email)
    page.get_by_label("Password").fill(caregiver.password)
    page.get_by_role("button", name="Sign in").click()
    visitor.check()
    assert page.get_by_role("heading", level=1).inner_text() == "Care"
    assert page.get_by_text("Riverside House").is_visible()
    page.get_by_role("button", name="Sign out").click()
    visitor.check()
    assert "/sign-in" in page.url


def test_wrong_password_is_told_plainly(visitor) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    visitor.visit("/sign-in")
    page.get_by_label("Email address").fill("nobody@demo.kite.invalid")
    page.get_by_label("Password").fill("not a password at all")
    page.get_by_role("button", name="Sign in").click()
    visitor.check()
    assert page.get_by_role("alert").inner_text() == "The email address or password is not right."
