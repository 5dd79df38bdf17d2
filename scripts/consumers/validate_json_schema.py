#!/usr/bin/env python3
"""Validate a JSON file against a JSON Schema, offline, and print every error with its path.

    .venv-test/bin/python scripts/consumers/validate_json_schema.py SCHEMA.json INSTANCE.json
        [--ref-dir DIR] [--draft auto|4|6|7|2019-09|2020-12]

Every *.json file in --ref-dir (default: the schema's own folder) is registered under its
"$id" (or draft-04 "id") and its file: URI, so a "$ref" to an absolute URL such as
https://raw.githubusercontent.com/Boavizta/BoAmps/main/model/measure_schema.json resolves
to the local copy; a "$ref" to anything else is an error, never a download.

--draft auto (default) uses the draft named by the schema's "$schema" (jsonschema's
validator_for); BoAmps' schemas say draft-04, while BoAmps' own tools/schema_validator uses
Draft 2020-12: --draft 2020-12 reproduces that tool's reading.

Output: one line per error, "ERROR <instance JSON pointer>: <message>  [schema: <schema
pointer>]", sorted by path, then "N error(s)" or "valid". Exit 0 if valid, 1 if not, 2 on
a usage or schema problem.
"""

import argparse
import json
import sys
from pathlib import Path

import jsonschema
from importlib.metadata import version
from jsonschema import validators
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT4

DRAFTS = {
    "4": validators.Draft4Validator,
    "6": validators.Draft6Validator,
    "7": validators.Draft7Validator,
    "2019-09": validators.Draft201909Validator,
    "2020-12": validators.Draft202012Validator,
}


def pointer(parts) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts) if parts else "/"


def load(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("schema", type=Path)
    ap.add_argument("instance", type=Path)
    ap.add_argument("--ref-dir", type=Path)
    ap.add_argument("--draft", default="auto", choices=["auto", *DRAFTS])
    a = ap.parse_args(argv)

    try:
        schema = load(a.schema)
        instance = load(a.instance)
    except (OSError, json.JSONDecodeError) as e:
        print(f"cannot read: {e}", file=sys.stderr)
        return 2

    resources = []
    for p in sorted((a.ref_dir or a.schema.parent).glob("*.json")):
        try:
            contents = load(p)
        except (OSError, json.JSONDecodeError):
            continue
        if not isinstance(contents, dict) or not any(k in contents for k in ("$schema", "$id", "id")):
            continue
        res = Resource.from_contents(contents, default_specification=DRAFT4)
        for uri in {contents.get("$id"), contents.get("id"), p.resolve().as_uri()} - {None}:
            resources.append((uri.rstrip("#"), res))

    def offline(uri):
        raise NoSuchResource(ref=uri)

    registry = Registry(retrieve=offline).with_resources(resources)
    cls = validators.validator_for(schema, default=validators.Draft202012Validator) if a.draft == "auto" else DRAFTS[a.draft]
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as e:
        print(f"the schema is not a valid {cls.__name__} schema: {e.message} at {pointer(e.absolute_path)}", file=sys.stderr)
        return 2
    validator = cls(schema, registry=registry)
    print(f"# jsonschema {version('jsonschema')}, {cls.__name__}, {len(resources)} local resources; "
          f"schema {a.schema}, instance {a.instance}")
    try:
        errors = sorted(validator.iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    except Exception as e:  # an unresolvable $ref surfaces here
        print(f"cannot validate: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    for e in errors:
        print(f"ERROR {pointer(e.absolute_path)}: {e.message}  [schema: {pointer(e.absolute_schema_path)}]")
    print(f"{len(errors)} error(s)" if errors else "valid")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
