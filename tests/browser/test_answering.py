"""In Chromium: staff enrol a tablet with a one-time code, and a younger child in Khmer answers a
whole question set on it, just to be counted; every page passes axe."""

from app.models import Role, SubmissionKey
from tests.browser.conftest import Visitor
from tests.browser.staff import SIGN_INS, enrolment_code, join_tablet, sign_in_as
from tests.conftest import count_rows

CAREGIVER = SIGN_INS[Role.CAREGIVER]


def test_a_younger_child_in_khmer_answers_a_whole_set_on_an_enrolled_tablet(  # type: ignore[no-untyped-def]
    visitor, browser, live_server
) -> None:
    sign_in_as(visitor, CAREGIVER.email, CAREGIVER.password)
    code = enrolment_code(visitor, "Reading corner")

    context = browser.new_context()
    try:
        child = Visitor(context.new_page(), live_server)
        page = child.page
        join_tablet(child, code)
        child.visit("/km/rights/younger/arriving/safe-from-the-first-day")
        page.locator("a[href*='/questions/younger/arriving/']").click()
        child.check()
        page.locator("label[for=audience-count]").click()
        page.locator("main form button[type=submit]").click()
        child.check()
        answered = 0
        while "/send" not in page.url:
            page.locator(".choice-option label").first.click()
            page.locator("main form button[type=submit]").last.click()
            child.check()
            answered += 1
        assert answered >= 6
        page.locator("main form button[type=submit]").click()
        child.check()
        assert page.url.endswith("/thank-you")
        page.go_back()  # the answers are gone from the visit: back leads to the start again
        page.wait_for_load_state("load")
        child.checked.add(page.url)
        assert "/send" not in page.url or page.locator("main form").count() == 0
    finally:
        context.close()


def test_the_one_page_form_sends_without_javascript_or_a_service_worker(  # type: ignore[no-untyped-def]
    visitor, visitor_without_js, live_app
) -> None:
    sign_in_as(visitor, CAREGIVER.email, CAREGIVER.password)
    code = enrolment_code(visitor, "Quiet corner")
    child = visitor_without_js
    page = child.page
    join_tablet(child, code)
    with live_app.app_context():
        before = count_rows(SubmissionKey)
    child.visit("/my/questions/older/staying/on-this-tablet")
    page.locator("label[for='value-feel-safe-always']").click()
    page.locator("textarea[name='words-make-it-better']").fill("More football, please.")
    page.locator("main form button[type=submit]").click()
    child.check()
    assert page.url.endswith("/my/questions/older/staying/thank-you")
    with live_app.app_context():
        assert count_rows(SubmissionKey) == before + 1
