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


def test_htmx_requests_carry_the_csrf_token_and_plain_posts_without_it_are_refused(visitor) -> None:  # type: ignore[no-untyped-def]
    caregiver = DEMO_SIGN_INS[0]
    page = visitor.page
    visitor.visit("/sign-in")
    page.get_by_label("Email address").fill(caregiver.email)
    page.get_by_label("Password").fill(caregiver.password)
    page.get_by_role("button", name="Sign in").click()
    visitor.check()
    refused = page.evaluate("() => fetch('/sign-out', {method: 'POST'}).then(r => r.status)")
    assert refused == 400, "a POST without the token changes nothing"
    status = page.evaluate(
        "() => new Promise(done => { document.body.addEventListener('htmx:afterRequest',"
        " e => done(e.detail.xhr.status), {once: true}); htmx.ajax('POST', '/sign-out',"
        " {target: 'main', swap: 'none'}); })"
    )
    assert status == 200, "htmx followed the redirect after a token-carrying sign-out"
    visitor.visit("/care/")
    assert "/sign-in" in page.url, "the htmx sign-out ended the session"
