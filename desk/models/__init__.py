"""The desk's models, one module per topic."""

from .staff_messages import StaffMessage, StaffMessageKind

__all__ = ["StaffMessage", "StaffMessageKind"]
