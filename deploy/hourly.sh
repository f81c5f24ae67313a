#!/usr/bin/env bash
# `make serve`'s hourly jobs (supervisord's program "hourly", deploy/supervisord.conf), as
# deploy/cmr-clearsessions.timer and cmr-registrations.timer run them on a real server: expired
# sessions deleted, old registrants and applicants anonymised, lapsed offers passed on,
# reminders queued, alerts queued, the organisers' daily digest queued (from DIGEST_HOUR), the
# feedback surveys' invitations queued (the day after each edition), the summaries' key figures
# computed for editions over (summary_figures). At start, then every hour.
set -uo pipefail
cd "$(dirname "$0")/.."

while true; do
  # A failed run is reported and retried an hour later: it must not stop the site, nor the
  # jobs after it.
  for job in clearsessions registrations_retention hosting_retention alerts_hourly send_digests feedback_hourly \
    summary_figures; do
    .venv/bin/python manage.py "$job" || echo "manage.py $job failed; retrying in an hour" >&2
  done
  sleep 3600
done
