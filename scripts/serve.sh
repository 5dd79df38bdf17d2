#!/usr/bin/env bash
# Install what is missing, then serve the app with live rebuilds on
# http://127.0.0.1:8080 (address, port and release mode come from Trunk.toml).
# Extra arguments go to `trunk serve`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"
bash scripts/bootstrap.sh
exec trunk serve "$@"
