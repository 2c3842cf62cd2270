"""Staff sign-in and sign-out."""

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from app.access import current_staff, public
from app.extensions import limiter
from app.forms import SetPasswordForm, SignInForm, refills_form
from app.services import accounts, invitations, two_factor
from app.views import second_factor
from app.views.sign_in_steps import begin_session, safe_next

bp = Blueprint("auth", __name__)


# Stacked windows make each further failure cost a longer wait. Only failures count, and an
# unknown email is counted exactly like a known one, so the limit says nothing about accounts.
ACCOUNT_LIMITS = "5 per 15 minutes;10 per hour;20 per day"
ADDRESS_LIMITS = "20 per minute;60 per hour;200 per day"


def _attempted_account() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()[:254]


def _failed(response: Response) -> bool:
    return response.status_code != 303


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(ADDRESS_LIMITS, methods=["POST"], deduct_when=_failed)
@limiter.limit(ACCOUNT_LIMITS, methods=["POST"], key_func=_attempted_account, deduct_when=_failed)
@refills_form
@public
def sign_in():  # type: ignore[no-untyped-def]
    """Sign in with email and password; the same message whether or not the account exists."""
    form = SignInForm()
    error = None
    if form.validate_on_submit():
        user = accounts.authenticate(email=form.email.data, password=form.password.data)
        if user is not None and two_factor.required_for(user):
            return second_factor.ask_for(user)
        if user is not None:
            begin_session(user)
            return redirect(safe_next(request.args.get("next")), code=303)
        error = _("The email address or password is not right.")
    return render_template("auth/sign_in.html", form=form, error=error)


@bp.post("/sign-out")
@public
def sign_out():  # type: ignore[no-untyped-def]
    """Sign out: the server-side session ends, so a copied cookie is refused too."""
    accounts.sign_out(current_staff(), session.get("sid"))
    session.clear()
    return redirect(url_for("auth.sign_in"), code=303)


@bp.route("/invitation/<string:token>", methods=["GET", "POST"])
@limiter.limit(ADDRESS_LIMITS, methods=["POST"], deduct_when=_failed)
@refills_form
@public
def accept_invitation(token: str):  # type: ignore[no-untyped-def]
    """A new member of staff chooses their password through their one-time link."""
    invitation = invitations.open_invitation(token)
    if invitation is None:
        return render_template("auth/invitation_closed.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            invitations.accept(invitation=invitation, password=form.password.data)
        except accounts.AccountError as error:
            form.password.errors.append(error.message)
        else:
            flash(_("Your password is set. Sign in to start."))
            return redirect(url_for("auth.sign_in"), code=303)
    return render_template("auth/accept_invitation.html", form=form, user=invitation.user)
