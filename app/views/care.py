"""The care area: caregivers, case workers and home managers of one home."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app import visits
from app.access import current_staff, current_tablet, requires_role
from app.forms import KiteForm
from app.models import Role
from app.services import accounts

bp = Blueprint("care", __name__, url_prefix="/care")
CARE_ROLES = (Role.CAREGIVER, Role.CASE_WORKER, Role.HOME_MANAGER)


@bp.get("/")
@requires_role(*CARE_ROLES)
def index() -> str:
    """The care home page: who you are and the homes you work in."""
    user = current_staff()
    return render_template(
        "care/index.html",
        user=user,
        homes=accounts.facilities_for(user, *CARE_ROLES),
        roles=accounts.role_names(user),
        works_on_cases=accounts.holds_any(user, (Role.CASE_WORKER, Role.HOME_MANAGER)),
        plain_form=KiteForm(),
    )


@bp.post("/helped")
@requires_role(*CARE_ROLES)
def helped():  # type: ignore[no-untyped-def]
    """On the home's tablet: sign out and start a helped session for a younger child."""
    user = current_staff()
    tablet = current_tablet()
    homes = {home.id for home in accounts.facilities_for(user, *CARE_ROLES)}
    if not KiteForm().validate_on_submit():
        return redirect(url_for("care.index"), 303)
    if tablet is None or tablet.facility_id not in homes:
        flash(_("Start a helped session on one of your home's tablets."))
        return redirect(url_for("care.index"), 303)
    visits.hand_to_child(user, **{visits.HELPED: True})
    return redirect(url_for("child.languages"), 303)
