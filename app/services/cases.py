"""Cases: a random code and the few facts care needs, never anything that names a child."""

import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from app.extensions import db
from app.models import (
    AgeBand,
    Case,
    CaseAnswer,
    CaseReply,
    Facility,
    StaffUser,
    Stage,
    Tablet,
    utcnow,
)
from app.services import audit

# No 0/O, 1/I/L: a code is read aloud and typed on tablets.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def readable_code() -> str:
    """A random code such as 'K7MQ-2XPA' (40 bits), easy to read aloud and type: a case's code,
    unrelated to anything about the child, or a tablet's one-time enrolment code."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def open_case(
    *,
    facility: Facility,
    age_band: AgeBand,
    stage: Stage,
    preferred_locale: str,
    from_another_country: bool = False,
    case_worker: StaffUser | None = None,
    opened_on: date | None = None,
    by: StaffUser | None = None,
) -> Case:
    """Open a case under a fresh unique code; the caller's transaction commits it."""
    code = readable_code()
    while db.session.scalar(select(Case.id).where(Case.code == code)) is not None:
        code = readable_code()
    case = Case(
        code=code,
        facility=facility,
        age_band=age_band,
        stage=stage,
        preferred_locale=preferred_locale,
        from_another_country=from_another_country,
        case_worker=case_worker,
        opened_on=opened_on or date.today(),
    )
    db.session.add(case)
    db.session.flush()
    if by is not None:
        audit.record(actor=by, action="case.open", object_type="case", object_id=code)
    return case


def of_homes(facility_ids: list[int]) -> list[Case]:
    """The cases of these homes, open ones first, newest first."""
    return list(
        db.session.scalars(
            select(Case)
            .where(Case.facility_id.in_(facility_ids))
            .order_by(Case.closed_on.is_not(None), Case.opened_on.desc(), Case.code)
        )
    )


def by_code(code: str, facility_ids: list[int]) -> Case | None:
    """The case with this code, if it is in one of these homes."""
    return db.session.scalar(
        select(Case).where(Case.code == code.strip().upper(), Case.facility_id.in_(facility_ids))
    )


def of_session(case_id: int | None, tablet: Tablet | None) -> Case | None:
    """The case of a case session: open, and of the home of the tablet it is on; else none."""
    case = db.session.get(Case, case_id) if case_id else None
    if case is None or case.closed_on or tablet is None or case.facility_id != tablet.facility_id:
        return None
    return case


def change_stage(case: Case, stage: Stage, *, by: StaffUser) -> None:
    """Move a case to another stage of care; audited."""
    with db.writing():
        case.stage = stage
        audit.record(actor=by, action="case.stage", object_type="case", object_id=case.code)


def close_case(case: Case, *, by: StaffUser, on: date | None = None) -> None:
    """Close a case; its words are kept only as long as retention allows. Audited."""
    with db.writing():
        case.closed_on = on or date.today()
        audit.record(actor=by, action="case.close", object_type="case", object_id=case.code)


@dataclass(frozen=True)
class Sent:
    """One time a child sent answers to their case worker, and the reply to it, if any."""

    key: uuid.UUID
    received_at: datetime
    answers: list[CaseAnswer]
    reply: CaseReply | None


def record(case: Case, *, by: StaffUser) -> list[Sent]:
    """What the child sent to their case worker, newest first; reading it is audited."""
    rows = db.session.scalars(
        select(CaseAnswer).where(CaseAnswer.case_id == case.id).order_by(CaseAnswer.id)
    ).all()
    replies = {
        r.submission_key: r
        for r in db.session.scalars(select(CaseReply).where(CaseReply.case_id == case.id))
    }
    grouped: dict[uuid.UUID, list[CaseAnswer]] = {}
    for row in rows:
        grouped.setdefault(row.submission_key, []).append(row)
    with db.writing():
        audit.record(actor=by, action="case.view", object_type="case", object_id=case.code)
    sent = [
        Sent(key, group[0].received_at, group, replies.get(key)) for key, group in grouped.items()
    ]
    return sorted(sent, key=lambda s: s.received_at, reverse=True)


def reply(case: Case, key: uuid.UUID, *, weighed: str, told: str, by: StaffUser) -> CaseReply:
    """Record how the child's views were weighed and what they were told; audited."""
    with db.writing() as session:
        sent = session.scalar(
            select(CaseAnswer.id).where(
                CaseAnswer.case_id == case.id, CaseAnswer.submission_key == key
            )
        )
        if sent is None:
            raise LookupError("no such answers in this case")
        found = session.scalar(select(CaseReply).where(CaseReply.submission_key == key))
        found = found or CaseReply(case_id=case.id, submission_key=key)
        found.weighed, found.told, found.written_by_id = weighed.strip(), told.strip(), by.id
        found.shown_at = None
        session.add(found)
        audit.record(actor=by, action="case.reply", object_type="case", object_id=case.code)
    return found


def replies_to_show(case: Case) -> list[CaseReply]:
    """Replies the child has not seen yet; they are marked seen as they are returned."""
    with db.writing() as session:
        found = list(
            session.scalars(
                select(CaseReply)
                .where(CaseReply.case_id == case.id, CaseReply.shown_at.is_(None))
                .order_by(CaseReply.written_at)
            )
        )
        for item in found:
            item.shown_at = utcnow()
    return found
