"""Django's en-GB formats (LANGUAGE_CODE), with the 24-hour clock Europe reads.

Only what differs from django/conf/locale/en_GB/formats.py; Django takes the
rest from there, and always accepts ISO dates (2024-11-27) as well.
"""

TIME_FORMAT = "H:i"  # 14:30, not "2:30 p.m."
DATETIME_FORMAT = "j M Y, H:i"  # 25 Oct 2006, 14:30
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 25/10/2006 14:30

# The first is how the admin's date fields and its calendar write a date; the
# others are what organisers from other countries type too (27.11.2024).
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 25/10/2006
    "%d.%m.%Y",  # 25.10.2006
    "%d/%m/%y",  # 25/10/06
    "%d %b %Y",  # 25 Oct 2006
    "%d %B %Y",  # 25 October 2006
]
