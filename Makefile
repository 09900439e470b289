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
LAB_SETTINGS := $(JUPYTERLAB_SETTINGS_DIR)/@jupyterlab/apputils-extension/notification.jupyterlab-settings

.PHONY: run test lint pytest nbval privacy notebooks lab bench demo-data setup clean

run: $(STAMP)
	$(BIN)/postlab rerun

test: $(STAMP) lint pytest nbval privacy

setup: $(STAMP)

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

pytest: $(STAMP)
	$(BIN)/python -m pytest

nbval: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/

privacy: $(STAMP)
	$(BIN)/postlab check --privacy notebooks data/demo-record record runs

# Re-execute the stored notebooks on the demo data after an intended change.
notebooks: $(STAMP)
	$(BIN)/postlab notebooks

# JupyterLab on the repository: no news pop-up, no update check, and it runs as root
# (a container's only user) without refusing.
lab: $(STAMP) $(LAB_SETTINGS)
	$(BIN)/jupyter lab --notebook-dir=$(CURDIR) --ServerApp.allow_root=True \
		--LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate

$(LAB_SETTINGS):
	mkdir -p $(dir $@)
	printf '{"fetchNews": "false", "checkForUpdates": false}\n' > $@

bench: $(STAMP)
	$(BIN)/python -m benchmarks

demo-data: $(STAMP)
	$(BIN)/python data/demo/generate.py

clean:
	rm -rf $(VENV) $(CACHE) runs .pytest_cache
