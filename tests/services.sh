#!/bin/sh
# Throwaway PostgreSQL and Redis servers on 127.0.0.1 for `make test`.
#   tests/services.sh start   install from Debian's packages where missing, then start
#   tests/services.sh stop
# Data lives under $SERVICES_DIR and is thrown away; nothing is left running
# on the default ports, and a missing server is a loud failure.
set -eu

SERVICES_DIR=${SERVICES_DIR:-/tmp/cmr-test-services}
PG_PORT=${PG_PORT:-54329}
REDIS_PORT=${REDIS_PORT:-63799}
PG_DIR="$SERVICES_DIR/postgresql"

pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
    # initdb refuses to run as root.
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_missing() {
    missing=""
    [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing="$missing postgresql"
    command -v redis-server >/dev/null || missing="$missing redis-server"
    if [ -n "$missing" ]; then
        echo "Installing$missing from Debian's packages for the tests"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
        # Debian starts its own servers on the default ports; the tests use their own.
        service postgresql stop >/dev/null 2>&1 || true
        service redis-server stop >/dev/null 2>&1 || true
    fi
    [ -x "$(pg_bin)/initdb" ] || { echo "PostgreSQL is missing and could not be installed" >&2; exit 1; }
    command -v redis-server >/dev/null || { echo "redis-server is missing and could not be installed" >&2; exit 1; }
}

start() {
    install_missing
    mkdir -p "$SERVICES_DIR"
    if ! as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
        rm -rf "$PG_DIR"
        mkdir -p "$PG_DIR"
        [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
        as_postgres "$(pg_bin)/initdb" -D "$PG_DIR" -U cmr -A trust -E UTF8 --no-sync >/dev/null
        as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DIR" -w -l "$PG_DIR/server.log" \
            -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null
    fi
    if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
        redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
            --daemonize yes --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log"
    fi
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
        sleep 0.5
    done
    "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" || { echo "PostgreSQL did not start" >&2; exit 1; }
    "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U cmr -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'cmr'" | grep -q 1 ||
        "$(pg_bin)/createdb" -h 127.0.0.1 -p "$PG_PORT" -U cmr cmr
    redis-cli -p "$REDIS_PORT" ping >/dev/null || { echo "Redis did not start" >&2; exit 1; }
    echo "PostgreSQL on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT are up"
}

stop() {
    if [ -n "$(pg_bin)" ] && [ -d "$PG_DIR" ]; then
        as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DIR" -m fast stop >/dev/null 2>&1 || true
    fi
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$SERVICES_DIR"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
