#!/usr/bin/env python3
"""The Hugging Face YAML the core writes, read by huggingface_hub: a test.

    .venv-test/bin/python scripts/consumers/hf_cards_test.py DIR

DIR holds the cards of `cargo run -q -p emissions-core --example hf_cards DIR`
(tiny, zero and huge emissions, a hostile name, inference only, an ordinary run, a
five-phase project; each as the YAML block, NAME.yaml, and as the whole model card of
--format hf-card, NAME.md) and their expected.json. Each card goes through hf_card_check.check(): ModelCard.load (PyYAML
into ModelCardData), the to_yaml round trip, and the Hub client's own emissions
filter (_is_emission_within_threshold, behind list_models(emissions_thresholds=...)),
whose number is found by bisection over its answers. Asserted for every card:

  - the card loads and round-trips;
  - the filter lists the model and reads exactly the grams the card states (six
    significant digits), within 5e-6 of the unrounded grams;
  - training_type is one of the Hub's documented values, or absent where expected;
  - no text of co2_eq_emissions, and no character of the file, is a Unicode
    non-character; hardware_used is the cleaned name where one is given;
  - for a whole card (NAME.md): it loads as a card (front matter, not wrapped); its
    body (ModelCard.text) has the "## Environmental Impact" section of the Hub's own
    template, installed with huggingface_hub (templates/modelcard_template.md), with
    every field of that section's list in the template's order, each filled (never
    the template's "[More Information Needed]"), and its Carbon Emitted states the
    grams the filter reads.

One line per card; exit status 1 if any check failed.
"""

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hf_card_check  # noqa: E402  (the checker next to this file)

DOCUMENTED = hf_card_check.TRAINING_TYPES_DOCUMENTED


def noncharacter(c: str) -> bool:
    u = ord(c)
    return 0xFDD0 <= u <= 0xFDEF or (u & 0xFFFE) == 0xFFFE


def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for k, x in v.items():
            yield from strings(k)
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)


def problems_of(path: Path, want: dict, r: dict) -> list:
    out = []
    if not r.get("loaded"):
        return [f"does not load: {r.get('error')}"]
    if not r.get("roundtrip_equal"):
        out.append("to_yaml() does not round-trip co2_eq_emissions")
    co2 = r.get("co2_eq_emissions")
    if not isinstance(co2, dict):
        return out + [f"co2_eq_emissions is {co2!r}"]
    reads, expected, true = r.get("hub_filter_reads"), want["filter_reads"], want["true_grams"]
    if not r.get("hub_filter_listed"):
        out.append(f"the Hub's filter does not list it (emissions {co2.get('emissions')!r})")
    elif reads != expected:
        out.append(f"the Hub's filter reads {reads!r} g, the card states {expected!r} g")
    elif abs(reads - true) > 5e-6 * abs(true):
        out.append(f"the filter reads {reads!r} g, the estimate is {true!r} g")
    t = co2.get("training_type")
    if t != want["training_type"]:
        out.append(f"training_type {t!r}, expected {want['training_type']!r}")
    if t is not None and t not in DOCUMENTED:
        out.append(f"training_type {t!r} is not one of the documented {DOCUMENTED}")
    if "hardware_used" in want and co2.get("hardware_used") != want["hardware_used"]:
        out.append(f"hardware_used {co2.get('hardware_used')!r}, expected {want['hardware_used']!r}")
    bad = sorted({f"U+{ord(c):04X}" for s in strings(co2) for c in s if noncharacter(c)})
    raw = sorted({f"U+{ord(c):04X}" for c in path.read_text(encoding="utf-8") if noncharacter(c)})
    if bad or raw:
        out.append(f"non-characters: parsed {bad}, in the file {raw}")
    return out


def template_fields() -> list:
    """The field labels of the Environmental Impact section of the Hub's default card
    template, as installed with huggingface_hub: "- **Hardware Type:** {{ hardware_type ..."."""
    import huggingface_hub

    path = Path(huggingface_hub.__file__).parent / "templates" / "modelcard_template.md"
    text = path.read_text(encoding="utf-8")
    section = text.split("## Environmental Impact", 1)[1].split("\n## ", 1)[0]
    fields = re.findall(r"^- \*\*(.+?):\*\* \{\{", section, flags=re.M)
    assert fields, f"no fields in the Environmental Impact section of {path}"
    return fields


def body_problems(path: Path, want: dict, fields: list) -> list:
    from huggingface_hub import ModelCard

    out = []
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---\n"):
        return ["the card does not start with YAML front matter"]
    card = ModelCard.load(path)
    body = card.text
    if "## Environmental Impact" not in body:
        return ["the body has no '## Environmental Impact' section"]
    section = body.split("## Environmental Impact", 1)[1]
    at = 0
    values = {}
    for f in fields:
        m = re.compile(r"^- \*\*" + re.escape(f) + r":\*\* (.+)$", re.M).search(section, at)
        if not m:
            out.append(f"no '- **{f}:**' line after the previous field")
            continue
        at = m.end()
        values[f] = m.group(1)
        if "[More Information Needed]" in m.group(1) or not m.group(1).strip():
            out.append(f"{f} is not filled")
    carbon = values.get("Carbon Emitted", "")
    m = re.match(r"([\d,]+(?:\.\d+)?) g CO2eq", carbon)
    if not m:
        out.append(f"Carbon Emitted does not start with grams: {carbon!r}")
    elif float(m.group(1).replace(",", "")) != want["filter_reads"]:
        out.append(f"Carbon Emitted states {m.group(1)} g, the metadata {want['filter_reads']!r} g")
    return out


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    d = Path(argv[1])
    expected = json.loads((d / "expected.json").read_text(encoding="utf-8"))
    import huggingface_hub

    fields = template_fields()
    print(f"huggingface_hub {huggingface_hub.__version__}, filter {hf_card_check.FILTER}")
    print(f"template Environmental Impact fields: {', '.join(fields)}")
    failed = 0
    for name, want in sorted(expected.items()):
        path = d / name
        r = hf_card_check.check(path)
        problems = problems_of(path, want, r)
        if want.get("body") and r.get("loaded"):
            if r.get("wrapped_as_front_matter"):
                problems.append("the card was read as a bare YAML block, not as a card")
            problems += body_problems(path, want, fields)
        co2 = r.get("co2_eq_emissions") or {}
        e = co2.get("emissions") if isinstance(co2, dict) else None
        what = f"emissions {e!r} ({type(e).__name__}) -> filter reads {r.get('hub_filter_reads')!r} g (estimate {want['true_grams']!r} g)"
        if problems:
            failed += 1
            print(f"FAIL {name}: {what}")
            for p in problems:
                print(f"       {p}")
        else:
            body = ", body: Environmental Impact filled, same grams" if want.get("body") else ""
            print(f"ok   {name}: {what}, training_type {co2.get('training_type')!r}{body}")
    print(f"{len(expected) - failed} of {len(expected)} cards read right")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
