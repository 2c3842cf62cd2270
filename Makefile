# Kite: `make run` serves it, `make test` proves it. Both set up everything they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 5000
FLASK := $(BIN)/flask --app app

.PHONY: run test install translations translations-update assets fonts db-upgrade demo-data lint clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

install: $(STAMP)

translations: install
	$(FLASK) translate compile
	$(FLASK) assets compress

translations-update: install
	$(FLASK) translate update

db-upgrade: install
	$(FLASK) db-upgrade

demo-data: db-upgrade
	$(FLASK) demo-data

# The web server, and beside it Kite's clock (concerns escalate every minute even when nobody
# opens Kite; emails go out); stopping one stops both.
run: translations demo-data
	-$(BIN)/flask --app app concerns check
	@echo "Kite is at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	@$(BIN)/flask --app app jobs run & clock=$$!; trap 'kill $$clock 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn --workers 2 --threads 4 --bind 127.0.0.1:$(PORT) \
		--access-logformat '"%(r)s" %(s)s %(b)s %(M)sms' --access-logfile - "app:create_app()"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The whole suite on the configured database (PostgreSQL when KITE_TEST_DATABASE_URL is set),
# then, if that was PostgreSQL, the database-bound tests again on the embedded SQLite default.
test: translations lint
	$(BIN)/pytest
	@if [ -n "$$KITE_TEST_DATABASE_URL" ]; then \
		echo "Again on SQLite:"; KITE_TEST_DATABASE_URL= $(BIN)/pytest -m "not browser" -q; fi

# Refresh vendored front-end files from npm (needs Node; run and test never do).
assets: install
	npm ci --no-audit --no-fund
	$(BIN)/python tools/vendor_assets.py
	$(BIN)/python tools/compose_pictures.py
	$(BIN)/python tools/subset_fonts.py

# Cut each language's fonts to its text again, after editing content/ or translations/ (no Node).
fonts: install
	$(BIN)/python tools/subset_fonts.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache
