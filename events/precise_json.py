"""JSON for backups that keeps every microsecond of a time stamp.

Django's JSON encoder cuts times to milliseconds (as ECMA-262 does), so a
restored site would carry slightly different created and updated stamps, and
show them in its feeds and open data. `loaddata` reads this as plain JSON.
"""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer


class PreciseEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def start_serialization(self):
        super().start_serialization()
        self.json_kwargs["cls"] = PreciseEncoder


__all__ = ["Deserializer", "Serializer"]
