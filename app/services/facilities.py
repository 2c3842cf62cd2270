"""Homes: the places where children are cared for."""

from sqlalchemy import func, select

from app.extensions import db
from app.i18n import BY_CODE
from app.models import Facility, FacilityKind


def create_facility(
    *, code: str, name: str, country: str, default_locale: str, kind: FacilityKind
) -> Facility:
    """Add a home; the caller's transaction commits it."""
    if default_locale not in BY_CODE:
        raise ValueError(f"{default_locale!r} is not a launch locale")
    facility = Facility(
        code=code.upper(),
        name=name,
        country=country.upper(),
        default_locale=default_locale,
        kind=kind,
    )
    db.session.add(facility)
    db.session.flush()
    return facility


def count_facilities() -> int:
    """How many homes Kite knows."""
    return db.session.scalar(select(func.count()).select_from(Facility)) or 0


def list_facilities() -> list[Facility]:
    """Every home, by name."""
    return list(db.session.scalars(select(Facility).order_by(Facility.name)))


def get_by_code(code: str) -> Facility | None:
    """The home with this code, if any."""
    return db.session.scalar(select(Facility).where(Facility.code == code.upper()))
