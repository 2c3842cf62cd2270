"""Administrators change Kite's settings: the small-number threshold, retention, timeouts."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app.access import current_staff, requires_role
from app.forms import SettingsForm, refills_form
from app.models import Role
from app.services import audit, settings

bp = Blueprint("admin_settings", __name__, url_prefix="/admin/settings")


@bp.route("/", methods=["GET", "POST"])
@requires_role(Role.ADMINISTRATOR)
@refills_form
def edit():  # type: ignore[no-untyped-def]
    """Show and change the settings; nothing is saved unless every value is allowed."""
    form = SettingsForm(obj=settings.current())
    if not form.is_submitted():
        audit.record(
            actor=current_staff(), action="settings.view", object_type="settings", object_id=1
        )
    if form.validate_on_submit():
        values = {name: form[name].data for name in settings.LIMITS}
        try:
            settings.update(actor=current_staff(), **values)
        except settings.SettingsError as error:
            form[error.field].errors.append(error.message)
        else:
            flash(_("Settings saved."))
            return redirect(url_for("admin_settings.edit"), code=303)
    return render_template("admin/settings.html", form=form, limits=settings.LIMITS)
