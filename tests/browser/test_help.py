"""In Chromium: a child on a home's tablet presses "I need help" and says someone hurt them,
anonymously; the home's monitor sees the concern and its staff do not; left unacknowledged, a
"now" call escalates when its hour is up; every step is in the audit trail."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Concern, Role
from app.services import concerns
from tests.browser.conftest import Visitor
from tests.browser.staff import SIGN_INS, enrolment_code, join_tablet, sign_in_as


def test_invariant_5_someone_hurt_me_reaches_the_monitors_and_escalates_on_time(  # type: ignore[no-untyped-def]
    visitor, browser, live_server, live_app
) -> None:
    caregiver = SIGN_INS[Role.CAREGIVER]
    sign_in_as(visitor, caregiver.email, caregiver.password)
    code = enrolment_code(visitor, "Help corner")

    context = browser.new_context()
    try:
        child = Visitor(context.new_page(), live_server)
        page = child.page
        join_tablet(child, code)
        child.visit("/km/rights/younger/")
        page.locator("a.button-help").click()  # the same button on every child page
        child.check()
        assert page.url.endswith("/km/help/")
        page.locator("label[for=asked-here]").click()
        page.locator("label[for=urgency-now]").click()
        page.locator("label[for=topic-hurt]").click()
        page.locator("main form button[type=submit]").click()
        child.check()
        assert page.url.endswith("/km/help/sent")
        assert page.locator(".help-when").count() == 1, "told who will come and by when"
    finally:
        context.close()

    with live_app.app_context():
        concern = db.session.scalars(select(Concern).order_by(Concern.raised_at.desc())).first()
        assert concern.case_id is None and concern.words is None
    manager = SIGN_INS[Role.HOME_MANAGER]
    visitor.visit("/en/")
    sign_in_as(visitor, manager.email, manager.password)
    visitor.visit("/concerns/")
    assert str(concern.id) not in visitor.page.content(), "the home's staff never see it"
    monitor = SIGN_INS[Role.MONITOR]
    visitor.visit("/en/")
    sign_in_as(visitor, monitor.email, monitor.password)
    visitor.visit("/concerns/")
    visitor.page.locator(f"a[href='/concerns/{concern.id}']").click()
    visitor.check()
    assert "Someone hurt me" in visitor.page.locator("h1").inner_text()

    with live_app.app_context():  # nobody took it on: an hour later it escalates
        concerns.escalate(concern.due_at - timedelta(seconds=1))  # other tests' may go
        assert db.session.get(Concern, concern.id).escalation_level == 0, "not before its time"
        db.session.expire_all()
        assert concerns.escalate(concern.due_at) >= 1
        row = db.session.get(Concern, concern.id)
        assert row.escalation_level == 1
        actions = set(
            db.session.scalars(
                select(AuditEvent.action).where(AuditEvent.object_id == str(concern.id))
            )
        )
    assert actions >= {"concern.raised", "concern.viewed", "concern.escalated"}


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_a_child_asks_for_help_in_english_and_arabic_and_is_told_who_comes(  # type: ignore[no-untyped-def]
    visitor, browser, live_server, locale
) -> None:
    caregiver = SIGN_INS[Role.CAREGIVER]
    sign_in_as(visitor, caregiver.email, caregiver.password)
    code = enrolment_code(visitor, f"Help corner {locale}")

    context = browser.new_context()
    try:
        child = Visitor(context.new_page(), live_server)
        page = child.page
        join_tablet(child, code)
        child.visit(f"/{locale}/")
        page.locator("a.button-help").click()
        child.check()
        assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
        assert page.locator(".help-numbers a[href^='tel:']").count() > 0, "the home's numbers"
        page.locator("label[for=asked-visitors]").click()
        page.locator("label[for=urgency-today]").click()
        page.locator("textarea#words").fill("أحتاج أن أتكلم" if locale == "ar" else "Please come")
        page.locator("main form button[type=submit]").click()
        child.check()
        assert page.url.endswith(f"/{locale}/help/sent")
        assert page.locator(".help-when").count() == 1, "told who will come and by when"
    finally:
        context.close()
