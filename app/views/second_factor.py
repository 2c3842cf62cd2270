"""The second step of signing in for home managers, monitors and administrators."""

import time

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from app.access import public
from app.extensions import limiter
from app.forms import SecondFactorForm, refills_form
from app.models import StaffUser
from app.services import accounts, two_factor
from app.views.sign_in_steps import begin_session, safe_next

bp = Blueprint("second_factor", __name__, url_prefix="/sign-in")
PENDING_SECONDS = 10 * 60
LIMITS = "5 per 15 minutes;10 per hour;20 per day"


def ask_for(user: StaffUser):  # type: ignore[no-untyped-def]
    """The password was right: remember who is half signed in, then ask for the second step."""
    next_url = request.args.get("next")
    session.clear()
    session["pending_staff"], session["pending_since"] = user.id, int(time.time())
    step = "second_factor.enter_code" if two_factor.is_set_up(user) else "second_factor.set_up"
    return redirect(url_for(step, next=next_url), code=303)


def _pending_user() -> StaffUser | None:
    since = session.get("pending_since", 0)
    if time.time() - since > PENDING_SECONDS:
        return None
    return accounts.get_active_user(session.get("pending_staff", 0))


def _pending_key() -> str:
    return f"second-factor:{session.get('pending_staff')}"


def _wrong_code() -> bool:
    return bool(g.get("wrong_code"))


# Only wrong codes count towards the limit, per half-signed-in account.
throttled = limiter.limit(
    LIMITS, methods=["POST"], key_func=_pending_key, deduct_when=lambda _r: _wrong_code()
)


def _refuse(form: SecondFactorForm) -> None:
    g.wrong_code = True
    form.code.errors.append(_("That code is not right. A new code appears every 30 seconds."))


@bp.route("/two-factor", methods=["GET", "POST"])
@throttled
@refills_form
@public
def enter_code():  # type: ignore[no-untyped-def]
    """Ask for the authenticator code (or a recovery code)."""
    user = _pending_user()
    if user is None:
        return redirect(url_for("auth.sign_in"), code=303)
    form = SecondFactorForm()
    if form.validate_on_submit():
        if two_factor.verify(user, form.code.data):
            begin_session(user)
            return redirect(safe_next(request.args.get("next")), code=303)
        _refuse(form)
    return render_template("auth/two_factor.html", form=form)


@bp.route("/set-up-two-factor", methods=["GET", "POST"])
@throttled
@refills_form
@public
def set_up():  # type: ignore[no-untyped-def]
    """First sign-in: scan the QR code, prove it with a code, keep the recovery codes."""
    user = _pending_user()
    if user is None:
        return redirect(url_for("auth.sign_in"), code=303)
    if two_factor.is_set_up(user):
        return redirect(url_for("second_factor.enter_code", next=request.args.get("next")))
    secret = two_factor.pending_secret(user)
    form = SecondFactorForm()
    if form.validate_on_submit():
        codes = two_factor.confirm_setup(user, form.code.data)
        if codes is not None:
            begin_session(user)
            return render_template(
                "auth/recovery_codes.html",
                codes=codes,
                next_url=safe_next(request.args.get("next")),
            )
        _refuse(form)
    return render_template(
        "auth/set_up_two_factor.html", form=form, secret=secret, qr=two_factor.qr_code(user, secret)
    )
