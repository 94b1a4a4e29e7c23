#!/usr/bin/env bash
# Checks the JSON Schemas `importimage-lint schema` prints with Python's jsonschema (a
# validator nobody here wrote, using Python's own regular expressions): each is valid
# draft 2020-12, and the bundled examples validate as the linter judges them.
set -euo pipefail
python=${1:-python3}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build -q --bin importimage-lint
bin=target/debug/importimage-lint
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for profile in 2019-01 current; do
  for form in flat nested; do
    "$bin" schema --profile "$profile" --form "$form" > "$out/$profile.$form.json"
  done
done
"$python" - "$out" <<'PY'
import json, pathlib, subprocess, sys
from jsonschema import Draft202012Validator
out = pathlib.Path(sys.argv[1])
for f in sorted(out.glob("*.json")):
    schema = json.load(open(f))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    print(f"{f.name}: valid draft 2020-12")
    if f.name.endswith(".nested.json"):
        profile = f.name.rsplit(".", 2)[0]
        for example in ["examples/import-image.json", "examples/bad-import-image.json"]:
            doc = json.load(open(example))
            lint = subprocess.run(["target/debug/importimage-lint", "--profile", profile, example], capture_output=True)
            assert validator.is_valid(doc) == (lint.returncode == 0), (f.name, example)
            print(f"  {example}: schema and linter agree ({'valid' if lint.returncode == 0 else 'invalid'})")
PY
