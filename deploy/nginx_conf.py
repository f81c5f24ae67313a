"""Renders deploy/nginx.conf with this machine's values, read from the site's settings.

    python deploy/nginx_conf.py --listen 80 --upstream 127.0.0.1:8001 > /etc/nginx/sites-available/cmr
    python deploy/nginx_conf.py --listen 127.0.0.1:8000 --upstream 127.0.0.1:8001 --standalone DIR
    python deploy/nginx_conf.py --listen 80 --upstream 10.0.0.11:8001 --upstream 10.0.0.12:8001

MEDIA_ROOT, the largest body (MAX_UPLOAD_MB) and the server names
(ALLOWED_HOSTS) come from the same environment or .env that gunicorn reads, so
nginx and Django cannot disagree. --upstream, repeated, names several app
servers, which nginx takes in turns (README, "Two or more app servers"). With
--standalone, DIR receives nginx.conf (deploy/nginx-standalone.conf) and
cmr.conf, ready for `nginx -p DIR`.
"""

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
# Room for the multipart framing and the form's other fields around one file.
MULTIPART_HEADROOM_MB = 1


def site_values():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cmr_site.settings")
    from django.conf import settings

    max_upload_mb = -(-settings.MAX_UPLOAD_SIZE // (1024 * 1024))
    return {
        "MEDIA_ROOT": str(settings.MEDIA_ROOT).rstrip("/"),
        "MAX_BODY_SIZE": f"{max_upload_mb + MULTIPART_HEADROOM_MB}m",
        "SERVER_NAMES": " ".join("_" if host == "*" else host for host in settings.ALLOWED_HOSTS),
    }


def render(template, values):
    for name, value in values.items():
        # A quote, brace, semicolon or line break would end the directive early.
        if re.search(r'[";{}\n\\]', value):
            raise SystemExit(f"{name} cannot go into nginx's configuration: {value!r}")
        template = template.replace(f"@{name}@", value)
    if left := re.findall(r"@[A-Z_]+@", template):
        raise SystemExit(f"no value for {', '.join(sorted(set(left)))}")
    return template


def upstream_servers(template, upstreams):
    """The template's one `server @UPSTREAM@;` line, once per app server."""
    line = "    server @UPSTREAM@;\n"
    if line not in template:
        raise SystemExit("deploy/nginx.conf has no `server @UPSTREAM@;` line in its upstream block")
    # Each address is checked on its own line, as render() checks every value.
    servers = "".join(render(line, {"UPSTREAM": upstream}) for upstream in upstreams)
    return template.replace(line, servers)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--listen", required=True, help="nginx's address, e.g. 80 or 127.0.0.1:8000")
    parser.add_argument(
        "--upstream",
        required=True,
        action="append",
        help="gunicorn's address, e.g. 127.0.0.1:8001; repeated for several app servers",
    )
    parser.add_argument(
        "--standalone", type=Path, metavar="DIR", help="write a self-contained set-up into DIR"
    )
    args = parser.parse_args()
    site = render(
        upstream_servers((DEPLOY / "nginx.conf").read_text(), args.upstream),
        {**site_values(), "LISTEN": args.listen},
    )
    if args.standalone is None:
        sys.stdout.write(site)
        return
    run_dir = args.standalone.resolve()
    (run_dir / "cmr.conf").write_text(site)
    main_conf = render((DEPLOY / "nginx-standalone.conf").read_text(), {"RUN_DIR": str(run_dir)})
    (run_dir / "nginx.conf").write_text(main_conf)


if __name__ == "__main__":
    main()
