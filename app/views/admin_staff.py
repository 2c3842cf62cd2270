"""Administrators keep the staff accounts: invite, see roles and homes, deactivate."""

from flask import Blueprint, abort, redirect, render_template, url_for

from app.access import current_staff, requires_role
from app.forms import InviteForm, refills_form
from app.labels import ROLE_LABELS
from app.models import Role
from app.services import accounts, audit, facilities, invitations

bp = Blueprint("admin_staff", __name__, url_prefix="/admin/staff")


def _link(token: str) -> str:
    return url_for("auth.accept_invitation", token=token, _external=True)


def _user_or_404(user_id: int):  # type: ignore[no-untyped-def]
    return accounts.get_user(user_id) or abort(404)


@bp.get("/")
@requires_role(Role.ADMINISTRATOR)
def index() -> str:
    """Every account with its roles, homes and state."""
    return render_template(
        "admin/staff.html", users=accounts.list_staff(), is_invited=accounts.is_invited
    )


@bp.route("/new", methods=["GET", "POST"])
@requires_role(Role.ADMINISTRATOR)
@refills_form
def new():  # type: ignore[no-untyped-def]
    """Invite someone: the page then shows the one-time link to hand over."""
    form = InviteForm()
    form.role.choices = [(role.value, str(label)) for role, label in ROLE_LABELS.items()]
    form.homes.choices = [(h.id, f"{h.name} ({h.code})") for h in facilities.list_facilities()]
    if form.validate_on_submit():
        homes = [facilities.get_facility(home_id) for home_id in form.homes.data]
        try:
            user, token = invitations.invite(
                email=form.email.data,
                display_name=form.display_name.data,
                role=Role(form.role.data),
                homes=homes,
                actor=current_staff(),
            )
        except accounts.AccountError as error:
            form[error.field].errors.append(error.message)
        else:
            return render_template(
                "admin/invitation.html",
                user=user,
                link=_link(token),
                days=invitations.VALID_FOR.days,
            )
    return render_template("admin/staff_new.html", form=form)


@bp.get("/<int:user_id>")
@requires_role(Role.ADMINISTRATOR)
def show(user_id: int) -> str:
    """One account: roles, homes, state, and what can be done. Looking is audited."""
    user = _user_or_404(user_id)
    audit.record(
        actor=current_staff(), action="account.view", object_type="staff_user", object_id=user.id
    )
    return render_template("admin/staff_member.html", user=user, is_invited=accounts.is_invited)


@bp.post("/<int:user_id>/invitation")
@requires_role(Role.ADMINISTRATOR)
def invite_again(user_id: int):  # type: ignore[no-untyped-def]
    """A fresh one-time link for someone who has not set a password yet."""
    user = _user_or_404(user_id)
    if not accounts.is_invited(user):  # already joined: nothing to hand over
        return redirect(url_for("admin_staff.show", user_id=user_id), code=303)
    token = invitations.reissue(user=user, actor=current_staff())
    return render_template(
        "admin/invitation.html", user=user, link=_link(token), days=invitations.VALID_FOR.days
    )


@bp.post("/<int:user_id>/active")
@requires_role(Role.ADMINISTRATOR)
def toggle_active(user_id: int):  # type: ignore[no-untyped-def]
    """Deactivate (ending every session at once) or reactivate an account."""
    user = _user_or_404(user_id)
    if user.id == current_staff().id:
        abort(403)  # nobody locks themselves out
    accounts.set_active(user=user, active=not user.active, actor=current_staff())
    return redirect(url_for("admin_staff.show", user_id=user_id), code=303)
