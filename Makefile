# The two commands of the README:
#   make site   set everything up and build the sample portal into site/
#   make test   set everything up (browser and checkers included) and run every test
# Everything installs into .venv/ and node_modules/ inside the checkout.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve preview test check bench lint lock clean edit fmt screenshots editor

# Built beside site/ and swapped in only on success (scripts/build-site.sh).
site: $(VENV)/.site editor
	MKDOCS=$(BIN)/mkdocs bash scripts/build-site.sh site

# The browser editor (Decap CMS, pinned in package-lock.json) that the build copies into
# site/admin/. `npm ci --omit=dev` installs only what the build needs; the test setup
# (scripts/install-test-tools.sh) installs everything, and either install will do.
editor:
	@if { [ -f node_modules/.verksted-stamp ] && [ ! package-lock.json -nt node_modules/.verksted-stamp ]; } \
	   || { [ -f node_modules/.verksted-editor-stamp ] && [ ! package-lock.json -nt node_modules/.verksted-editor-stamp ]; }; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  npm ci --omit=dev --ignore-scripts --no-audit --no-fund --silent && touch node_modules/.verksted-editor-stamp; \
	else echo "npm not found: admin/ will say the editor is not installed (install Node.js and npm)"; fi

# Edit data/ in the browser: decap-server (on 127.0.0.1:8081) writes the files, and the
# live preview (http://127.0.0.1:8000/) shows the site; the editor is at /admin/.
edit: $(VENV)/.site editor
	@echo "Redigering: http://127.0.0.1:8000/admin/   Forhåndsvisning: http://127.0.0.1:8000/"
	BIND_HOST=127.0.0.1 PORT=8081 MODE=fs node node_modules/decap-server/dist/index.js & \
	  proxy=$$!; trap 'kill $$proxy' EXIT INT TERM; \
	  VERKSTED_PREVIEW_DRAFTS=1 $(BIN)/mkdocs serve --livereload --dirty --dev-addr 127.0.0.1:8000

# Record files in canonical form (the form the editor writes), for one-line diffs.
fmt: $(VENV)/.site
	$(BIN)/verksted fmt

# Refresh the screenshots of the editor's guide (docs/redaktor/skjermbilder/).
screenshots: $(VENV)/.test
	bash scripts/install-test-tools.sh
	VERKSTED_UPDATE_SCREENSHOTS=1 $(BIN)/pytest -q tests/browser/test_editor.py

serve: $(VENV)/.site
	$(BIN)/mkdocs serve --livereload

# Like serve, but drafts (draft: true) are shown too, with an "Utkast" banner. --dirty: a
# saved file shows up several times sooner (only changed pages are rendered again; the
# preview's search misses the skipped pages until it is restarted).
preview: $(VENV)/.site
	VERKSTED_PREVIEW_DRAFTS=1 $(BIN)/mkdocs serve --livereload --dirty

check: $(VENV)/.site
	$(BIN)/verksted check

# TEST_WORKERS pytest-xdist workers: the browser tests spend much of their time waiting on
# Chromium's frames and page loads, so four keep two cores busy (measured here: the parallel
# run took 10.0 min with four, ~11.8 with three). Tests are grouped (conftest.py files) so a
# module's or a site's shared fixtures are made once; `make test TEST_WORKERS=0` runs serially.
# Tests marked `alone` (Lighthouse's timings) run afterwards with the machine to themselves;
# both runs always run, and the command fails if either does.
TEST_WORKERS ?= 4
test: $(VENV)/.test
	bash scripts/install-test-tools.sh
	$(BIN)/ruff check .
	$(BIN)/lint-imports  # the pipeline's layers and no import cycles (pyproject.toml)
	status=0; \
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup -m "not alone" --durations=30 || status=$$?; \
	$(BIN)/pytest -m alone --durations=5 || status=$$?; \
	exit $$status

# Property-based fuzzing of the loader: 10,000 generated files per record kind (long).
.PHONY: fuzz
fuzz: $(VENV)/.test
	VERKSTED_FUZZ_EXAMPLES=10000 $(BIN)/pytest -q -p no:cacheprovider tests/test_fuzz_loader.py

# The portal against plain MkDocs building the same pages (the twin, bench/plain_twin.py) at
# 1,000 and 5,000 workshops, then against the lean hand-written site of the earlier rounds;
# the live preview; page weight. The first part alone takes ~20 minutes on 2 cores.
bench: $(VENV)/.bench
	$(BIN)/python bench/portal_vs_plain.py
	$(BIN)/python bench/portal_vs_plain.py --plain lean --repeat 2 1000
	$(BIN)/python bench/preview_time.py --dirty 100 1000
	$(BIN)/python bench/preview_time.py --dirty --edit=title 100 1000
	$(BIN)/python bench/page_weight.py

lint: $(VENV)/.test
	$(BIN)/ruff check .

# Versions come from requirements.lock, so CI and every editor get the same ones.
$(VENV)/.site: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e .
	touch $@

$(VENV)/.test: $(VENV)/.site
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

$(VENV)/.bench: $(VENV)/.site
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[bench]'
	touch $@

# Refresh the lock after changing dependencies in pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e '.[test,bench]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^verksted' > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site $(VENV) node_modules test-artifacts
