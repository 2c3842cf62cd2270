"""Case workers: open a case under a random code, read what the child sent, reply, hand over a
tablet for a case session."""

import uuid

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app import content, questions, visits
from app.access import current_staff, current_tablet, requires_role
from app.extensions import db
from app.forms import KiteForm, OpenCaseForm, ReplyForm, StageForm, refills_form
from app.i18n import LOCALES
from app.labels import ANSWER_WORDS, HELP_TOPICS, LEVEL_LABELS, STAGE_LABELS
from app.models import AgeBand, Case, CaseAnswer, Role, Stage
from app.services import accounts, cases, concern_handling

bp = Blueprint("cases", __name__, url_prefix="/care/cases")
CASE_ROLES = (Role.CASE_WORKER, Role.HOME_MANAGER)


def _homes():  # type: ignore[no-untyped-def]
    return accounts.facilities_for(current_staff(), *CASE_ROLES)


def _case(code: str) -> Case:
    return cases.by_code(code, [home.id for home in _homes()]) or abort(404)


def _open_form() -> OpenCaseForm:
    form = OpenCaseForm()
    form.home.choices = [(home.id, home.name) for home in _homes()]
    form.age_band.choices = [(band.value, LEVEL_LABELS[band.value]) for band in AgeBand]
    form.stage.choices = [(stage.value, STAGE_LABELS[stage.value]) for stage in Stage]
    form.preferred_locale.choices = [(lo.code, lo.native_name) for lo in LOCALES]
    return form


def _question_text(answer: CaseAnswer) -> str:
    """The question an answer was given to, in the reader's language where it is written."""
    question_set = questions.all_sets().get(answer.question_set)
    asked = question_set.question(answer.question_id) if question_set else None
    if asked is None:
        return answer.question_id
    return asked.texts.get(str(get_locale())) or asked.texts["en"]


def _stage_form(case: Case) -> StageForm:
    form = StageForm(stage=case.stage.value)
    form.stage.choices = [(stage.value, STAGE_LABELS[stage.value]) for stage in Stage]
    return form


def _case_page(case: Case, reply_form: ReplyForm, reply_key: uuid.UUID | None = None) -> str:
    """A case with what the child sent; reading it is audited. reply_key: the reply that failed."""
    return render_template(
        "cases/show.html",
        case=case,
        sent=cases.record(case, by=current_staff()),
        stage_form=_stage_form(case),
        reply_form=reply_form,
        reply_key=reply_key,
        plain_form=KiteForm(),
        level_labels=LEVEL_LABELS,
        stage_labels=STAGE_LABELS,
        answer_words=ANSWER_WORDS,
        question_text=_question_text,
        concerns=concern_handling.of_case(case),
        topics=HELP_TOPICS,
    )


@bp.route("/", methods=["GET", "POST"])
@requires_role(*CASE_ROLES)
@refills_form
def index():  # type: ignore[no-untyped-def]
    """The cases of your homes, and a form to open one."""
    form = _open_form()
    if form.validate_on_submit():
        homes = {home.id: home for home in _homes()}
        with db.writing():
            case = cases.open_case(
                facility=homes[form.home.data],
                age_band=AgeBand(form.age_band.data),
                stage=Stage(form.stage.data),
                preferred_locale=form.preferred_locale.data,
                from_another_country=form.from_another_country.data,
                case_worker=current_staff(),
                by=current_staff(),
            )
        flash(_("Case %(code)s opened.", code=case.code))
        return redirect(url_for("cases.show", code=case.code), 303)
    found = cases.of_homes([home.id for home in _homes()])
    return render_template("cases/index.html", cases=found, form=form, stage_labels=STAGE_LABELS)


@bp.get("/<string:code>")
@requires_role(*CASE_ROLES)
def show(code: str) -> str:
    """A case: its facts, what the child sent, and the replies. Reading it is audited."""
    case = _case(code)
    return _case_page(case, ReplyForm())


@bp.post("/<string:code>/stage")
@requires_role(*CASE_ROLES)
def stage(code: str):  # type: ignore[no-untyped-def]
    """Move the case to another stage of care."""
    case = _case(code)
    form = _stage_form(case)
    if form.validate_on_submit():
        cases.change_stage(case, Stage(form.stage.data), by=current_staff())
        flash(_("Stage changed."))
    return redirect(url_for("cases.show", code=code), 303)


@bp.post("/<string:code>/close")
@requires_role(*CASE_ROLES)
def close(code: str):  # type: ignore[no-untyped-def]
    """Close the case."""
    case = _case(code)
    if KiteForm().validate_on_submit() and case.closed_on is None:
        cases.close_case(case, by=current_staff())
        flash(_("Case closed."))
    return redirect(url_for("cases.show", code=code), 303)


@bp.post("/<string:code>/reply/<uuid:key>")
@requires_role(*CASE_ROLES)
@refills_form
def reply(code: str, key: uuid.UUID):  # type: ignore[no-untyped-def]
    """Say how the child's views were weighed and what they are told."""
    case = _case(code)
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            cases.reply(
                case, key, weighed=form.weighed.data, told=form.told.data, by=current_staff()
            )
        except LookupError:
            abort(404)
        flash(_("Reply saved. The child sees it at their next session."))
        return redirect(url_for("cases.show", code=code), 303)
    return _case_page(case, form, reply_key=key)


@bp.post("/<string:code>/hand-over")
@requires_role(*CASE_ROLES)
def hand_over(code: str):  # type: ignore[no-untyped-def]
    """On the home's tablet: sign out and give the child their case session."""
    case = _case(code)
    if not KiteForm().validate_on_submit():
        return redirect(url_for("cases.show", code=code), 303)
    tablet = current_tablet()
    if case.closed_on is not None or tablet is None or tablet.facility_id != case.facility_id:
        flash(_("Open a case session on a tablet of the child's home, for an open case."))
        return redirect(url_for("cases.show", code=code), 303)
    level = case.age_band.value
    visits.hand_to_child(
        current_staff(),
        **{visits.CASE_SESSION: case.id, "locale": case.preferred_locale, "level": level},
    )
    stage = content.stage_path(case.stage.value)
    return redirect(
        url_for("answering.intro", locale=case.preferred_locale, level=level, stage=stage), 303
    )
