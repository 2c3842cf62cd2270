"""Narrations: staff read a card aloud once, and children hear it on every tablet.

A recording is accepted only when its bytes are a sound file Kite knows (the name and the type
the browser claims are ignored), and only up to MAX_BYTES. There is one per card, language and
level; saving another replaces it.
"""

import hashlib

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import Narration, StaffUser
from app.services import audit

MAX_BYTES = 8 * 1024 * 1024
# The types a browser records (WebM, Ogg, MP4) or a phone or computer saves (MP3, WAV).
EXTENSIONS = {
    "audio/webm": "webm",
    "audio/ogg": "ogg",
    "audio/mp4": "m4a",
    "audio/mpeg": "mp3",
    "audio/wav": "wav",
}
EBML = b"\x1a\x45\xdf\xa3"
# MPEG audio: version, layer, bitrate and sample rate bits that no real frame header has.
MP3_RESERVED = ((0x18, 0x08), (0x06, 0x00))


class NarrationError(ValueError):
    """A recording Kite will not keep; the message says why, in plain words."""


def _is_mp3_frame(data: bytes) -> bool:
    if len(data) < 4 or data[0] != 0xFF or data[1] & 0xE0 != 0xE0:
        return False
    if any(data[1] & mask == value for mask, value in MP3_RESERVED):
        return False
    return data[2] >> 4 != 0x0F and data[2] & 0x0C != 0x0C


def sniff(data: bytes) -> str | None:
    """The sound type these bytes really are, or None if they are not a sound file we know."""
    head = data[:64]
    if head.startswith(EBML) and b"\x42\x82\x84webm" in head:
        return "audio/webm"
    if head.startswith(b"OggS") and (b"OpusHead" in head or b"\x01vorbis" in head):
        return "audio/ogg"
    if head.startswith(b"RIFF") and head[8:16] == b"WAVEfmt ":
        return "audio/wav"
    if head[4:8] == b"ftyp" and head[8:12] in {b"M4A ", b"mp42", b"isom", b"iso5", b"dash"}:
        return "audio/mp4"
    if head.startswith(b"ID3") or _is_mp3_frame(head):
        return "audio/mpeg"
    return None


def check(data: bytes) -> str:
    """The media type of an acceptable recording; raises NarrationError otherwise."""
    if not data:
        raise NarrationError(_l("The recording is empty. Record again, or choose a file."))
    if len(data) > MAX_BYTES:
        raise NarrationError(
            _l("The recording is too long. Keep it under %(size)s MB.", size=MAX_BYTES >> 20)
        )
    media_type = sniff(data)
    if media_type is None:
        raise NarrationError(
            _l("This is not a sound file Kite can play. Use MP3, M4A, OGG, WebM or WAV.")
        )
    return media_type


def find(card_slug: str, locale: str, level: str) -> Narration | None:
    """The narration of one card, language and level, without loading its sound."""
    return db.session.scalar(
        select(Narration).filter_by(card_slug=card_slug, locale=locale, level=level)
    )


def recorded() -> set[tuple[str, str, str]]:
    """(card, locale, level) of every narration there is."""
    rows = db.session.execute(select(Narration.card_slug, Narration.locale, Narration.level))
    return {tuple(row) for row in rows}


def versions(locales: list[str]) -> list[tuple[str, str, str, str]]:
    """(card, locale, level, sha256) of every narration in these languages."""
    rows = db.session.execute(
        select(Narration.card_slug, Narration.locale, Narration.level, Narration.sha256).where(
            Narration.locale.in_(locales)
        )
    )
    return [tuple(row) for row in rows]


def save(*, card_slug: str, locale: str, level: str, data: bytes, by: StaffUser) -> Narration:
    """Keep this recording for the card, replacing any earlier one, and audit it."""
    media_type = check(data)
    with db.writing() as session:
        narration = find(card_slug, locale, level) or Narration(
            card_slug=card_slug, locale=locale, level=level
        )
        narration.media_type = media_type
        narration.sound = data
        narration.size = len(data)
        narration.sha256 = hashlib.sha256(data).hexdigest()
        narration.recorded_by_id = by.id
        session.add(narration)
        session.flush()
        audit.record(
            actor=by,
            action="narration.save",
            object_type="narration",
            object_id=f"{card_slug}/{locale}/{level}",
        )
    return narration


def remove(*, card_slug: str, locale: str, level: str, by: StaffUser) -> None:
    """Delete the recording, so children hear the tablet's voice again; audited."""
    with db.writing() as session:
        narration = find(card_slug, locale, level)
        if narration is not None:
            session.delete(narration)
            audit.record(
                actor=by,
                action="narration.remove",
                object_type="narration",
                object_id=f"{card_slug}/{locale}/{level}",
            )
