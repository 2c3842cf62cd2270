"""In Chromium: a case worker opens a case on the home's tablet and hands it over; an older child
in Arabic sends some answers to their case worker and counts others; the case worker then sees
exactly the case answers and nothing of the counted ones."""

from app.models import Role
from tests.browser.staff import SIGN_INS, enrolment_code, join_tablet, sign_in_as

WORKER = SIGN_INS[Role.CASE_WORKER]


def test_an_older_child_in_arabic_sends_some_answers_to_their_case_worker(visitor) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    sign_in_as(visitor, WORKER.email, WORKER.password)
    join_tablet(visitor, enrolment_code(visitor, "Office tablet"))

    visitor.visit("/care/cases/")
    page.get_by_label("Reading level").select_option("older")
    page.get_by_label("Stage of care").select_option("staying")
    page.get_by_label("The child's language").select_option("ar")
    page.get_by_role("button", name="Open the case").click()
    visitor.check()
    case_url = page.url
    page.get_by_role("button", name="Give the tablet to the child").click()
    visitor.check()
    assert "/ar/questions/older/staying/" in page.url
    assert page.locator("html").get_attribute("dir") == "rtl"
    intro = page.url
    assert page.goto(visitor.base_url + "/care/cases/").url.endswith("/ar/"), "no staff page"
    visitor.check()
    visitor.visit(intro.split(visitor.base_url)[1])

    page.locator("label[for=audience-case]").click()
    page.locator("main form button[type=submit]").click()
    visitor.check()
    asked = []  # the answers that go to the case worker
    number = 0
    while "/send" not in page.url:  # the whole set, every other answer only counted
        question_id = page.url.rsplit("/", 1)[1]
        if page.locator("textarea#words").count():
            page.locator("textarea#words").fill("أريد وقتًا أطول في الحديقة")
        else:
            page.locator(".choice-option label").first.click()
        number += 1
        if number % 2 == 0:
            page.locator("details.audience summary").click()
            page.locator("label[for=audience-count]").click()
        else:
            asked.append(question_id)
        page.locator("main form button[type=submit]").last.click()
        visitor.check()
    page.locator("main form button[type=submit]").click()
    visitor.check()
    assert page.url.endswith("/thank-you")

    visitor.visit("/en/")  # the tablet kept the child's language for the visit
    sign_in_as(visitor, WORKER.email, WORKER.password)
    visitor.visit(case_url.split(visitor.base_url)[1])
    shown = page.locator("section.sent li").all_inner_texts()
    assert len(shown) == len(asked), f"exactly the case answers: {shown}"
