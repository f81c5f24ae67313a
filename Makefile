# Two commands do everything on a fresh Debian machine with Python 3.11:
#   make run   - virtual environment, requirements, migrations, the real archive, server on 127.0.0.1:8000
#   make test  - what the tests need (Python packages; Debian's chromium, khal, wrk, nginx, age, PostgreSQL,
#                Redis), lint, migrations check, the suite on SQLite and on PostgreSQL, side by side
# And:
#   make serve - the production set-up on 127.0.0.1:8000: Debian's nginx (deploy/nginx.conf) in front of
#                gunicorn (WhiteNoise, DEBUG off) on 127.0.0.1:8001, and the task worker; Ctrl-C stops them
#   make test-fast - the suite without the browser, the real servers and the slow tests, on SQLite, on both cores
#   make bench - a synthetic archive of 1,000 editions under gunicorn, loaded with wrk (code in bench/)
#   make loadtest - 64 connections for 60 s against the same, zero errors allowed
#   make backup, make restore FILE=… [IDENTITY=…] - the database and the uploads in one private,
#                checksummed, optionally encrypted archive in BACKUP_DIR, and back
PYTHON ?= python3
# Bytecode is cached as Python does by default, even where the environment says not to: otherwise
# each pytest process rewrites every test module's asserts again (7 s of a 12 s collection) and each
# server or command the tests start compiles the project again.
unexport PYTHONDONTWRITEBYTECODE
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps

# Tests run as production does: DEBUG off, with throwaway secrets (plain HTTP:
# the HTTPS settings are tested on their own).
TEST_ENV := DEBUG=False HTTPS=False SECRET_KEY=test-only-secret-key-not-for-production \
	ALLOWED_HOSTS=testserver,127.0.0.1,localhost ENV_FILE=/dev/null TEST_REDIS_URL=redis://127.0.0.1:63799/0 \
	TEST_PG_URL=postgres://cmr@127.0.0.1:54329/cmr
TEST_PG_URL := postgres://cmr@127.0.0.1:54329/cmr
# The two suites run at once, one per core, each with its own test database (SQLite's file,
# PostgreSQL's test_cmr) and its own Redis database, since some tests empty theirs.
TEST_PG_REDIS_URL := redis://127.0.0.1:63799/1
# Each suite's log ends with its slowest tests, to see where the minutes go.
TEST_REPORT := --durations=30
# `make run` and `make serve` both answer on this address, and SITE_URL (canonical
# links, calendar and share addresses) says the same, so no page links to a dead port.
LOCAL_ADDRESS := 127.0.0.1:8000
# make run prints e-mails to its console and runs tasks at once (settings.py's defaults with DEBUG).
DEV_ENV := DEBUG=True SITE_URL=http://$(LOCAL_ADDRESS) EMAIL_URL=consolemail:// \
	TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend

# `make serve` on this machine, over plain HTTP, behind nginx (which serves
# the uploads); a real deployment sets its own environment (README,
# "Deployment") and keeps HTTPS on.
SERVE_ENV := DEBUG=False HTTPS=False BEHIND_PROXY=True SITE_URL=http://$(LOCAL_ADDRESS) SERVE_LISTEN=$(LOCAL_ADDRESS)

BENCH_DIR := /tmp/cmr-bench
BENCH_ENV := DEBUG=False HTTPS=False SECRET_KEY=bench-only-secret-key-not-for-production \
	ALLOWED_HOSTS=127.0.0.1,localhost ENV_FILE=/dev/null LOG_LEVEL=WARNING DJANGO_SETTINGS_MODULE=bench.settings \
	DATABASE_URL=sqlite:///$(BENCH_DIR)/bench.sqlite3 STATIC_ROOT=$(BENCH_DIR)/static MEDIA_ROOT=$(BENCH_DIR)/media

.PHONY: run serve test test-fast screenshots lint nginx debian-tools bench-site bench loadtest lighthouse backup restore clean

$(PY):
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c "import ensurepip" 2>/dev/null || { \
	  echo "python3-venv is missing: installing it from Debian's packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)

$(STAMPS)/requirements: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/requirements-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@mkdir -p $(STAMPS) && touch $@ $(STAMPS)/requirements

run: $(STAMPS)/requirements
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py loadarchive
	$(DEV_ENV) $(PY) manage.py runserver $(LOCAL_ADDRESS)

serve: $(STAMPS)/requirements nginx
	@test -f .env || test -n "$$SECRET_KEY" || { \
	  echo "No .env: writing one with a new random SECRET_KEY for this machine"; \
	  printf 'SECRET_KEY=%s\nALLOWED_HOSTS=127.0.0.1,localhost\n' "$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env; }
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py loadarchive
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(PY) manage.py check --deploy --fail-level ERROR
	$(SERVE_ENV) deploy/serve.sh

# The database (as JSON) and the uploads in one archive, 0600 in BACKUP_DIR (0700),
# with its .sha256 beside it, encrypted with age if BACKUP_ENCRYPT_TO names keys;
# the environment (.env) says which database, media folder, BACKUP_DIR and keys.
backup: $(STAMPS)/requirements
	$(PY) manage.py backup

# IDENTITY: the age private key file, for an encrypted (.age) archive.
restore: $(STAMPS)/requirements
	@test -n "$(FILE)" || { echo "usage: make restore FILE=…/cmr-backup-….tar.gz[.age] [IDENTITY=key.txt]" >&2; exit 2; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py restore "$(FILE)" $(if $(IDENTITY),--identity "$(IDENTITY)")

lint: $(STAMPS)/requirements-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Debian's nginx, in front of gunicorn for `make serve` and tests/deploy/test_nginx.py,
# where missing (as root). Installing it starts a system nginx on port 80,
# which nothing here uses: it is stopped, as services.sh stops PostgreSQL's.
nginx:
	@test -x /usr/sbin/nginx || { \
	  echo "Installing Debian's nginx"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	  service nginx stop >/dev/null 2>&1 || true; }
	@test -x /usr/sbin/nginx || { echo "nginx is missing and could not be installed" >&2; exit 1; }

# The browser tests drive Debian's chromium, the calendar tests import into
# khal, a real calendar program, the load tests use wrk, the proxy tests nginx,
# the backup tests encrypt with age, share images are drawn in DejaVu Sans and
# the certificate tests render their PDF with poppler's pdftoppm; install them
# where missing (as root).
DEJAVU := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
debian-tools: nginx
	@test -f $(DEJAVU) || { \
	  echo "Installing Debian's fonts-dejavu-core for the share images"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null; }
	@test -f $(DEJAVU) || { echo "fonts-dejavu-core is missing and could not be installed" >&2; exit 1; }
	@test -x /usr/bin/chromium && command -v khal >/dev/null && command -v wrk >/dev/null \
	  && command -v age >/dev/null && command -v age-keygen >/dev/null && command -v pdftoppm >/dev/null || { \
	  echo "Installing Debian's chromium, khal, wrk, age and poppler-utils for the tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium khal wrk age poppler-utils >/dev/null; }
	@test -x /usr/bin/chromium || { echo "chromium is missing and could not be installed" >&2; exit 1; }
	@command -v khal >/dev/null || { echo "khal is missing and could not be installed" >&2; exit 1; }
	@command -v wrk >/dev/null || { echo "wrk is missing and could not be installed" >&2; exit 1; }
	@command -v age >/dev/null && command -v age-keygen >/dev/null || { echo "age is missing and could not be installed" >&2; exit 1; }
	@command -v pdftoppm >/dev/null || { echo "poppler-utils is missing and could not be installed" >&2; exit 1; }

# axe-core and the Nu Html Checker (vnu.jar) for the browser tests, pinned in
# tests/browser/package-lock.json; Node.js and Java from Debian where missing.
$(STAMPS)/browser-tools: tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null && command -v java >/dev/null || { \
	  echo "Installing Debian's nodejs, npm and a Java runtime for the browser test tools"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm default-jre-headless >/dev/null; }
	@command -v npm >/dev/null || { echo "npm is missing and could not be installed" >&2; exit 1; }
	@command -v java >/dev/null || { echo "java is missing and could not be installed" >&2; exit 1; }
	cd tests/browser && npm ci --no-audit --no-fund --ignore-scripts --silent
	@mkdir -p $(STAMPS) && touch $@

# The two suites run side by side, one core each. (Running the tests that mostly wait, `services` and
# `browser`, as streams of their own was tried on 2026-12-03 and was slower: the browser tests keep
# a core busy too.) The services are stopped however the suite ends; the suite's status is make's.
test: lint debian-tools $(STAMPS)/browser-tools
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	tests/services.sh start
	@status=0; mkdir -p test-artifacts; \
	echo "== The suite on SQLite and on PostgreSQL, side by side (test-artifacts/suite-*.log)"; \
	$(TEST_ENV) HYPOTHESIS_PROFILE=ci $(PY) -m pytest -p no:cacheprovider $(TEST_REPORT) -m "not postgresql_suite" \
	  > test-artifacts/suite-sqlite.log 2>&1 & sqlite=$$!; \
	$(TEST_ENV) HYPOTHESIS_PROFILE=ci DATABASE_URL=$(TEST_PG_URL) TEST_REDIS_URL=$(TEST_PG_REDIS_URL) \
	  $(PY) -m pytest -p no:cacheprovider $(TEST_REPORT) -m "not db_independent or postgresql_suite" \
	  > test-artifacts/suite-postgresql.log 2>&1 & postgresql=$$!; \
	wait $$sqlite || status=1; wait $$postgresql || status=1; \
	echo "== The suite on SQLite"; cat test-artifacts/suite-sqlite.log; \
	echo "== The suite on PostgreSQL"; cat test-artifacts/suite-postgresql.log; \
	tests/services.sh stop; \
	exit $$status

# Every page, flow step and e-mail the browser tests open, at their widths, to look at:
# test-artifacts/screenshots/ (make test takes none; they prove nothing to the tests).
screenshots: debian-tools $(STAMPS)/browser-tools
	tests/services.sh start
	$(TEST_ENV) SCREENSHOTS=1 $(PY) -m pytest -p no:cacheprovider tests/browser

# For a quick check while working: no browser, no real servers, SQLite only.
test-fast: $(STAMPS)/requirements-dev
	$(TEST_ENV) $(PY) -m pytest -n 2 -m "not browser and not services and not slow"

# A throwaway site with the synthetic archive, for the benchmark and the load test.
bench-site: $(STAMPS)/requirements debian-tools
	rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR)
	$(BENCH_ENV) $(PY) manage.py migrate --noinput --verbosity 0
	$(BENCH_ENV) $(PY) manage.py loadbench --editions 1000 --hosts 300 --agenda-items 3000 --registrations 100000
	$(BENCH_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0

bench: bench-site
	$(BENCH_ENV) $(PY) manage.py bench

loadtest: bench-site
	$(BENCH_ENV) $(PY) manage.py loadtest

# Lighthouse on the home page, the archive and an edition page of a running `make serve`.
lighthouse:
	bench/lighthouse/run.sh

clean:
	rm -rf $(VENV) $(STAMPS) .pytest_cache .ruff_cache tests/browser/node_modules
