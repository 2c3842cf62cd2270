"""Invariant 1: Kite never stores a child's name or any identifier; a case is a random code."""

import re

from sqlalchemy import inspect

from app.extensions import db
from app.models import AgeBand, Base, Case
from app.services.cases import CODE_ALPHABET, readable_code

# Columns that could hold something identifying a child, wherever they appear.
IDENTIFYING = re.compile(
    r"(first|last|given|family|full|child|nick)_?name|birth|dob|address|street|phone|photo|"
    r"picture|passport|national_id|ip_addr|gps|latitude|longitude|device_id"
)
# Tables about staff, homes and help services, whose people, places and numbers may be named.
NAMED_ADULT_TABLES = {"staff_user", "facility", "help_contact"}
# A helpline's phone number is public and is for children to call, not about a child.
ALLOWED = {("help_contact", "phone")}


def test_invariant_1_no_names_no_column_can_hold_a_child_identifier() -> None:
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if (table.name, column.name) not in ALLOWED:
                assert not IDENTIFYING.search(column.name), f"{table.name}.{column.name}"
            if table.name not in NAMED_ADULT_TABLES:
                assert column.name not in {"name", "display_name", "email"}, (
                    f"{table.name}.{column.name} could hold a child's name"
                )


def test_invariant_1_no_names_case_keeps_only_what_care_needs() -> None:
    assert {c.name for c in Case.__table__.columns} == {
        "id",
        "code",
        "facility_id",
        "age_band",
        "stage",
        "preferred_locale",
        "from_another_country",
        "case_worker_id",
        "opened_on",
        "closed_on",
    }


def test_invariant_1_no_names_age_is_a_band_not_a_birth_date() -> None:
    assert {band.value for band in AgeBand} == {"younger", "older"}


def test_invariant_1_no_names_migrated_schema_matches(app_context: None) -> None:
    inspector = inspect(db.session.connection())
    for table in inspector.get_table_names():
        for column in inspector.get_columns(table):
            if (table, column["name"]) not in ALLOWED:
                assert not IDENTIFYING.search(column["name"]), f"{table}.{column['name']}"


def test_case_code_is_random_and_unambiguous() -> None:
    codes = {readable_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert re.fullmatch(rf"[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}", code)
    assert not set("01IOL") & set(CODE_ALPHABET)
