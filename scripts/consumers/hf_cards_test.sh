#!/usr/bin/env bash
# The Hugging Face YAML the core writes, read by the real consumer (a step of scripts/test.sh):
#   1. scripts/pyenv.sh makes .venv-test (huggingface_hub pinned in scripts/requirements-test.txt)
#   2. the example hf_cards writes cards for tiny, zero and huge emissions, a hostile name,
#      inference only, an ordinary run and a five-phase project, each as the YAML block
#      (--format hf) and as a whole model card (--format hf-card), with expected.json
#   3. hf_cards_test.py loads each with ModelCard/ModelCardData and asks the Hub client's own
#      emissions filter which number it reads; a whole card's body must fill the Environmental
#      Impact fields of the Hub's installed template and state the same grams
# Exit status non-zero if a card is misread. Needs python3 >= 3.9 with venv.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$REPO"

python=$(bash scripts/pyenv.sh)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run -q -p emissions-core --example hf_cards "$out" >/dev/null
"$python" scripts/consumers/hf_cards_test.py "$out"
