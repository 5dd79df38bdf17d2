#!/usr/bin/env bash
# Every command that the docs show runs in the test suite, or this check fails.
#
#   bash scripts/doc-commands.sh [check]   find every command in the Markdown files (```sh, ```bash,
#                                          ```shell and ```console blocks, and inline `code` that
#                                          starts with a program) and fail on any that REVIEWED
#                                          below does not map to what proves it
#   bash scripts/doc-commands.sh list      print them: file:line, kind, command
#   bash scripts/doc-commands.sh run-as-written   run the commands marked `as-written`, from the
#                                          repository root, exactly as the docs write them
#   bash scripts/doc-commands.sh serve     start scripts/serve.sh, wait until 127.0.0.1:8080 serves
#                                          the app, stop it
#   bash scripts/doc-commands.sh bench     `make bench` with one cold load instead of seven, written to
#                                          a temporary file instead of bench/latest.json
#   bash scripts/doc-commands.sh screenshots   `node scripts/screenshots.mjs` as written (every view,
#                                          360 and 1280 px, light and dark) into target/screenshots/
#   bash scripts/doc-commands.sh data-rebuild   run scripts/data/build_tables.py into a temporary
#                                          folder and compare with data/ (skipped, saying so, when
#                                          ../shared/reference-data is missing)
#
# scripts/test.sh runs each of these as a step; the proof named in REVIEWED for a command is either
# `as-written`, `self` (scripts/test.sh itself) or `step:NAME`, the name of the step of
# scripts/test.sh that runs it (checked to exist). A ```console command of a file that
# cli/tests/docs.rs runs with trycmd needs no entry: that test runs it and compares its output.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

# command <TAB> proof. Keep it sorted by file, in the order the docs show the commands.
REVIEWED=$(cat <<'EOF'
bash scripts/serve.sh	step:docs: serve.sh serves the app
bash scripts/test.sh	self
cargo run --release --bin ml-emissions -- estimate --help	as-written
cargo run --release --bin ml-emissions -- estimate --hardware "H100 SXM" --devices 8 --hours 72 --region aws:us-east-1 --format latex	as-written
trunk serve	step:docs: serve.sh serves the app
trunk build --release	step:wasm build
make lint-workflows	as-written
make bench	step:docs: make bench, one run
make bench BENCH_ARGS="--runs 5"	step:docs: make bench, one run
node scripts/screenshots.mjs	step:docs: screenshots of every view
cargo run -p emissions-core --example counts	step:table row counts
cargo test	step:native tests
node --test	step:browser tests
cargo build --release --bin ml-emissions	as-written
ml-emissions help estimate	step:native tests
ml-emissions list zones --help	step:native tests
cargo test -p ml-emissions --test docs	step:native tests
ml-emissions estimate --format json	step:native tests
ml-emissions list changes	step:native tests
cargo test -p emissions-core	step:native tests
pip install -r scripts/data/requirements.txt	step:docs: data rebuild reproduces data/
python3 scripts/data/build_tables.py	step:docs: data rebuild reproduces data/
bash scripts/bootstrap.sh --browser --latex --python	step:bootstrap
python3 scripts/fixtures/make_codecarbon_fixtures.py --manifest-only	as-written
EOF
)

markdown_files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files '*.md'
  else
    find . -name '*.md' -not -path './node_modules/*' -not -path './target/*' -not -path './.tools/*' | sed 's|^\./||' | sort
  fi
}

# file:line <TAB> kind <TAB> command, for every command in the Markdown files.
extract() {
  local f
  for f in $(markdown_files); do
    awk '
      function flush() {
        if (cmd != "") {
          gsub(/[ \t]+/, " ", cmd); sub(/^ /, "", cmd); sub(/ $/, "", cmd)
          print FILENAME ":" start "\t" kind "\t" cmd
        }
        cmd = ""
      }
      BEGIN { fence = "" }
      {
        line = $0
        if (fence == "") {
          if (match(line, /^ ? ? ?(```+|~~~+)/)) {
            fence = substr(line, RSTART, RLENGTH); sub(/^ +/, "", fence)
            info = substr(line, RSTART + RLENGTH); sub(/^[ \t]+/, "", info)
            split(info, parts, /[ ,{]/); lang = parts[1]
            cmd = ""
            next
          }
          # Inline code that starts with a program (after any VAR=value), and is not a synopsis.
          rest = line
          while (match(rest, /`[^`]+`/)) {
            span = substr(rest, RSTART + 1, RLENGTH - 2); rest = substr(rest, RSTART + RLENGTH)
            while (span ~ /^[A-Z_][A-Z0-9_]*=[^ ]* /) sub(/^[A-Z_][A-Z0-9_]*=[^ ]* /, "", span)
            if (span ~ /^(cargo|make|bash|sh|python3|python|node|npm|npx|pip|pip3|trunk|rustup|ml-emissions) +[^ ]/ && span !~ /…|\[/)
              print FILENAME ":" FNR "\tinline\t" span
          }
          next
        }
        if (index(line, fence) == 1 && substr(line, length(fence) + 1) ~ /^[ \t]*$/) {
          flush(); fence = ""; next
        }
        if (lang == "sh" || lang == "bash" || lang == "shell") {
          if (line ~ /^[ \t]*(#|$)/) next
          sub(/[ \t]+#.*$/, "", line)
          if (cmd == "") { start = FNR; kind = "sh" }
          if (line ~ /\\$/) { cmd = cmd substr(line, 1, length(line) - 1) " "; next }
          cmd = cmd line; flush()
        } else if (lang == "console") {
          if (line ~ /^\$ /) { flush(); start = FNR; kind = "console"; cmd = substr(line, 3) }
          else if (line ~ /^> / && cmd != "") { cmd = cmd " " substr(line, 3) }
          else flush()
        }
      }
      END { flush() }
    ' "$f"
  done
}

# The Markdown files that cli/tests/docs.rs runs with trycmd.
trycmd_cases() {
  grep -o '"\.\./[^"]*\.md"' cli/tests/docs.rs | tr -d '"' | sed 's|^\.\./||'
}

check() {
  local found=0 bad=0 where kind cmd proof step cases
  cases=$(trycmd_cases)
  while IFS=$'\t' read -r where kind cmd; do
    found=$((found + 1))
    if [ "$kind" = console ]; then
      if [[ "$cmd" == "ml-emissions "* ]] && grep -qxF "${where%%:*}" <<<"$cases"; then
        continue
      fi
      echo "UNREVIEWED $where: \$ $cmd (a console block of a file that cli/tests/docs.rs does not run)"
      bad=$((bad + 1)); continue
    fi
    proof=$(awk -F '\t' -v c="$cmd" '$1 == c { print $2; exit }' <<<"$REVIEWED")
    case "$proof" in
      "")
        echo "UNREVIEWED $where: $cmd"
        echo "  add it to REVIEWED in scripts/doc-commands.sh with what runs it (as-written, self or step:NAME)"
        bad=$((bad + 1)) ;;
      as-written | self) ;;
      step:*)
        step=${proof#step:}
        if ! grep -qF "step \"$step\"" scripts/test.sh; then
          echo "BROKEN $where: $cmd is said to be run by the step \"$step\", which scripts/test.sh does not have"
          bad=$((bad + 1))
        fi ;;
      *) echo "BROKEN $where: unknown proof \"$proof\""; bad=$((bad + 1)) ;;
    esac
  done < <(extract)
  # An entry that no doc shows any more is stale.
  while IFS=$'\t' read -r cmd proof; do
    if ! extract | awk -F '\t' -v c="$cmd" '$3 == c { found = 1 } END { exit !found }'; then
      echo "STALE: \"$cmd\" is in REVIEWED but no doc shows it"
      bad=$((bad + 1))
    fi
  done <<<"$REVIEWED"
  echo "$found documented commands, $bad problems"
  [ "$found" -gt 0 ] && [ "$bad" = 0 ]
}

run_as_written() {
  local cmd n=0
  while IFS=$'\t' read -r cmd proof; do
    [ "$proof" = as-written ] || continue
    n=$((n + 1))
    echo "--- $cmd"
    # Each one as the docs write it, from the repository root; its output goes to the log.
    bash -c "$cmd" >"$LOG_DIR/as-written-$n.out" 2>&1 || {
      echo "FAILED (exit $?): $cmd"; tail -n 20 "$LOG_DIR/as-written-$n.out"; return 1
    }
    echo "ok ($(wc -l <"$LOG_DIR/as-written-$n.out") lines of output)"
  done <<<"$REVIEWED"
  # And what they print is what they should: the help, and a LaTeX statement with the
  # README's figure (8 × H100 SXM for 72 h in us-east-1: 160.4 kg CO2eq, lifecycle basis).
  grep -q -- '--wh-per-request' "$LOG_DIR"/as-written-*.out ||
    { echo "FAILED: estimate --help does not list --wh-per-request"; return 1; }
  grep -q 'textbf{160.4~kg}' "$LOG_DIR"/as-written-*.out ||
    { echo "FAILED: the LaTeX statement does not say \\textbf{160.4~kg} (the README's 160.4 kg)"; return 1; }
  echo "the help lists --wh-per-request; the LaTeX statement says 160.4 kg, as the README does"
}

# The response to GET PATH on 127.0.0.1:PORT (bash alone: a fresh machine may have no curl).
http_get() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
    timeout 5 cat <&3
  ) 2>/dev/null
}

serve() {
  # trunk serve builds with Trunk.toml's [build] settings (release = true), so after the "wasm
  # build" step only trunk's own post-processing runs again (wasm-bindgen, wasm-opt): well under a
  # minute, where a debug build of the UI would take several.
  local port=8080 url="http://127.0.0.1:8080/" pid i=0 status=1
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use: stop what serves there first"; return 1
  fi
  setsid bash scripts/serve.sh >"$LOG_DIR/serve.out" 2>&1 &
  pid=$!
  for i in $(seq 1 300); do
    if http_get "$port" / | grep -qi '<html'; then
      echo "serve.sh answered on $url after ${i}s"; status=0; break
    fi
    kill -0 "$pid" 2>/dev/null || { echo "serve.sh stopped before serving:"; tail -n 30 "$LOG_DIR/serve.out"; break; }
    sleep 1
  done
  [ "$status" = 0 ] || [ "$i" != 300 ] || { echo "no answer on $url within 300 s"; tail -n 30 "$LOG_DIR/serve.out"; }
  # Stop serve.sh and the trunk it exec'd: the process group it leads (setsid above).
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return "$status"
}

bench() {
  local out
  out=$(mktemp -d)
  make bench BENCH_ARGS="--runs 1 --updates 5 --out $out/bench.json"
  test -s "$out/bench.json"
  rm -rf "$out"
}

# `node scripts/screenshots.mjs` as the README shows it: every view at 360 and 1280 px,
# light and dark, without a page error, into target/screenshots/.
screenshots() {
  node scripts/screenshots.mjs
  [ "$(find target/screenshots -name '*.png' -newer dist/index.html | wc -l)" -ge 40 ] || {
    echo "scripts/screenshots.mjs wrote fewer than 40 screenshots"; return 1; }
}

# A Python that has the script's two packages: python3 itself, or the virtual environment
# .tools/py, made and filled as data/README.md says (`pip install pycountry pycountry-convert`;
# Debian's Python wants a virtual environment for that, and python3-venv for one).
python_with_pycountry() {
  local py sudo=""
  for py in python3 .tools/py/bin/python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import pycountry, pycountry_convert' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  echo "installing pycountry and pycountry-convert into .tools/py" >&2
  rm -rf .tools/py
  if ! python3 -m venv .tools/py >&2 2>/dev/null; then
    rm -rf .tools/py
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3 python3-venv >&2 || return 1
    python3 -m venv .tools/py >&2 || return 1
  fi
  .tools/py/bin/pip install --quiet pycountry pycountry-convert >&2 || return 1
  echo .tools/py/bin/python3
}

data_rebuild() {
  local ref="${REFERENCE_DATA:-$REPO/../shared/reference-data}" out py f differ=0
  if [ ! -d "$ref" ]; then
    echo "SKIPPED: $ref does not exist (the data rebuild needs the reference data beside the repository)"
    return 0
  fi
  py=$(python_with_pycountry) || { echo "no Python 3 with pycountry and pycountry-convert could be set up"; return 1; }
  out=$(mktemp -d)
  # The hand-edited tables are inputs of the script's cross-checks.
  cp data/hardware.csv data/embodied.csv "$out/"
  "$py" scripts/data/build_tables.py --ref "$ref" --out "$out"
  for f in "$out"/*.csv; do
    if ! cmp -s "$f" "data/$(basename "$f")"; then
      echo "data/$(basename "$f") differs from what build_tables.py writes:"
      diff "data/$(basename "$f")" "$f" | head -n 10
      differ=1
    fi
  done
  rm -rf "$out"
  [ "$differ" = 0 ] && echo "every generated table is what build_tables.py writes from $ref"
}

LOG_DIR="${LOG_DIR:-$(mktemp -d)}"
mkdir -p "$LOG_DIR"
case "${1:-check}" in
  check) check ;;
  list) extract ;;
  run-as-written) run_as_written ;;
  serve) serve ;;
  bench) bench ;;
  screenshots) screenshots ;;
  data-rebuild) data_rebuild ;;
  *) echo "usage: $0 [check|list|run-as-written|serve|bench|screenshots|data-rebuild]" >&2; exit 2 ;;
esac
