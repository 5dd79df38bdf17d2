#!/usr/bin/env bash
# THE one command that runs every test:
#    1. scripts/bootstrap.sh --browser --latex --python   installs what is missing; aborts on failure
#                                                 (--python only where python3 is found)
#    2. cargo fmt --all --check
#    3. cargo clippy --workspace --all-targets -- -D warnings      (native)
#    4. cargo test --workspace --no-fail-fast     native unit, property, data, CLI and docs tests
#                                                 (the docs' ```console blocks run with trycmd)
#   4a. scripts/consumers/hf_cards_test.sh        the Hugging Face YAML read by huggingface_hub and the
#                                                 Hub's own emissions filter (skipped without python3)
#   4b. scripts/consumers/boamps_test.sh          the BoAmps reports valid against BoAmps' pinned schema
#                                                 with jsonschema (skipped without python3)
#    5. scripts/latex-test.sh                     the LaTeX statement compiles with pdflatex + bibtex,
#                                                 also in conference templates with a clashing user .bib
#    6. cargo run --example counts                per-table row counts (if core/examples/counts.rs exists)
#    7. scripts/doc-commands.sh check             every command the docs show is mapped to what runs it
#    8. scripts/doc-commands.sh run-as-written    the CLI's cargo lines from the root, make lint-workflows
#    9. scripts/doc-commands.sh data-rebuild      build_tables.py reproduces data/ (only with ../shared)
#   10. trunk build --release                     the wasm app into dist/
#   11. cargo clippy --target wasm32-unknown-unknown -p ml-emissions-app -- -D warnings
#   12. node --test e2e/*.test.mjs                headless chromium against dist/
#   13. scripts/doc-commands.sh serve             scripts/serve.sh answers on 127.0.0.1:8080 (reuses 10)
#   14. scripts/doc-commands.sh screenshots       node scripts/screenshots.mjs, every view (reuses 10)
#   15. scripts/doc-commands.sh bench             make bench, one cold load (reuses 10)
# Later steps still run after a failure where they can, then a summary is printed with the first
# errors and the last lines of each failed step's log (every step's full output is in
# target/test-logs/).
# Exit status is non-zero if anything failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

LOG_DIR="$REPO/target/test-logs"
rm -rf "$LOG_DIR" && mkdir -p "$LOG_DIR"
export LOG_DIR
TAIL_LINES=40

summary=() failures=() failed=0 start_all=$SECONDS steps=0

# step NAME COMMAND...: run one step, its output also in a log file; record "ok"/"FAILED" and its duration.
# Each step has a time limit (STEP_LIMIT seconds, 1800 unless set for the step), so that one step
# that hangs fails with a message instead of eating the whole CI budget (.ci/run: 90 minutes).
step() {
  local name=$1 t0=$SECONDS status=ok log limit=${STEP_LIMIT:-1800} rc; shift
  steps=$((steps + 1))
  log="$LOG_DIR/$(printf '%02d' "$steps")-$(tr -c 'a-zA-Z0-9\n' '-' <<<"$name").log"
  echo
  echo "=== $name: $*"
  # pipefail: the status is the command's, not tee's.
  timeout --kill-after=20 "$limit" "$@" 2>&1 | tee "$log" || {
    rc=$?
    status=FAILED
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
      echo "TIMED OUT: '$name' did not finish within its limit of $limit s" | tee -a "$log"
    fi
  }
  summary+=("$(printf '%-8s %5ss  %s' "$status" $((SECONDS - t0)) "$name")")
  if [ "$status" != ok ]; then
    failed=1
    failures+=("$name"$'\t'"$log")
  fi
  [ "$status" = ok ]
}
skip() { summary+=("$(printf '%-8s %5s   %s' skipped - "$1")"); }

print_summary() {
  local entry name log
  echo
  echo "=== summary (total $((SECONDS - start_all))s)"
  printf '%s\n' "${summary[@]}"
  for entry in "${failures[@]}"; do
    name=${entry%%$'\t'*} log=${entry#*$'\t'}
    echo
    # The first errors (a build's log ends in its backtrace, not its cause), then the end.
    echo "--- $name: first errors in ${log#"$REPO"/}"
    grep -n -m 12 -E '^error(\[|:)|panicked at|^FAILED|^not ok|UNREVIEWED|BROKEN|STALE|^Diff in|^TIMED OUT' "$log" || echo "(none found)"
    echo "--- $name: last $TAIL_LINES lines"
    tail -n "$TAIL_LINES" "$log"
  done
  echo
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
  echo "=== $python not found: the Hugging Face and BoAmps consumer tests will be skipped"
fi
step "bootstrap" bash scripts/bootstrap.sh "${bootstrap_args[@]}" || exit 1

step "formatting" cargo fmt --all --check || true

step "clippy (native)" cargo clippy --workspace --all-targets -- -D warnings || true

step "native tests" cargo test --workspace --no-fail-fast || true

if command -v "$python" >/dev/null; then
  step "Hugging Face cards read by huggingface_hub" bash scripts/consumers/hf_cards_test.sh || true
else
  skip "Hugging Face cards read by huggingface_hub ($python not found)"
fi

if command -v "$python" >/dev/null; then
  step "BoAmps reports valid against BoAmps' schema" bash scripts/consumers/boamps_test.sh || true
else
  skip "BoAmps reports valid against BoAmps' schema ($python not found)"
fi

step "LaTeX statement compiles" bash scripts/latex-test.sh || true

if [ -f core/examples/counts.rs ]; then
  step "table row counts" cargo run -q -p emissions-core --example counts || true
fi

step "docs: every command is reviewed" bash scripts/doc-commands.sh check || true

step "docs: commands run as written" bash scripts/doc-commands.sh run-as-written || true

if [ -d "${REFERENCE_DATA:-$REPO/../shared/reference-data}" ]; then
  step "docs: data rebuild reproduces data/" bash scripts/doc-commands.sh data-rebuild || true
else
  skip "docs: data rebuild reproduces data/ (no ../shared/reference-data beside the repository)"
fi

if step "wasm build" trunk build --release; then
  built=1
else
  built=0
fi

step "clippy (wasm, UI)" cargo clippy --target wasm32-unknown-unknown -p ml-emissions-app -- -D warnings || true

if [ "$built" = 1 ]; then
  shopt -s nullglob
  e2e_tests=(e2e/*.test.mjs)
  if [ ${#e2e_tests[@]} -gt 0 ]; then
    step "browser tests" node --test "${e2e_tests[@]}" || true
  else
    skip "browser tests (no e2e/*.test.mjs)"
  fi
  step "docs: serve.sh serves the app" bash scripts/doc-commands.sh serve || true
  STEP_LIMIT=600 step "docs: screenshots of every view" bash scripts/doc-commands.sh screenshots || true
  STEP_LIMIT=900 step "docs: make bench, one run" bash scripts/doc-commands.sh bench || true
else
  skip "browser tests (no build)"
  skip "docs: serve.sh serves the app (no build)"
  skip "docs: screenshots of every view (no build)"
  skip "docs: make bench, one run (no build)"
fi

exit "$failed"
