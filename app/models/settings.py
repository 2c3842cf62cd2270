"""Settings administrators change while Kite runs."""

from sqlalchemy import CheckConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Settings(Base):
    """Kite's one row of settings that administrators change while it runs."""

    __tablename__ = "settings"
    __table_args__ = (CheckConstraint("small_number_threshold >= 5", name="threshold_floor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Counts below this are never shown anywhere; 5 is the floor, it may only go up.
    small_number_threshold: Mapped[int] = mapped_column(default=5)
    answer_retention_months: Mapped[int] = mapped_column(default=24)
    audit_retention_months: Mapped[int] = mapped_column(default=84)
    staff_idle_minutes: Mapped[int] = mapped_column(default=30)
    staff_absolute_hours: Mapped[int] = mapped_column(default=8)
    # A shared tablet forgets a child who has not touched it for this long (invariant 9).
    child_idle_seconds: Mapped[int] = mapped_column(default=150, server_default="150")
    # A call for help must be acknowledged within these, or it escalates (invariant 5).
    concern_now_minutes: Mapped[int] = mapped_column(default=60, server_default="60")
    concern_today_hours: Mapped[int] = mapped_column(default=24, server_default="24")
