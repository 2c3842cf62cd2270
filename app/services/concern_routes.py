"""Where a home's concerns go: its rules per topic, the ladder of escalation, and who stands on
each step. A concern that may be about the home's staff always goes to its monitors."""

from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from app.extensions import db
from app.models import Case, Facility, Role, RoleGrant, StaffUser
from app.models.concerns import Asked, ConcernRoute, Route, Topic
from app.services import audit

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
GROUP_ROLES = {
    "leads": (Role.HOME_MANAGER, Role.CAREGIVER),  # the home's safeguarding leads
    "managers": (Role.HOME_MANAGER,),
    "monitors": (Role.MONITOR,),
}


class ConcernError(ValueError):
    """Something Kite cannot do with a concern or its rules; the message is for people."""


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


def set_routes(*, facility: Facility, routes: dict[Topic, Route], actor: StaffUser) -> None:
    """Change where a home's concerns about some topics go, in one write; about the home stays
    outside, and a refused rule changes nothing. Audited once, when something changed."""
    for topic, route in routes.items():
        if topic in ABOUT_THE_HOME and route != Route.MONITORS:
            raise ConcernError(_l("Concerns that may be about the home's staff always go outside."))
    with db.writing() as session:
        rules = {
            rule.topic: rule
            for rule in session.scalars(
                select(ConcernRoute).where(ConcernRoute.facility_id == facility.id)
            )
        }
        changed = False
        for topic, route in routes.items():
            if topic in rules and rules[topic].route != route:
                rules[topic].route = route
            elif topic not in rules and DEFAULT_ROUTES[topic] != route:
                session.add(ConcernRoute(facility_id=facility.id, topic=topic, route=route))
            else:
                continue
            changed = True
        if changed:
            audit.record(
                actor=actor,
                action="concern.route_changed",
                object_type="facility",
                object_id=facility.id,
            )


class Person(NamedTuple):
    """Someone a concern can reach: who, and where to email them."""

    id: int
    email: str


def _people(query: Select) -> list[Person]:
    return [Person(row.id, row.email) for row in db.session.execute(query)]


def people_on(facility_id: int, case_id: int | None, groups: tuple[str, ...]) -> list[Person]:
    """The active people of these groups for a home (and a case, for its case worker)."""
    wanted = [role for group in groups for role in GROUP_ROLES.get(group, ())]
    people: list[Person] = []
    who = select(StaffUser.id, StaffUser.email).where(StaffUser.active.is_(True))
    if wanted:
        people += _people(
            who.join(RoleGrant, RoleGrant.user_id == StaffUser.id).where(
                RoleGrant.role.in_(wanted), RoleGrant.facility_id == facility_id
            )
        )
    if "case_worker" in groups and case_id is not None:
        people += _people(
            who.join(Case, Case.case_worker_id == StaffUser.id).where(Case.id == case_id)
        )
    if "administrators" in groups:
        people += administrators()
    return list(dict.fromkeys(people))  # each once, in the order found


def administrators() -> list[Person]:
    """Every active administrator: the last step of every ladder."""
    return _people(
        select(StaffUser.id, StaffUser.email)
        .join(RoleGrant, RoleGrant.user_id == StaffUser.id)
        .where(StaffUser.active.is_(True), RoleGrant.role == Role.ADMINISTRATOR)
        .distinct()
    )


def configuration_problems() -> list[str]:
    """Homes where some concern would find no one: each route a home uses needs someone on it."""
    problems = []
    for home in db.session.scalars(select(Facility).order_by(Facility.name)):
        used = set(routes_of(home.id).values()) | {Route.MONITORS}
        for route in sorted(used):
            if not people_on(home.id, None, LADDER[route][0]):
                who = "monitors" if route == Route.MONITORS else "home managers or caregivers"
                problems.append(
                    f"{home.name} ({home.code}): no active {who} to receive its concerns"
                )
    return problems
