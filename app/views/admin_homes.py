"""Administrators keep the homes: their details, the help numbers children see, and where
their concerns go."""

from babel import Locale
from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app.access import current_staff, requires_role
from app.forms import (
    HelpContactForm,
    HomeForm,
    KiteForm,
    OfflineLanguagesForm,
    concern_routes_form,
    refills_form,
)
from app.i18n import BY_CODE, LOCALES
from app.labels import CONTACT_KIND_LABELS, FACILITY_KIND_LABELS, HELP_TOPICS, ROUTE_LABELS
from app.models import ContactKind, FacilityKind, Role, Route, Topic
from app.services import concern_routes, facilities

bp = Blueprint("admin_homes", __name__, url_prefix="/admin/homes")
SETTABLE = [t for t in Topic if t not in concern_routes.ABOUT_THE_HOME]  # routes a home sets


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


def _routes_form(home_id: int) -> KiteForm:
    """A choice of route for each topic a home may set (not those that may be about its staff)."""
    labels = {
        t.value: HELP_TOPICS[t.value][0] if t.value in HELP_TOPICS else _("Not said")
        for t in SETTABLE
    }
    current = {t.value: r.value for t, r in concern_routes.routes_of(home_id).items()}
    choices = [(value, str(label)) for value, label in ROUTE_LABELS.items()]
    return concern_routes_form(labels, choices, **current)


def _offline_form(home) -> OfflineLanguagesForm:  # type: ignore[no-untyped-def]
    form = OfflineLanguagesForm(prefix="offline", locales=home.offline_locales or ["en"])
    form.locales.choices = [
        (lo.code, lo.native_name) for lo in LOCALES if lo.code != home.default_locale
    ]
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


def _home_page(  # type: ignore[no-untyped-def]
    home,
    *,
    home_form: HomeForm | None = None,
    contact_form: HelpContactForm | None = None,
    routes_form: KiteForm | None = None,
    offline_form: OfflineLanguagesForm | None = None,
) -> str:
    """The home's page, with the form that was sent (for the error summary) as it came."""
    home_form = home_form or _home_form(obj=home, kind=home.kind.value)
    contact_form = contact_form or _contact_form()
    routes_form = routes_form or _routes_form(home.id)
    offline_form = offline_form or _offline_form(home)
    sent = next((f for f in (contact_form, routes_form, offline_form) if f.errors), home_form)
    return render_template(
        "admin/home.html",
        home=home,
        form=sent,
        home_form=home_form,
        contact_form=contact_form,
        routes_form=routes_form,
        offline_form=offline_form,
        home_language=BY_CODE[home.default_locale].native_name,
        kinds=CONTACT_KIND_LABELS,
        always_outside=[HELP_TOPICS[t.value][0] for t in concern_routes.ABOUT_THE_HOME],
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
    return _home_page(home, home_form=form)


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
    return _home_page(home, contact_form=form)


@bp.post("/<int:home_id>/contacts/<int:contact_id>/remove")
@requires_role(Role.ADMINISTRATOR)
def remove_contact(home_id: int, contact_id: int):  # type: ignore[no-untyped-def]
    """Remove a help number."""
    if not facilities.remove_contact(
        facility_id=home_id, contact_id=contact_id, actor=current_staff()
    ):
        abort(404)
    return redirect(url_for("admin_homes.edit", home_id=home_id), code=303)


@bp.post("/<int:home_id>/routes")
@requires_role(Role.ADMINISTRATOR)
@refills_form
def set_routes(home_id: int):  # type: ignore[no-untyped-def]
    """Where the home's concerns go, topic by topic."""
    home = facilities.get_facility(home_id) or abort(404)
    form = _routes_form(home_id)
    if form.validate_on_submit():
        concern_routes.set_routes(
            facility=home,
            routes={t: Route(form[t.value].data) for t in SETTABLE},
            actor=current_staff(),
        )
        return redirect(url_for("admin_homes.edit", home_id=home_id), code=303)
    return _home_page(home, routes_form=form)


@bp.post("/<int:home_id>/offline-languages")
@requires_role(Role.ADMINISTRATOR)
@refills_form
def set_offline_languages(home_id: int):  # type: ignore[no-untyped-def]
    """The languages the home's tablets keep to read offline."""
    home = facilities.get_facility(home_id) or abort(404)
    form = _offline_form(home)
    if form.validate_on_submit():
        facilities.set_offline_locales(
            facility_id=home_id, locales=form.locales.data or [], actor=current_staff()
        )
        return redirect(url_for("admin_homes.edit", home_id=home_id), code=303)
    return _home_page(home, offline_form=form)
