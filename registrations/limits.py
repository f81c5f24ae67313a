"""The request limits moved to common.limits, shared by every app; this name stays for old imports."""

from common.limits import address_over_limit, email_over_limit, seconds_to_next_window

__all__ = ["address_over_limit", "email_over_limit", "seconds_to_next_window"]
