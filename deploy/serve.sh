#!/usr/bin/env bash
# `make serve`: Debian's nginx with deploy/nginx.conf on SERVE_LISTEN, in front of gunicorn on
# SERVE_UPSTREAM, with `manage.py run_worker` sending the queued e-mails (as cmr-worker.service
# does) and deploy/hourly.sh clearing expired sessions and old registrants every hour (as the
# .timer units do on a real server). supervisord (deploy/supervisord.conf) runs the four: one
# that dies is started again while the others go on serving. Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."

listen=${SERVE_LISTEN:-127.0.0.1:8000}
upstream=${SERVE_UPSTREAM:-127.0.0.1:8001}
nginx=$(PATH="$PATH:/usr/sbin" command -v nginx) || { echo "nginx is missing: run make nginx" >&2; exit 1; }
test -x .venv/bin/supervisord || { echo "supervisord is missing: run make serve (requirements.txt)" >&2; exit 1; }

# nginx's files, supervisord's and gunicorn's control sockets: this run's own, gone after it.
run_dir=$(mktemp -d /tmp/cmr-serve.XXXXXX)
trap 'rm -rf "$run_dir"' EXIT
# Started as root, nginx's workers run as nobody and need to reach their temp folders; the
# sockets are 0700/0600 themselves.
chmod 755 "$run_dir"
.venv/bin/python deploy/nginx_conf.py --listen "$listen" --upstream "$upstream" --standalone "$run_dir"
"$nginx" -p "$run_dir" -e stderr -c "$run_dir/nginx.conf" -t -q

echo "Serving http://$listen: nginx (deploy/nginx.conf) in front of gunicorn on $upstream;" \
  "the task worker sending e-mails; expired sessions and registrants cleared hourly." \
  "supervisord restarts any that dies; Ctrl-C stops all four." \
  "Status: .venv/bin/supervisorctl -s unix://$run_dir/supervisor.sock status" >&2
# Not exec: the folder goes once supervisord has stopped everything. Ctrl-C (or a TERM to the
# group) reaches supervisord too; the shell waits for it rather than dying first.
trap true INT TERM
CMR_ROOT=$PWD CMR_RUN_DIR=$run_dir CMR_NGINX=$nginx CMR_UPSTREAM=$upstream \
  .venv/bin/supervisord -c deploy/supervisord.conf
