"""Cases: a random code and the few facts care needs, never anything that names a child."""

import secrets
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import AgeBand, Case, Facility, StaffUser, Stage

# No 0/O, 1/I/L: a code is read aloud and typed on tablets.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_case_code() -> str:
    """A random case code such as 'K7MQ-2XPA' (40 bits), unrelated to anything about the child."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def open_case(
    *,
    facility: Facility,
    age_band: AgeBand,
    stage: Stage,
    preferred_locale: str,
    from_another_country: bool = False,
    case_worker: StaffUser | None = None,
    opened_on: date | None = None,
) -> Case:
    """Open a case under a fresh unique code; the caller's transaction commits it."""
    code = new_case_code()
    while db.session.scalar(select(Case.id).where(Case.code == code)) is not None:
        code = new_case_code()
    case = Case(
        code=code,
        facility=facility,
        age_band=age_band,
        stage=stage,
        preferred_locale=preferred_locale,
        from_another_country=from_another_country,
        case_worker=case_worker,
        opened_on=opened_on or date.today(),
    )
    db.session.add(case)
    db.session.flush()
    return case
