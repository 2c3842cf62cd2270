"""Names shown to people for the values Kite stores."""

from flask_babel import lazy_gettext as _l

from app.models import Role

ROLE_LABELS = {
    Role.CAREGIVER: _l("Caregiver"),
    Role.CASE_WORKER: _l("Case worker"),
    Role.HOME_MANAGER: _l("Home manager"),
    Role.MONITOR: _l("Monitor (independent body)"),
    Role.ADMINISTRATOR: _l("Administrator"),
}
