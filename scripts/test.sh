#!/usr/bin/env bash
# THE one command that runs every test:
#   1. scripts/bootstrap.sh --browser --latex   (installs what is missing; aborts on failure)
#   2. cargo test --workspace --no-fail-fast    (native unit/property/data tests)
#      cargo fmt --check; cargo clippy (native, and wasm32 for the UI, which is empty natively)
#   2b. scripts/latex-test.sh                  (the LaTeX statement compiles with pdflatex + bibtex)
#   3. cargo run --example counts               (per-table row counts; only if core/examples/counts.rs exists)
#   4. trunk build --release                    (the wasm app into dist/)
#   5. node --test e2e/*.test.mjs               (headless chromium against dist/)
# Later steps still run after a failure where they can, then a summary is printed.
# Exit status is non-zero if anything failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

summary=() failed=0 start_all=$SECONDS

# step NAME COMMAND...: run one step, record "ok"/"FAILED" and its duration.
step() {
  local name=$1 t0=$SECONDS status=ok; shift
  echo
  echo "=== $name: $*"
  "$@" || status=FAILED
  summary+=("$(printf '%-8s %5ss  %s' "$status" $((SECONDS - t0)) "$name")")
  [ "$status" = ok ] || failed=1
  [ "$status" = ok ]
}
skip() { summary+=("$(printf '%-8s %5s   %s' skipped - "$1")"); }

print_summary() {
  echo
  echo "=== summary (total $((SECONDS - start_all))s)"
  printf '%s\n' "${summary[@]}"
  if [ "$failed" = 0 ]; then echo "ALL TESTS PASSED"; else echo "SOME STEPS FAILED"; fi
}
trap print_summary EXIT

# Without the tools nothing else can run.
step bootstrap bash scripts/bootstrap.sh --browser --latex || exit 1

step "native tests" cargo test --workspace --no-fail-fast || true

step "format" cargo fmt --all --check || true
step "lint (native)" cargo clippy --workspace --all-targets -- -D warnings || true
step "lint (wasm UI)" cargo clippy --target wasm32-unknown-unknown -p ml-emissions-app -- -D warnings || true

step "LaTeX statement compiles" bash scripts/latex-test.sh || true

if [ -f core/examples/counts.rs ]; then
  step "table row counts" cargo run -q -p emissions-core --example counts || true
fi

if step "wasm build" trunk build --release; then
  shopt -s nullglob
  e2e_tests=(e2e/*.test.mjs)
  if [ ${#e2e_tests[@]} -gt 0 ]; then
    step "browser tests" node --test "${e2e_tests[@]}" || true
  else
    skip "browser tests (no e2e/*.test.mjs)"
  fi
else
  skip "browser tests (no build)"
fi

exit "$failed"
