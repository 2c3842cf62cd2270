"""Translations: messages.pot is current, catalogues are complete and their placeholders intact."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages import pofile

from app.cli import TRANSLATIONS, extract_messages
from app.i18n import CODES

CATALOGUES = {code: TRANSLATIONS / code / "LC_MESSAGES" / "messages.po" for code in CODES}


def _read(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return pofile.read_po(handle)


def test_messages_pot_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    extract_messages(fresh)
    assert fresh.read_text() == (TRANSLATIONS / "messages.pot").read_text(), (
        "messages.pot is stale: run `make translations-update` and translate the new strings"
    )


@pytest.mark.parametrize("code", CODES)
def test_launch_locale_translates_every_string(code: str) -> None:
    template = {m.id for m in _read(TRANSLATIONS / "messages.pot") if m.id}
    catalogue = _read(CATALOGUES[code])
    assert not catalogue.fuzzy, f"{code}: the catalogue header is marked fuzzy"
    missing = []
    for message_id in template:
        message = catalogue.get(message_id)
        strings = (
            message.string if message and message.pluralizable else [getattr(message, "string", "")]
        )
        if message is None or message.fuzzy or not all(strings):
            missing.append(message_id)
    assert not missing, f"{code} misses {len(missing)} strings, e.g. {missing[:3]}"


@pytest.mark.parametrize("code", CODES)
def test_catalogue_placeholders_match(code: str) -> None:
    problems = [
        (message.id, [str(error) for error in errors])
        for message, errors in _read(CATALOGUES[code]).check()
    ]
    assert problems == []


@pytest.mark.parametrize("code", CODES)
def test_catalogue_passes_msgfmt_check(code: str) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt (gettext) must be installed in CI")
        pytest.skip(
            "msgfmt is not installed here (Debian package gettext); Babel's check still ran"
        )
    result = subprocess.run(  # noqa: S603
        [msgfmt, "--check", "-o", os.devnull, str(CATALOGUES[code])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_plural_forms_follow_each_language(app) -> None:  # type: ignore[no-untyped-def]
    from flask_babel import force_locale, ngettext

    singular, plural = (
        "You can try again in %(num)d second.",
        "You can try again in %(num)d seconds.",
    )
    with app.app_context(), force_locale("en"):
        assert ngettext(singular, plural, 1) == "You can try again in 1 second."
        assert ngettext(singular, plural, 5) == "You can try again in 5 seconds."
    arabic = _read(CATALOGUES["ar"]).get((singular, plural))
    assert len(arabic.string) == 6 and all(arabic.string), "Arabic has six plural forms"
    with app.app_context(), force_locale("ar"):
        said = {n: ngettext(singular, plural, n) for n in (0, 1, 2, 3, 11, 100)}
    assert all(str(n) in text for n, text in said.items())
    assert said[2] != said[3] != said[11], "dual, few and many are different words in Arabic"
