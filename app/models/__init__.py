"""SQLAlchemy 2 typed models, one module per noun. Nothing here can hold a child's name."""

from app.models.audit import AuditEvent, AuditHead
from app.models.base import Base, UtcDateTime, utcnow
from app.models.care import AgeBand, Case, Stage, Tablet
from app.models.content import Narration
from app.models.homes import ContactKind, Facility, FacilityKind, HelpContact
from app.models.settings import Settings
from app.models.staff import Invitation, RecoveryCode, Role, RoleGrant, StaffSession, StaffUser

__all__ = [
    "AgeBand",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Case",
    "ContactKind",
    "Facility",
    "FacilityKind",
    "HelpContact",
    "Invitation",
    "Narration",
    "RecoveryCode",
    "Role",
    "RoleGrant",
    "Settings",
    "StaffSession",
    "StaffUser",
    "Stage",
    "Tablet",
    "UtcDateTime",
    "utcnow",
]
