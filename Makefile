# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := app:create_app
SOURCES := app.py core accounts notifications registry standards compliance certification privacy reporting guidance home templates

.PHONY: run test setup dev-setup translations lint extract clean

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: requirements-dev.txt $(BIN)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(BIN)/.installed translations

dev-setup: $(BIN)/.installed-dev translations

translations: $(BIN)/.installed
	$(BIN)/pybabel compile --statistics -d translations

run: setup
	$(BIN)/flask db upgrade
	$(BIN)/flask setup first-start
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: dev-setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: dev-setup
	$(BIN)/ruff check .

# Refresh the message catalogues after changing user-facing text.
extract: $(BIN)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_text -k lazy_plural:1,2 -o translations/messages.pot --no-location --sort-output $(SOURCES)
	test -f translations/en/LC_MESSAGES/messages.po || $(BIN)/pybabel init -i translations/messages.pot -d translations -l en
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete --no-wrap

clean:
	rm -rf $(VENV) .pytest_cache
