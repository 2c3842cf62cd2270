"""CSRF: every state change needs the token; an expired one never loses what was typed."""

import pytest
from flask_babel import force_locale

from app.access import ACCESS_ATTRIBUTE, PUBLIC
from app.extensions import csrf
from app.forms import EXPIRED
from app.i18n import CODES
from app.models import Role
from tests.routes import sample_urls

# Exit only forgets; the tablet API takes JSON alone (no cross-site form can send it) with the
# tablet's own credential, and is proved to refuse form posts in test_tablet_api.py and
# test_tablet_calls_for_help.py.
TOKEN_FREE = (
    "/km/exit",
    "/tablet/api/answer-sets",
    "/tablet/api/calls-for-help",
    "/tablet/api/sealed",
)


def test_every_post_route_refuses_a_missing_token_except_exit_and_the_tablet_api(  # type: ignore[no-untyped-def]
    app, configure, client
) -> None:
    configure(WTF_CSRF_ENABLED=True)
    for _method, path, endpoint in sample_urls(app, "POST"):
        response = client.post(path, data={"email": "a@b.c", "password": "x" * 12})
        status = response.status_code
        view = app.view_functions[endpoint]
        if f"{view.__module__}.{view.__name__}" in csrf._exempt_views:
            assert path in TOKEN_FREE, f"only {TOKEN_FREE} may skip the token, not {path}"
            continue
        if status in (302, 303):  # nothing was acted on: sent to sign in first
            assert response.headers["Location"].startswith("/sign-in"), path
            continue
        assert status in (200, 400, 404), f"{path} answered {status} without a token"
        if status == 200:  # the page again, saying so in its own language
            locale = path.split("/")[1] if path.split("/")[1] in CODES else "en"
            with app.test_request_context(), force_locale(locale):
                expired = str(EXPIRED)
            assert expired in client.post(path, data={}).get_data(as_text=True), path


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.HOME_MANAGER])
def test_every_staff_post_route_refuses_a_missing_token_when_signed_in(
    app, configure, client, create_staff, sign_in, role
) -> None:  # type: ignore[no-untyped-def]
    """Signed in as someone the route lets in, so that the token check is what refuses."""
    sign_in(create_staff(role))
    configure(WTF_CSRF_ENABLED=True)
    for _method, path, endpoint in sample_urls(app, "POST"):
        if path in (*TOKEN_FREE, "/sign-out") or path.startswith("/sign-in"):
            continue
        roles = getattr(app.view_functions[endpoint], ACCESS_ATTRIBUTE, ())
        refused = (200, 400, 404) if role in roles or roles == PUBLIC else (400, 403)
        status = client.post(path, data={"name": "x"}).status_code
        assert status in refused, f"{path} answered {status} without a token"


def test_expired_sign_in_form_comes_back_filled_in(configure, client, create_staff) -> None:  # type: ignore[no-untyped-def]
    configure(WTF_CSRF_ENABLED=True)
    user = create_staff()
    response = client.post(
        "/sign-in",
        data={"email": user.email, "password": "a long staff passphrase", "csrf_token": "stale"},
    )
    assert response.status_code == 200
    assert response.soup.select_one("#email")["value"] == user.email
    summary = response.soup.select_one(".error-summary").get_text()
    assert "This form had expired, so nothing was sent" in summary
    assert response.soup.title.get_text().startswith("Error:")
    assert client.get("/care/").status_code == 302, "an expired form signs nobody in"


def test_no_get_route_changes_the_session(app, client) -> None:  # type: ignore[no-untyped-def]
    for _method, path, endpoint in sample_urls(app, "GET"):
        if endpoint != "static":
            client.get(path)
    with client.session_transaction() as session:
        # "seen": when the visit was last touched, so an idle shared tablet forgets it; "level":
        # the reading level whose rights pages the child opened, for this visit only.
        assert set(session) <= {"locale", "csrf_token", "seen", "level"}
