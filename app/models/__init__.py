"""SQLAlchemy 2 typed models, one module per noun. Nothing here can hold a child's name."""

from app.models.answers import (
    AnonymousAnswer,
    AnonymousWords,
    CaseAnswer,
    CaseReply,
    PooledAnswerSet,
    SubmissionKey,
)
from app.models.audit import AuditEvent, AuditHead
from app.models.base import Base, UtcDateTime, utcnow
from app.models.care import AgeBand, Case, Stage, Tablet, TabletEnrolment
from app.models.content import Narration
from app.models.homes import ContactKind, Facility, FacilityKind, HelpContact
from app.models.settings import Settings
from app.models.staff import Invitation, RecoveryCode, Role, RoleGrant, StaffSession, StaffUser

__all__ = [
    "AgeBand",
    "AnonymousAnswer",
    "AnonymousWords",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Case",
    "CaseAnswer",
    "CaseReply",
    "ContactKind",
    "Facility",
    "FacilityKind",
    "HelpContact",
    "Invitation",
    "Narration",
    "PooledAnswerSet",
    "RecoveryCode",
    "Role",
    "RoleGrant",
    "Settings",
    "StaffSession",
    "StaffUser",
    "Stage",
    "SubmissionKey",
    "Tablet",
    "TabletEnrolment",
    "UtcDateTime",
    "utcnow",
]
