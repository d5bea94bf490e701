# Two commands: `make run` serves the seeded demo firm, `make test` runs the whole suite.
# Each sets up what is missing first and reuses what is already there.

PYTHON_VERSION ?= 3.12
# The first interpreter that really is 3.12: on PATH, or installed by pyenv but not selected there.
PYTHON_BASE ?= $(shell for c in python$(PYTHON_VERSION) $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$(PYTHON_VERSION)*/bin/python$(PYTHON_VERSION) 2>/dev/null) /usr/local/bin/python$(PYTHON_VERSION) /usr/bin/python$(PYTHON_VERSION); do \
	"$$c" -c 'import sys; sys.exit(sys.version_info[:2] != ($(subst .,$(comma),$(PYTHON_VERSION))))' >/dev/null 2>&1 && { echo "$$c"; break; }; done)
comma := ,
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test bench setup venv system-packages static translations db-ready lint messages worker beat

run: setup db-ready
	$(PY) manage.py seed_demo --port $(PORT)
	$(PY) manage.py runserver 0.0.0.0:$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

bench: setup db-ready
	$(PY) bench/run.py

setup: system-packages venv static translations

# The English catalogues (the project's and any app's own), compiled from the committed .po files.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po */locale/*/LC_MESSAGES/django.po))
translations: $(MO_FILES)

%.mo: %.po
	msgfmt --check -o $@ $<

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || test -n "$(PYTHON_BASE)" || { echo "Python $(PYTHON_VERSION) is required: install it (apt-get install python$(PYTHON_VERSION), or pyenv install $(PYTHON_VERSION)) and run make again."; exit 1; }
	test -x $(PY) || $(PYTHON_BASE) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# WeasyPrint needs CJK fonts and HarfBuzz-Subset for Chinese PDFs; pdftotext/pdffonts check them in tests;
# the browser tests drive Debian's Chromium; CI runs the suite again under faketime (a moved clock).
SYSTEM_PACKAGES := fonts-noto-cjk libharfbuzz-subset0 poppler-utils chromium chromium-driver gettext faketime
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing system packages:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	      || echo "Could not install:$$missing. Run: sudo apt-get install -y$$missing"; \
	  else \
	    echo "Missing system packages:$$missing. Run: sudo apt-get install -y$$missing"; \
	  fi; \
	fi

static: static/vendor/.stamp

static/vendor/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p static/vendor/bootstrap static/vendor/htmx
	cp -r node_modules/bootstrap/dist/css node_modules/bootstrap/dist/js static/vendor/bootstrap/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
	touch $@

# Migrates the platform, creates the template firm, then migrates every firm (the template included).
db-ready: venv
	$(PY) manage.py setup_platform

lint: venv
	$(VENV)/bin/ruff check .

# Collects new source strings into locale/en/LC_MESSAGES/django.po for translation.
messages: venv
	$(PY) manage.py makemessages -l en --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*'

worker: venv
	$(VENV)/bin/celery -A config worker --loglevel INFO

beat: venv
	$(VENV)/bin/celery -A config beat --loglevel INFO
