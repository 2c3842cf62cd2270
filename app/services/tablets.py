"""Tablets: shared devices enrolled to one home, each with its own revocable secret."""

import hashlib
import secrets

from app.extensions import db
from app.models import Facility, Tablet


def _digest(secret: str) -> str:
    # The secret is 256 random bits, so a fast hash is enough; argon2 is for passwords.
    return hashlib.sha256(secret.encode()).hexdigest()


def enrol_tablet(*, facility: Facility, label: str) -> tuple[Tablet, str]:
    """Enrol a tablet to a home; returns it and its secret, which is shown only this once."""
    secret = secrets.token_urlsafe(32)
    tablet = Tablet(facility=facility, label=label, secret_hash=_digest(secret))
    db.session.add(tablet)
    db.session.flush()
    return tablet, secret
