"""Text that must stay on one line: a title that becomes an e-mail's subject, a header."""

import re

# C0 and C1 control characters (CR and LF among them) and Unicode's line and paragraph separators.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text):
    """The text with control characters and line breaks made spaces, and each run of spaces one.

    A line break in an e-mail header is refused at every attempt (Django's BadHeaderError),
    so a title with one would make every e-mail about it fail for good.
    """
    return " ".join(CONTROL_CHARACTERS.sub(" ", text or "").split())
