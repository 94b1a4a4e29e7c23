#!/usr/bin/env bash
# Validates the CLI's SARIF output against the official SARIF 2.1.0 schema
# (tests/schemas/sarif-schema-2.1.0.json, a copy of the OASIS schema) with Python's
# jsonschema, for single files, several files, stdin, --ndjson, clean input, in Chinese,
# role bundles, an unusable config, and Terraform and shell files.
set -euo pipefail
python=${1:-python3}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build -q --bin importimage-lint
bin=target/debug/importimage-lint
out=$(mktemp -d)
"$bin" --format sarif examples/bad-import-image.json > "$out/bad.sarif" || true
"$bin" --format sarif examples/ tests/fixtures > "$out/many.sarif" || true
"$bin" --format sarif examples/import-image.json > "$out/clean.sarif"
"$bin" --format sarif --lang zh-CN examples/bad-import-image.json > "$out/zh-CN.sarif" || true
"$bin" --format sarif tests/fixtures/terraform tests/fixtures/shell > "$out/terraform-shell.sarif" || true
"$bin" --format sarif --stdin-filename req.json - < tests/fixtures/hostile/ansi-and-bidi.import-image.json > "$out/stdin.sarif" || true
"$bin" --format sarif --ndjson tests/fixtures/batch.ndjson > "$out/ndjson.sarif" || true
"$bin" role --format sarif examples/import-role.json --request examples/bad-import-image.json > "$out/role.sarif" || true
# An unusable configuration file: a tool configuration notification, and still valid SARIF.
cfg=$(mktemp -d)
cp examples/bad-import-image.json "$cfg/web.import-image.json"
printf '[rules]
image-name-lenght = "off"
' > "$cfg/importimage-lint.toml"
(cd "$cfg" && "$root/$bin" --format sarif .) > "$out/config-error.sarif" || true
rm -rf "$cfg"
"$python" - "$out" <<'PY'
import json, sys, pathlib
from jsonschema import Draft4Validator
schema = json.load(open("tests/schemas/sarif-schema-2.1.0.json"))
validator = Draft4Validator(schema)
total = 0
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.sarif")):
    log = json.load(open(f))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for e in errors[:5]:
        print(f"{f.name}: {list(e.path)}: {e.message}")
    assert not errors, f"{f.name} does not validate"
    results = log["runs"][0]["results"]
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert all(r["ruleId"] in rules for r in results)
    total += len(results)
    print(f"{f.name}: valid SARIF 2.1.0, {len(results)} results")
assert total > 10, "expected findings in the bad inputs"
PY
