# Two commands on a fresh clone: `make report` and `make test`.
# Both create .venv when missing and (re)install the project only when pyproject.toml changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
YEAR   ?= 2028

.PHONY: report test validate bench pages install check-wheel clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

report: $(STAMP)
	$(BIN)/reportgen build --year $(YEAR)

test: $(STAMP)
	$(BIN)/python -m pytest

validate: $(STAMP)
	$(BIN)/reportgen validate --year $(YEAR)

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

# Renders every page of out/$(YEAR)/rapport.pdf to PNG (needs poppler-utils: pdftoppm).
pages: $(STAMP)
	$(BIN)/python scripts/pages.py --year $(YEAR)

# Builds the wheel, installs it into a throwaway venv and makes a draft report with it in
# an empty folder (scripts/check_wheel.sh); needs no .venv.
check-wheel:
	PYTHON=$(PYTHON) scripts/check_wheel.sh

clean:
	rm -rf out
