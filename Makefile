# Two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 5000
# The app's default BASE_URL follows PORT, so emailed links lead to this server.
export PORT
WORKERS ?= 2

.PHONY: run test install compile translations lint format db demo reset clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[postgres,redis,test]'
	touch $(STAMP)

install: $(STAMP)

compile: install
	$(BIN)/pybabel compile -d translations >/dev/null

db: compile
	$(BIN)/flask --app wsgi db upgrade

demo: db
	$(BIN)/flask --app wsgi seed --demo

# gunicorn, and beside it the worker that sends the outbox and runs the sweep; Ctrl-C (or
# gunicorn stopping) stops both.
run: demo
	$(BIN)/flask --app wsgi worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/gunicorn --config gunicorn.conf.py --workers $(WORKERS) --bind 127.0.0.1:$(PORT) \
		--access-logfile - wsgi:app

# The whole suite, with line and branch coverage of intranet/ (the total is the last line),
# spread over one pytest-xdist worker per core (each with its own databases: tests/parallel.py).
TEST_WORKERS ?= auto
test: compile
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

translations: install
	$(BIN)/pybabel extract -F pyproject.toml -k _l -k lazy_gettext --no-location --sort-output \
		--add-comments=TRANSLATORS: \
		--project kyzylorda-library-intranet -o translations/messages.pot .
	for lang in kk ru en; do \
		if [ -f translations/$$lang/LC_MESSAGES/messages.po ]; then \
			$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i translations/messages.pot -d translations -l $$lang; \
		else \
			$(BIN)/pybabel init -i translations/messages.pot -d translations -l $$lang; \
		fi; \
	done
	$(BIN)/pybabel compile -d translations

# ruff (style and common bugs), mypy (types; strict on models and services), import-linter
# (the layers of the package), vulture (dead code).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/vulture

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Fresh demo data on the next `make run`: the SQLite database and the written mail go,
# the development secret key stays (signed-in browsers simply sign in again).
reset:
	rm -rf instance/intranet.sqlite3 instance/intranet.sqlite3-wal instance/intranet.sqlite3-shm instance/outbox

clean:
	rm -rf $(VENV) instance/*.sqlite3* .pytest_cache
