#!/usr/bin/env python3
"""Read model cards the way huggingface_hub does, and ask the Hub client's own emissions
filter which number it reads.

    .venv-test/bin/python scripts/consumers/hf_card_check.py CARD.md [CARD.md ...]

CARD.md is a model card (README.md: YAML front matter between '---' lines, then the
body). A file that does not start with '---' is taken as the YAML block alone (what
`ml-emissions estimate --format hf` prints for pasting) and wrapped in '---' lines.

For each card, one JSON object on stdout:
  loaded              ModelCard.load(path) parsed the card (else "error" says why)
  co2_eq_emissions    the parsed co2_eq_emissions mapping, as huggingface_hub holds it
  emissions_type      Python type of co2_eq_emissions.emissions after YAML parsing
  roundtrip_equal     card.data.to_yaml() parses back to the same co2_eq_emissions
  hub_filter_listed   huggingface_hub.utils.endpoint_helpers._is_emission_within_threshold
                      (the filter behind HfApi.list_models(emissions_thresholds=...)) keeps
                      the model for thresholds (0, inf)
  hub_filter_reads    the number that filter compares with the thresholds, found by
                      bisection over its own answers (no re-implementation of its parsing)
  documented_unit     "g", per the Hub documentation of co2_eq_emissions
Exit status 1 if any card failed to load.

The Hub server parses the YAML itself and sends cardData as JSON; here the locally parsed
mapping is handed to ModelInfo(cardData=...), the same constructor list_models() uses.
"""

import json
import math
import struct
import sys
import tempfile
from pathlib import Path

import huggingface_hub
import yaml
from huggingface_hub import ModelCard, ModelCardData
from huggingface_hub.hf_api import ModelInfo
from huggingface_hub.utils.endpoint_helpers import _is_emission_within_threshold

FILTER = "huggingface_hub.utils.endpoint_helpers._is_emission_within_threshold"
TRAINING_TYPES_DOCUMENTED = ["pre-training", "fine-tuning"]  # Hub docs, model-cards-co2


def bits(x: float) -> int:
    return struct.unpack("<q", struct.pack("<d", x))[0]


def unbits(i: int) -> float:
    return struct.unpack("<d", struct.pack("<q", i))[0]


def value_read_by_filter(info) -> float | None:
    """Smallest non-negative double m with filter(info, 0, m) True, by bisection on the
    ordered bit patterns of non-negative doubles (the filter's number is never negative:
    it reads digits only)."""
    if not _is_emission_within_threshold(info, 0, math.inf):
        return None
    lo, hi = bits(0.0), bits(math.inf)
    if _is_emission_within_threshold(info, 0, 0.0):
        return 0.0
    while hi - lo > 1:  # invariant: filter(0, unbits(lo)) False, filter(0, unbits(hi)) True
        mid = (lo + hi) // 2
        if _is_emission_within_threshold(info, 0, unbits(mid)):
            hi = mid
        else:
            lo = mid
    v = unbits(hi)
    assert _is_emission_within_threshold(info, v, v), v
    return v


def check(path: Path) -> dict:
    out = {"file": str(path)}
    raw = path.read_text(encoding="utf-8", errors="surrogateescape")
    if not raw.lstrip("\ufeff").startswith("---"):
        tmp = Path(tempfile.mkdtemp()) / "README.md"
        tmp.write_text(f"---\n{raw.rstrip()}\n---\n\n# Model card\n", encoding="utf-8", errors="surrogateescape")
        out["wrapped_as_front_matter"] = True
        path = tmp
    try:
        card = ModelCard.load(path)
    except Exception as e:  # what a user of huggingface_hub would see
        out["loaded"] = False
        out["error"] = f"{type(e).__module__}.{type(e).__name__}: {e}"
        return out
    out["loaded"] = True
    data = card.data.to_dict()
    co2 = data.get("co2_eq_emissions")
    out["co2_eq_emissions"] = co2
    if isinstance(co2, dict):
        out["emissions_type"] = type(co2.get("emissions")).__name__
        t = co2.get("training_type")
        out["training_type_documented"] = t in TRAINING_TYPES_DOCUMENTED if t is not None else None
    else:
        out["emissions_type"] = type(co2).__name__
    again = yaml.safe_load(card.data.to_yaml())
    out["roundtrip_equal"] = (again or {}).get("co2_eq_emissions") == co2
    info = ModelInfo(id="local/" + path.parent.name, cardData=data)
    out["hub_filter_listed"] = _is_emission_within_threshold(info, 0, math.inf)
    out["hub_filter_reads"] = value_read_by_filter(info)
    out["documented_unit"] = "g"
    return out


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps({"huggingface_hub": huggingface_hub.__version__, "filter": FILTER,
                      "ModelCardData": ModelCardData.__module__}))
    failed = 0
    for p in argv[1:]:
        r = check(Path(p))
        failed += not r.get("loaded")
        print(json.dumps(r, ensure_ascii=True, default=str))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
