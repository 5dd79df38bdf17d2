#!/usr/bin/env bash
# Test-only Python venv for the consumers in scripts/consumers/: creates .venv-test from
# scripts/requirements-test.txt (PyPI only), idempotent: when the venv exists and was
# made from the same requirements file (its sha256 is kept in .venv-test/.requirements),
# it does nothing and takes well under a second.
#
#   scripts/pyenv.sh            make or refresh .venv-test, print its python
#   scripts/pyenv.sh --check    exit 1 if .venv-test is missing or stale, install nothing
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

venv="$REPO/.venv-test"
req="$REPO/scripts/requirements-test.txt"
want=$(sha256sum "$req" | cut -d' ' -f1)
have=$(cat "$venv/.requirements" 2>/dev/null || true)
say() { echo "[pyenv] $*" >&2; }

if [ "$have" = "$want" ] && [ -x "$venv/bin/python" ]; then
  say "skip: .venv-test matches scripts/requirements-test.txt"
  echo "$venv/bin/python"
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  say ".venv-test is missing or stale: run scripts/pyenv.sh"
  exit 1
fi

python=${PYTHON:-python3}
command -v "$python" >/dev/null || { say "ERROR: $python not found"; exit 1; }
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' || { say "ERROR: need Python >= 3.9"; exit 1; }
if [ ! -x "$venv/bin/python" ]; then
  say "create .venv-test with $("$python" --version)"
  "$python" -m venv "$venv"
fi
say "pip install -r scripts/requirements-test.txt"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$req"
"$venv/bin/python" -c 'import huggingface_hub, jsonschema' 
echo "$want" > "$venv/.requirements"
say "done: $("$venv/bin/python" -c 'import huggingface_hub as h, jsonschema as j, importlib.metadata as m; print("huggingface_hub", h.__version__, "jsonschema", m.version("jsonschema"))')"
echo "$venv/bin/python"
