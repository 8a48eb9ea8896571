"""The community layer's models, one module per domain (``union``: units and officers;
``onboarding``: seller applications and handovers; ``profiles``: startups, their team, awards
and followers; ``pitches``: pitch pages, their versions, reviews, updates and questions;
``leads``: interest sent to a startup; ``qr``: QR poster visits; ``expos``: virtual expos, their halls, sessions, booths, visits
and follow-ups). Django finds them through
this package."""

from startups.models.expos import (
    Booth,
    BoothProduct,
    BoothQuestion,
    DrawEntry,
    Expo,
    ExpoDayStat,
    ExpoEvent,
    ExpoOrder,
    ExpoSession,
    FollowUp,
    FollowUpDelivery,
    Hall,
    PassportStamp,
)
from startups.models.leads import Lead
from startups.models.onboarding import SellerApplication, SellerHandover
from startups.models.pitches import (
    FundUse,
    Milestone,
    Pitch,
    PitchComment,
    PitchReview,
    PitchUpdate,
    PitchVersion,
    Question,
    TractionFigure,
)
from startups.models.profiles import Award, Follow, Startup, TeamMember
from startups.models.qr import QRVisitDay
from startups.models.union import Officer, UnionUnit

__all__ = [
    "Award",
    "Booth",
    "BoothProduct",
    "BoothQuestion",
    "DrawEntry",
    "Expo",
    "ExpoDayStat",
    "ExpoEvent",
    "ExpoOrder",
    "ExpoSession",
    "Follow",
    "FollowUp",
    "FollowUpDelivery",
    "FundUse",
    "Hall",
    "Lead",
    "Milestone",
    "Officer",
    "PassportStamp",
    "Pitch",
    "PitchComment",
    "PitchReview",
    "PitchUpdate",
    "PitchVersion",
    "QRVisitDay",
    "Question",
    "SellerApplication",
    "SellerHandover",
    "Startup",
    "TeamMember",
    "TractionFigure",
    "UnionUnit",
]
