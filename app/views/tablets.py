"""Tablets: staff enrol their home's shared tablets with a one-time code, see them, revoke them."""

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from app.access import TABLET_COOKIE, current_staff, current_tablet, public, requires_role
from app.extensions import limiter
from app.forms import EnrolTabletForm, KiteForm, RedeemCodeForm, refills_form
from app.models import Role
from app.qr import qr_svg
from app.services import accounts, tablets

bp = Blueprint("tablets", __name__)
TABLET_ROLES = (Role.CAREGIVER, Role.CASE_WORKER, Role.HOME_MANAGER)
CREDENTIAL_LIFETIME = 5 * 365 * 24 * 3600  # seconds; revoking is how a tablet is stopped


def _homes():  # type: ignore[no-untyped-def]
    return accounts.facilities_for(current_staff(), *TABLET_ROLES)


@bp.route("/care/tablets/", methods=["GET", "POST"])
@requires_role(*TABLET_ROLES)
@refills_form
def index():  # type: ignore[no-untyped-def]
    """The tablets of your homes; sending the form makes a one-time code, shown once, here."""
    homes = {home.id: home for home in _homes()}
    form = EnrolTabletForm()
    form.home.choices = [(home.id, home.name) for home in homes.values()]
    if form.validate_on_submit():
        home = homes[form.home.data]
        code = tablets.start_enrolment(facility=home, label=form.label.data, by=current_staff())
        link = url_for("tablets.join", code=code, _external=True)
        return render_template(
            "tablets/code.html",
            code=code,
            home=home,
            link=link,
            qr=qr_svg(link, "join-help"),
            minutes=int(tablets.ENROLMENT_LIFETIME.total_seconds() // 60),
        )
    return render_template(
        "tablets/index.html",
        tablets=tablets.of_homes(list(homes)),
        form=form,
        revoke_form=KiteForm(),
    )


@bp.post("/care/tablets/<uuid:tablet_id>/revoke")
@requires_role(*TABLET_ROLES)
def revoke(tablet_id):  # type: ignore[no-untyped-def]
    """Stop a lost or replaced tablet from sending anything."""
    tablet = tablets.of_home(tablet_id, {home.id for home in _homes()}) or abort(404)
    if KiteForm().validate_on_submit():
        tablets.revoke(tablet, by=current_staff())
        flash(_("Tablet “%(label)s” can no longer send anything.", label=tablet.label))
    return redirect(url_for("tablets.index"), code=303)


@bp.route("/tablet/join", methods=["GET", "POST"])
@public
@limiter.limit("10 per minute", methods=["POST"])
@refills_form
def join():  # type: ignore[no-untyped-def]
    """On the tablet: type (or scan) the code to make this device one of the home's tablets."""
    form = RedeemCodeForm(code=request.args.get("code", ""))
    if form.validate_on_submit():
        try:
            _, credential = tablets.redeem(form.code.data)
        except tablets.TabletError as error:
            form.code.errors.append(str(error))
        else:
            response = make_response(redirect(url_for("tablets.joined"), code=303))
            response.set_cookie(
                TABLET_COOKIE,
                credential,
                max_age=CREDENTIAL_LIFETIME,
                secure=request.is_secure,
                httponly=True,
                samesite="Lax",
            )
            return response
    return render_template("tablets/join.html", form=form, tablet=current_tablet())


@bp.get("/tablet/")
@public
def joined() -> str:
    """On the tablet: which home it belongs to, or that it belongs to none."""
    return render_template("tablets/joined.html", tablet=current_tablet())
