"""Requests per client address and per e-mail address, counted for an hour.

Counted where every gunicorn worker and every app server sees the same number: with an
atomic INCR in Redis when settings.CACHES has a "limits" cache, otherwise with one atomic
upsert in the database (INSERT … ON CONFLICT … RETURNING, on PostgreSQL and SQLite alike).
Local memory would give each worker its own count, and the limit would hold only per worker.

The address is REMOTE_ADDR, the real client's (cmr_site.middleware sets it from the proxy).
"""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.shortcuts import render
from django.utils.timezone import now as utc_now

from .models import RequestCount

WINDOW = 3600


def _hour():
    return int(utc_now().timestamp()) // WINDOW


def _count_in_cache(key, hour):
    cache = caches["limits"]
    key = f"limit:{key}:{hour}"
    cache.add(key, 0, WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        return 1


def _count_in_database(key, hour):
    table, key_, hour_, hits_ = map(
        connection.ops.quote_name, (RequestCount._meta.db_table, "key", "hour", "hits")
    )
    with connection.cursor() as cursor:
        # One statement, so two workers counting at once both count: no read-then-write.
        cursor.execute(
            f"INSERT INTO {table} ({key_}, {hour_}, {hits_}) VALUES (%s, %s, 1) "  # noqa: S608 - no input
            f"ON CONFLICT ({key_}) DO UPDATE SET {hits_} = {table}.{hits_} + 1 RETURNING {hits_}",
            [key, hour],
        )
        hits = cursor.fetchone()[0]
    if hits == 1:
        # The first count of a key this hour: a good moment to forget past hours.
        RequestCount.objects.filter(hour__lt=hour).delete()
    return hits


def _count(scope, value):
    hour = _hour()
    # A digest: the same length for any address, and no e-mail address kept in the table.
    key = hashlib.sha256(f"{scope}:{value}:{hour}".encode()).hexdigest()
    if "limits" in settings.CACHES:
        return _count_in_cache(key, hour)
    return _count_in_database(key, hour)


def seconds_to_next_window():
    return WINDOW - int(utc_now().timestamp()) % WINDOW


def client_key(address):
    """Whom a client address counts as: an IPv4 address itself, an IPv6 address its /64.

    An ordinary home or cloud connection is given a whole IPv6 /64, so one client has 2**64
    addresses to rotate through; counted apiece, the limit would hold nobody.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:  # an IPv4 client on a dual-stack socket (::ffff:192.0.2.1) is that client
        return str(ip.ipv4_mapped)
    return str(ipaddress.IPv6Network((int(ip) >> 64 << 64, 64)))


def address_over_limit(request):
    address = client_key(request.META.get("REMOTE_ADDR", ""))
    return _count("addr", address) > settings.LIMIT_PER_ADDRESS


def email_over_limit(email):
    return _count("email", email.strip().lower()) > settings.LIMIT_PER_EMAIL


def too_many(request, template="too_many_requests.html", context=None):
    """The 429 answer, with the seconds until the counts start again."""
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(seconds_to_next_window())
    return response
