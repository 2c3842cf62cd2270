"""Every member of staff's own account: changing their password."""

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from app.access import current_staff, requires_role
from app.extensions import limiter
from app.forms import ChangePasswordForm, refills_form
from app.models import Role
from app.services import accounts

bp = Blueprint("account", __name__, url_prefix="/account")


def _account_key() -> str:
    staff = current_staff()
    return f"password-change:{staff.id if staff else 'none'}"


@bp.route("/password", methods=["GET", "POST"])
@requires_role(*Role)
@limiter.limit(
    "5 per 15 minutes",
    methods=["POST"],
    key_func=_account_key,
    deduct_when=lambda _response: bool(g.get("wrong_password")),
)
@refills_form
def change_password():  # type: ignore[no-untyped-def]
    """Change your password; you, and every copy of your session, are then signed out."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_own_password(
                user=current_staff(), current=form.current.data, new_password=form.password.data
            )
        except accounts.AccountError as error:
            g.wrong_password = error.field == "current"
            form[error.field].errors.append(error.message)
        else:
            flash(_("Your password is changed. Sign in again with your new password."))
            return redirect(url_for("auth.sign_in"), code=303)
    return render_template("account/password.html", form=form)
