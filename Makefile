# postlab: `make run` and `make test` are the contract (see README.md).
# Everything is installed into .venv from requirements.lock; Jupyter, IPython
# and matplotlib keep their files under .cache/, never in the home directory.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.postlab-installed
CACHE := $(CURDIR)/.cache

export JUPYTER_CONFIG_DIR := $(CACHE)/jupyter/config
export JUPYTER_DATA_DIR := $(CACHE)/jupyter/data
export JUPYTER_RUNTIME_DIR := $(CACHE)/jupyter/runtime
export JUPYTER_PLATFORM_DIRS := 1
export IPYTHONDIR := $(CACHE)/ipython
export MPLCONFIGDIR := $(CACHE)/matplotlib
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export JUPYTERLAB_SETTINGS_DIR := $(CACHE)/jupyter/lab/user-settings

.PHONY: run test lint browser pytest nbval privacy notebooks screenshots lab bench demo-data setup clean docs bytecode

run: bytecode
	$(BIN)/postlab rerun

test: bytecode lint browser pytest nbval privacy

setup: bytecode

# The package's compiled bytecode, as a regular install has it: an editable install has
# none, and where PYTHONDONTWRITEBYTECODE is set (as on CI machines) every command, worker
# and kernel would compile postlab from source again (about 1 s a process). Up to date, 0.1 s.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q lib/postlab

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the lock file or the package metadata changed.
$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The browser checks need Chromium: install Debian's package when it is missing and
# we can (root with apt-get); otherwise those tests say why they are skipped.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium for the browser checks"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji) \
			>/dev/null 2>&1 || echo "note: could not install chromium: the browser checks will be skipped"; \
	else echo "note: no chromium and no way to install it: the browser checks will be skipped"; fi

pytest: bytecode
	$(BIN)/python -m pytest -n 3 --dist worksteal

nbval: bytecode
	$(BIN)/python -m pytest -p no:cacheprovider --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		--ignore=notebooks/app.ipynb notebooks/

privacy: bytecode
	$(BIN)/postlab check --privacy notebooks data/demo-record record runs

# Re-execute the stored notebooks on the demo data after an intended change.
notebooks: bytecode
	$(BIN)/postlab notebooks

# Rerun on the demo, check the pages in Chromium and store README's pictures.
screenshots: bytecode browser
	$(BIN)/postlab rerun
	$(BIN)/postlab screenshots --experiment humour-vs-serious-x --out docs/screenshots

# JupyterLab on the repository (the demo); inside teams/<team>/ run `postlab lab`, which
# opens the team's workspace with its own copies of the notebooks.
lab: bytecode
	$(BIN)/postlab lab

# The documentation site (docs/, MkDocs Material) into build/site, --strict: a broken link,
# reference or generated page fails. `make test` builds it too (tests/docs).
docs: bytecode
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs build --strict --quiet
	@echo "Open build/site/index.html (it works offline)."

bench: bytecode
	$(BIN)/python -m benchmarks

demo-data: bytecode
	$(BIN)/python data/demo/generate.py

# The caches hold post text as exported: the teams' too (`postlab clean` cleans one workspace).
clean:
	rm -rf $(VENV) $(CACHE) runs .pytest_cache teams/*/.cache
