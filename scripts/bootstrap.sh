#!/usr/bin/env bash
# Idempotent installer of the build/test tools (see /work/shared/TOOLCHAIN.md for why
# these exact versions). Installs only what is missing or at the wrong version, so a
# second run takes seconds. Needs rustup, cargo, node and npm; nothing is fetched from
# anywhere but crates.io, npm and Debian's apt.
#
#   scripts/bootstrap.sh [--browser] [--latex] [--python]
#     --browser  also install Debian's chromium (for the e2e/ browser tests)
#     --latex    also install pdflatex, bibtex and pdftotext
#     --python   also make .venv-test (scripts/pyenv.sh: the test-only Python consumers)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
WASM_OPT_VERSION=132

want_browser=0 want_latex=0 want_python=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --latex) want_latex=1 ;;
    --python) want_python=1 ;;
    *) echo "usage: $0 [--browser] [--latex] [--python]" >&2; exit 2 ;;
  esac
done

say() { echo "[bootstrap] $*"; }
# apt-get as root, or through sudo otherwise.
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  say "apt-get install $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}
# cargo_tool BINARY CRATE VERSION [cargo install flags]: install unless `BINARY --version`
# already prints VERSION.
cargo_tool() {
  local bin=$1 crate=$2 version=$3; shift 3
  local have
  have=$("$bin" --version 2>/dev/null || true)
  if [ "$have" = "$bin $version" ]; then
    say "skip $crate: $have"
    return
  fi
  say "install $crate@$version (found: ${have:-none}); this takes minutes"
  cargo install "$crate@$version" --force "$@"
  have=$("$bin" --version)
  [ "$have" = "$bin $version" ] || { say "ERROR: $bin --version says '$have'"; exit 1; }
}

# 1. Rust target for the browser build.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "skip wasm32-unknown-unknown target: installed"
else
  say "add wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. Trunk and wasm-bindgen-cli. wasm-bindgen-cli must NOT be --locked (its lock file
#    names a crate version crates.io does not serve); trunk must be --locked.
cargo_tool trunk trunk "$TRUNK_VERSION" --locked
cargo_tool wasm-bindgen wasm-bindgen-cli "$WASM_BINDGEN_VERSION"

# 3. npm devDependencies (wasm-opt, playwright-core). npm writes
#    node_modules/.package-lock.json on every install: older than the lock = stale.
if [ -f node_modules/.package-lock.json ] \
   && [ ! package.json -nt node_modules/.package-lock.json ] \
   && { [ ! -f package-lock.json ] || [ ! package-lock.json -nt node_modules/.package-lock.json ]; }; then
  say "skip npm: node_modules up to date"
elif [ -f package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
else
  say "npm install (no package-lock.json)"
  npm install --no-audit --no-fund
fi
wasm_opt=$(wasm-opt --version)
case "$wasm_opt" in
  *"version $WASM_OPT_VERSION "*) say "wasm-opt: $wasm_opt" ;;
  *) say "ERROR: need wasm-opt version $WASM_OPT_VERSION, got '$wasm_opt' ($(command -v wasm-opt))"; exit 1 ;;
esac

# 4. Optional system packages.
if [ "$want_browser" = 1 ]; then
  if [ -x /usr/bin/chromium ]; then
    say "skip chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  else
    apt_install chromium
  fi
fi
if [ "$want_latex" = 1 ]; then
  # texlive-publishers brings real conference classes (acmart, IEEEtran, llncs,
  # elsarticle) for scripts/latex-test.sh; acmart needs texlive-latex-extra.
  if command -v pdflatex >/dev/null && command -v bibtex >/dev/null && command -v pdftotext >/dev/null \
     && kpsewhich acmart.cls >/dev/null 2>&1 && kpsewhich IEEEtran.cls >/dev/null 2>&1; then
    say "skip LaTeX: pdflatex, bibtex, pdftotext and the conference templates present"
  else
    apt_install texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-bibtex-extra \
      texlive-publishers poppler-utils lmodern
  fi
fi

if [ "$want_python" = 1 ]; then
  bash scripts/pyenv.sh >/dev/null
fi

# 5. Crates into the local cache: Trunk.toml sets offline = true, so the wasm build
#    can not download anything itself.
say "cargo fetch"
cargo fetch --quiet
say "done"
