"""Sign-in throttling: per account and per address, failures only, the same for unknown emails."""

import pytest

from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.usefixtures("rate_limits")


def _try(client, email: str, password: str, address: str) -> int:  # type: ignore[no-untyped-def]
    return client.post(
        "/sign-in",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    ).status_code


def test_one_account_is_throttled_from_any_address(app) -> None:  # type: ignore[no-untyped-def]
    client = app.test_client()
    email = "someone@test.kite.invalid"
    failures = [_try(client, email, "wrong password", f"10.0.0.{n}") for n in range(5)]
    assert failures == [200] * 5
    assert _try(client, email, "wrong password", "10.0.0.99") == 429
    assert _try(client, "someone-else@test.kite.invalid", "wrong password", "10.0.0.99") == 200


def test_one_address_is_throttled_across_accounts(app) -> None:  # type: ignore[no-untyped-def]
    client = app.test_client()
    statuses = [
        _try(client, f"user{n}@test.kite.invalid", "wrong password", "10.1.1.1") for n in range(21)
    ]
    assert statuses[:20] == [200] * 20 and statuses[20] == 429
    assert _try(client, "user0@test.kite.invalid", "wrong password", "10.1.1.2") == 200


def test_known_and_unknown_accounts_are_throttled_alike(app, create_staff) -> None:  # type: ignore[no-untyped-def]
    user = create_staff()
    client = app.test_client()
    known = [_try(client, user.email, "wrong password", "10.2.0.1") for _ in range(6)]
    unknown = [
        _try(client, "ghost@test.kite.invalid", "wrong password", "10.2.0.2") for _ in range(6)
    ]
    assert known == unknown == [200] * 5 + [429]


def test_successful_sign_ins_are_not_counted(app, create_staff) -> None:  # type: ignore[no-untyped-def]
    user = create_staff()
    client = app.test_client()
    assert [_try(client, user.email, STAFF_PASSWORD, "10.3.0.1") for _ in range(8)] == [303] * 8
