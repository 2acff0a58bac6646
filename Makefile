# The two commands of the README:
#   make edition   installs what is needed and builds this repository's edition
#   make test      installs what is needed and runs the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: setup edition test clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml scripts/install-system-deps
	bash scripts/install-system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

edition: setup
	$(BIN)/edition build .

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) site build .pytest_cache
