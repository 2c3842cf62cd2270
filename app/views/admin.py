"""The administrators' area: homes, staff accounts, settings."""

from flask import Blueprint, render_template

from app.access import requires_role
from app.models import Role
from app.services import facilities

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
@requires_role(Role.ADMINISTRATOR)
def index() -> str:
    """The administrator's home page."""
    return render_template("admin/index.html", homes=facilities.list_facilities())
