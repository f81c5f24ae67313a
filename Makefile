# Two commands do everything on a fresh Debian machine with Python 3.11:
#   make run   - virtual environment, requirements, migrations, fixtures, demo, server on 127.0.0.1:8000
#   make test  - what the tests need (Python packages, Debian's chromium and khal), lint, migrations check, the suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps

# Tests run as production does: DEBUG off, with throwaway secrets.
TEST_ENV := DEBUG=False SECRET_KEY=test-only-secret-key-not-for-production ALLOWED_HOSTS=testserver,127.0.0.1,localhost
DEV_ENV := DEBUG=True

.PHONY: run test lint debian-tools clean

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
	$(DEV_ENV) $(PY) manage.py loaddata fixtures/archive.json
	$(DEV_ENV) $(PY) manage.py loaddemo
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

lint: $(STAMPS)/requirements-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# The browser tests drive Debian's chromium and the calendar tests import into
# khal, a real calendar program; install both where missing (as root).
debian-tools:
	@test -x /usr/bin/chromium && command -v khal >/dev/null || { \
	  echo "Installing Debian's chromium and khal for the tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium khal; }
	@test -x /usr/bin/chromium || { echo "chromium is missing and could not be installed" >&2; exit 1; }
	@command -v khal >/dev/null || { echo "khal is missing and could not be installed" >&2; exit 1; }

test: lint debian-tools
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) -m pytest

clean:
	rm -rf $(VENV) $(STAMPS) .pytest_cache .ruff_cache
