# The commands a newcomer needs; each sets up what it needs by itself.
#   make demo    run the main job on the built-in city, with only the package's own dependencies
#   make test    lint, type-check, run the tests and doctests, build the docs
#   make bench   run the benchmarks
#   make matrix  run `make test` under every supported Python this machine has
#
# The versions installed are the exact pins of pyproject.toml's [dependency-groups]. Installing a
# group needs pip 25.1 or later, so each environment first gets the pip below.

PYTHON ?= python3
VENV ?= .venv
DEMO_VENV ?= .venv-demo
PIP_VERSION := 26.3
# The Python versions the package supports (pyproject.toml's classifiers say the same).
SUPPORTED := 3.11 3.12 3.13

BIN := $(VENV)/bin
PIP_INSTALL := -m pip install --quiet --disable-pip-version-check

.PHONY: demo test lint typecheck pytest docs bench matrix interpreters clean FORCE

# A virtual environment remembers the interpreter it was made with in .python, and is made anew
# when PYTHON names another one. Its .gitignore keeps it out of git, as Python 3.13's venv does.
%/.python: FORCE
	@made_by="$$($(PYTHON) -c 'import sys; print(sys.version)')" || exit 1; \
	if [ "$$(cat $@ 2>/dev/null)" != "$$made_by" ]; then \
	    echo "making $* with $(PYTHON) (Python $${made_by%% *})"; \
	    rm -rf $* && $(PYTHON) -m venv $* && echo '*' > $*/.gitignore && \
	    $*/bin/python $(PIP_INSTALL) pip==$(PIP_VERSION) && \
	    echo "$$made_by" > $@; \
	fi

$(VENV)/.installed: $(VENV)/.python pyproject.toml
	$(BIN)/python $(PIP_INSTALL) --group dev
	$(BIN)/python $(PIP_INSTALL) --no-deps --no-build-isolation -e .
	touch $@

# The demo's environment holds the pinned runtime dependencies and the package, nothing else.
$(DEMO_VENV)/.installed: $(DEMO_VENV)/.python pyproject.toml
	$(DEMO_VENV)/bin/python $(PIP_INSTALL) --group runtime
	$(DEMO_VENV)/bin/python $(PIP_INSTALL) --no-deps -e .
	touch $@

demo: $(DEMO_VENV)/.installed
	$(DEMO_VENV)/bin/python -m neighborparty demo

test: lint typecheck pytest docs

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed
	$(BIN)/mypy --strict src

# The tests run in one process a core (pytest-xdist), each taking the next test when it is done.
pytest: $(VENV)/.installed
	$(BIN)/pytest -n auto --dist worksteal

docs: $(VENV)/.installed
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html

# BENCH_ARGS=--scales 1 runs scale 1 alone; without --dask the cluster rows are left out.
BENCH_ARGS ?= --dask
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# One interpreter per supported version and patch release, one a line: python3.X on PATH, in
# pyenv, and Debian's /usr/bin/python3.X.
interpreters:
	@seen=" "; \
	for minor in $(SUPPORTED); do \
	    for py in "$$(command -v python$$minor)" $$HOME/.pyenv/versions/$$minor*/bin/python$$minor \
	              /usr/bin/python$$minor; do \
	        [ -x "$$py" ] || continue; \
	        version="$$("$$py" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null)" \
	            || continue; \
	        case "$$version" in "$$minor".*) ;; *) continue ;; esac; \
	        case "$$seen" in *" $$version "*) continue ;; esac; \
	        seen="$$seen$$version "; \
	        echo "$$py"; \
	    done; \
	done

# `make test` under each of them, each in its own .venv-X.Y.Z; a summary, and failure if any failed.
# MATRIX="path ..." runs a chosen list instead.
matrix:
	@pythons="$${MATRIX:-$$($(MAKE) -s --no-print-directory interpreters)}"; \
	summary=""; failed=0; \
	for py in $$pythons; do \
	    version="$$("$$py" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"; \
	    echo "== make test with $$py (Python $$version)"; \
	    start=$$(date +%s); \
	    if $(MAKE) --no-print-directory test PYTHON="$$py" VENV=".venv-$$version"; then \
	        result=passed; else result=FAILED; failed=1; fi; \
	    summary="$$summary$$version ($$py): $$result in $$(( $$(date +%s) - start )) s\n"; \
	done; \
	printf "== matrix\n$$summary"; \
	exit $$failed

clean:
	rm -rf $(VENV) $(DEMO_VENV) .venv-3.* docs/_build .mypy_cache .ruff_cache .pytest_cache .hypothesis
