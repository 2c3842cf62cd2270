"""In Chromium: a caregiver starts a helped session on the home's tablet for a younger child in
Khmer; before the first private question the tablet asks the grown-up to hand it over and look
away, the child goes on alone, and the answers are kept as given with help."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import AnonymousAnswer, PooledAnswerSet, Role
from tests.browser.staff import SIGN_INS, enrolment_code, join_tablet, sign_in_as

CAREGIVER = SIGN_INS[Role.CAREGIVER]


def helped_rows(app) -> int:  # type: ignore[no-untyped-def]
    """Anonymous answers kept as given with help: released, or still waiting in the pool."""
    with app.app_context():
        pooled = db.session.scalars(select(PooledAnswerSet.rows)).all()
        released = db.session.scalar(
            select(func.count())
            .select_from(AnonymousAnswer)
            .where(AnonymousAnswer.mode == "helped")
        )
    return released + sum(1 for rows in pooled for row in rows if row["mode"] == "helped")


def test_a_helped_session_hands_the_tablet_to_the_child_before_private_questions(  # type: ignore[no-untyped-def]
    visitor, live_app
) -> None:
    page = visitor.page
    sign_in_as(visitor, CAREGIVER.email, CAREGIVER.password)
    code = enrolment_code(visitor, "Helped corner")
    join_tablet(visitor, code)
    before = helped_rows(live_app)

    visitor.visit("/care/")
    page.get_by_role("button", name="Start a helped session").click()
    visitor.check()
    assert page.url.rstrip("/") == visitor.base_url, "the caregiver is signed out, at the start"
    visitor.visit("/km/questions/younger/arriving/")
    page.locator("label[for=audience-count]").click()
    page.locator("main form button[type=submit]").click()
    visitor.check()
    assert page.locator("article.hand-over").count() == 1, "the first question is private"
    assert "/questions/younger/arriving/feel-safe" in page.url
    page.locator("article.hand-over form button[type=submit]").click()
    visitor.check()
    assert page.locator("article.hand-over").count() == 0
    answered = 0
    while "/send" not in page.url:  # the child goes on alone: no more hand-overs
        assert page.locator("article.hand-over").count() == 0
        page.locator(".choice-option label").first.click()
        page.locator("main form button[type=submit]").last.click()
        visitor.check()
        answered += 1
    page.locator("main form button[type=submit]").click()
    visitor.check()
    assert page.url.endswith("/thank-you")
    assert helped_rows(live_app) - before == answered, "each answer kept as given with help"

    visitor.visit("/km/questions/younger/arriving/")  # the next child is not helped
    page.locator("label[for=audience-count]").click()
    page.locator("main form button[type=submit]").click()
    visitor.check()
    assert page.locator("article.hand-over").count() == 0
