"""The password rule: 12 to 128 characters and not a common password. No composition rules."""

import re
from functools import cache
from pathlib import Path

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

MIN_LENGTH, MAX_LENGTH = 12, 128
COMMON_LIST = Path(__file__).resolve().parent.parent / "data" / "common-passwords.txt"

TOO_SHORT = _l("Use at least 12 characters. A few words together is easy to remember.")
TOO_LONG = _l("Use 128 characters or fewer.")
TOO_COMMON = _l("This password is too common and easy to guess. Choose another.")


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased."""
    return frozenset(line.strip().lower() for line in COMMON_LIST.read_text().splitlines() if line)


def is_common(password: str) -> bool:
    """True for a listed password, one with digits or symbols tacked on, or one said twice."""
    lowered = password.strip().lower()
    listed = common_passwords()
    stem = re.sub(r"[\d\W_]+$", "", lowered)
    repeated = re.fullmatch(r"(.+?)\1+", lowered)
    return (
        lowered in listed
        or stem in listed
        or (repeated is not None and repeated[1] in listed)
        or len(set(lowered)) <= 2
    )


def problem_with(password: str) -> LazyString | None:
    """Why this password may not be used, or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    if is_common(password):
        return TOO_COMMON
    return None
