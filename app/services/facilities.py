"""Homes: the places where children are cared for, and the help numbers they show children."""

import re

from babel import Locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.i18n import BY_CODE
from app.models import ContactKind, Facility, FacilityKind, HelpContact, StaffUser
from app.services import audit

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,15}$")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()-]{1,38}$")
COUNTRIES = frozenset(code for code in Locale("en").territories if len(code) == 2)


class HomeError(ValueError):
    """A change to a home that breaks a rule; the message is for people."""


def _check(*, code: str, country: str, default_locale: str, facility_id: int | None) -> None:
    if not CODE_PATTERN.match(code):
        raise HomeError(_l("A home code is 2 to 16 capital letters, digits or dashes."))
    if country not in COUNTRIES:
        raise HomeError(_l("Choose a country."))
    if default_locale not in BY_CODE:
        raise HomeError(_l("Choose one of Kite's languages."))
    taken = db.session.scalar(select(Facility.id).where(Facility.code == code))
    if taken is not None and taken != facility_id:
        raise HomeError(_l("Another home already has this code."))


def create_facility(
    *,
    code: str,
    name: str,
    country: str,
    default_locale: str,
    kind: FacilityKind,
    actor: StaffUser | None = None,
) -> Facility:
    """Add a home; audited."""
    code, country = code.strip().upper(), country.strip().upper()
    with db.writing() as session:
        _check(code=code, country=country, default_locale=default_locale, facility_id=None)
        facility = Facility(
            code=code, name=name.strip(), country=country, default_locale=default_locale, kind=kind
        )
        session.add(facility)
        session.flush()
        audit.record(
            actor=actor, action="home.create", object_type="facility", object_id=facility.id
        )
    return facility


def update_facility(
    *,
    facility_id: int,
    code: str,
    name: str,
    country: str,
    default_locale: str,
    kind: FacilityKind,
    actor: StaffUser,
) -> Facility:
    """Change a home's details; audited."""
    code, country = code.strip().upper(), country.strip().upper()
    with db.writing() as session:
        _check(code=code, country=country, default_locale=default_locale, facility_id=facility_id)
        facility = session.get(Facility, facility_id)
        facility.code, facility.name, facility.country = code, name.strip(), country
        facility.default_locale, facility.kind = default_locale, kind
        audit.record(
            actor=actor, action="home.update", object_type="facility", object_id=facility_id
        )
    return facility


def add_contact(
    *, facility_id: int, kind: ContactKind, name: str, phone: str, actor: StaffUser
) -> HelpContact:
    """Add a help number that the home's children will see; audited."""
    phone = " ".join(phone.split())
    if not PHONE_PATTERN.match(phone):
        raise HomeError(_l("Enter a phone number using digits, spaces, +, - or brackets."))
    with db.writing() as session:
        contact = HelpContact(facility_id=facility_id, kind=kind, name=name.strip(), phone=phone)
        session.add(contact)
        session.flush()
        audit.record(
            actor=actor, action="help_contact.add", object_type="facility", object_id=facility_id
        )
    return contact


def remove_contact(*, facility_id: int, contact_id: int, actor: StaffUser) -> bool:
    """Remove one of a home's help numbers; False when it is not that home's."""
    with db.writing() as session:
        contact = session.get(HelpContact, contact_id)
        if contact is None or contact.facility_id != facility_id:
            return False
        session.delete(contact)
        audit.record(
            actor=actor, action="help_contact.remove", object_type="facility", object_id=facility_id
        )
    return True


def get_facility(facility_id: int) -> Facility | None:
    """The home with this id, if any."""
    return db.session.get(Facility, facility_id)


def get_by_code(code: str) -> Facility | None:
    """The home with this code, if any."""
    return db.session.scalar(select(Facility).where(Facility.code == code.upper()))


def count_facilities() -> int:
    """How many homes Kite knows."""
    return db.session.scalar(select(func.count()).select_from(Facility)) or 0


def list_facilities() -> list[Facility]:
    """Every home, by name."""
    return list(db.session.scalars(select(Facility).order_by(Facility.name)))


def offline_locales(facility: Facility) -> list[str]:
    """The languages a home's tablets keep to read offline: the home's own language, and those
    its administrator chose (English until they choose)."""
    chosen = [code for code in facility.offline_locales if code in BY_CODE] or ["en"]
    return list(dict.fromkeys((facility.default_locale, *chosen)))


def set_offline_locales(*, facility_id: int, locales: list[str], actor: StaffUser) -> None:
    """Choose the languages a home's tablets keep offline (besides its own); audited."""
    unknown = set(locales) - set(BY_CODE)
    if unknown:
        raise HomeError(_l("Choose languages from the list."))
    with db.writing() as session:
        facility = session.get(Facility, facility_id)
        facility.offline_locales = [code for code in BY_CODE if code in locales]
        audit.record(
            actor=actor,
            action="home.offline_languages",
            object_type="facility",
            object_id=facility_id,
        )
