"""Names shown to people for the values Kite stores."""

from flask_babel import lazy_gettext as _l

from app.models import ContactKind, FacilityKind, Role

ROLE_LABELS = {
    Role.CAREGIVER: _l("Caregiver"),
    Role.CASE_WORKER: _l("Case worker"),
    Role.HOME_MANAGER: _l("Home manager"),
    Role.MONITOR: _l("Monitor (independent body)"),
    Role.ADMINISTRATOR: _l("Administrator"),
}

FACILITY_KIND_LABELS = {
    FacilityKind.SHELTER: _l("Shelter"),
    FacilityKind.FOSTER_NETWORK: _l("Foster network"),
    FacilityKind.SMALL_GROUP_HOME: _l("Small group home"),
    FacilityKind.SUPPORTED_LIVING: _l("Supported living"),
}

CONTACT_KIND_LABELS = {
    # Translators: shown to children next to a phone number.
    ContactKind.CHILD_HELPLINE: _l("Child helpline"),
    ContactKind.GUARDIANS_OFFICE: _l("Guardians' office"),
    ContactKind.INDEPENDENT_BODY: _l("The outside visitors"),
    ContactKind.EMERGENCY: _l("Emergency"),
    ContactKind.OTHER: _l("Other help"),
}

# The stages of care in a child's words, by their name in the child's URL (see app.content).
STAGE_WORDS = {
    "arriving": _l("I have just come here"),
    # Translators: the stage of care after arriving: living in the home and healing.
    "staying": _l("I am staying here and getting better"),
    "moving-on": _l("I am getting ready to leave"),
    "all": _l("Show me all my rights"),
}

# The two reading levels, for staff.
LEVEL_LABELS = {
    "younger": _l("Younger (about 6–11)"),
    "older": _l("Older (about 12–17)"),
}
