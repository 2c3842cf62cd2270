"""Flask-WTF forms: lazy strings at class level; the domain rules live in services."""

from collections.abc import Callable
from typing import Any

from flask import g
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional

REFILLS_FORM = "kite_refills_form"
TOKEN_REFUSED = "kite_token_refused"  # noqa: S105 (a g attribute name, not a secret)
EXPIRED = _l(
    "This form had expired, so nothing was sent. Check what you entered and send it again."
)


def token_refused() -> bool:
    """Whether this request's form token was missing or expired (the view is being re-run to
    show the form again, and must change nothing)."""
    return bool(g.get(TOKEN_REFUSED))


def refills_form(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view whose KiteForm can be shown again, filled in, when its token has expired."""
    setattr(view, REFILLS_FORM, True)
    return view


class KiteForm(FlaskForm):
    """Kite's base form: a missing or expired token is one plain error; the typing is kept."""

    def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def]
        """Validate as usual, speaking plainly about the token."""
        valid = super().validate(extra_validators)
        if self.meta.csrf and self.csrf_token.errors:
            self.csrf_token.errors = [EXPIRED]
        return valid


class SignInForm(KiteForm):
    """Staff sign-in."""

    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(_l("Enter your email address")), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password")), Length(max=128)],
    )


class AuditFilterForm(KiteForm):
    """Filters for browsing the audit trail (a GET form: it changes nothing)."""

    class Meta:
        csrf = False

    action = SelectField(_l("Action"), validators=[Optional()], validate_choice=False)
    since = DateField(_l("From (UTC)"), validators=[Optional()])
    until = DateField(_l("Up to and including (UTC)"), validators=[Optional()])


class SecondFactorForm(KiteForm):
    """A code from the authenticator app, or a recovery code."""

    code = StringField(
        _l("Code"),
        validators=[DataRequired(_l("Enter the code")), Length(max=20)],
    )


class HomeForm(KiteForm):
    """A home's details. Choices are filled in by the view (they depend on the page language)."""

    name = StringField(
        _l("Name"), validators=[DataRequired(_l("Enter the home's name")), Length(max=120)]
    )
    code = StringField(
        _l("Code"), validators=[DataRequired(_l("Enter a short code")), Length(min=2, max=16)]
    )
    country = SelectField(_l("Country"), validators=[DataRequired(_l("Choose a country"))])
    default_locale = SelectField(_l("Language children see first"))
    kind = SelectField(_l("Kind of home"))


class HelpContactForm(KiteForm):
    """A help number shown to the home's children."""

    kind = SelectField(_l("Who it is"))
    name = StringField(
        _l("Name shown to children"), validators=[DataRequired(_l("Enter a name")), Length(max=120)]
    )
    phone = StringField(
        _l("Phone number"), validators=[DataRequired(_l("Enter a phone number")), Length(max=40)]
    )


class ConcernRoutesForm(KiteForm):
    """Where a home's concerns go, per topic; the view adds one choice per topic it may set."""


def concern_routes_form(topics: dict[str, object], choices: list, **data: object) -> KiteForm:
    """A ConcernRoutesForm with a choice of route for each of these topics (value: label)."""
    fields = {
        value: SelectField(label, validators=[InputRequired()]) for value, label in topics.items()
    }
    form = type("HomeConcernRoutesForm", (ConcernRoutesForm,), fields)(prefix="routes", data=data)
    for value in topics:
        form[value].choices = choices
    return form


class OfflineLanguagesForm(KiteForm):
    """The languages a home's tablets keep to read offline; the view sets the choices."""

    locales = SelectMultipleField(_l("Languages tablets keep offline"))


class InviteForm(KiteForm):
    """A new member of staff: who they are and what they may do. Choices come from the view."""

    display_name = StringField(
        _l("Name"), validators=[DataRequired(_l("Enter their name")), Length(max=120)]
    )
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(_l("Enter their email address")), Length(max=254)],
    )
    role = SelectField(_l("Role"))
    homes = SelectMultipleField(_l("Homes"), coerce=int)


class SetPasswordForm(KiteForm):
    """Choosing a password, from an invitation."""

    password = PasswordField(
        _l("New password"), validators=[DataRequired(_l("Enter a password")), Length(max=128)]
    )
    confirm = PasswordField(
        _l("The same password again"),
        validators=[
            DataRequired(_l("Enter the password again")),
            EqualTo("password", _l("The two passwords are not the same")),
        ],
    )


class SettingsForm(KiteForm):
    """The settings administrators may change; the limits are the service's."""

    small_number_threshold = IntegerField(
        _l("Smallest count ever shown (K)"), validators=[InputRequired(_l("Enter a number"))]
    )
    answer_retention_months = IntegerField(
        _l("Keep children's answers for (months)"), validators=[InputRequired(_l("Enter a number"))]
    )
    audit_retention_months = IntegerField(
        _l("Keep the audit trail for (months)"), validators=[InputRequired(_l("Enter a number"))]
    )
    staff_idle_minutes = IntegerField(
        _l("Sign staff out after this many idle minutes"),
        validators=[InputRequired(_l("Enter a number"))],
    )
    staff_absolute_hours = IntegerField(
        _l("Sign staff out after this many hours in any case"),
        validators=[InputRequired(_l("Enter a number"))],
    )
    child_idle_seconds = IntegerField(
        _l("Start a child's tablet again after this many seconds untouched"),
        validators=[InputRequired(_l("Enter a number"))],
    )
    concern_now_minutes = IntegerField(
        _l("A call for help “now” must be taken on within (minutes)"),
        validators=[InputRequired(_l("Enter a number"))],
    )
    concern_today_hours = IntegerField(
        _l("A call for help “today” must be taken on within (hours)"),
        validators=[InputRequired(_l("Enter a number"))],
    )


class ChangePasswordForm(SetPasswordForm):
    """Changing one's own password: the current one first."""

    current = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password")), Length(max=128)],
    )


class NarrationForm(KiteForm):
    """A recording of one card read aloud: made in the browser, or a file from elsewhere."""

    recording = FileField(
        _l("Sound file"), validators=[FileRequired(_l("Record the card, or choose a sound file"))]
    )


class EnrolTabletForm(KiteForm):
    """Which home a new tablet joins, and a name to tell it apart. Choices: the staff's homes."""

    home = SelectField(_l("Home"), coerce=int)
    label = StringField(
        _l("Name of the tablet"),
        validators=[
            DataRequired(_l("Give the tablet a name, such as “Living room”")),
            Length(max=60),
        ],
    )


class RedeemCodeForm(KiteForm):
    """The one-time code, typed on the tablet."""

    code = StringField(
        _l("Code"),
        validators=[DataRequired(_l("Type the code from the staff page")), Length(max=20)],
    )


class OpenCaseForm(KiteForm):
    """A new case: only the few facts care needs. There is nowhere to write a child's name."""

    home = SelectField(_l("Home"), coerce=int)
    age_band = SelectField(_l("Reading level"))
    stage = SelectField(_l("Stage of care"))
    preferred_locale = SelectField(_l("The child's language"))
    from_another_country = BooleanField(_l("The child comes from another country"))


class StageForm(KiteForm):
    """Move a case to another stage of care."""

    stage = SelectField(_l("Stage of care"))


class ReplyForm(KiteForm):
    """How the child's views were weighed, and what the child was told, in the child's language."""

    weighed = TextAreaField(
        _l("How their views were weighed in the decision"),
        validators=[DataRequired(_l("Say how the child's views were weighed")), Length(max=2000)],
    )
    told = TextAreaField(
        _l("What you tell the child (they read this, in their language)"),
        validators=[DataRequired(_l("Write what the child will read")), Length(max=1000)],
    )


class ConcernNoteForm(KiteForm):
    """A note on what was done about a concern."""

    text = TextAreaField(
        _l("Note"),
        validators=[DataRequired(_l("Write the note first")), Length(max=2000)],
    )


class CloseConcernForm(KiteForm):
    """The outcome of a concern, recorded as it closes."""

    outcome = TextAreaField(
        _l("What happened (the outcome)"),
        validators=[DataRequired(_l("Write what happened")), Length(max=2000)],
    )
