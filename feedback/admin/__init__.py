"""The organisers' side of feedback: surveys with their results, and each survey's questions."""

from . import questions, surveys  # noqa: F401 - registers the admins
