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

# Who hears a child's answer (invariant 2), in a child's words.
AUDIENCE_WORDS = {
    "count": _l("Just count it"),
    "case": _l("My case worker"),
    "visitors": _l("The outside visitors"),
}
AUDIENCE_HINTS = {
    "count": _l("Nobody sees that it was you. Your answer is added to everyone's."),
    "case": _l("Your case worker reads it and tells you what they did with it."),
    "visitors": _l("People from outside who check that this home is good for children."),
}
# The fixed answers of each kind of question, in a child's words.
ANSWER_WORDS = {
    "good": _l("Good"),
    "okay": _l("Okay"),
    "not-good": _l("Not good"),
    "always": _l("Always"),
    "mostly": _l("Mostly"),
    "sometimes": _l("Sometimes"),
    "rarely": _l("Not often"),
    "never": _l("Never"),
    "yes": _l("Yes"),
    "no": _l("No"),
    "not-sure": _l("Not sure"),
    "skip": _l("I don't want to answer"),
}

# The stages of care, for staff.
STAGE_LABELS = {
    "arriving": _l("Arriving (intake and assessment)"),
    "staying": _l("Staying and getting better"),
    "moving_on": _l("Moving on (integration)"),
}

# "I need help": what a child can pick, each with a picture (Twemoji codes in img/emoji).
HELP_ASKED = {
    "here": (_l("Someone here"), "1f9d1-1f3fd-200d-1f91d-200d-1f9d1-1f3ff"),
    "visitors": (_l("The outside visitors"), "1f50e"),
    "unknown": (_l("I don't know"), "1f937-1f3fd"),
}
HELP_URGENCY = {
    "now": (_l("Now"), "23f0"),
    "today": (_l("Today"), "1f31e"),
}
HELP_TOPICS = {
    "unsafe": (_l("I feel unsafe"), "1f628"),
    "hurt": (_l("Someone hurt me"), "1fa79"),
    "sick": (_l("I feel sick"), "1f912"),
    "sad": (_l("I am very sad"), "1f622"),
    "going_home": (_l("I want to talk about going home"), "1f3e1"),
    "other": (_l("Something else"), "1f4ac"),
}
# Where a home's concerns go, for administrators.
ROUTE_LABELS = {
    "home": _l("The home's safeguarding leads, and the child's case worker"),
    "monitors": _l("The monitors (the independent body)"),
}
HELP_PICTURES = {
    picture for group in (HELP_ASKED, HELP_URGENCY, HELP_TOPICS) for _, picture in group.values()
}
