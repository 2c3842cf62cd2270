"""Fixtures shared by every test: the app, a rolled-back database session, a checked client."""

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, func, inspect, select, text

from app import create_app
from app.access import TABLET_COOKIE
from app.extensions import db, limiter
from app.models import (
    AgeBand,
    Case,
    Facility,
    FacilityKind,
    Role,
    StaffUser,
    Stage,
    Tablet,
    utcnow,
)
from app.services import accounts, cases, facilities, tablets
from app.services.two_factor import REQUIRED_FOR
from tests.pages import check_page

STAFF_PASSWORD = "a long staff passphrase"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_codes() -> list[str]:
    """This 30-second code and the next: the second works when the first was just used."""
    totp = pyotp.TOTP(TOTP_SECRET)
    return [totp.at(time.time()), totp.at(time.time() + 30)]


class CheckedClient(FlaskClient):
    """A test client that holds every HTML page it gets to the house rules."""

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().open(*args, **kwargs)
        fragment = response.request.headers.get("HX-Request")  # htmx swaps in just a part
        if (
            response.mimetype == "text/html"
            and not fragment
            and not 300 <= response.status_code < 400
        ):
            response.soup = check_page(response.get_data(as_text=True), where=response.request.path)
        return response


def pytest_report_header() -> str:
    """Say which database this run proves Kite on."""
    url = os.environ.get("KITE_TEST_DATABASE_URL")
    return (
        f"database: {'PostgreSQL (KITE_TEST_DATABASE_URL)' if url else 'SQLite (embedded default)'}"
    )


def _reset_database(url: str) -> None:
    """Drop everything in the test database, so migrations run from nothing."""
    engine = create_engine(url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        else:
            for table in inspect(connection).get_table_names():
                connection.execute(text(f'DROP TABLE IF EXISTS "{table}"'))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """PostgreSQL when KITE_TEST_DATABASE_URL is set (CI sets it), else a fresh SQLite file."""
    url = os.environ.get("KITE_TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'kite-test.db'}"
    )
    _reset_database(url)
    return url


def make_app(database_url: str, instance: Path, **overrides: object) -> Flask:
    """A Kite app for tests: CSRF and rate limits off unless a test turns them on."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": True,  # so its storage is set up; switched off just below
        **overrides,
    }
    app = create_app(config)
    # Flask-Limiter keeps "enabled" on the one shared extension: off unless a test asks.
    limiter.enabled = False
    app.instance_path = str(instance)
    app.test_client_class = CheckedClient
    return app


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """One migrated app for the whole run; each test's writes are rolled back."""
    from app.cli import upgrade_database

    application = make_app(database_url, tmp_path_factory.mktemp("instance"))
    with application.app_context():
        upgrade_database()
    return application


@pytest.fixture(autouse=True)
def db_session(request: pytest.FixtureRequest) -> Iterator[None]:
    """Run the test inside one outer transaction that is rolled back afterwards."""
    if "app" not in request.fixturenames:
        yield
        return
    application: Flask = request.getfixturevalue("app")
    factory = application.extensions["kite_db"]
    engine = factory.kw["bind"]
    connection = engine.connect()
    outer = connection.begin()
    factory.configure(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield
    finally:
        factory.configure(bind=engine, join_transaction_mode="conservative_savepoint")
        outer.rollback()
        connection.close()


@pytest.fixture
def app_context(app: Flask) -> Iterator[None]:
    """An app context for tests that call services directly (requests get their own)."""
    with app.app_context():
        yield


@pytest.fixture
def configure(app: Flask) -> Iterator[Callable[..., None]]:
    """Change the shared app's settings for one test; they are put back afterwards."""
    saved: dict[str, object] = {}

    def change(**settings: object) -> None:
        for key, value in settings.items():
            saved.setdefault(key, app.config.get(key))
            app.config[key] = value

    yield change
    app.config.update(saved)


@pytest.fixture
def rate_limits(app: Flask) -> Iterator[None]:
    """Rate limits switched on, from a clean count, for one test."""
    limiter.reset()
    limiter.enabled = True
    yield
    limiter.enabled = False
    limiter.reset()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client whose HTML pages are checked."""
    return app.test_client()


@pytest.fixture
def create_home(app: Flask) -> Callable[..., Facility]:
    """Factory: a home, with sensible defaults."""
    counter = iter(range(1, 10_000))

    def make(**kwargs: object) -> Facility:
        n = next(counter)
        values = {
            "code": f"H{n:03d}",
            "name": f"Test home {n}",
            "country": "TH",
            "default_locale": "th",
            "kind": FacilityKind.SHELTER,
            **kwargs,
        }
        with app.app_context(), db.writing():
            return facilities.create_facility(**values)

    return make


@pytest.fixture
def create_staff(app: Flask, create_home: Callable[..., Facility]) -> Callable[..., StaffUser]:
    """Factory: a member of staff holding one role in a home (a new home unless given)."""
    counter = iter(range(1, 10_000))

    def make(
        role: Role = Role.CAREGIVER,
        home: Facility | None = None,
        *,
        two_factor: bool = True,
        **kwargs: object,
    ) -> StaffUser:
        """two_factor=False leaves a privileged user still to set up their authenticator."""
        n = next(counter)
        if home is None and role is not Role.ADMINISTRATOR:
            home = create_home()
        values = {
            "email": f"{role.value}-{n}@test.kite.invalid",
            "display_name": f"Staff {n}",
            "password": STAFF_PASSWORD,
            "grants": [(role, home)],
            **kwargs,
        }
        with app.app_context(), db.writing():
            user = accounts.create_staff(**values)
            if two_factor and role in REQUIRED_FOR:
                user.totp_secret, user.totp_confirmed_at = TOTP_SECRET, utcnow()
        return user

    return make


@pytest.fixture
def create_tablet(
    app: Flask, create_home: Callable[..., Facility]
) -> Callable[..., tuple[Tablet, str]]:
    """Factory: an enrolled tablet and its secret."""

    def make(home: Facility | None = None, label: str = "Tablet") -> tuple[Tablet, str]:
        with app.app_context(), db.writing():
            return tablets.enrol_tablet(facility=home or create_home(), label=label)

    return make


@pytest.fixture
def tablet_device(app: Flask) -> Callable[[str], FlaskClient]:
    """Factory: a test client that is the enrolled tablet with this credential."""

    def make(credential: str) -> FlaskClient:
        device = app.test_client()
        device.set_cookie(TABLET_COOKIE, credential)
        return device

    return make


def count_rows(model: object) -> int:
    """How many rows a model's table holds now."""
    return db.session.scalar(select(func.count()).select_from(model))  # type: ignore[arg-type]


@pytest.fixture
def create_case(app: Flask, create_home: Callable[..., Facility]) -> Callable[..., Case]:
    """Factory: an open case with a random code."""

    def make(home: Facility | None = None, **kwargs: object) -> Case:
        values = {
            "age_band": AgeBand.OLDER,
            "stage": Stage.STAYING,
            "preferred_locale": "km",
            **kwargs,
        }
        with app.app_context(), db.writing():
            return cases.open_case(facility=home or create_home(), **values)

    return make


@pytest.fixture
def sign_in(client: FlaskClient) -> Callable[[StaffUser], None]:
    """Sign a member of staff in on the test client."""

    def do(user: StaffUser, password: str = STAFF_PASSWORD) -> None:
        response = client.post("/sign-in", data={"email": user.email, "password": password})
        assert response.status_code == 303, "sign-in failed"
        if response.headers["Location"].startswith("/sign-in/two-factor"):
            for code in totp_codes():
                response = client.post("/sign-in/two-factor", data={"code": code})
                if response.status_code == 303:
                    break
            assert response.status_code == 303, "second step failed"

    return do
