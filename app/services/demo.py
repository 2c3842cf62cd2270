"""Demo data for development: one home, staff of every role, a few cases. No child names."""

from dataclasses import dataclass

from app.extensions import db
from app.models import AgeBand, ContactKind, FacilityKind, Role, Stage
from app.services import accounts, cases, facilities, tablets


@dataclass(frozen=True)
class DemoSignIn:
    """A demo account, printed by `make run`."""

    role: Role
    email: str
    password: str


DEMO_SIGN_INS = tuple(
    DemoSignIn(role, f"{role.value.replace('_', '-')}@demo.kite.invalid", f"demo-{role.value}-kite")
    for role in Role
)


# Thailand's public helplines, as a home there would show them.
DEMO_CONTACTS = (
    (ContactKind.CHILD_HELPLINE, "Childline Thailand", "1387"),
    (ContactKind.OTHER, "Prachabodi Center (social help, trafficking)", "1300"),
    (ContactKind.EMERGENCY, "Police", "191"),
)


def load_demo_data() -> bool:
    """Fill an empty database with the demo home; False (and nothing written) if not empty."""
    if facilities.count_facilities():
        return False
    with db.writing():
        home = facilities.create_facility(
            code="RIV",
            name="Riverside House",
            country="TH",
            default_locale="th",
            kind=FacilityKind.SHELTER,
        )
        staff = {
            s.role: accounts.create_staff(
                email=s.email,
                display_name=f"Demo {s.role.value.replace('_', ' ')}",
                password=s.password,
                grants=[(s.role, None if s.role is Role.ADMINISTRATOR else home)],
            )
            for s in DEMO_SIGN_INS
        }
        for kind, name, phone in DEMO_CONTACTS:
            facilities.add_contact(
                facility_id=home.id,
                kind=kind,
                name=name,
                phone=phone,
                actor=staff[Role.ADMINISTRATOR],
            )
        for band, stage, locale in (
            (AgeBand.YOUNGER, Stage.ARRIVING, "km"),
            (AgeBand.OLDER, Stage.STAYING, "my"),
            (AgeBand.OLDER, Stage.MOVING_ON, "lo"),
        ):
            cases.open_case(
                facility=home,
                age_band=band,
                stage=stage,
                preferred_locale=locale,
                from_another_country=locale != "th",
                case_worker=staff[Role.CASE_WORKER],
            )
        tablets.enrol_tablet(facility=home, label="Living room tablet")
    return True
