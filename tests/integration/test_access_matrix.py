"""Role × route: every guarded route lets in exactly the roles it declares, and no one else."""

import pytest

from app.access import ACCESS_ATTRIBUTE, PUBLIC
from app.models import Role
from tests.routes import sample_urls

SKIP = {"/sign-out"}  # would end the signed-in walk; covered by the session tests


def _guarded(app):  # type: ignore[no-untyped-def]
    for method, path, endpoint in sample_urls(app):
        access = getattr(app.view_functions[endpoint], ACCESS_ATTRIBUTE, None)
        if endpoint != "static" and access != PUBLIC and path not in SKIP:
            yield method, path, set(access)


def test_anonymous_visitors_are_sent_to_sign_in_from_every_guarded_route(app, client) -> None:  # type: ignore[no-untyped-def]
    routes = list(_guarded(app))
    assert len(routes) >= 10
    for method, path, _roles in routes:
        response = client.open(path, method=method)
        assert response.status_code == 302, f"{method} {path}"
        assert response.headers["Location"].startswith("/sign-in?next="), path


@pytest.mark.parametrize("role", list(Role))
def test_each_role_gets_exactly_the_routes_declared_for_it(
    app, client, create_staff, sign_in, role
) -> None:  # type: ignore[no-untyped-def]
    user = create_staff(role)
    sign_in(user)
    for method, path, roles in _guarded(app):
        status = client.open(path, method=method).status_code
        if path == f"/admin/staff/{user.id}/active":
            assert status == 403, "nobody deactivates their own account"
        elif role in roles:
            assert status != 403, f"{role.value} refused {method} {path}"
            assert status < 500, f"{role.value} broke {method} {path}"
        else:
            assert status == 403, f"{role.value} got {status} for {method} {path}"
