"""Staff record or upload a narration for each card, language and level."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app import content
from app.access import current_staff, requires_role
from app.forms import KiteForm, NarrationForm, refills_form
from app.i18n import BY_CODE, LOCALES
from app.labels import LEVEL_LABELS
from app.models import Role
from app.services import narrations

bp = Blueprint("narrations", __name__, url_prefix="/care/narrations")
NARRATOR_ROLES = (Role.CAREGIVER, Role.CASE_WORKER, Role.HOME_MANAGER, Role.ADMINISTRATOR)
# Recording needs the microphone, so this page alone may ask for it.
MICROPHONE = "microphone=(self), camera=(), geolocation=()"


@bp.get("/")
@requires_role(*NARRATOR_ROLES)
def index() -> str:
    """Every card at both levels in one language, and which have a narration."""
    code = request.args.get("language", "")
    language = BY_CODE.get(code) or BY_CODE["en"]
    return render_template(
        "narrations/index.html",
        language=language,
        languages=LOCALES,
        cards=content.all_cards(),
        levels=content.LEVELS,
        level_labels=LEVEL_LABELS,
        recorded=narrations.recorded(),
        text_for=content.text_for,
    )


@bp.route("/<locale:code>/<level:level>/<slug:slug>", methods=["GET", "POST"])
@requires_role(*NARRATOR_ROLES)
@refills_form
def record(code: str, level: str, slug: str):  # type: ignore[no-untyped-def]
    """Read the card aloud here, or send a file; a new recording replaces the old one."""
    card = content.card_by_slug(slug) or abort(404)
    request.max_content_length = narrations.MAX_BYTES + 64 * 1024
    form = NarrationForm()
    if form.validate_on_submit():
        try:
            narrations.save(
                card_slug=slug,
                locale=code,
                level=level,
                data=form.recording.data.read(),
                by=current_staff(),
            )
        except narrations.NarrationError as error:
            form.recording.errors.append(str(error))
        else:
            flash(_("Narration saved. Children now hear it on this card."))
            return redirect(url_for("narrations.record", code=code, level=level, slug=slug), 303)
    page = render_template(
        "narrations/record.html",
        form=form,
        remove_form=KiteForm(),
        card=card,
        text=card.texts.get(code),
        language=BY_CODE[code],
        level=level,
        level_labels=LEVEL_LABELS,
        max_megabytes=narrations.MAX_BYTES >> 20,
        narration=narrations.find(slug, code, level),
    )
    return page, 200, {"Permissions-Policy": MICROPHONE}


@bp.post("/<locale:code>/<level:level>/<slug:slug>/remove")
@requires_role(*NARRATOR_ROLES)
def remove(code: str, level: str, slug: str):  # type: ignore[no-untyped-def]
    """Delete the narration; children hear the tablet's own voice again."""
    content.card_by_slug(slug) or abort(404)
    if KiteForm().validate_on_submit():
        narrations.remove(card_slug=slug, locale=code, level=level, by=current_staff())
        flash(_("Narration removed."))
    return redirect(url_for("narrations.record", code=code, level=level, slug=slug), 303)
