"""Narrations: staff record or upload a card read aloud; children hear it; bad files are refused."""

import io
import wave

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Narration, Role
from app.services import narrations

CARD = "/care/narrations/km/younger/your-privacy"


def wav_bytes(seconds: float = 0.2, tone: int = 0) -> bytes:
    """A real, tiny WAV file: silence with a marker so two recordings differ."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(bytes([tone, 0]) * int(8000 * seconds))
    return buffer.getvalue()


def upload(client, data: bytes, filename: str = "card.wav"):  # type: ignore[no-untyped-def]
    return client.post(
        CARD, data={"recording": (io.BytesIO(data), filename)}, content_type="multipart/form-data"
    )


def stored() -> int:
    return db.session.scalar(select(func.count()).select_from(Narration))


@pytest.fixture
def caregiver(create_staff, sign_in):  # type: ignore[no-untyped-def]
    user = create_staff(Role.CAREGIVER)
    sign_in(user)
    return user


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm\x42\x87", "audio/webm"),
        (b"OggS\x00\x02" + bytes(22) + b"OpusHead", "audio/ogg"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", "audio/mp4"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", "audio/mpeg"),
        (b"\xff\xfb\x90\x64" + bytes(8), "audio/mpeg"),
        (b"\x89PNG\r\n\x1a\n" + bytes(8), None),
        (b"<script>alert(1)</script>", None),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x82\x88matroska", None),
        (b"\xff\xff\xff\xff" + bytes(8), None),
    ],
)
def test_the_type_comes_from_the_bytes(head: bytes, expected: str | None) -> None:
    assert narrations.sniff(head) == expected


def test_a_real_wav_file_is_recognised() -> None:
    assert narrations.sniff(wav_bytes()) == "audio/wav"


def test_staff_upload_a_narration_and_children_hear_it(client, caregiver, app_context) -> None:  # type: ignore[no-untyped-def]
    data = wav_bytes()
    # The name and the claimed type count for nothing: the bytes say WAV.
    response = upload(client, data, filename="narration.mp3")
    assert response.status_code == 303
    assert "Narration saved" in client.get(CARD).get_data(as_text=True)
    card = client.get("/km/rights/younger/all/your-privacy").soup
    audio = card.select_one("[data-read-aloud] audio")
    assert audio is not None and "?v=" in audio["src"]
    assert card.select_one(".ask-grown-up").has_attr("hidden")
    sound = client.get(audio["src"])
    assert sound.status_code == 200 and sound.data == data
    assert sound.mimetype == "audio/wav"
    assert sound.headers["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in sound.headers["Cache-Control"]
    part = client.get(audio["src"], headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and part.data == data[:100]
    assert db.session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)) == (
        "narration.save"
    )


def test_a_new_recording_replaces_the_old_one(client, caregiver, app_context) -> None:  # type: ignore[no-untyped-def]
    upload(client, wav_bytes(tone=1))
    first = client.get("/km/rights/younger/all/your-privacy").soup.select_one("audio")["src"]
    upload(client, wav_bytes(tone=2))
    second = client.get("/km/rights/younger/all/your-privacy").soup.select_one("audio")["src"]
    assert first != second and stored() == 1
    assert client.get(second).data == wav_bytes(tone=2)
    assert "immutable" not in client.get(first).headers["Cache-Control"], "old URL not cached"


def test_removing_a_narration_brings_back_the_voice_or_the_hint(
    client, caregiver, app_context
) -> None:  # type: ignore[no-untyped-def]
    upload(client, wav_bytes())
    response = client.post(CARD + "/remove")
    assert response.status_code == 303 and stored() == 0
    box = client.get("/km/rights/younger/all/your-privacy").soup.select_one("[data-read-aloud]")
    assert box.select_one("audio") is None
    assert client.get("/km/narration/younger/your-privacy").status_code == 404


@pytest.mark.parametrize(
    "data",
    [b"", b"<html><script>alert(1)</script></html>", b"\x89PNG\r\n\x1a\n" + bytes(100)],
    ids=["empty", "html", "png"],
)
def test_a_file_that_is_not_sound_is_refused_plainly(client, caregiver, data, app_context) -> None:  # type: ignore[no-untyped-def]
    response = upload(client, data, filename="card.ogg")
    assert response.status_code == 200
    assert response.soup.select_one(".error-summary") is not None
    assert stored() == 0


def test_an_oversized_file_is_refused_and_nothing_is_kept(client, caregiver, app_context) -> None:  # type: ignore[no-untyped-def]
    just_over = wav_bytes() + bytes(narrations.MAX_BYTES)
    response = upload(client, just_over)
    assert response.status_code == 200 and "too long" in response.get_data(as_text=True)
    far_over = bytes(2 * narrations.MAX_BYTES)
    assert upload(client, far_over).status_code == 413, "refused before it is read"
    assert stored() == 0


def test_only_the_recording_page_may_use_the_microphone(client, caregiver, app_context) -> None:  # type: ignore[no-untyped-def]
    assert "microphone=(self)" in client.get(CARD).headers["Permissions-Policy"]
    for path in ("/care/narrations/", "/km/rights/younger/all/your-privacy", "/care/"):
        assert "microphone=()" in client.get(path).headers["Permissions-Policy"], path


def test_the_translation_status_page_shows_which_cards_are_narrated(  # type: ignore[no-untyped-def]
    client, create_staff, sign_in, app_context
) -> None:
    with db.writing():
        narrations.save(
            card_slug="your-privacy",
            locale="km",
            level="older",
            data=wav_bytes(),
            by=create_staff(Role.CAREGIVER),
        )
    sign_in(create_staff(Role.ADMINISTRATOR))
    page = client.get("/admin/translations").get_data(as_text=True)
    assert page.count('class="narrated"') == 1
    assert "Older (about 12–17)" in page
