#!/usr/bin/env bash
# `make serve`: Debian's nginx with deploy/nginx.conf on SERVE_LISTEN, in front of
# gunicorn on SERVE_UPSTREAM. Both run in the foreground of this script, with
# nginx's files in a throwaway folder; Ctrl-C (or either one exiting) stops both.
# Meanwhile `manage.py clearsessions` deletes expired sessions and
# `manage.py registrations_retention` anonymises old registrants (and passes
# lapsed offers on, queues reminders) at start and then every hour, as
# deploy/cmr-clearsessions.timer and cmr-registrations.timer do on a real server;
# `manage.py db_worker` sends the queued e-mails, as cmr-worker.service does.
set -euo pipefail
cd "$(dirname "$0")/.."

listen=${SERVE_LISTEN:-127.0.0.1:8000}
upstream=${SERVE_UPSTREAM:-127.0.0.1:8001}
nginx=$(PATH="$PATH:/usr/sbin" command -v nginx) || { echo "nginx is missing: run make nginx" >&2; exit 1; }

run_dir=$(mktemp -d /tmp/cmr-nginx.XXXXXX)
# Started as root, nginx's workers run as nobody and need to reach their temp folders.
chmod 755 "$run_dir"
.venv/bin/python deploy/nginx_conf.py --listen "$listen" --upstream "$upstream" --standalone "$run_dir"
"$nginx" -p "$run_dir" -e stderr -c "$run_dir/nginx.conf" -t -q

pids=()
stop() {
  trap - EXIT INT TERM
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait || true
  rm -rf "$run_dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

# A failed run is reported and retried an hour later: it must not stop the site.
# Ctrl-C or stop's TERM ends the hour's sleep too (a background sleep ignores
# Ctrl-C, and would outlive this script by up to an hour).
clear_sessions_hourly() {
  local sleeper=
  trap 'kill "$sleeper" 2>/dev/null; exit 0' INT TERM
  while true; do
    .venv/bin/python manage.py clearsessions || echo "manage.py clearsessions failed; retrying in an hour" >&2
    .venv/bin/python manage.py registrations_retention \
      || echo "manage.py registrations_retention failed; retrying in an hour" >&2
    .venv/bin/python manage.py hosting_retention \
      || echo "manage.py hosting_retention failed; retrying in an hour" >&2
    sleep 3600 &
    sleeper=$!
    wait "$sleeper" || true
  done
}
clear_sessions_hourly &
pids+=($!)
GUNICORN_BIND=$upstream .venv/bin/gunicorn -c gunicorn.conf.py &
pids+=($!)
.venv/bin/python manage.py db_worker --no-reload --verbosity 0 &
pids+=($!)
"$nginx" -p "$run_dir" -e stderr -c "$run_dir/nginx.conf" -g "daemon off;" &
pids+=($!)
echo "Serving http://$listen: nginx (deploy/nginx.conf) in front of gunicorn on $upstream;" \
  "the task worker sending e-mails; expired sessions and registrants cleared hourly. Ctrl-C stops all four." >&2
wait -n
