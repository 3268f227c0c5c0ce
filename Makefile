# The PZSZ portal. `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Absolute links (e-mails, .ics, the certificate QR code) point where `make run` serves,
# unless SITE_URL is set: `make run PORT=8100` sends links to port 8100.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test install setup lint messages serve backup restore clean

$(BIN)/activate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/activate

install: $(BIN)/activate

setup: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference
	$(PY) manage.py load_programme
	$(PY) manage.py load_demo

# Exported to `run` and what it runs first (setup prints the demo logins with it).
run: export SITE_URL := $(SITE_URL)
run: setup
	@echo "Serving the portal at http://$(HOST):$(PORT)/ (Celery tasks run in-process); links in e-mails point at $(SITE_URL)/."
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(PY) manage.py makemigrations --check --dry-run

test: lint
	$(BIN)/pytest

messages: install
	$(PY) manage.py makemessages -l sr -l en --ignore '.venv/*' --ignore 'static/*' --ignore 'var/*' --no-location --no-obsolete
	$(PY) manage.py compile_translations

# The production stack without Docker (gunicorn + Celery worker + beat, DEBUG off).
serve: install
	scripts/serve.sh

# Back up / restore the PostgreSQL database and the media folder into BACKUP_DIR.
backup: install
	scripts/backup.sh backup

restore: install
	scripts/backup.sh restore "$(BACKUP)"

clean:
	rm -rf var staticfiles

# The programme PDF through the Document task beside WeasyPrint alone (docs/bench-programme.md).
.PHONY: bench-programme
bench-programme: install
	$(PY) bench/programme_pdf.py

# The participant import (5,000 rows), a zip bomb and a 3,300-row export as background jobs.
.PHONY: bench-jobs
bench-jobs: install
	$(PY) bench/background_jobs.py

# Load benchmark of the public sign-up: 200 concurrent sign-ups over HTTP for 30 seats
# (gunicorn x4 on PostgreSQL); figures in docs/bench-signup.md.
.PHONY: bench-signup
bench-signup: install
	$(PY) bench/signup_load.py

# Load benchmark of the public pages and the public sign-up on make serve's stack beside a
# bare view (README).
.PHONY: bench-public
bench-public: install
	$(PY) bench/public_load.py

# Where a public sign-up's time goes: its SQL, its Redis round trips and cProfile (README).
.PHONY: bench-signup-profile
bench-signup-profile: install
	$(PY) bench/signup_profile.py

# The staff and public pages on the demo data and on ten years of data, side by side
# (builds the ten-year database once: manage.py build_ten_years); figures in the README.
.PHONY: bench-ten-years
bench-ten-years: install
	$(PY) bench/ten_years.py

# The realisation dashboard and the annual realisation report for a year of 2,000
# activities and 40,000 registrations beside the demo's year (PostgreSQL; README).
.PHONY: bench-realisation
bench-realisation: install
	$(PY) bench/realisation.py

# Area III: the completeness grid of 24 periods for 45, 90 and 180 institutions, p50/p95
# and queries (PostgreSQL, built once: pzss_bench_completeness); a list of cases to extend.
.PHONY: bench-completeness
bench-completeness: install
	$(PY) bench/completeness.py

# The staff registrations page of an event with 500 registrations (100 a page): p50/p95
# and queries for a page of confirmed and a page of waiting rows, in a throw-away
# database (PostgreSQL by default, BENCH_DATABASE_URL; --sqlite for SQLite); README.
.PHONY: bench-event-page
bench-event-page: install
	$(PY) bench/event_page.py
