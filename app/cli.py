"""Command-line tasks: `flask --app app db-upgrade | demo-data | translate …`."""

import subprocess
import sys
from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from babel.messages import pofile
from flask import Flask, current_app

from app import static_files
from app.extensions import db
from app.i18n import CODES
from app.models import Role
from app.services import accounts, audit, demo, facilities

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"


def alembic_config() -> Config:
    """Alembic settings pointing at migrations/ and the current app's database."""
    config = Config()
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["engine"] = db.engine
    return config


def upgrade_database() -> None:
    """Apply every migration to the current app's database."""
    command.upgrade(alembic_config(), "head")


def pybabel(*args: str) -> None:
    """Run pybabel from this interpreter, stopping on failure."""
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)  # noqa: S603


def extract_messages(output: Path) -> None:
    """Write every translatable string in app/ to a .pot file."""
    pybabel(
        "extract",
        "-F",
        str(TRANSLATIONS / "babel.cfg"),
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "--omit-header",
        "--add-comments=Translators:",
        "-o",
        str(output),
        str(ROOT),
    )


def fill_source_catalogue(po_path: Path) -> None:
    """English is the source language: its catalogue repeats each message as written."""
    with po_path.open("rb") as handle:
        catalogue = pofile.read_po(handle)
    catalogue.fuzzy = False
    for message in catalogue:
        if message.id and not any(message.string if message.pluralizable else [message.string]):
            message.string = message.id
    with po_path.open("wb") as handle:
        pofile.write_po(handle, catalogue, width=100)


def init_app(app: Flask) -> None:
    """Register the commands."""

    @app.cli.command("db-upgrade")
    def db_upgrade() -> None:
        """Apply database migrations."""
        upgrade_database()
        click.echo(f"Database is up to date: {db.engine.url.render_as_string(hide_password=True)}")

    @app.cli.command("demo-data")
    def demo_data() -> None:
        """Load the demo home and staff into an empty development database."""
        if current_app.config["KITE_ENV"] == "production":
            raise click.ClickException("Demo data is for development only.")
        loaded = demo.load_demo_data()
        click.echo("Demo data loaded." if loaded else "The database already has data; left as is.")
        click.echo("Demo sign-ins (development only):")
        for sign_in in demo.DEMO_SIGN_INS:
            click.echo(f"  {sign_in.role.value:<14} {sign_in.email:<40} {sign_in.password}")
        click.echo("Home managers, monitors and administrators set up an authenticator app (any")
        click.echo("TOTP app) at their first sign-in; Kite shows the QR code and key then.")

    @app.cli.group("assets")
    def assets_group() -> None:
        """Static files."""

    @assets_group.command("compress")
    def assets_compress() -> None:
        """Write .br and .gz copies of the static text files (CSS and JS minified) to serve."""
        count = static_files.compress(Path(current_app.static_folder))
        click.echo(f"Compressed {count} static files.")

    @app.cli.group()
    def users() -> None:
        """Staff accounts."""

    @users.command("create")
    @click.option("--email", required=True)
    @click.option("--role", "role", required=True, type=click.Choice([r.value for r in Role]))
    @click.option("--home", "homes", multiple=True, help="Home code; monitors may give several.")
    @click.option("--name", "display_name", help="Name shown to other staff.")
    @click.password_option(help="Asked for, hidden, when not given.")
    def users_create(
        email: str, role: str, homes: tuple[str, ...], display_name: str | None, password: str
    ) -> None:
        """Create a staff account, so a deployment can start without demo data."""
        chosen = Role(role)
        found = [facilities.get_by_code(code) for code in homes]
        if None in found:
            raise click.UsageError(f"No home with code {homes[found.index(None)]!r}.")
        grants = [(chosen, home) for home in found] or [(chosen, None)]
        try:
            with db.writing():
                user = accounts.create_staff(
                    email=email,
                    display_name=display_name or email.split("@")[0],
                    password=password,
                    grants=grants,
                )
                audit.record(
                    actor=None,
                    role="command-line",
                    action="account.create",
                    object_type="staff_user",
                    object_id=user.id,
                )
        except accounts.AccountError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Created {chosen.value} {user.email}.")

    @app.cli.group("audit")
    def audit_group() -> None:
        """The audit trail."""

    @audit_group.command("verify")
    def audit_verify() -> None:
        """Check the hash chain: exit 0 when intact, 1 naming the first bad event."""
        problem = audit.verify_chain()
        if problem is not None:
            click.echo(
                f"Audit chain broken at event {problem.event_id}: {problem.reason}", err=True
            )
            raise SystemExit(1)
        click.echo("Audit chain intact.")

    @app.cli.group("answers")
    def answers_group() -> None:
        """Children's answers."""

    @answers_group.command("release")
    def answers_release() -> None:
        """Write pooled anonymous answer sets with K waiting or whose week has ended."""
        from app.services import answers

        homes = answers.release_waiting()
        click.echo(f"Released the pooled answers of {homes} home(s).")

    @app.cli.group("concerns")
    def concerns_group() -> None:
        """Calls for help and disclosures."""

    @concerns_group.command("escalate")
    def concerns_escalate() -> None:
        """Escalate every overdue, unacknowledged concern, then send waiting emails."""
        from app.services import concerns, mail

        escalated = concerns.escalate()
        sent = mail.deliver()
        click.echo(f"Escalated {escalated} concern(s); sent {sent} email(s).")

    @concerns_group.command("check")
    def concerns_check() -> None:
        """Exit 1, naming them, if some home has no one to receive some of its concerns."""
        from app.services import concern_routes

        problems = concern_routes.configuration_problems()
        for problem in problems:
            click.echo(f"Concern routing: {problem}", err=True)
        if problems:
            raise SystemExit(1)
        click.echo("Every home has someone on each of its concern routes.")

    @app.cli.group("jobs")
    def jobs_group() -> None:
        """Kite's clock."""

    @jobs_group.command("run")
    def jobs_run() -> None:
        """Escalate concerns every minute, send emails, release ended weeks, until stopped."""
        import signal
        import threading

        from app import jobs

        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        click.echo("Kite's clock is running (Ctrl-C stops it).")
        try:
            jobs.run(current_app._get_current_object(), stop)  # type: ignore[attr-defined]
        except KeyboardInterrupt:
            stop.set()

    @app.cli.group()
    def translate() -> None:
        """Translation workflow: update catalogues from the code, compile them."""

    @translate.command()
    def update() -> None:
        """Re-extract messages.pot and merge it into every launch locale's catalogue."""
        pot = TRANSLATIONS / "messages.pot"
        extract_messages(pot)
        for code in CODES:
            po = TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"
            action = "update" if po.exists() else "init"
            pybabel(
                action,
                "-i",
                str(pot),
                "-d",
                str(TRANSLATIONS),
                "-l",
                code,
                *(["--no-fuzzy-matching", "--ignore-obsolete"] if action == "update" else []),
            )
        fill_source_catalogue(TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po")

    @translate.command()
    def compile() -> None:
        """Compile every catalogue to .mo, failing on a broken one."""
        pybabel("compile", "--statistics", "-d", str(TRANSLATIONS))
