#!/usr/bin/env bash
# The BoAmps reports the core writes (--format boamps), read by the real consumer (a step of
# scripts/test.sh): a JSON Schema validator (jsonschema, pinned in scripts/requirements-test.txt)
# on BoAmps' own report schema at a pinned commit (core/tests/fixtures/boamps/, CC BY 4.0), offline.
#
#   bash scripts/consumers/boamps_test.sh
#
# Each report is validated twice: with the draft the schemas name (draft-04) and with Draft 2020-12,
# the reading of BoAmps' own tools/schema_validator. Cases: one cloud run, a job described by its
# compute (6 × N × D, with parameters), a CPU job in a grid zone, a custom device at a custom
# intensity (no place: no environment), inference from requests only, the five-phase project of
# core/tests/fixtures/multi-run.json, and a real CodeCarbon 3.3.2 emissions.csv (4 GPUs) imported.
# Then, for the cloud run, the fields CodeCarbon's own BoAmps output leaves empty are checked:
# powerSourceCarbonIntensity and quality.
# Exit status non-zero if a report is invalid. Needs python3 >= 3.9 with venv.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$REPO"

python=$(bash scripts/pyenv.sh)
cargo build -q -p ml-emissions --bin ml-emissions
bin="$REPO/target/debug/ml-emissions"
schema=core/tests/fixtures/boamps/report_schema.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failures=0 passed=0
report() { # report NAME CLI-ARGS...
  local name=$1; shift
  "$bin" estimate "$@" --format boamps --output "$work/$name.json"
  local draft out
  for draft in auto 2020-12; do
    if out=$("$python" scripts/consumers/validate_json_schema.py "$schema" "$work/$name.json" --draft "$draft" 2>&1); then
      echo "ok   $name (draft $draft): $(tail -n 1 <<<"$out")"
      passed=$((passed + 1))
    else
      echo "FAIL $name (draft $draft):"
      echo "$out" | sed 's/^/       /'
      failures=$((failures + 1))
    fi
  done
}

report cloud-h100 --hardware "H100 SXM" --devices 8 --hours 72 --region aws:us-east-1
report compute-7b --hardware "H100 SXM" --devices 256 --params 7 --tokens 2000 --mfu 40 --region aws:us-east-1
report cpu-zone --hardware none --cpu-cores 12 --memory 64 --hours 12 --zone FR
report custom-intensity --project 'Lab "TPU" & <b>' --hardware custom --name 'Lab "v2"' --power 300 --devices 4 \
  --days 2 --intensity 450 --pue 1.2
report inference-only --requests 1000000 --wh-per-request 0.3 --basis "ML.ENERGY leaderboard" --region gcp:us-central1
report multi-run --from-json core/tests/fixtures/multi-run.json
report codecarbon-gpu4 --from-codecarbon core/tests/fixtures/codecarbon/cc3.3.2-gpu4.csv

# What CodeCarbon leaves out, filled: the intensity used and the quality from the range.
"$python" - "$work/cloud-h100.json" <<'PY' || failures=$((failures + 1))
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
ci = r["environment"]["powerSourceCarbonIntensity"]
kwh = sum(m["powerConsumption"] for m in r["measures"])
print(f"     cloud-h100: powerSourceCarbonIntensity {ci} gCO2eq/kWh, quality {r['quality']!r}, "
      f"{kwh} kWh -> {kwh * ci / 1000:.4g} kg CO2eq")
assert abs(ci - 349.06) < 0.01, ci
assert r["quality"] == "medium", r["quality"]
assert abs(kwh * ci / 1000 - 160.4) < 0.05, kwh * ci
PY

# The validator is not vacuous: the same report without its task family is refused.
"$python" -c 'import json, sys; r = json.load(open(sys.argv[1])); del r["task"]["taskFamily"]; json.dump(r, open(sys.argv[2], "w"))' \
  "$work/cloud-h100.json" "$work/broken.json"
if out=$("$python" scripts/consumers/validate_json_schema.py "$schema" "$work/broken.json" 2>&1); then
  echo "FAIL the validator accepts a report without task.taskFamily"; failures=$((failures + 1))
else
  echo "ok   a report without task.taskFamily is refused: $(grep -m 1 "^ERROR" <<<"$out")"
fi

echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
