"""Sealed items: what a tablet kept in its outbox, readable by the server and nobody else.

A tablet seals each item with a fresh AES-GCM key, wraps that key with the server's RSA-OAEP
public key, and binds the item's idempotency key to it as additional data, so an envelope
cannot be replayed under another key. The private keys live in the database, beside the
answers they protect (see docs/offline.md for the design and its threat model).
"""

import base64
import binascii
import hashlib
import json
import os
import uuid
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select

from app.extensions import db
from app.models import SealingKey

VERSION = 1
OAEP = padding.OAEP(
    mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
)
MAX_FIELDS = 200


class SealError(ValueError):
    """An envelope that cannot be opened: wrong shape, unknown key, or not what was sealed."""


@dataclass(frozen=True)
class Opened:
    """What a tablet sealed: the page path its form was sent from, and the form's fields."""

    key: uuid.UUID
    path: str
    fields: list[tuple[str, str]]


def additional_data(key: uuid.UUID) -> bytes:
    """What binds an envelope to its idempotency key."""
    return f"kite-outbox-v{VERSION}:{key}".encode()


def public_key() -> dict[str, str]:
    """The newest key's id and public half (base64 SPKI); made on first use."""
    newest = db.session.scalar(select(SealingKey).order_by(SealingKey.created_at.desc()).limit(1))
    if newest is None:
        newest = _make_key()
    return {"id": newest.id, "spki": newest.public_der}


def _make_key() -> SealingKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    made = SealingKey(
        id=hashlib.sha256(der).hexdigest()[:32],
        public_der=base64.b64encode(der).decode(),
        private_pem=private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
    )
    with db.writing() as session:  # two workers may each make one: both are kept, both open
        session.add(made)
    return made


def _bytes(envelope: dict, name: str) -> bytes:
    try:
        return base64.b64decode(str(envelope[name]), validate=True)
    except (KeyError, binascii.Error, ValueError):
        raise SealError(f"The envelope's {name} is missing or not base64.") from None


def open_envelope(envelope: dict) -> Opened:
    """Open one sealed item; SealError unless it is whole and was sealed to one of our keys."""
    if envelope.get("v") != VERSION:
        raise SealError("Unknown envelope version.")
    try:
        key = uuid.UUID(str(envelope["key"]))
    except (KeyError, ValueError):
        raise SealError("The envelope has no idempotency key.") from None
    found = db.session.get(SealingKey, str(envelope.get("kid", ""))[:32])
    if found is None:
        raise SealError("The envelope was sealed to a key this server does not have.")
    private = serialization.load_pem_private_key(found.private_pem.encode(), password=None)
    assert isinstance(private, rsa.RSAPrivateKey)
    try:
        secret = private.decrypt(_bytes(envelope, "wrapped"), OAEP)
        plain = AESGCM(secret).decrypt(
            _bytes(envelope, "iv"), _bytes(envelope, "sealed"), additional_data(key)
        )
        item = json.loads(plain)
        fields = [(str(name), str(value)) for name, value in item["fields"]]
        path = str(item["path"])
    except (ValueError, InvalidTag, KeyError, TypeError):
        raise SealError("The envelope could not be opened.") from None
    if len(fields) > MAX_FIELDS:
        raise SealError("Too many fields.")
    return Opened(key=key, path=path, fields=fields)


def seal(key: uuid.UUID, path: str, fields: list[tuple[str, str]], public: dict) -> dict:
    """Seal an item as a tablet does (for tests, benchmarks and tools)."""
    spki = serialization.load_der_public_key(base64.b64decode(public["spki"]))
    assert isinstance(spki, rsa.RSAPublicKey)
    secret, iv = AESGCM.generate_key(bit_length=256), os.urandom(12)
    sealed = AESGCM(secret).encrypt(
        iv, json.dumps({"path": path, "fields": fields}).encode(), additional_data(key)
    )
    return {
        "v": VERSION,
        "kid": public["id"],
        "key": str(key),
        "wrapped": base64.b64encode(spki.encrypt(secret, OAEP)).decode(),
        "iv": base64.b64encode(iv).decode(),
        "sealed": base64.b64encode(sealed).decode(),
    }
