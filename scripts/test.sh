#!/usr/bin/env bash
# THE one command that runs every test:
#   1. scripts/bootstrap.sh --browser --latex --python  (installs what is missing; aborts on failure;
#                                               --python only where python3 is found)
#   2. cargo test --workspace --no-fail-fast    (native unit/property/data tests)
#   2a. scripts/consumers/hf_cards_test.sh      (the core's Hugging Face YAML read by huggingface_hub
#                                               and the Hub's emissions filter; skipped without python3)
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

# Without the tools nothing else can run. The Python consumers need python3 (>= 3.9, with
# venv): where there is none, their venv is not made and their step is skipped, saying so.
python=${PYTHON:-python3}
bootstrap_args=(--browser --latex)
if command -v "$python" >/dev/null; then
  bootstrap_args+=(--python)
else
  echo "=== $python not found: the Hugging Face consumer test will be skipped"
fi
step bootstrap bash scripts/bootstrap.sh "${bootstrap_args[@]}" || exit 1

step "native tests" cargo test --workspace --no-fail-fast || true

if command -v "$python" >/dev/null; then
  step "Hugging Face cards read by huggingface_hub" bash scripts/consumers/hf_cards_test.sh || true
else
  skip "Hugging Face cards read by huggingface_hub ($python not found)"
fi

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
