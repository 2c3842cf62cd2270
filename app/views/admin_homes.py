"""Administrators keep the homes: their details and the help numbers children see."""

from babel import Locale
from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import get_locale

from app.access import current_staff, requires_role
from app.forms import HelpContactForm, HomeForm, refills_form
from app.i18n import LOCALES
from app.labels import CONTACT_KIND_LABELS, FACILITY_KIND_LABELS
from app.models import ContactKind, FacilityKind, Role
from app.services import facilities

bp = Blueprint("admin_homes", __name__, url_prefix="/admin/homes")


def _home_form(**data: object) -> HomeForm:
    form = HomeForm(**data)
    names = Locale.parse(str(get_locale())).territories
    countries = sorted(((c, names.get(c, c)) for c in facilities.COUNTRIES), key=lambda c: c[1])
    form.country.choices = [("", ""), *countries]
    form.default_locale.choices = [(lo.code, lo.native_name) for lo in LOCALES]
    form.kind.choices = [(k.value, str(label)) for k, label in FACILITY_KIND_LABELS.items()]
    return form


def _contact_form() -> HelpContactForm:
    form = HelpContactForm(prefix="contact")
    form.kind.choices = [(k.value, str(label)) for k, label in CONTACT_KIND_LABELS.items()]
    return form


def _save(form: HomeForm, facility_id: int | None):  # type: ignore[no-untyped-def]
    """Create or update from a valid form; a broken rule becomes an error on the form."""
    values = {
        "code": form.code.data,
        "name": form.name.data,
        "country": form.country.data,
        "default_locale": form.default_locale.data,
        "kind": FacilityKind(form.kind.data),
        "actor": current_staff(),
    }
    try:
        if facility_id is None:
            return facilities.create_facility(**values)
        return facilities.update_facility(facility_id=facility_id, **values)
    except facilities.HomeError as error:
        form.code.errors.append(str(error))
        return None


def _home_page(home, *, home_form: HomeForm, contact_form: HelpContactForm) -> str:  # type: ignore[no-untyped-def]
    """The home's page; `form` is whichever form was sent, for the error summary."""
    sent = contact_form if contact_form.errors else home_form
    return render_template(
        "admin/home.html",
        home=home,
        form=sent,
        home_form=home_form,
        contact_form=contact_form,
        kinds=CONTACT_KIND_LABELS,
    )


@bp.route("/new", methods=["GET", "POST"])
@requires_role(Role.ADMINISTRATOR)
@refills_form
def new():  # type: ignore[no-untyped-def]
    """Add a home."""
    form = _home_form()
    if form.validate_on_submit() and (home := _save(form, None)) is not None:
        return redirect(url_for("admin_homes.edit", home_id=home.id), code=303)
    return render_template("admin/home_new.html", form=form)


@bp.route("/<int:home_id>", methods=["GET", "POST"])
@requires_role(Role.ADMINISTRATOR)
@refills_form
def edit(home_id: int):  # type: ignore[no-untyped-def]
    """A home's details and its help numbers."""
    home = facilities.get_facility(home_id) or abort(404)
    form = _home_form(obj=home, kind=home.kind.value)
    if form.validate_on_submit() and _save(form, home_id) is not None:
        return redirect(url_for("admin_homes.edit", home_id=home_id), code=303)
    return _home_page(home, home_form=form, contact_form=_contact_form())


@bp.post("/<int:home_id>/contacts")
@requires_role(Role.ADMINISTRATOR)
@refills_form
def add_contact(home_id: int):  # type: ignore[no-untyped-def]
    """Add a help number for the home's children."""
    home = facilities.get_facility(home_id) or abort(404)
    form = _contact_form()
    if form.validate_on_submit():
        try:
            facilities.add_contact(
                facility_id=home_id,
                kind=ContactKind(form.kind.data),
                name=form.name.data,
                phone=form.phone.data,
                actor=current_staff(),
            )
            return redirect(url_for("admin_homes.edit", home_id=home_id), code=303)
        except facilities.HomeError as error:
            form.phone.errors.append(str(error))
    return _home_page(home, home_form=_home_form(obj=home, kind=home.kind.value), contact_form=form)


@bp.post("/<int:home_id>/contacts/<int:contact_id>/remove")
@requires_role(Role.ADMINISTRATOR)
def remove_contact(home_id: int, contact_id: int):  # type: ignore[no-untyped-def]
    """Remove a help number."""
    if not facilities.remove_contact(
        facility_id=home_id, contact_id=contact_id, actor=current_staff()
    ):
        abort(404)
    return redirect(url_for("admin_homes.edit", home_id=home_id), code=303)
