"""Route table house rules: kebab-case paths, typed parameters, an access rule on every view."""

import re

from flask import Flask

from app.access import ACCESS_ATTRIBUTE, PUBLIC
from app.models import Role

STATIC_SEGMENT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z]+)?$")
PARAMETER = re.compile(r"^<(?P<converter>[a-z_]+)(\([^)]*\))?:(?P<name>[a-z_]+)>$")


def _rules(app: Flask):  # type: ignore[no-untyped-def]
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]


def test_every_path_segment_is_kebab_case_or_a_typed_parameter(app: Flask) -> None:
    for rule in _rules(app):
        for segment in filter(None, rule.rule.split("/")):
            assert STATIC_SEGMENT.match(segment) or PARAMETER.match(segment), (
                f"{rule.rule}: segment {segment!r} is neither kebab-case nor <converter:name>"
            )


def test_every_view_declares_who_may_use_it(app: Flask) -> None:
    allowed_roles = set(Role)
    for rule in _rules(app):
        view = app.view_functions[rule.endpoint]
        access = getattr(view, ACCESS_ATTRIBUTE, None)
        assert access is not None, f"{rule.endpoint} ({rule.rule}) is neither public nor guarded"
        assert access == PUBLIC or (access and set(access) <= allowed_roles), (
            f"{rule.endpoint}: unknown access rule {access!r}"
        )


def test_staff_areas_are_never_public(app: Flask) -> None:
    for rule in _rules(app):
        if rule.rule.startswith(("/care", "/monitor", "/admin")):
            view = app.view_functions[rule.endpoint]
            assert getattr(view, ACCESS_ATTRIBUTE) != PUBLIC, f"{rule.rule} is public"


def test_child_routes_take_the_locale_as_a_typed_parameter(app: Flask) -> None:
    for rule in _rules(app):
        if rule.endpoint.startswith("child.") and rule.rule != "/":
            assert rule.rule.startswith("/<locale:locale>/"), rule.rule
