# Sourced by the other scripts (and usable by hand: `source scripts/env.sh`).
# Sets REPO to the repository root and puts the project's tools first on PATH:
#   node_modules/.bin  -> wasm-opt (binaryen 132, npm); Debian's binaryen 108 is too old
#   ~/.cargo/bin       -> trunk 0.21.14, wasm-bindgen 0.2.130
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
for dir in "$CARGO_BIN" "$REPO/node_modules/.bin"; do
  case ":$PATH:" in
    *":$dir:"*) ;;                  # already there
    *) PATH="$dir:$PATH" ;;
  esac
done
export PATH
