"""The administrators' area: homes, staff accounts, settings."""

from datetime import UTC, datetime, time, timedelta

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from app import content
from app.access import current_staff, requires_role
from app.forms import AuditFilterForm
from app.labels import LEVEL_LABELS
from app.models import Role
from app.services import audit, concern_routes, facilities, narrations

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
@requires_role(Role.ADMINISTRATOR)
def index() -> str:
    """The administrator's home page."""
    return render_template(
        "admin/index.html",
        homes=facilities.list_facilities(),
        routing_problems=concern_routes.configuration_problems(),
    )


@bp.get("/audit")
@requires_role(Role.ADMINISTRATOR)
def audit_trail() -> str:
    """Browse and filter the audit trail, newest first; looking is itself audited."""
    form = AuditFilterForm(request.args)
    form.action.choices = [("", _("All actions"))] + [(a, a) for a in audit.actions()]
    form.validate()
    page = request.args.get("page", 1, type=int) or 1
    since = datetime.combine(form.since.data, time(), UTC) if form.since.data else None
    until = form.until.data and datetime.combine(form.until.data + timedelta(days=1), time(), UTC)
    events = audit.browse(action=form.action.data or None, since=since, until=until, page=page)
    user = current_staff()
    audit.record(
        actor=user,
        action="audit.view",
        object_type="audit_trail",
    )
    return render_template(
        "admin/audit.html", form=form, events=events, page=page, more=len(events) == audit.PAGE_SIZE
    )


@bp.get("/translations")
@requires_role(Role.ADMINISTRATOR)
def translations() -> str:
    """Each card in each language: written or not, draft or reviewed, narrated or not."""
    return render_template(
        "admin/translations.html",
        cards=content.all_cards(),
        levels=content.LEVELS,
        level_labels=LEVEL_LABELS,
        recorded=narrations.recorded(),
    )
