"""Passwords: long enough, not too long, not common; argon2id, rehashed when settings change."""

import pytest
from argon2 import PasswordHasher

from app.services import accounts, passwords


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "river boats at dawn",
        "x" * 11 + "yz",
        "Ŝtelo-sur-la-tegmento",
    ],
)
def test_long_uncommon_passwords_are_accepted(password: str) -> None:
    assert passwords.problem_with(password) is None


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", passwords.TOO_SHORT),
        ("elevenchars", passwords.TOO_SHORT),
        ("a" * 129, passwords.TOO_LONG),
        ("123qweasdzxc", passwords.TOO_COMMON),
        ("qwerty123456", passwords.TOO_COMMON),
        ("password1234!", passwords.TOO_COMMON),
        ("PASSWORD12345", passwords.TOO_COMMON),
        ("dragondragondragon", passwords.TOO_COMMON),
        ("aaaaaaaaaaaaaaa", passwords.TOO_COMMON),
    ],
)
def test_short_long_and_common_passwords_are_refused(password: str, problem) -> None:  # type: ignore[no-untyped-def]
    assert passwords.problem_with(password) is problem


def test_no_composition_rules() -> None:
    assert passwords.problem_with("only lower case letters here") is None


def test_the_shipped_list_is_the_real_one() -> None:
    common = passwords.common_passwords()
    assert len(common) > 29_000
    assert {"123456", "password", "qwerty", "letmein"} <= common


def test_hashes_are_argon2id() -> None:
    assert accounts.hash_password("correct horse battery staple").startswith("$argon2id$")


def test_hash_is_upgraded_when_parameters_change(app_context, create_staff, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    user = create_staff()
    from app.extensions import db
    from app.models import StaffUser

    with db.writing() as session:
        session.get(StaffUser, user.id).password_hash = weak.hash("a long staff passphrase")
    signed_in = accounts.authenticate(email=user.email, password="a long staff passphrase")
    assert signed_in is not None
    stored = db.session.get(StaffUser, user.id).password_hash
    assert "m=8192" not in stored and not accounts._hasher.check_needs_rehash(stored)
