"""Tablets: shared devices enrolled to one home, each with its own revocable secret.

Staff make a one-time enrolment code (shown as text and as a QR code); the tablet redeems it
and keeps its credential, "<tablet id>.<secret>", in a long-lived cookie. Kite stores only a
hash of the secret. A tablet knows its home and nothing about any child, and no answer is ever
linked to it.
"""

import hashlib
import hmac
import secrets
import uuid
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Facility, StaffUser, Tablet, TabletEnrolment, utcnow
from app.services import audit
from app.services.cases import CODE_ALPHABET, readable_code

ENROLMENT_LIFETIME = timedelta(minutes=30)
# Writing "last seen" on every page would make each child page a write; once in a while is enough.
SEEN_EVERY = timedelta(minutes=5)


class TabletError(ValueError):
    """An enrolment Kite refuses; the message says why, plainly."""


def _digest(secret: str) -> str:
    # The secrets are random (256 bits; codes 40 bits, short-lived, single use and throttled),
    # so a fast hash is enough; argon2 is for passwords people choose.
    return hashlib.sha256(secret.encode()).hexdigest()


def _normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch in CODE_ALPHABET)


def enrol_tablet(*, facility: Facility, label: str) -> tuple[Tablet, str]:
    """Enrol a tablet to a home; returns it and its credential, which is shown only this once."""
    secret = secrets.token_urlsafe(32)
    tablet = Tablet(facility=facility, label=label, secret_hash=_digest(secret))
    db.session.add(tablet)
    db.session.flush()
    return tablet, f"{tablet.id}.{secret}"


def start_enrolment(*, facility: Facility, label: str, by: StaffUser) -> str:
    """A one-time code for a tablet to join this home within ENROLMENT_LIFETIME; audited."""
    code = readable_code()
    with db.writing() as session:
        enrolment = TabletEnrolment(
            facility=facility,
            label=label.strip()[:60],
            code_hash=_digest(_normalise(code)),
            created_by_id=by.id,
            expires_at=utcnow() + ENROLMENT_LIFETIME,
        )
        session.add(enrolment)
        session.flush()
        audit.record(
            actor=by, action="tablet.enrolment_code", object_type="facility", object_id=facility.id
        )
    return code


def redeem(code: str) -> tuple[Tablet, str]:
    """Enrol this device with a code staff made; returns the tablet and its credential."""
    with db.writing() as session:
        enrolment = session.scalar(
            select(TabletEnrolment)
            .where(TabletEnrolment.code_hash == _digest(_normalise(code)))
            .with_for_update()
        )
        if enrolment is None or enrolment.used_at is not None or enrolment.expires_at < utcnow():
            raise TabletError(
                _l("This code does not work. It may be used already or too old. Ask for a new one.")
            )
        enrolment.used_at = utcnow()
        tablet, credential = enrol_tablet(facility=enrolment.facility, label=enrolment.label)
        audit.record(actor=None, action="tablet.enrol", object_type="tablet", object_id=tablet.id)
    return tablet, credential


def from_credential(credential: str | None) -> Tablet | None:
    """The enrolled, unrevoked tablet this credential belongs to; its last-seen time kept fresh."""
    tablet_id, _, secret = (credential or "").partition(".")
    try:
        key = uuid.UUID(tablet_id)
    except ValueError:
        return None
    tablet = db.session.get(
        Tablet, key, options=[joinedload(Tablet.facility).lazyload(Facility.contacts)]
    )
    if tablet is None or tablet.revoked_at is not None:
        return None
    if not hmac.compare_digest(tablet.secret_hash, _digest(secret)):
        return None
    if tablet.last_seen_at is None or utcnow() - tablet.last_seen_at > SEEN_EVERY:
        with db.writing():
            tablet.last_seen_at = utcnow()
    return tablet


def of_homes(facility_ids: list[int]) -> list[Tablet]:
    """The tablets of these homes, newest first."""
    return list(
        db.session.scalars(
            select(Tablet)
            .where(Tablet.facility_id.in_(facility_ids))
            .order_by(Tablet.enrolled_at.desc())
        )
    )


def of_home(tablet_id: uuid.UUID, facility_ids: set[int]) -> Tablet | None:
    """The tablet with this id, if it belongs to one of these homes."""
    tablet = db.session.get(Tablet, tablet_id)
    return tablet if tablet is not None and tablet.facility_id in facility_ids else None


def revoke(tablet: Tablet, *, by: StaffUser) -> None:
    """Stop a tablet from sending anything; it can still show rights like any device. Audited."""
    with db.writing():
        if tablet.revoked_at is None:
            tablet.revoked_at = utcnow()
            audit.record(
                actor=by, action="tablet.revoke", object_type="tablet", object_id=tablet.id
            )
