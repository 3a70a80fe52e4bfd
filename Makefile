# The README's commands. CI runs `make test` through .ci/run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/baocao: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# the main job on the embedded default: sample mails in a local Maildir, replies written as .eml files
demo: $(BIN)/baocao
	$(BIN)/baocao demo

# the whole test suite against real Dovecot, SMTP, tesseract and LibreOffice (installed here when missing)
test: $(BIN)/baocao
	sh scripts/setup-system.sh
	$(BIN)/ruff check daemon parsers state tests bench scripts
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(BIN)/baocao
	sh scripts/setup-system.sh
	$(BIN)/pip install --quiet -e '.[test,bench]'
	for b in bench/*_bench.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) baocao-demo .pytest_cache .mypy_cache .ruff_cache
