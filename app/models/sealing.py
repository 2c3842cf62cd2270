"""The keys a tablet seals its outbox to: public half to the tablets, private half kept here."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UtcDateTime, utcnow


class SealingKey(Base):
    """An RSA key pair. Items sealed on a tablet name the key by its id (a hash of the public
    half), so every key ever handed out stays here and can open what waited on a tablet."""

    __tablename__ = "sealing_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    public_der: Mapped[str] = mapped_column(Text)  # base64 SubjectPublicKeyInfo, as WebCrypto
    private_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
