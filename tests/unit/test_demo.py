"""Demo data: one home, staff of every role who can sign in, and no child names anywhere."""

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import AuditHead, Base, Case, Facility, Role, StaffUser
from app.services import accounts, concern_routes, demo
from app.services.audit import GENESIS


@pytest.fixture
def empty_database(app_context: None) -> Iterator[None]:
    """Every table as a fresh migration leaves it, inside this test's rolled-back transaction."""
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in {"audit_head", "settings"}:  # rows the migrations seed
            db.session.execute(table.delete())
    db.session.execute(update(AuditHead).values(last_hash=GENESIS, last_event_id=None))
    yield


def test_demo_data_loads_once_into_an_empty_database(empty_database: None) -> None:
    assert demo.load_demo_data() is True
    assert demo.load_demo_data() is False
    assert db.session.scalar(select(func.count()).select_from(Facility)) == 1


def test_every_demo_sign_in_works_and_covers_every_role(empty_database: None) -> None:
    demo.load_demo_data()
    roles = set()
    for sign_in in demo.DEMO_SIGN_INS:
        user = accounts.authenticate(email=sign_in.email, password=sign_in.password)
        assert isinstance(user, StaffUser), sign_in.email
        roles |= set(accounts.role_names(user))
    assert roles == set(Role)


def test_demo_cases_carry_codes_not_names(empty_database: None) -> None:
    demo.load_demo_data()
    codes = [case.code for case in db.session.scalars(select(Case))]
    assert len(codes) == 3
    assert all(len(code) == 9 and code[4] == "-" for code in codes)


def test_the_demo_home_has_help_numbers_and_someone_on_every_route(empty_database: None) -> None:
    demo.load_demo_data()
    home = db.session.scalar(select(Facility))
    assert len(home.contacts) == len(demo.DEMO_CONTACTS)
    assert concern_routes.configuration_problems() == []
