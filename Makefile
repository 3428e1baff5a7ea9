# Mentorat: `make run` to try it, `make test` to check it. PYTHON=/path/to/python3.12 overrides.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export SITE_URL ?= http://127.0.0.1:$(PORT)
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := run
.PHONY: install run test lint bench messages compilemessages migrate seed clean

$(STAMP): requirements.lock pyproject.toml
	@set -e; \
	if [ ! -x "$(BIN)/python" ] || ! "$(BIN)/python" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		py=$$(scripts/find-python); \
		echo "Creating $(VENV) with $$py"; \
		rm -rf "$(VENV)"; "$$py" -m venv "$(VENV)"; \
	fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $(STAMP)

install: $(STAMP)

compilemessages: install
	$(BIN)/python scripts/compile_messages.py

migrate: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py migrate --noinput

seed: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py seed_demo

run: install compilemessages migrate seed
	@echo ""
	@echo "Mentorat is starting on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install compilemessages
	scripts/run-tests

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

messages: install
	scripts/makemessages

bench: install compilemessages
	@set -e; for script in bench/[!_]*.py; do echo "== $$script"; DJANGO_DEBUG=1 $(BIN)/python "$$script"; done

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
	find . -name '*.mo' -not -path './$(VENV)/*' -delete
