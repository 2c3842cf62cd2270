"""Concerns: a child's call for help, or an answer that discloses harm (invariant 5).

A concern is stored, routed and its first emails queued in one transaction, before the child is
told anything. Routing: a concern about staff or the home (someone hurt me, or the child asked
for the outside visitors) goes to the monitors of the home and never to its staff; others follow
the home's rules, to its safeguarding leads (home managers and caregivers) and the case worker
when a case is known, or to the monitors. A home with no one on a route is a configuration
error: shown to administrators and logged at start-up, and its concerns go to the
administrators meanwhile, never nowhere.

Unacknowledged by its deadline (1 hour for "now", 24 for "today", settings), a concern
escalates: a home-routed one to the home managers, then the monitors, then the administrators;
a monitor-routed one to the administrators; and it keeps re-notifying everyone on it each
deadline after that, until someone acknowledges it. `escalate()` does this and runs every minute.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from app.extensions import db
from app.models import Case, Facility, Role, RoleGrant, StaffUser, utcnow
from app.models.base import iso_week
from app.models.concerns import (
    Asked,
    Concern,
    ConcernNote,
    ConcernRecipient,
    ConcernRoute,
    Route,
    Source,
    Topic,
    Urgency,
)
from app.services import audit, mail, settings

log = logging.getLogger(__name__)

# Someone hurt me may be about the people who look after the child: always the outside visitors.
ABOUT_THE_HOME = frozenset({Topic.HURT})
DEFAULT_ROUTES = {
    Topic.UNSAFE: Route.MONITORS,
    Topic.HURT: Route.MONITORS,
    Topic.SICK: Route.HOME,
    Topic.SAD: Route.HOME,
    Topic.GOING_HOME: Route.HOME,
    Topic.OTHER: Route.HOME,
    Topic.NOT_SAID: Route.HOME,
}
# Who hears of a concern at each level: routed (0), then escalated (1, 2 …).
LADDER = {
    Route.HOME: (("leads", "case_worker"), ("managers",), ("monitors",), ("administrators",)),
    Route.MONITORS: (("monitors",), ("administrators",)),
}
WORDS_LIMIT = 600


class ConcernError(ValueError):
    """Something Kite cannot do with this concern; the message is for people."""


@dataclass(frozen=True)
class Call:
    """What a child asked for with "I need help"."""

    asked: Asked
    urgency: Urgency
    topic: Topic
    words: str | None = None


def window(urgency: Urgency) -> timedelta:
    """How long a concern of this urgency may wait to be acknowledged."""
    current = settings.current()
    if urgency == Urgency.NOW:
        return timedelta(minutes=current.concern_now_minutes)
    return timedelta(hours=current.concern_today_hours)


def route_for(facility_id: int, topic: Topic, asked: Asked | None) -> Route:
    """Where a concern goes: the home's rule for its topic, but about the home always outside."""
    if asked == Asked.VISITORS or topic in ABOUT_THE_HOME:
        return Route.MONITORS
    rule = db.session.scalar(
        select(ConcernRoute.route).where(
            ConcernRoute.facility_id == facility_id, ConcernRoute.topic == topic
        )
    )
    return rule or DEFAULT_ROUTES[topic]


def routes_of(facility_id: int) -> dict[Topic, Route]:
    """A home's rules for every topic (the default where it has set none)."""
    set_here = dict(
        db.session.execute(
            select(ConcernRoute.topic, ConcernRoute.route).where(
                ConcernRoute.facility_id == facility_id
            )
        ).all()
    )
    return {topic: set_here.get(topic, DEFAULT_ROUTES[topic]) for topic in Topic}


def set_route(*, facility: Facility, topic: Topic, route: Route, actor: StaffUser) -> None:
    """Change where a home's concerns about a topic go; about the home stays outside. Audited."""
    if topic in ABOUT_THE_HOME and route != Route.MONITORS:
        raise ConcernError(_l("Concerns that may be about the home's staff always go outside."))
    with db.writing() as session:
        rule = session.scalar(
            select(ConcernRoute).where(
                ConcernRoute.facility_id == facility.id, ConcernRoute.topic == topic
            )
        )
        if rule is None:
            session.add(ConcernRoute(facility_id=facility.id, topic=topic, route=route))
        else:
            rule.route = route
        audit.record(
            actor=actor,
            action="concern.route_changed",
            object_type="facility",
            object_id=facility.id,
        )


def ask_for_help(
    *, key: uuid.UUID, facility: Facility, call: Call, locale: str, case: Case | None = None
) -> Concern:
    """Store a child's call for help once and route it; a resend returns the stored one."""
    words = (call.words or "").strip() or None
    if words is not None and len(words) > WORDS_LIMIT:
        raise ConcernError(
            _l(
                "That is a lot of words! Please make it shorter: up to %(n)d letters.",
                n=WORDS_LIMIT,
            )
        )
    with db.writing():
        return _raise(
            key=key,
            facility_id=facility.id,
            case=case,
            source=Source.HELP,
            urgency=call.urgency,
            topic=call.topic,
            asked=call.asked,
            words=words,
            locale=locale,
            today=utcnow().date(),
        )


def raise_from_answer(
    *,
    key: uuid.UUID,
    facility_id: int,
    case: Case | None,
    topic: str,
    question_id: str,
    visitors: bool,
    locale: str,
    today: date,
) -> None:
    """Inside the write that stores an answer disclosing harm: raise its concern with it."""
    _raise(
        key=key,
        facility_id=facility_id,
        case=case,
        source=Source.ANSWER,
        urgency=Urgency.TODAY,
        topic=Topic(topic),
        asked=Asked.VISITORS if visitors else None,
        words=None,
        locale=locale,
        today=today,
        question_id=question_id,
    )


def _raise(
    *,
    key: uuid.UUID,
    facility_id: int,
    case: Case | None,
    source: Source,
    urgency: Urgency,
    topic: Topic,
    asked: Asked | None,
    words: str | None,
    locale: str,
    today: date,
    question_id: str | None = None,
) -> Concern:
    session = db.session
    now = utcnow()
    due = now + window(urgency)
    written = session.execute(
        db.insert_new(Concern.__table__),
        {
            "id": uuid.uuid4(),
            "key": key,
            "facility_id": facility_id,
            "case_id": case.id if case else None,
            "source": source.value,
            "urgency": urgency.value,
            "topic": topic.value,
            "asked": asked.value if asked else None,
            "route": route_for(facility_id, topic, asked).value,
            "question_id": question_id,
            "words": words,
            "locale": locale,
            "iso_week": iso_week(today),
            "raised_at": now,
            "due_at": due,
            "escalation_level": 0,
            "escalate_at": due,
        },
    ).first()
    concern = session.scalar(select(Concern).where(Concern.key == key))
    if written is None:
        return concern  # a resend: stored and routed the first time
    _notify(concern, level=0)
    audit.record(actor=None, action="concern.raised", object_type="concern", object_id=concern.id)
    return concern


def _people(concern: Concern, groups: tuple[str, ...]) -> list[StaffUser]:
    roles = {
        "leads": (Role.HOME_MANAGER, Role.CAREGIVER),
        "managers": (Role.HOME_MANAGER,),
        "monitors": (Role.MONITOR,),
    }
    wanted = [role for group in groups for role in roles.get(group, ())]
    people: dict[int, StaffUser] = {}
    if wanted:
        for user in db.session.scalars(
            select(StaffUser)
            .join(RoleGrant, RoleGrant.user_id == StaffUser.id)
            .where(
                StaffUser.active.is_(True),
                RoleGrant.role.in_(wanted),
                RoleGrant.facility_id == concern.facility_id,
            )
        ):
            people[user.id] = user
    if "case_worker" in groups and concern.case_id is not None:
        case = db.session.get(Case, concern.case_id)
        if case and case.case_worker and case.case_worker.active:
            people[case.case_worker.id] = case.case_worker
    if "administrators" in groups:
        people.update((u.id, u) for u in _administrators())
    return list(people.values())


def _administrators() -> list[StaffUser]:
    return list(
        db.session.scalars(
            select(StaffUser)
            .join(RoleGrant, RoleGrant.user_id == StaffUser.id)
            .where(StaffUser.active.is_(True), RoleGrant.role == Role.ADMINISTRATOR)
            .distinct()
        )
    )


def _notify(concern: Concern, *, level: int) -> None:
    """Put the people of this level on the concern and email them (re-notify all past the top)."""
    ladder = LADDER[concern.route]
    if level < len(ladder):
        people = _people(concern, ladder[level])
    else:
        people = _people(concern, tuple(group for step in ladder for group in step))
    if not people:  # a home without anyone on this route: never a silent drop
        log.error(
            "Concern routing: home %s has no one on route %s; the administrators get it",
            concern.facility_id,
            concern.route.value,
        )
        people = _administrators()
    session = db.session
    known = set(
        session.scalars(
            select(ConcernRecipient.user_id).where(ConcernRecipient.concern_id == concern.id)
        )
    )
    for person in people:
        if person.id not in known:
            session.add(ConcernRecipient(concern_id=concern.id, user_id=person.id, level=level))
        mail.queue(person.email, *_email(concern, escalated=level > 0))


def _email(concern: Concern, *, escalated: bool) -> tuple[str, str]:
    """Subject and body: that a concern needs them, how urgent, a link; never what was said."""
    urgency = "URGENT (now)" if concern.urgency == Urgency.NOW else "today"
    subject = f"Kite: a concern needs you — {urgency}"
    if escalated:
        subject = f"Kite: OVERDUE concern escalated to you — {urgency}"
    link = f"{current_app.config['KITE_BASE_URL']}/concerns/{concern.id}"
    deadline = concern.due_at.strftime("%Y-%m-%d %H:%M UTC")
    body = (
        f"A concern in Kite needs someone to act. Urgency: {urgency}.\n"
        f"It had to be acknowledged by {deadline}.\n\n"
        f"Open it here (sign in first): {link}\n\n"
        "This email says nothing of what was said, on purpose.\n"
    )
    return subject, body


def escalate(now: datetime | None = None) -> int:
    """Escalate every concern past its deadline and unacknowledged; returns how many."""
    now = now or utcnow()
    with db.writing() as session:
        due = list(
            session.scalars(
                select(Concern)
                .where(
                    Concern.acknowledged_at.is_(None),
                    Concern.closed_at.is_(None),
                    Concern.escalate_at <= now,
                )
                .order_by(Concern.escalate_at)
                .with_for_update(skip_locked=True)
            )
        )
        for concern in due:
            concern.escalation_level += 1
            concern.escalate_at = now + window(concern.urgency)
            _notify(concern, level=concern.escalation_level)
            audit.record(
                actor=None, action="concern.escalated", object_type="concern", object_id=concern.id
            )
    return len(due)


def is_recipient(concern: Concern, user: StaffUser) -> bool:
    """Whether the concern was routed or escalated to this person."""
    return (
        db.session.scalar(
            select(ConcernRecipient.id).where(
                ConcernRecipient.concern_id == concern.id, ConcernRecipient.user_id == user.id
            )
        )
        is not None
    )


def get_for(user: StaffUser, concern_id: uuid.UUID) -> Concern | None:
    """A concern this person may see (it was routed or escalated to them); opening it is audited."""
    concern = db.session.get(Concern, concern_id)
    if concern is None or not is_recipient(concern, user):
        return None
    audit.record(actor=user, action="concern.viewed", object_type="concern", object_id=concern.id)
    return concern


def inbox(user: StaffUser) -> list[Concern]:
    """This person's concerns: open before closed, unacknowledged "now" first, then oldest."""
    concerns = list(
        db.session.scalars(
            select(Concern)
            .join(ConcernRecipient, ConcernRecipient.concern_id == Concern.id)
            .where(
                ConcernRecipient.user_id == user.id,
                or_(Concern.closed_at.is_(None), Concern.closed_at > utcnow() - timedelta(days=30)),
            )
        )
    )
    return sorted(
        concerns,
        key=lambda c: (
            c.closed_at is not None,
            c.acknowledged_at is not None,
            c.urgency != Urgency.NOW,
            c.raised_at,
        ),
    )


def of_case(case: Case) -> list[Concern]:
    """The concerns raised on a case, newest first."""
    return list(
        db.session.scalars(
            select(Concern).where(Concern.case_id == case.id).order_by(Concern.raised_at.desc())
        )
    )


def acknowledge(concern: Concern, *, actor: StaffUser) -> None:
    """Someone takes it on: it stops escalating. Audited."""
    _may_act(concern, actor)
    with db.writing() as session:
        row = session.get(Concern, concern.id, with_for_update=True)
        if row.acknowledged_at is None:
            row.acknowledged_at, row.acknowledged_by_id = utcnow(), actor.id
            row.escalate_at = None
            audit.record(
                actor=actor, action="concern.acknowledged", object_type="concern", object_id=row.id
            )


def add_note(concern: Concern, *, actor: StaffUser, text: str) -> None:
    """A note on what was done. Audited."""
    _may_act(concern, actor)
    text = text.strip()
    if not text:
        raise ConcernError(_l("Write the note first."))
    with db.writing() as session:
        session.add(ConcernNote(concern_id=concern.id, author_id=actor.id, text=text))
        audit.record(
            actor=actor, action="concern.note_added", object_type="concern", object_id=concern.id
        )


def close(concern: Concern, *, actor: StaffUser, outcome: str) -> None:
    """Record the outcome and close; a concern is acknowledged before it is closed. Audited."""
    _may_act(concern, actor)
    outcome = outcome.strip()
    if not outcome:
        raise ConcernError(_l("Write what happened before closing the concern."))
    acknowledge(concern, actor=actor)
    with db.writing() as session:
        row = session.get(Concern, concern.id)
        row.closed_at, row.outcome = utcnow(), outcome
        audit.record(actor=actor, action="concern.closed", object_type="concern", object_id=row.id)


def _may_act(concern: Concern, actor: StaffUser) -> None:
    if not is_recipient(concern, actor):
        raise ConcernError(_l("This concern was not routed to you."))
    if concern.closed_at is not None:
        raise ConcernError(_l("This concern is closed."))


def configuration_problems() -> list[str]:
    """Homes where some concern would find no one: each route a home uses needs someone on it."""
    problems = []
    for home in db.session.scalars(select(Facility).order_by(Facility.name)):
        used = set(routes_of(home.id).values()) | {Route.MONITORS}
        for route in sorted(used):
            probe = Concern(facility_id=home.id, route=route, case_id=None)
            if not _people(probe, LADDER[route][0]):
                who = "monitors" if route == Route.MONITORS else "home managers or caregivers"
                problems.append(
                    f"{home.name} ({home.code}): no active {who} to receive its concerns"
                )
    return problems
