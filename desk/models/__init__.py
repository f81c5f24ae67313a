"""The desk's models, one module per topic."""

from .digests import Digest
from .staff_messages import StaffMessage, StaffMessageKind

__all__ = ["Digest", "StaffMessage", "StaffMessageKind"]
