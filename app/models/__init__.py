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
from app.models.concerns import (
    Asked,
    Concern,
    ConcernNote,
    ConcernRecipient,
    ConcernRoute,
    OutgoingEmail,
    Route,
    Source,
    Topic,
    Urgency,
)
from app.models.content import Narration
from app.models.homes import ContactKind, Facility, FacilityKind, HelpContact
from app.models.sealing import SealingKey
from app.models.settings import Settings
from app.models.staff import Invitation, RecoveryCode, Role, RoleGrant, StaffSession, StaffUser

__all__ = [
    "AgeBand",
    "AnonymousAnswer",
    "AnonymousWords",
    "Asked",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Case",
    "CaseAnswer",
    "CaseReply",
    "Concern",
    "ConcernNote",
    "ConcernRecipient",
    "ConcernRoute",
    "ContactKind",
    "Facility",
    "FacilityKind",
    "HelpContact",
    "Invitation",
    "Narration",
    "OutgoingEmail",
    "PooledAnswerSet",
    "RecoveryCode",
    "Role",
    "RoleGrant",
    "Route",
    "SealingKey",
    "Settings",
    "Source",
    "StaffSession",
    "StaffUser",
    "Stage",
    "SubmissionKey",
    "Tablet",
    "TabletEnrolment",
    "Topic",
    "Urgency",
    "UtcDateTime",
    "utcnow",
]
