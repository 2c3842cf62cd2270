"""The "I need help" form's fields, read by one function for the live page and for a call a
tablet kept in its outbox: who should come, how soon, what about, and the child's words."""

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from app.labels import HELP_ASKED, HELP_TOPICS, HELP_URGENCY
from app.models import Asked, Topic, Urgency
from app.services.concerns import Call


class HelpFormError(ValueError):
    """Choices that do not fit; ``errors`` maps each field to a message for the child."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def read(form: MultiDict) -> Call:
    """The call for help in these fields; HelpFormError unless every choice fits."""
    asked, urgency = form.get("asked", ""), form.get("urgency", "")
    topic = form.get("topic", "")
    errors = {}
    if asked not in HELP_ASKED:
        errors["asked"] = str(_l("Please choose who should come."))
    if urgency not in HELP_URGENCY:
        errors["urgency"] = str(_l("Please choose how soon."))
    if topic not in ("", *HELP_TOPICS):
        errors["topic"] = str(_l("Please choose again what it is about."))
    if errors:
        raise HelpFormError(errors)
    return Call(
        asked=Asked(asked),
        urgency=Urgency(urgency),
        topic=Topic(topic or "not_said"),
        words=form.get("words", ""),
    )
