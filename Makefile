# Everything a fresh machine needs: `make serve` to look at the site, `make test` to check it.
# Each target creates the local virtual environment in .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
LOCK := requirements.txt
TEST_LOCK := requirements-test.txt
VNU := node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: serve build check test lint lock browser schema neu neues-jahr import einlesen bench clean

# Values from the command line (make neu KREIS=… JAHR=…) reach the commands as environment
# variables, quoted by the shell ("$$KREIS"), never pasted into the command text: a value such as
# $(…), `…` or a quote stays a value.
PORT ?= 8000
export KREIS JAHR DATEI PORT EREIGNIS
# Banners of dependencies about their own future (mkdocs-material's end of life, ProperDocs' notice
# for `mkdocs` users) say nothing about this project; the README explains the plan instead.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

# pip of the Python that makes the venv, where it has one that can install into another environment
# (pip 22.3 and newer): a venv without a pip of its own takes a tenth of the time to make, which
# `make serve` on a fresh machine feels. Otherwise the venv gets its own pip, as usual.
HOST_PIP := $(shell $(PYTHON) -c "import sys, pip; sys.exit(tuple(map(int, pip.__version__.split('.')[:2])) < (22, 3))" 2>/dev/null && echo yes)
ifeq ($(HOST_PIP),yes)
NEW_VENV := $(PYTHON) -m venv --without-pip $(VENV)
PIP := $(PYTHON) -m pip --python $(BIN)/python
else
NEW_VENV := $(PYTHON) -m venv $(VENV)
PIP := $(BIN)/python -m pip
endif

# Exactly the versions in requirements.txt, each checked against its hash; then our own package.
# Serving, building and importing need only these; the test tools (requirements-test.txt: the same
# versions plus linters, Playwright, …) come on top for `make test`, so `make serve` on a fresh
# machine does not wait for them.
$(INSTALLED): pyproject.toml $(LOCK)
	$(NEW_VENV)
	$(PIP) install --quiet --disable-pip-version-check --no-compile --require-hashes --no-deps -r $(LOCK)
	$(PIP) install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(INSTALLED)

$(TEST_INSTALLED): $(INSTALLED) $(TEST_LOCK)
	$(PIP) install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(TEST_LOCK)
	touch $(TEST_INSTALLED)

## lock: refresh requirements.txt and requirements-test.txt (every Python dependency, newest allowed
## versions, with hashes, for every supported Python) after changing pyproject.toml or to take updates;
## the test lock is held to the versions of the first, so tests run what the site is built with
lock: $(TEST_INSTALLED)
	$(BIN)/uv pip compile pyproject.toml requirements-build.in --upgrade --generate-hashes \
		--universal --python-version 3.11 --quiet --custom-compile-command "make lock" -o $(LOCK)
	$(BIN)/uv pip compile pyproject.toml requirements-build.in --extra test --constraint $(LOCK) --upgrade \
		--generate-hashes --universal --python-version 3.11 --quiet --custom-compile-command "make lock" -o $(TEST_LOCK)

## serve: build the site with the data in data/ and serve it on http://127.0.0.1:8000 (or PORT=…)
# serve and build do not echo their commands: staff read only the German lines that follow
# (ProperDocs' own ones too: aqb.outputs.buildlog).
serve: $(INSTALLED)
	@$(BIN)/aqb port "$$PORT"
	@AQB_VORSCHAU=1 $(BIN)/properdocs serve --strict --watch-theme -f mkdocs.yml --dev-addr "127.0.0.1:$$PORT"

## build: build the site into site/ (fails on any problem in the data). Built in .bau/ first and
## exchanged with site/ in one step, so there is never a moment without a complete site/.
build: $(INSTALLED)
	@$(BIN)/python -I -m aqb.outputs.publish

## check: check every data file and list all problems at once
check: $(INSTALLED)
	$(BIN)/aqb check

## schema: regenerate the editor schemas in data/schema/ from the model
schema: $(INSTALLED)
	$(BIN)/aqb schema

## neu: draft a new agreement, e.g. make neu KREIS=fulda JAHR=2026
neu: $(INSTALLED)
	@test -n "$$KREIS" -a -n "$$JAHR" || { echo "Bitte angeben: make neu KREIS=<kürzel> JAHR=<jahr>"; exit 2; }
	@$(BIN)/aqb neu -- "$$KREIS" "$$JAHR"

## neues-jahr: a new year's standard text from the previous one, e.g. make neues-jahr JAHR=2026
neues-jahr: $(INSTALLED)
	@test -n "$$JAHR" || { echo "Bitte angeben: make neues-jahr JAHR=<jahr>"; exit 2; }
	@$(BIN)/aqb neues-jahr -- "$$JAHR"

## import: turn signed agreements (PDF or text) into drafts: one file, or every file of a folder
## (make import DATEI=vereinbarung.pdf, make import DATEI=unterlagen-2026/)
import: $(INSTALLED)
	@test -n "$$DATEI" || { echo "Bitte angeben: make import DATEI=<datei oder ordner>"; exit 2; }
	@$(BIN)/aqb import $${KREIS:+--kreis "$$KREIS"} -- "$$DATEI"

## einlesen: the workflow's step for an issue labelled `einlesen`: its attached files become drafts;
## the pull request's and the comment's texts go to .einlesen/ (EREIGNIS: GitHub's event file)
einlesen: $(INSTALLED)
	@test -n "$$EREIGNIS" || { echo "Bitte angeben: make einlesen EREIGNIS=<ereignis.json>"; exit 2; }
	@rm -rf .einlesen
	@$(BIN)/python -I -m aqb.staff.cli einlesen -- "$$EREIGNIS" .einlesen

## lint: ruff (rules in pyproject.toml) and its formatter, mypy in strict mode, zizmor on the workflows
lint: $(TEST_INSTALLED)
	$(BIN)/ruff check src hooks bench tests
	$(BIN)/ruff format --check src hooks bench tests
	$(BIN)/mypy
	$(BIN)/zizmor --offline --no-progress --min-severity medium .github/workflows/*.yml

## test: lint, then the whole test suite, browser tests included where Chromium can be had
test: $(TEST_INSTALLED) lint browser $(VNU)
	$(BIN)/python -m pytest

# The Nu HTML Checker for the HTML test, from the npm registry (pinned in package-lock.json).
$(VNU): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $(VNU); \
	else echo "Hinweis: npm fehlt; der HTML-Test wird übersprungen (mit CI=true schlägt er fehl)." >&2; fi

## browser: install the system packages the tests need (Chromium, a font) when we are root
browser:
	@bash .ci/ensure-test-packages

clean:
	rm -rf site .bau $(VENV)

## bench: the benchmark at 810 and 10 000 synthetic agreements; prints a table, appends it to bench/RESULTS.md
bench: $(TEST_INSTALLED)
	cd bench && npm ci --no-audit --no-fund --silent
	$(BIN)/python bench/run.py --ergebnis bench/RESULTS.md
