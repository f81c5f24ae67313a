"""The organisers' admin of editions and everything around them, one module per topic.

Django's autodiscovery imports this package; importing each module registers its models.
"""

from . import agenda, directory, editions, faq  # noqa: F401
