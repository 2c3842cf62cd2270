"""Settings administrators change while Kite runs: one row, checked against firm limits."""

from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import Settings, StaffUser
from app.services import audit

# name -> (lowest, highest). The small-number threshold never goes below 5.
LIMITS = {
    "small_number_threshold": (5, 100),
    "answer_retention_months": (1, 120),
    "audit_retention_months": (12, 240),
    "staff_idle_minutes": (5, 240),
    "staff_absolute_hours": (1, 24),
    "child_idle_seconds": (120, 180),
    "concern_now_minutes": (5, 60),
    "concern_today_hours": (1, 24),
}


class SettingsError(ValueError):
    """A setting outside its limits: a message for people, and the setting it is about."""

    def __init__(self, message: object, field: str) -> None:
        super().__init__(message)
        self.message, self.field = message, field


def current() -> Settings:
    """The settings in force now."""
    return db.session.get(Settings, 1)


def update(*, actor: StaffUser, **values: int) -> Settings:
    """Change settings within their limits; audited. Nothing is saved if any value is refused."""
    for name, value in values.items():
        lowest, highest = LIMITS[name]
        if not lowest <= value <= highest:
            raise SettingsError(
                _l("Choose a number from %(low)d to %(high)d.", low=lowest, high=highest), name
            )
    idle = values.get("staff_idle_minutes", current().staff_idle_minutes)
    absolute = values.get("staff_absolute_hours", current().staff_absolute_hours)
    if idle >= absolute * 60:
        raise SettingsError(
            _l("The idle time must be shorter than the longest session."), "staff_idle_minutes"
        )
    with db.writing() as session:
        row = session.get(Settings, 1)
        for name, value in values.items():
            setattr(row, name, value)
        audit.record(actor=actor, action="settings.update", object_type="settings", object_id=1)
    return row
