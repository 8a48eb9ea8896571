"""The community layer's models, one module per domain (``union``: units and officers;
``onboarding``: seller applications and handovers). Django finds them through this package."""

from startups.models.onboarding import SellerApplication, SellerHandover
from startups.models.union import Officer, UnionUnit

__all__ = ["Officer", "SellerApplication", "SellerHandover", "UnionUnit"]
