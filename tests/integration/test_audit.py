"""Invariant 8: staff access is logged, and the log is tamper-evident."""

from sqlalchemy import delete, select, update

from app.extensions import db
from app.models import AuditEvent, AuditHead
from app.services import audit


def _write_events(app, user, count: int = 4) -> list[int]:  # type: ignore[no-untyped-def]
    with app.app_context(), db.writing():
        return [
            audit.record(
                actor=user, role="caregiver", action="case.view", object_type="case", object_id=n
            )
            for n in range(count)
        ]


def _verify(app):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(args=["audit", "verify"])


def test_invariant_8_staff_access_is_logged_sign_in_and_out(
    app, client, create_staff, sign_in
) -> None:  # type: ignore[no-untyped-def]
    user = create_staff()
    sign_in(user)
    client.post("/sign-out")
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.actor_id == user.id).order_by(AuditEvent.id)
        ).all()
    assert [(e.action, e.object_type, e.object_id) for e in events] == [
        ("account.sign_in", "staff_user", str(user.id)),
        ("account.sign_out", "staff_user", str(user.id)),
    ]


def test_invariant_8_audit_events_hold_no_content() -> None:
    assert {c.name for c in AuditEvent.__table__.columns} == {
        "id",
        "at",
        "actor_id",
        "actor_role",
        "action",
        "object_type",
        "object_id",
        "prev_hash",
        "hash",
    }


def test_invariant_8_intact_chain_verifies(app, create_staff) -> None:  # type: ignore[no-untyped-def]
    _write_events(app, create_staff())
    result = _verify(app)
    assert result.exit_code == 0, result.output
    assert "intact" in result.output


def test_invariant_8_altered_event_is_named(app, create_staff) -> None:  # type: ignore[no-untyped-def]
    ids = _write_events(app, create_staff())
    with app.app_context(), db.writing() as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == ids[1]).values(object_id="999"))
    result = _verify(app)
    assert result.exit_code == 1
    assert f"event {ids[1]}: was altered" in result.output


def test_invariant_8_deleted_event_is_found(app, create_staff) -> None:  # type: ignore[no-untyped-def]
    ids = _write_events(app, create_staff())
    with app.app_context(), db.writing() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.id == ids[1]))
    result = _verify(app)
    assert result.exit_code == 1
    assert f"event {ids[2]}: does not follow" in result.output


def test_invariant_8_inserted_event_is_found(app, create_staff) -> None:  # type: ignore[no-untyped-def]
    user = create_staff()
    ids = _write_events(app, user)
    with app.app_context(), db.writing() as session:
        forged = session.get(AuditEvent, ids[1])
        session.add(
            AuditEvent(
                at=forged.at,
                actor_id=user.id,
                action="case.view",
                object_type="case",
                object_id="forged",
                prev_hash=forged.hash,
                hash="f" * 64,
            )
        )
    assert _verify(app).exit_code == 1


def test_invariant_8_removed_tail_is_found(app, create_staff) -> None:  # type: ignore[no-untyped-def]
    ids = _write_events(app, create_staff())
    with app.app_context(), db.writing() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.id == ids[-1]))
    result = _verify(app)
    assert result.exit_code == 1
    assert "later events were removed" in result.output


def test_chain_head_follows_every_append(app, create_staff) -> None:  # type: ignore[no-untyped-def]
    ids = _write_events(app, create_staff(), count=2)
    with app.app_context():
        head = db.session.get(AuditHead, 1, populate_existing=True)
        last = db.session.get(AuditEvent, ids[-1])
        assert (head.last_event_id, head.last_hash) == (last.id, last.hash)
