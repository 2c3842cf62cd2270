"""The care area: caregivers, case workers and home managers of one home."""

from flask import Blueprint, render_template

from app.access import current_staff, requires_role
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
    )
