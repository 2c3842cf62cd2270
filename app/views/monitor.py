"""The independent monitoring body's area."""

from flask import Blueprint, render_template

from app.access import current_staff, requires_role
from app.models import Role
from app.services import accounts

bp = Blueprint("monitor", __name__, url_prefix="/monitor")


@bp.get("/")
@requires_role(Role.MONITOR)
def index() -> str:
    """The monitor's home page: the homes they oversee."""
    user = current_staff()
    return render_template(
        "monitor/index.html", user=user, homes=accounts.facilities_for(user, Role.MONITOR)
    )
